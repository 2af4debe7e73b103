package widgets

import (
	"time"

	"github.com/descentlab/descent/kernel/display/comm"
)

// Play counts from min to max at a fixed pace in the front end, with play,
// pause and stop buttons, like ipywidgets.Play: an animation's clock. Each
// tick changes its value, which calls the observers as a slider's do.
type Play struct {
	domWidget
	obs observers[int]
}

// NewPlay returns a player counting over [min, max] by 1, one step per
// interval.
func NewPlay(min, max int, interval time.Duration) *Play {
	if max < min {
		min, max = max, min
	}
	ms := int(interval / time.Millisecond)
	if ms < 1 {
		ms = 100
	}
	p := &Play{}
	p.domWidget = newDOM("Play", map[string]any{
		"description": "", "description_allow_html": false, "disabled": false,
		"value": min, "min": min, "max": max, "step": 1, "interval": ms,
		"playing": false, "repeat": false, "show_repeat": true,
	}, nil, "DescriptionStyleModel", map[string]any{"description_width": ""})
	p.m.onUpdate = func(changed map[string]any) comm.Work {
		if _, ok := changed["value"]; !ok {
			return nil
		}
		return p.obs.work(p.Value())
	}
	return p
}

// Value returns the current count.
func (p *Play) Value() int {
	v, _ := toInt(p.m.get("value"))
	return v
}

// Playing reports whether the player is running in the front end.
func (p *Play) Playing() bool {
	v, _ := p.m.get("playing").(bool)
	return v
}

// SetValue sets the count (clamped into the range) and calls the
// observers.
func (p *Play) SetValue(v int) *Play {
	lo, _ := toInt(p.m.get("min"))
	hi, _ := toInt(p.m.get("max"))
	v = clampInt(v, lo, hi)
	p.m.set(map[string]any{"value": v}, nil)
	p.obs.call(v)
	return p
}

// SetStep sets how much each tick adds.
func (p *Play) SetStep(step int) *Play {
	if step > 0 {
		p.m.set(map[string]any{"step": step}, nil)
	}
	return p
}

// SetRepeat makes the player start again at min after max.
func (p *Play) SetRepeat(repeat bool) *Play {
	p.m.set(map[string]any{"repeat": repeat}, nil)
	return p
}

// Observe calls f with the new count each time it changes (see
// FloatSlider.Observe).
func (p *Play) Observe(f func(value int)) *Play { p.obs.add(f); return p }

// Description returns the player's name.
func (p *Play) Description() string { return p.description() }

// String describes the player: Play(3).
func (p *Play) String() string { return describe("Play", p.Description(), p.Value()) }

// MIMEBundle is the player's display: the widget, and a text fallback.
func (p *Play) MIMEBundle() (map[string]any, map[string]any) {
	return viewBundle(p.ModelID(), p.String())
}
