package widgets

import (
	"errors"
	"image/color"
	"reflect"
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/display"
	"github.com/descentlab/descent/kernel/display/comm"
)

func TestSliderOpensWithLayoutStyleAndFullState(t *testing.T) {
	w := newWire(t)
	s := NewFloatSlider("η", 0.1, 0, 2)
	msgs := w.since(0)
	if len(msgs) != 3 {
		t.Fatalf("%d messages, want layout, style, slider", len(msgs))
	}
	for _, m := range msgs {
		if m.kind != comm.OpenKind || m.target != Target || m.m.Metadata["version"] != "2.1.0" {
			t.Errorf("open %+v", m)
		}
	}
	open := w.opened(t, s.ModelID())
	state := open.m.Data["state"].(map[string]any)
	want := map[string]any{
		"_model_name": "FloatSliderModel", "_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
		"_view_name": "FloatSliderView", "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
		"value": 0.1, "min": 0.0, "max": 2.0, "step": 0.02, "description": "η", "readout_format": ".2f",
		"layout": "IPY_MODEL_" + msgs[0].id, "style": "IPY_MODEL_" + msgs[1].id,
	}
	for k, v := range want {
		if !reflect.DeepEqual(state[k], v) {
			t.Errorf("state[%s] = %#v, want %#v", k, state[k], v)
		}
	}
	layout := msgs[0].m.Data["state"].(map[string]any)
	if layout["_model_name"] != "LayoutModel" || layout["_model_module"] != "@jupyter-widgets/base" || layout["_model_module_version"] != "2.0.0" {
		t.Errorf("layout %v", layout)
	}
	data, _ := display.Bundle(s)
	view := data[MIMEView].(map[string]any)
	if view["model_id"] != s.ModelID() || view["version_major"] != 2 || view["version_minor"] != 1 {
		t.Errorf("view %v", view)
	}
	text := data["text/plain"].(string)
	if !strings.HasPrefix(text, "FloatSlider(η = 0.1) [a Jupyter widget") || strings.Contains(text, "\n") {
		t.Errorf("text/plain %q", text)
	}
}

func TestFrontEndUpdateAppliesAtOnceAndObserversAreWork(t *testing.T) {
	w := newWire(t)
	s := NewFloatSlider("η", 0.1, 0, 2)
	var seen []float64
	s.Observe(func(v float64) { seen = append(seen, v) })
	n := w.len()
	work := frontEnd(t, comm.MsgKind, s.ModelID(), update(map[string]any{"value": 1.5}))
	if s.Value() != 1.5 {
		t.Fatalf("value %v right after the update, want 1.5", s.Value())
	}
	if len(seen) != 0 || work == nil {
		t.Fatal("the observer ran on delivery instead of as work")
	}
	work()
	if !reflect.DeepEqual(seen, []float64{1.5}) {
		t.Errorf("observer saw %v", seen)
	}
	if got := w.since(n); len(got) != 0 {
		t.Errorf("an update from the front end was sent back: %+v", got)
	}
	// A browser's sums are rounded to the step's decimals.
	frontEnd(t, comm.MsgKind, s.ModelID(), update(map[string]any{"value": 0.16599999999999998}))()
	if s.Value() != 0.17 || seen[len(seen)-1] != 0.17 {
		t.Errorf("value %v, observed %v; want 0.17 (step 0.02)", s.Value(), seen)
	}
	seen = seen[:1]
	// A key the model does not have, and the protected ones, are ignored.
	frontEnd(t, comm.MsgKind, s.ModelID(), update(map[string]any{"_model_name": "X", "nonsense": 1}))
	if s.dom().m.get("_model_name") != "FloatSliderModel" || s.dom().m.get("nonsense") != nil {
		t.Error("an unknown or protected key was applied")
	}
	// A kernel-side change goes out and calls the observer.
	s.SetValue(7) // clamped
	sent := w.since(n)
	last := sent[len(sent)-1]
	if last.m.Data["method"] != "update" || !reflect.DeepEqual(last.m.Data["state"], map[string]any{"value": 2.0}) {
		t.Errorf("update %+v", last.m.Data)
	}
	if !reflect.DeepEqual(seen, []float64{1.5, 2}) {
		t.Errorf("observer saw %v", seen)
	}
}

func TestRequestStateAndControlTarget(t *testing.T) {
	w := newWire(t)
	img := NewImage(tinyPNG(t, color.Black))
	n := w.len()
	frontEnd(t, comm.MsgKind, img.ModelID(), map[string]any{"method": "request_state"})
	got := w.since(n)
	if len(got) != 1 {
		t.Fatalf("%d messages", len(got))
	}
	st := got[0].m
	if st.Data["method"] != "update" || !reflect.DeepEqual(st.Data["buffer_paths"], [][]any{{"value"}}) || len(st.Buffers) != 1 {
		t.Fatalf("full state %+v", st.Data)
	}
	if _, has := st.Data["state"].(map[string]any)["value"]; has {
		t.Error("the binary value is also in the JSON state")
	}
	// The control target answers request_states with every model.
	if _, err := comm.Deliver(comm.OpenKind, "fe-control-2", ControlTarget, comm.Message{}); err != nil {
		t.Fatal(err)
	}
	n = w.len()
	frontEnd(t, comm.MsgKind, "fe-control-2", map[string]any{"method": "request_states"})
	got = w.since(n)
	if len(got) != 1 || got[0].m.Data["method"] != "update_states" {
		t.Fatalf("control answer %+v", got)
	}
	states := got[0].m.Data["states"].(map[string]any)
	entry, ok := states[img.ModelID()].(map[string]any)
	if !ok || entry["model_name"] != "ImageModel" {
		t.Fatalf("states lack the image: %v", entry)
	}
	found := false
	for i, p := range got[0].m.Data["buffer_paths"].([][]any) {
		if reflect.DeepEqual(p, []any{img.ModelID(), "state", "value"}) {
			found = reflect.DeepEqual(got[0].m.Buffers[i], img.PNG())
		}
	}
	if !found {
		t.Error("update_states lacks the image's buffer")
	}
}

func TestButtonDropdownCheckboxPlay(t *testing.T) {
	newWire(t)
	b := NewButton("Run")
	clicks := 0
	b.OnClick(func() { clicks++ })
	work := frontEnd(t, comm.MsgKind, b.ModelID(), map[string]any{"method": "custom", "content": map[string]any{"event": "click"}})
	if b.Clicks() != 1 || clicks != 0 {
		t.Fatal("the click was not counted at once, or its callback ran on delivery")
	}
	work()
	if clicks != 1 {
		t.Error("OnClick did not run")
	}

	d := NewDropdown("method", []string{"GD", "Momentum", "Adam"}, "Momentum")
	var picked []string
	d.Observe(func(v string) { picked = append(picked, v) })
	if d.Value() != "Momentum" || d.Index() != 1 {
		t.Fatalf("dropdown %v", d)
	}
	frontEnd(t, comm.MsgKind, d.ModelID(), update(map[string]any{"index": 2.0}))()
	if d.Value() != "Adam" || !reflect.DeepEqual(picked, []string{"Adam"}) {
		t.Errorf("dropdown %v, observed %v", d, picked)
	}
	frontEnd(t, comm.MsgKind, d.ModelID(), update(map[string]any{"index": 17.0}))()
	if d.Value() != "" || d.Index() != -1 {
		t.Errorf("out-of-range index gives %q", d.Value())
	}

	c := NewCheckbox("log scale", false)
	frontEnd(t, comm.MsgKind, c.ModelID(), update(map[string]any{"value": true}))
	if !c.Value() {
		t.Error("checkbox not checked")
	}

	p := NewPlay(0, 10, 0)
	var ticks []int
	p.Observe(func(v int) { ticks = append(ticks, v) })
	for i := 1; i <= 3; i++ {
		frontEnd(t, comm.MsgKind, p.ModelID(), update(map[string]any{"value": float64(i), "playing": true}))()
	}
	if !reflect.DeepEqual(ticks, []int{1, 2, 3}) || !p.Playing() {
		t.Errorf("ticks %v playing %v", ticks, p.Playing())
	}
	// Values of the wrong type are dropped.
	is := NewIntSlider("k", 3, 0, 5)
	for _, bad := range []any{2.5, "4", true, nil} {
		if work := frontEnd(t, comm.MsgKind, is.ModelID(), update(map[string]any{"value": bad})); work != nil || is.Value() != 3 {
			t.Errorf("value %#v: slider %v", bad, is)
		}
	}
	frontEnd(t, comm.MsgKind, is.ModelID(), update(map[string]any{"value": 4.0}))
	if is.Value() != 4 {
		t.Errorf("slider %v after 4.0", is)
	}
}

func TestOutputKeepsOutputsInState(t *testing.T) {
	w := newWire(t)
	o := NewOutput()
	o.Print("a")
	o.Println("b")
	o.Errorf("bad %d\n", 1)
	o.Show(display.HTMLText("<b>x</b>"))
	last := w.since(0)
	outs := last[len(last)-1].m.Data["state"].(map[string]any)["outputs"].([]any)
	if len(outs) != 3 {
		t.Fatalf("outputs %v", outs)
	}
	if outs[0].(map[string]any)["text"] != "ab\n" || outs[1].(map[string]any)["name"] != "stderr" ||
		outs[2].(map[string]any)["data"].(map[string]any)["text/html"] != "<b>x</b>" {
		t.Errorf("outputs %v", outs)
	}
	o.Clear()
	last = w.since(0)
	if outs := last[len(last)-1].m.Data["state"].(map[string]any)["outputs"].([]any); len(outs) != 0 {
		t.Errorf("after Clear: %v", outs)
	}
}

func TestInteractDrawsRedrawsCoalescesAndShowsErrors(t *testing.T) {
	w := newWire(t)
	eta := NewFloatSlider("η", 0.1, 0, 1)
	k := NewIntSlider("k", 1, 1, 3)
	var calls []string
	red, blue := tinyPNG(t, color.RGBA{255, 0, 0, 255}), tinyPNG(t, color.RGBA{0, 0, 255, 255})
	in := Interact(func(eta float64, k int) (any, error) {
		calls = append(calls, formatFloat(eta)+"/"+string(rune('0'+k)))
		switch {
		case eta > 0.9:
			return nil, errors.New("diverges")
		case eta > 0.8:
			panic("too steep")
		case k == 3:
			return display.HTMLText("<i>no figure</i>"), nil
		case eta > 0.5:
			return pngFile(blue), nil
		}
		return pngFile(red), nil
	}, eta, k)
	if !reflect.DeepEqual(in.Image().PNG(), red) || !reflect.DeepEqual(calls, []string{"0.1/1"}) {
		t.Fatalf("first draw: %v", calls)
	}
	data, _ := display.Bundle(in)
	if data["image/png"] == nil || !strings.HasPrefix(data["text/plain"].(string), "Interact(η = 0.1, k = 1) [a Jupyter widget") {
		t.Errorf("bundle %v", data["text/plain"])
	}
	// Two changes delivered together, then their work: one redraw.
	w1 := frontEnd(t, comm.MsgKind, eta.ModelID(), update(map[string]any{"value": 0.6}))
	w2 := frontEnd(t, comm.MsgKind, k.ModelID(), update(map[string]any{"value": 2.0}))
	w1()
	w2()
	if !reflect.DeepEqual(calls, []string{"0.1/1", "0.6/2"}) || !reflect.DeepEqual(in.Image().PNG(), blue) {
		t.Fatalf("after two changes: %v", calls)
	}
	// The image went out as a binary buffer.
	sent := w.since(0)
	last := sent[len(sent)-1]
	if last.id != in.Image().ModelID() || !reflect.DeepEqual(last.m.Data["buffer_paths"], [][]any{{"value"}}) || !reflect.DeepEqual(last.m.Buffers, [][]byte{blue}) {
		t.Errorf("image update %+v", last)
	}
	eta.SetValue(0.85) // panics
	if !reflect.DeepEqual(in.Image().PNG(), blue) || !strings.Contains(in.Output().Text(), "too steep") {
		t.Errorf("after a panic: output %q", in.Output().Text())
	}
	eta.SetValue(0.95) // returns an error
	if !strings.Contains(in.Output().Text(), "diverges") || strings.Contains(in.Output().Text(), "too steep") {
		t.Errorf("after an error: output %q", in.Output().Text())
	}
	eta.SetValue(0.2)
	if in.Output().Len() != 0 || !reflect.DeepEqual(in.Image().PNG(), red) {
		t.Errorf("a good draw clears the error: %q", in.Output().Text())
	}
	k.SetValue(3)
	if in.Output().Len() != 1 {
		t.Errorf("a result that is not an image goes to the output area")
	}
	n, lastDraw, total := in.Draws()
	if n != 6 || lastDraw <= 0 || total < lastDraw {
		t.Errorf("%d draws, want 6", n)
	}
}

func TestInteractRejectsFunctionsThatDoNotFit(t *testing.T) {
	newWire(t)
	eta := NewFloatSlider("η", 0.1, 0, 1)
	for name, f := range map[string]any{
		"not a function": 3,
		"too few":        func() any { return nil },
		"wrong type":     func(int) any { return nil },
		"no result":      func(float64) {},
		"bad second":     func(float64) (any, int) { return nil, 0 },
	} {
		func() {
			defer func() {
				r := recover()
				if r == nil || !strings.HasPrefix(r.(string), "widgets.Interact: ") {
					t.Errorf("%s: recovered %v", name, r)
				}
			}()
			Interact(f, eta)
		}()
	}
}
