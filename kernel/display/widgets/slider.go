package widgets

import (
	"fmt"
	"math"

	"github.com/descentlab/descent/kernel/display/comm"
)

// sliderState is the state every slider model has besides its numbers.
func sliderState(description, readout string) map[string]any {
	return map[string]any{
		"description": description, "description_allow_html": false, "disabled": false,
		"continuous_update": true, "orientation": "horizontal", "readout": true,
		"readout_format": readout, "behavior": "drag-tap",
	}
}

// sliderStyle lets a long description show whole.
func sliderStyle() map[string]any {
	return map[string]any{"description_width": "initial", "handle_color": nil}
}

// FloatSlider is a slider over real numbers, like ipywidgets.FloatSlider:
// the front end shows it with its description and value, and the value a
// student sets by dragging is readable at once, from any later cell and by
// a running one.
type FloatSlider struct {
	domWidget
	obs observers[float64]
}

// NewFloatSlider returns a slider named description over [min, max] set at
// value (clamped into the range). Its step is a round hundredth of the
// range, changed with SetStep.
func NewFloatSlider(description string, value, min, max float64) *FloatSlider {
	min, max = orderRange(min, max)
	step := roundStep((max - min) / 100)
	s := &FloatSlider{}
	s.domWidget = newDOM("FloatSlider", mergeState(sliderState(description, readoutFor(step)), map[string]any{
		"value": clamp(value, min, max), "min": min, "max": max, "step": step,
	}), nil, "SliderStyleModel", sliderStyle())
	s.m.onUpdate = func(changed map[string]any) comm.Work {
		if _, ok := changed["value"]; !ok {
			return nil
		}
		return s.obs.work(s.snap())
	}
	return s
}

// snap rounds the value the front end sent to the decimals of the step
// (a browser's sums leave 0.16599999999999998 where 0.166 was meant), and
// returns it.
func (s *FloatSlider) snap() float64 {
	s.m.mu.Lock()
	defer s.m.mu.Unlock()
	v, _ := toFloat(s.m.state["value"])
	step, _ := toFloat(s.m.state["step"])
	if step > 0 && step < 1 {
		p := math.Pow(10, math.Ceil(-math.Log10(step)-1e-9))
		v = math.Round(v*p) / p
		s.m.state["value"] = v
	}
	return v
}

// Value returns the slider's value.
func (s *FloatSlider) Value() float64 {
	v, _ := toFloat(s.m.get("value"))
	return v
}

// Min returns the low end of the range.
func (s *FloatSlider) Min() float64 { v, _ := toFloat(s.m.get("min")); return v }

// Max returns the high end of the range.
func (s *FloatSlider) Max() float64 { v, _ := toFloat(s.m.get("max")); return v }

// SetValue moves the slider to v (clamped into its range) and calls the
// observers.
func (s *FloatSlider) SetValue(v float64) *FloatSlider {
	v = clamp(v, s.Min(), s.Max())
	s.m.set(map[string]any{"value": v}, nil)
	s.obs.call(v)
	return s
}

// SetStep sets the step of the slider and the digits it shows.
func (s *FloatSlider) SetStep(step float64) *FloatSlider {
	if step > 0 && !math.IsInf(step, 0) {
		s.m.set(map[string]any{"step": step, "readout_format": readoutFor(step)}, nil)
	}
	return s
}

// SetReadoutFormat sets how the value is shown, as a d3-format string
// (".3f", ".2e").
func (s *FloatSlider) SetReadoutFormat(format string) *FloatSlider {
	s.m.set(map[string]any{"readout_format": format}, nil)
	return s
}

// SetWidth sets the slider's width, as CSS ("500px", "100%").
func (s *FloatSlider) SetWidth(css string) *FloatSlider { s.setLayout("width", css); return s }

// Observe calls f with the new value each time it changes, in the front end
// (while no cell runs, or right after the running cell) or through
// SetValue.
func (s *FloatSlider) Observe(f func(value float64)) *FloatSlider { s.obs.add(f); return s }

// Description returns the slider's name.
func (s *FloatSlider) Description() string { return s.description() }

// String describes the slider: FloatSlider(η = 0.1).
func (s *FloatSlider) String() string {
	return describe("FloatSlider", s.Description(), formatFloat(s.Value()))
}

// MIMEBundle is the slider's display: the widget, and a text fallback.
func (s *FloatSlider) MIMEBundle() (map[string]any, map[string]any) {
	return viewBundle(s.ModelID(), s.String())
}

// FloatLogSlider is a slider over real numbers on a log scale, like
// ipywidgets.FloatLogSlider: each step multiplies the value by the same
// factor, which suits learning rates and temperatures.
type FloatLogSlider struct {
	domWidget
	obs observers[float64]
}

// NewFloatLogSlider returns a log-scale slider named description over
// [min, max] (both > 0; the model stores their base-10 exponents), set at
// value. A step is a hundredth of the range's decades.
func NewFloatLogSlider(description string, value, min, max float64) *FloatLogSlider {
	if !(min > 0) {
		min = 1e-6
	}
	if !(max > min) {
		max = min * 10
	}
	lo, hi := math.Log10(min), math.Log10(max)
	s := &FloatLogSlider{}
	s.domWidget = newDOM("FloatLogSlider", mergeState(sliderState(description, ".3g"), map[string]any{
		"value": clamp(value, min, max), "min": lo, "max": hi, "step": (hi - lo) / 100, "base": 10.0,
	}), nil, "SliderStyleModel", sliderStyle())
	s.m.onUpdate = func(changed map[string]any) comm.Work {
		if _, ok := changed["value"]; !ok {
			return nil
		}
		return s.obs.work(s.Value())
	}
	return s
}

// Value returns the slider's value.
func (s *FloatLogSlider) Value() float64 {
	v, _ := toFloat(s.m.get("value"))
	return v
}

// bounds returns the range in values (not exponents).
func (s *FloatLogSlider) bounds() (float64, float64) {
	lo, _ := toFloat(s.m.get("min"))
	hi, _ := toFloat(s.m.get("max"))
	return math.Pow(10, lo), math.Pow(10, hi)
}

// SetValue moves the slider to v (clamped into its range) and calls the
// observers.
func (s *FloatLogSlider) SetValue(v float64) *FloatLogSlider {
	lo, hi := s.bounds()
	v = clamp(v, lo, hi)
	s.m.set(map[string]any{"value": v}, nil)
	s.obs.call(v)
	return s
}

// SetWidth sets the slider's width, as CSS ("500px", "100%").
func (s *FloatLogSlider) SetWidth(css string) *FloatLogSlider { s.setLayout("width", css); return s }

// Observe calls f with the new value each time it changes (see
// FloatSlider.Observe).
func (s *FloatLogSlider) Observe(f func(value float64)) *FloatLogSlider { s.obs.add(f); return s }

// Description returns the slider's name.
func (s *FloatLogSlider) Description() string { return s.description() }

// String describes the slider: FloatLogSlider(T = 0.1).
func (s *FloatLogSlider) String() string {
	return describe("FloatLogSlider", s.Description(), formatFloat(s.Value()))
}

// MIMEBundle is the slider's display: the widget, and a text fallback.
func (s *FloatLogSlider) MIMEBundle() (map[string]any, map[string]any) {
	return viewBundle(s.ModelID(), s.String())
}

// IntSlider is a slider over integers, like ipywidgets.IntSlider.
type IntSlider struct {
	domWidget
	obs observers[int]
}

// NewIntSlider returns a slider named description over [min, max] with step
// 1, set at value (clamped into the range).
func NewIntSlider(description string, value, min, max int) *IntSlider {
	if max < min {
		min, max = max, min
	}
	s := &IntSlider{}
	s.domWidget = newDOM("IntSlider", mergeState(sliderState(description, "d"), map[string]any{
		"value": clampInt(value, min, max), "min": min, "max": max, "step": 1,
	}), nil, "SliderStyleModel", sliderStyle())
	s.m.onUpdate = func(changed map[string]any) comm.Work {
		if _, ok := changed["value"]; !ok {
			return nil
		}
		return s.obs.work(s.Value())
	}
	return s
}

// Value returns the slider's value.
func (s *IntSlider) Value() int {
	v, _ := toInt(s.m.get("value"))
	return v
}

// SetValue moves the slider to v (clamped into its range) and calls the
// observers.
func (s *IntSlider) SetValue(v int) *IntSlider {
	lo, _ := toInt(s.m.get("min"))
	hi, _ := toInt(s.m.get("max"))
	v = clampInt(v, lo, hi)
	s.m.set(map[string]any{"value": v}, nil)
	s.obs.call(v)
	return s
}

// SetStep sets the step of the slider.
func (s *IntSlider) SetStep(step int) *IntSlider {
	if step > 0 {
		s.m.set(map[string]any{"step": step}, nil)
	}
	return s
}

// SetWidth sets the slider's width, as CSS ("500px", "100%").
func (s *IntSlider) SetWidth(css string) *IntSlider { s.setLayout("width", css); return s }

// Observe calls f with the new value each time it changes (see
// FloatSlider.Observe).
func (s *IntSlider) Observe(f func(value int)) *IntSlider { s.obs.add(f); return s }

// Description returns the slider's name.
func (s *IntSlider) Description() string { return s.description() }

// String describes the slider: IntSlider(steps = 20).
func (s *IntSlider) String() string { return describe("IntSlider", s.Description(), s.Value()) }

// MIMEBundle is the slider's display: the widget, and a text fallback.
func (s *IntSlider) MIMEBundle() (map[string]any, map[string]any) {
	return viewBundle(s.ModelID(), s.String())
}

// orderRange returns min and max in order, and a range of width 1 when
// they are equal or not numbers.
func orderRange(min, max float64) (float64, float64) {
	if math.IsNaN(min) || math.IsInf(min, 0) {
		min = 0
	}
	if math.IsNaN(max) || math.IsInf(max, 0) {
		max = min + 1
	}
	if max < min {
		min, max = max, min
	}
	if max == min {
		max = min + 1
	}
	return min, max
}

func clamp(v, lo, hi float64) float64 {
	if math.IsNaN(v) {
		return lo
	}
	return math.Min(math.Max(v, lo), hi)
}

func clampInt(v, lo, hi int) int { return min(max(v, lo), hi) }

// roundStep rounds a step down to 1, 2 or 5 times a power of ten.
func roundStep(step float64) float64 {
	if !(step > 0) {
		return 0.1
	}
	p := math.Pow(10, math.Floor(math.Log10(step)))
	for _, m := range []float64{5, 2, 1} {
		if m*p <= step*(1+1e-9) {
			return m * p
		}
	}
	return p
}

// readoutFor is a readout format with as many decimals as the step needs.
func readoutFor(step float64) string {
	d := 0
	if step > 0 && step < 1 {
		d = int(math.Ceil(-math.Log10(step) - 1e-9))
	}
	return fmt.Sprintf(".%df", min(d, 10))
}

// mergeState returns a with b's keys added.
func mergeState(a, b map[string]any) map[string]any {
	for k, v := range b {
		a[k] = v
	}
	return a
}
