package figure

import (
	"slices"
	"strings"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

func TestSurfaceOf(t *testing.T) {
	s, err := SurfaceOf(optimlib.Rosenbrock(2))
	if err != nil {
		t.Fatal(err)
	}
	if s.F(1, 1) != 0 || s.F(0, 0) != 1 || s.Window != (Window{-2, 2, -1, 3}) {
		t.Errorf("F(1,1)=%g F(0,0)=%g window %v", s.F(1, 1), s.F(0, 0), s.Window)
	}
	if !slices.Equal(s.Minima, []Point{{1, 1}}) {
		t.Errorf("minima %v", s.Minima)
	}
	// In 3-D the surface is the slice through the minimum (1, 1, 1):
	// f(0, 0, 1) = [100·0² + 1²] + [100·(1 − 0)² + 1²] = 102.
	s3, err := SurfaceOf(optimlib.Rosenbrock(3))
	if err != nil {
		t.Fatal(err)
	}
	if got := s3.F(0, 0); got != 102 {
		t.Errorf("3-D slice F(0, 0) = %g, want 102", got)
	}
	if !slices.Equal(s3.Minima, []Point{{1, 1}}) {
		t.Errorf("3-D minima %v", s3.Minima)
	}
	// Himmelblau: saddles and the local maximum are told apart by kind.
	land := optimlib.Himmelblau()
	h, err := SurfaceOf(land)
	if err != nil {
		t.Fatal(err)
	}
	var saddles, maxima int
	for _, c := range land.Saddles {
		if c.Kind == optimlib.LocalMax {
			maxima++
		} else {
			saddles++
		}
	}
	if len(h.Minima) != len(land.Minima) || len(h.Saddles) != saddles || len(h.Maxima) != maxima || maxima == 0 {
		t.Errorf("%d minima, %d saddles, %d maxima; landscape lists %d, %d, %d",
			len(h.Minima), len(h.Saddles), len(h.Maxima), len(land.Minima), saddles, maxima)
	}
	for _, bad := range []*optimlib.Landscape{nil, optimlib.XCosPiX()} {
		if _, err := SurfaceOf(bad); err == nil {
			t.Errorf("SurfaceOf(%v) gave no error", bad)
		}
	}
}

func TestCurveOf(t *testing.T) {
	land := optimlib.DoubleWell(0.3)
	c, err := CurveOf(land)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []float64{-1.5, 0, 0.7} {
		if got, want := c.F(x), land.Func([]float64{x}); got != want {
			t.Errorf("F(%g) = %g, want %g", x, got, want)
		}
	}
	if len(c.Minima) != 2 || len(c.Maxima) != 1 || c.XMin != land.Window.XMin || c.XMax != land.Window.XMax {
		t.Errorf("curve %+v", c)
	}
	if _, err := CurveOf(optimlib.Rosenbrock(2)); err == nil || !strings.Contains(err.Error(), "Contour") {
		t.Errorf("CurveOf(Rosenbrock) = %v, want an error pointing to Contour", err)
	}
}

func TestPathAndSeriesOf(t *testing.T) {
	tr := optimlib.NewTrace(2)
	tr.Add(0, []float64{1, 2}, 10, 1, 0.1)
	tr.Add(5, []float64{3, 4}, 5, 1, 0.1)
	p := PathOf("run", tr)
	if p.Name != "run" || !slices.Equal(p.X, []float64{1, 3}) || !slices.Equal(p.Y, []float64{2, 4}) {
		t.Errorf("path %+v", p)
	}
	s := SeriesOf("run", tr)
	if !slices.Equal(s.X, []float64{0, 5}) || !slices.Equal(s.Y, []float64{10, 5}) {
		t.Errorf("series %+v", s)
	}
	one := optimlib.NewTrace(1)
	one.Add(0, []float64{0.5}, 0.25, 1, 0.1)
	if p := PathOf("1-D", one); !slices.Equal(p.X, []float64{0.5}) || !slices.Equal(p.Y, []float64{0.25}) {
		t.Errorf("1-D path %+v, want the iterate and its loss", p)
	}
	if p := PathOf("none", nil); p.X != nil {
		t.Errorf("nil trace gave %+v", p)
	}
}

func TestLossOfRuns(t *testing.T) {
	land := optimlib.Rosenbrock(2)
	gd := optimlib.Minimize(land, optimlib.NewGD(0.001), land.Start, 200)
	adam := optimlib.Minimize(land, optimlib.NewAdam(0.05), land.Start, 200)
	f := Loss(Options{StepsPerEpoch: 10}, gd, adam, &optimlib.Result{Optimizer: "empty"})
	if err := f.Err(); err != nil {
		t.Fatal(err)
	}
	if got := f.panel.plot.X.Label.Text; got != "epoch" {
		t.Errorf("x label %q, want epoch", got)
	}
	if f.panel.plot.X.Max != 20 {
		t.Errorf("x axis ends at %g, want 200 steps / 10 = 20 epochs", f.panel.plot.X.Max)
	}
	if n := f.Notes(); len(n) != 1 || !strings.Contains(n[0], "no trace") {
		t.Errorf("notes %q, want one about the run without a trace", n)
	}
	svg := f.SVG()
	for _, name := range []string{gd.Optimizer, adam.Optimizer} {
		if !strings.Contains(svg, ">"+name+"<") {
			t.Errorf("legend lacks %q", name)
		}
	}
	if f := Loss(Options{EvalsPerStep: 32}, gd); f.panel.plot.X.Max != 200*32 || f.panel.plot.X.Label.Text != "evaluations" {
		t.Errorf("evaluations axis ends at %g labelled %q", f.panel.plot.X.Max, f.panel.plot.X.Label.Text)
	}
	if err := Loss(Options{}, gd, nil).Err(); err == nil {
		t.Error("a nil run gave no error")
	}
}

func TestSchedules(t *testing.T) {
	step := optimlib.NewStepLR(0.1, 30)
	custom := optimlib.ScheduleFunc(func(t int) float64 { return 0.1 / float64(1+t) })
	f := Schedules(Options{Steps: 90}, step, custom)
	if err := f.Err(); err != nil {
		t.Fatal(err)
	}
	lines, _ := overlayLines(f.panel)
	if len(lines) != 0 {
		t.Fatalf("schedule curves should be part of the plot, not overlays")
	}
	svg := f.SVG()
	for _, want := range []string{">" + step.String() + "<", ">custom<", ">learning rate<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	// 0.1 for steps 0…29, 0.01 for 30…59, 0.001 for 60…89, and the
	// custom schedule 0.1 … 0.1/90: the y range holds 0.001 and 0.1.
	if p := f.panel.plot; p.Y.Min > 0.001 || p.Y.Max < 0.1 || p.X.Max != 89 {
		t.Errorf("ranges x ≤ %g, y %g…%g", p.X.Max, p.Y.Min, p.Y.Max)
	}
	for _, tc := range []struct {
		opt Options
		s   []optimlib.Schedule
	}{{Options{Steps: -1}, []optimlib.Schedule{step}}, {Options{}, []optimlib.Schedule{nil}}} {
		if err := Schedules(tc.opt, tc.s...).Err(); err == nil {
			t.Errorf("Schedules(%+v) gave no error", tc.opt)
		}
	}
}

func TestLandscapeFiguresDispatchOnDimension(t *testing.T) {
	x := optimlib.XCosPiX()
	run := optimlib.Minimize(x, optimlib.NewGD(0.05), x.Start, 30)
	for _, tc := range []struct {
		name string
		f    *Figure
		kind string
	}{
		{"contour of a 1-D landscape", Contour(x, Options{}, run), "landscape1d"},
		{"1-D landscape", Landscape1D(x, Options{}, run), "landscape1d"},
		{"contour", Contour(optimlib.Rosenbrock(2), Options{}), "contour"},
	} {
		if err := tc.f.Err(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if tc.f.kind != tc.kind {
			t.Errorf("%s: kind %q, want %q", tc.name, tc.f.kind, tc.kind)
		}
		decodePNG(t, tc.f.PNG())
	}
	if f := Contour(optimlib.Rosenbrock(2), Options{}); f.title != "Rosenbrock" {
		t.Errorf("default title %q", f.title)
	}
	if err := Landscape1D(optimlib.Rosenbrock(2), Options{}).Err(); err == nil {
		t.Error("Landscape1D of a 2-D landscape gave no error")
	}
	if err := Contour(nil, Options{}).Err(); err == nil {
		t.Error("Contour(nil) gave no error")
	}
	if err := Contour(optimlib.Rosenbrock(2), Options{}, nil).Err(); err == nil {
		t.Error("a nil run gave no error")
	}
	if a := Animate(x, Options{Frames: 3}, run); a.Err() != nil || len(a.GIF()) == 0 {
		t.Errorf("1-D animation: %v", a.Err())
	}
	if lv := NewLive(x, Options{}, "GD"); lv.Err() != nil || lv.PNG() == nil {
		t.Errorf("1-D live: %v", lv.Err())
	}
	if lv := NewLive(nil, Options{}); lv.Err() == nil {
		t.Error("NewLive(nil) gave no error")
	}
}
