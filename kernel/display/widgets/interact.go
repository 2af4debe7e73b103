package widgets

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/descentlab/descent/kernel/display"
)

// Control is a widget whose value Interact passes to its function:
// FloatSlider and FloatLogSlider (a float64), IntSlider and Play (an int),
// Dropdown (a string), Checkbox (a bool).
type Control interface {
	Widget
	// controlValue is the value passed to the function.
	controlValue() reflect.Value
	// controlType is the parameter type it needs.
	controlType() reflect.Type
	// onChange registers a function of this package called after each
	// change.
	onChange(f func())
}

func (s *FloatSlider) controlValue() reflect.Value    { return reflect.ValueOf(s.Value()) }
func (s *FloatSlider) controlType() reflect.Type      { return reflect.TypeOf(0.0) }
func (s *FloatSlider) onChange(f func())              { s.obs.addInternal(f) }
func (s *FloatLogSlider) controlValue() reflect.Value { return reflect.ValueOf(s.Value()) }
func (s *FloatLogSlider) controlType() reflect.Type   { return reflect.TypeOf(0.0) }
func (s *FloatLogSlider) onChange(f func())           { s.obs.addInternal(f) }
func (s *IntSlider) controlValue() reflect.Value      { return reflect.ValueOf(s.Value()) }
func (s *IntSlider) controlType() reflect.Type        { return reflect.TypeOf(0) }
func (s *IntSlider) onChange(f func())                { s.obs.addInternal(f) }
func (p *Play) controlValue() reflect.Value           { return reflect.ValueOf(p.Value()) }
func (p *Play) controlType() reflect.Type             { return reflect.TypeOf(0) }
func (p *Play) onChange(f func())                     { p.obs.addInternal(f) }
func (d *Dropdown) controlValue() reflect.Value       { return reflect.ValueOf(d.Value()) }
func (d *Dropdown) controlType() reflect.Type         { return reflect.TypeOf("") }
func (d *Dropdown) onChange(f func())                 { d.obs.addInternal(f) }
func (c *Checkbox) controlValue() reflect.Value       { return reflect.ValueOf(c.Value()) }
func (c *Checkbox) controlType() reflect.Type         { return reflect.TypeOf(false) }
func (c *Checkbox) onChange(f func())                 { c.obs.addInternal(f) }

// Interaction is what Interact shows: the controls, then the figure the
// function draws for their values, then an output area for results that
// are not images and for errors. It is a VBox.
type Interaction struct {
	*Box
	draw     reflect.Value
	controls []Control
	image    *Image
	out      *Output

	mu        sync.Mutex
	drawn     []any // the values of the last draw
	hasDrawn  bool
	draws     int
	lastTime  time.Duration
	totalTime time.Duration
}

var errorType = reflect.TypeOf((*error)(nil)).Elem()

// Interact shows the controls and the figure that draw returns for their
// values, and draws it again whenever a control changes, like
// ipywidgets.interact. draw is a function with one parameter per control,
// in order, of the control's type (float64 for FloatSlider and
// FloatLogSlider, int for IntSlider and Play, string for Dropdown, bool for
// Checkbox), returning a figure (an optimlib figure, a gonum plot, an
// image) or anything display can show, optionally with an error:
//
//	eta := widgets.NewFloatSlider("η", 0.1, 0.01, 1.2)
//	widgets.Interact(func(eta float64) *figure.Figure {
//		res := optimlib.Minimize(valley, optimlib.NewGD(eta), start, 30)
//		return figure.Contour(valley, figure.Options{}, res)
//	}, eta)
//
// The first figure is drawn before Interact returns. Redraws run in the
// kernel (see package comm for when): changes that arrive together are
// drawn once, with the newest values, and a change back to the values
// already drawn draws nothing. A draw that panics or returns an error
// keeps the last figure and shows the error below it. Front ends that
// cannot show widgets show the first figure as an image. Interact panics
// when draw does not fit the controls.
func Interact(draw any, controls ...Control) *Interaction {
	f := reflect.ValueOf(draw)
	if err := checkDraw(f, controls); err != nil {
		panic("widgets.Interact: " + err.Error())
	}
	children := make([]Widget, 0, len(controls)+2)
	for _, c := range controls {
		children = append(children, c)
	}
	in := &Interaction{draw: f, controls: controls, image: NewImage(nil), out: NewOutput()}
	children = append(children, in.image, in.out)
	in.redraw()
	in.Box = NewVBox(children...)
	in.Box.png = in.image.PNG
	for _, c := range controls {
		c.onChange(in.redraw)
	}
	return in
}

// checkDraw reports why f cannot draw for controls.
func checkDraw(f reflect.Value, controls []Control) error {
	if !f.IsValid() || f.Kind() != reflect.Func || f.IsNil() {
		return fmt.Errorf("the first argument must be a function, not %T", f)
	}
	t := f.Type()
	if t.IsVariadic() {
		return errors.New("the function cannot be variadic")
	}
	if t.NumIn() != len(controls) {
		return fmt.Errorf("the function takes %d parameters, but %d controls were given", t.NumIn(), len(controls))
	}
	for i, c := range controls {
		if c == nil || reflect.ValueOf(c).IsNil() {
			return fmt.Errorf("control %d is nil", i+1)
		}
		if want := c.controlType(); !want.AssignableTo(t.In(i)) {
			return fmt.Errorf("parameter %d is %v, but %s gives a %v", i+1, t.In(i), c.String(), want)
		}
	}
	switch {
	case t.NumOut() == 1:
	case t.NumOut() == 2 && t.Out(1) == errorType:
	default:
		return fmt.Errorf("the function must return one value (a figure), or a value and an error; it returns %d values", t.NumOut())
	}
	return nil
}

// values returns the controls' values now.
func (in *Interaction) values() []reflect.Value {
	vs := make([]reflect.Value, len(in.controls))
	for i, c := range in.controls {
		vs[i] = c.controlValue()
	}
	return vs
}

// redraw draws the figure for the controls' values, unless they are the
// values drawn last.
func (in *Interaction) redraw() {
	vals := in.values()
	plain := make([]any, len(vals))
	for i, v := range vals {
		plain[i] = v.Interface()
	}
	in.mu.Lock()
	if in.hasDrawn && reflect.DeepEqual(plain, in.drawn) {
		in.mu.Unlock()
		return
	}
	in.drawn, in.hasDrawn = plain, true
	in.mu.Unlock()

	start := time.Now()
	result, err := in.call(vals)
	if err == nil {
		err = in.show(result)
	}
	if err != nil {
		in.out.replaceWithText("stderr", err.Error()+"\n")
	}
	took := time.Since(start)
	in.mu.Lock()
	in.draws++
	in.lastTime = took
	in.totalTime += took
	in.mu.Unlock()
}

// call calls the function, turning a panic into an error.
func (in *Interaction) call(vals []reflect.Value) (result any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("draw(%s) panicked: %v", formatValues(vals), r)
		}
	}()
	out := in.draw.Call(vals)
	if len(out) == 2 && !out[1].IsNil() {
		return nil, fmt.Errorf("draw(%s): %v", formatValues(vals), out[1].Interface())
	}
	return out[0].Interface(), nil
}

// show puts the function's result in place: an image in the figure, any
// other value in the output area.
func (in *Interaction) show(result any) error {
	png, isImage, err := display.PNGOf(result)
	if err != nil {
		return err
	}
	if isImage {
		in.image.SetPNG(png)
		if in.out.Len() > 0 {
			in.out.Clear()
		}
		return nil
	}
	if result == nil {
		in.out.Clear()
	} else {
		in.out.replaceWith(result)
	}
	return nil
}

// Redraw draws the figure again now, even for the values drawn last.
func (in *Interaction) Redraw() {
	in.mu.Lock()
	in.hasDrawn = false
	in.mu.Unlock()
	in.redraw()
}

// Draws returns how many times the figure was drawn, how long the last
// draw took and how long they all took (a draw is calling the function,
// rendering the image and sending it).
func (in *Interaction) Draws() (n int, last, total time.Duration) {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.draws, in.lastTime, in.totalTime
}

// Image returns the widget that shows the figure.
func (in *Interaction) Image() *Image { return in.image }

// Output returns the area below the figure (errors, results that are not
// images).
func (in *Interaction) Output() *Output { return in.out }

// String describes the interaction: Interact(η = 0.1, β = 0.9).
func (in *Interaction) String() string {
	parts := make([]string, len(in.controls))
	for i, c := range in.controls {
		name := ""
		if d, ok := c.(interface{ Description() string }); ok {
			name = d.Description()
		}
		v := c.controlValue().Interface()
		if f, ok := v.(float64); ok {
			v = formatFloat(f)
		}
		if name == "" {
			parts[i] = fmt.Sprint(v)
		} else {
			parts[i] = fmt.Sprintf("%s = %v", name, v)
		}
	}
	return "Interact(" + strings.Join(parts, ", ") + ")"
}

// MIMEBundle is the display: the widget, the figure as an image for front
// ends without widgets, and a text fallback.
func (in *Interaction) MIMEBundle() (map[string]any, map[string]any) {
	data, metadata := viewBundle(in.ModelID(), in.String())
	addPNG(data, metadata, in.image.PNG())
	return data, metadata
}

func formatValues(vals []reflect.Value) string {
	parts := make([]string, len(vals))
	for i, v := range vals {
		if f, ok := v.Interface().(float64); ok {
			parts[i] = formatFloat(f)
		} else {
			parts[i] = fmt.Sprintf("%#v", v.Interface())
		}
	}
	return strings.Join(parts, ", ")
}
