package display

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/descentlab/descent/optimlib"
	"github.com/descentlab/descent/optimlib/figure"
)

// decodeBundlePNG decodes the image/png of an output.
func decodeBundlePNG(t *testing.T, o Output) (image.Image, []byte) {
	t.Helper()
	s, ok := o.Data[MIMEPNG].(string)
	if !ok {
		t.Fatalf("%v output has no image/png (text: %v)", o.Kind, o.Data[MIMEText])
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img, b
}

func TestLiveFigureFramesThenExactFinal(t *testing.T) {
	r := record(t)
	land := optimlib.Rosenbrock(2)
	live := NewLive(land, "Adam", "GD")
	live.Figure().SetInterval(0) // a frame at every step
	adam := optimlib.NewAdam(0.05)
	if _, err := optimlib.Run(land, adam, land.Start, optimlib.RunConfig{MaxSteps: 2, Callback: live.Callback}); err != nil {
		t.Fatal(err)
	}
	gd := live.CallbackFor(1)
	gd(0, []float64{0, 0}, 1)
	live.Record(1, 1, []float64{0.1, 0}, 0.9)
	live.Done()
	live.Done() // once is enough
	// Steps 0, 1, 2 of Adam and two steps of GD: five frames, then the final.
	if len(r.outs) != 1+5+1 {
		t.Fatalf("%d outputs, want the first frame, 5 updates and the final", len(r.outs))
	}
	for i, o := range r.outs {
		want := UpdateDisplayData
		if i == 0 {
			want = DisplayData
		}
		if o.Kind != want || o.DisplayID != live.ID() {
			t.Errorf("output %d is %v with id %q, want %v with %q", i, o.Kind, o.DisplayID, want, live.ID())
		}
		img, _ := decodeBundlePNG(t, o)
		if img.Bounds() != image.Rect(0, 0, figure.DefaultLiveLossWidth, figure.DefaultHeight) {
			t.Errorf("output %d is %v", i, img.Bounds())
		}
		_, paletted := img.(*image.Paletted)
		if last := i == len(r.outs)-1; paletted == last {
			t.Errorf("output %d: 256 colours = %v, want running frames in 256 colours and the final in full", i, paletted)
		}
	}
	_, final := decodeBundlePNG(t, r.outs[len(r.outs)-1])
	if !bytes.Equal(final, live.Figure().Final().PNG()) {
		t.Error("the final frame is not the exact figure (Final)")
	}
	if live.Figure().Len(0) != 3 || live.Figure().Len(1) != 2 {
		t.Errorf("trajectories of %d and %d points, want 3 and 2", live.Figure().Len(0), live.Figure().Len(1))
	}
	if !strings.Contains(live.String(), "trajectory 1: 2 points") {
		t.Errorf("String() = %q", live.String())
	}
}

func TestLiveFigureThrottlesFrames(t *testing.T) {
	r := record(t)
	lv := figure.NewLiveFunc(figure.Surface{Name: "bowl", F: func(x, y float64) float64 { return x*x + y*y }},
		figure.Options{Width: 200, Height: 150})
	lv.SetInterval(time.Hour)
	live := ShowLive(lv)
	for k := range 50 {
		live.Callback(k, []float64{float64(k) / 50, 0}, 0)
	}
	// The frame shown at the start counts: no other is due within the hour.
	if len(r.outs) != 1 {
		t.Errorf("%d outputs, want only the first frame", len(r.outs))
	}
	live.Update()
	if len(r.outs) != 2 || r.outs[1].Kind != UpdateDisplayData {
		t.Errorf("Update sent %d outputs", len(r.outs)-1)
	}
}

func TestLiveFigurePace(t *testing.T) {
	for _, tc := range []struct {
		name   string
		pace   float64
		steps  []int
		gapsMS []int // the clock moves this much before each step besides the waits
		want   time.Duration
	}{
		// 100 steps/s: steps 1…10 are due 10 ms apart.
		{name: "ahead of the pace waits", pace: 100, steps: []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, want: 100 * time.Millisecond},
		// Steps taking 4 ms each are behind a 1 000 steps/s pace: no wait.
		{name: "behind the pace never waits", pace: 1000, steps: []int{0, 1, 2, 3}, gapsMS: []int{0, 4, 4, 4}},
		// Waits shorter than the slack (5 ms) are skipped until they add up:
		// steps 5 and 10 wait 5 ms each.
		{name: "short waits add up", pace: 1000, steps: []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, want: 10 * time.Millisecond},
		// A run starting again at step 0 starts a new pace.
		{name: "a new run starts anew", pace: 100, steps: []int{0, 5, 0, 5}, want: 100 * time.Millisecond},
		// Far behind (a slow frame): the pace restarts rather than rushing.
		{name: "falling far behind restarts", pace: 100, steps: []int{0, 1, 2, 3}, gapsMS: []int{0, 500, 0, 0}, want: 20 * time.Millisecond},
		// Below MinPace the pace is MinPace: one step waits half a second.
		{name: "slowest pace", pace: 0.01, steps: []int{0, 1}, want: time.Second / MinPace},
		{name: "off", pace: 0, steps: []int{0, 100, 200}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			record(t)
			clock := newFakeClock()
			var waited time.Duration
			lv := figure.NewLiveFunc(figure.Surface{Name: "bowl", F: func(x, y float64) float64 { return x*x + y*y }},
				figure.Options{Width: 100, Height: 100})
			lv.SetInterval(time.Hour)
			live := ShowLive(lv)
			live.now = clock.now
			live.sleep = func(d time.Duration) { waited += d; clock.sleep(d) }
			live.SetPace(tc.pace)
			for i, step := range tc.steps {
				if i < len(tc.gapsMS) {
					clock.advance(time.Duration(tc.gapsMS[i]) * time.Millisecond)
				}
				live.Callback(step, []float64{0, 0}, 0)
			}
			if waited != tc.want {
				t.Errorf("waited %v, want %v", waited, tc.want)
			}
		})
	}
}

func TestLiveFigureOfNothingSaysWhy(t *testing.T) {
	for _, tc := range []struct {
		name    string
		live    func() *LiveFigure
		want    string
		outputs int
	}{
		// The zero figure.Live has no frame interval: the callback updates.
		{"nil figure", func() *LiveFigure { return ShowLive(nil) }, "not made by NewLive", 3},
		{"nil landscape", func() *LiveFigure { return NewLive(nil, "GD") }, "nil landscape", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := record(t)
			live := tc.live()
			live.Callback(0, []float64{1, 2}, 3)
			live.Done()
			if len(r.outs) != tc.outputs {
				t.Fatalf("%d outputs, want %d", len(r.outs), tc.outputs)
			}
			for _, o := range r.outs {
				text, _ := o.Data[MIMEText].(string)
				if _, png := o.Data[MIMEPNG]; png || !strings.Contains(text, tc.want) {
					t.Errorf("%v shows %q (image: %v), want no image and a text with %q", o.Kind, text, png, tc.want)
				}
			}
		})
	}
}
