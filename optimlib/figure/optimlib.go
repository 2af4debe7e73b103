package figure

import (
	"errors"
	"fmt"
	"math"

	"github.com/descentlab/descent/optimlib"
)

// maxScheduleSteps bounds Options.Steps of a schedule figure.
const maxScheduleSteps = 1_000_000

// SurfaceOf returns the landscape land as a Surface: its function, window,
// minima, saddles and local maxima. Beyond two dimensions it is the slice
// through the first listed minimum (the origin if none is listed) along
// the first two coordinates, with the critical points that lie in that
// slice.
func SurfaceOf(land *optimlib.Landscape) (Surface, error) {
	if land == nil {
		return Surface{}, errors.New("nil landscape")
	}
	if land.Dim < 2 {
		return Surface{}, fmt.Errorf("%s is %d-D: draw it with Landscape1D", land.Name, land.Dim)
	}
	base := make([]float64, land.Dim)
	if len(land.Minima) > 0 && len(land.Minima[0].X) == land.Dim {
		copy(base, land.Minima[0].X)
	}
	s := Surface{
		Name: fmt.Sprintf("%s/%d-D", land.Name, land.Dim),
		F: func(x, y float64) float64 {
			p := make([]float64, len(base))
			copy(p, base)
			p[0], p[1] = x, y
			return land.Func(p)
		},
		Window: Window(land.Window),
	}
	inSlice := func(x []float64) bool {
		if len(x) != land.Dim {
			return false
		}
		for j := 2; j < len(x); j++ {
			if math.Abs(x[j]-base[j]) > 1e-9*math.Max(1, math.Abs(base[j])) {
				return false
			}
		}
		return true
	}
	for _, m := range land.Minima {
		if inSlice(m.X) {
			s.Minima = append(s.Minima, Point{m.X[0], m.X[1]})
		}
	}
	for _, c := range land.Saddles {
		if !inSlice(c.X) {
			continue
		}
		if c.Kind == optimlib.LocalMax {
			s.Maxima = append(s.Maxima, Point{c.X[0], c.X[1]})
		} else {
			s.Saddles = append(s.Saddles, Point{c.X[0], c.X[1]})
		}
	}
	return s, nil
}

// CurveOf returns the 1-D landscape land as a Curve: its function, x range,
// minima and local maxima.
func CurveOf(land *optimlib.Landscape) (Curve, error) {
	if land == nil {
		return Curve{}, errors.New("nil landscape")
	}
	if land.Dim != 1 {
		return Curve{}, fmt.Errorf("%s is %d-D: draw it with Contour", land.Name, land.Dim)
	}
	c := Curve{
		Name: land.Name + "/1-D",
		F:    func(x float64) float64 { return land.Func([]float64{x}) },
		XMin: land.Window.XMin,
		XMax: land.Window.XMax,
	}
	for _, m := range land.Minima {
		if len(m.X) == 1 {
			c.Minima = append(c.Minima, m.X[0])
		}
	}
	for _, s := range land.Saddles {
		if len(s.X) == 1 && s.Kind == optimlib.LocalMax {
			c.Maxima = append(c.Maxima, s.X[0])
		}
	}
	return c, nil
}

// PathOf returns the points of tr as a Path named name: the first two
// coordinates, or for a 1-D trace the iterates and their losses.
func PathOf(name string, tr *optimlib.Trace) Path {
	if tr == nil {
		return Path{Name: name}
	}
	if tr.Dim() == 1 {
		return Path{Name: name, X: tr.Xs(), Y: tr.Losses()}
	}
	return Path{Name: name, X: tr.Xs(), Y: tr.Ys()}
}

// TrialsOf returns the evaluations of tr that did not become iterates —
// the line-search trials a method rejected, Nelder–Mead's other vertices —
// as points named name (see optimlib.Trace.Evals), to draw with the path of
// PathOf(tr):
//
//	res, _ := optimlib.Run(land, optimlib.NewLineSearchGD(), x0, optimlib.RunConfig{})
//	figure.ContourFunc(s, figure.Options{}, figure.PathOf("iterates", res.Trace), figure.TrialsOf("rejected trials", res.Trace))
//
// It is empty for a run that evaluated only its iterates.
func TrialsOf(name string, tr *optimlib.Trace) Path {
	out := Path{Name: name, Points: true}
	ev := tr.Evals()
	losses := ev.Losses()
	for i := range ev.Len() {
		if ev.KindAt(i) == optimlib.EvalIterate {
			continue
		}
		p := ev.Point(i)
		if tr.Dim() == 1 {
			out.X, out.Y = append(out.X, p[0]), append(out.Y, losses[i])
		} else if len(p) >= 2 {
			out.X, out.Y = append(out.X, p[0]), append(out.Y, p[1])
		}
	}
	return out
}

// MinimaOf returns the local minimum of every hop of a basin-hopping search
// as points named name; PathOf(name, res.Trace) is the walk through the
// accepted ones. For a 1-D search the points are (x, f).
func MinimaOf(name string, res *optimlib.BasinHoppingResult) Path {
	out := Path{Name: name, Points: true}
	if res == nil {
		return out
	}
	for _, h := range res.Hops {
		switch {
		case len(h.Minimum) == 1:
			out.X, out.Y = append(out.X, h.Minimum[0]), append(out.Y, h.F)
		case len(h.Minimum) >= 2:
			out.X, out.Y = append(out.X, h.Minimum[0]), append(out.Y, h.Minimum[1])
		}
	}
	return out
}

// SeriesOf returns the losses of tr against its steps as a Series named
// name.
func SeriesOf(name string, tr *optimlib.Trace) Series {
	if tr == nil {
		return Series{Name: name}
	}
	return Series{Name: name, X: tr.Steps(), Y: tr.Losses()}
}

// runPaths turns runs into paths named by their optimizers; runs without a
// trace are skipped with a note.
func runPaths(runs []*optimlib.Result) ([]Path, []string, error) {
	var paths []Path
	var notes []string
	for i, r := range runs {
		if r == nil {
			return nil, nil, fmt.Errorf("run %d is nil", i)
		}
		if r.Trace == nil || r.Trace.Len() == 0 {
			notes = append(notes, fmt.Sprintf("run %d (%s) has no trace", i, r.Optimizer))
			continue
		}
		paths = append(paths, PathOf(r.Optimizer, r.Trace))
	}
	return paths, notes, nil
}

// withNotes adds notes to a figure (and prints them in it).
func withNotes(f *Figure, notes []string) *Figure {
	if len(notes) == 0 {
		return f
	}
	f.notes = append(append([]string(nil), notes...), f.notes...)
	if f.panel != nil {
		f.panel.notes = append(append([]string(nil), notes...), f.panel.notes...)
	}
	return f
}

// Loss draws the loss against step of each run, named by its optimizer (see
// LossCurves: the y axis is logarithmic when the losses span two decades,
// and losses ≤ 0 are left out of it with a note). With
// Options.StepsPerEpoch the x axis counts epochs, with Options.EvalsPerStep
// evaluations.
//
//	figure.Loss(figure.Options{Title: "Rosenbrock"}, gdRun, adamRun)
func Loss(opt Options, runs ...*optimlib.Result) *Figure {
	var series []Series
	var notes []string
	label := ""
	for i, r := range runs {
		if r == nil {
			return failed("loss", fmt.Errorf("run %d is nil", i))
		}
		if r.Trace == nil || r.Trace.Len() == 0 {
			notes = append(notes, fmt.Sprintf("run %d (%s) has no trace", i, r.Optimizer))
			continue
		}
		s := SeriesOf(r.Optimizer, r.Trace)
		s.X, label = lossAxis(s.X, opt)
		series = append(series, s)
	}
	if opt.XLabel == "" {
		opt.XLabel = label
	}
	return withNotes(LossCurves(opt, series...), notes)
}

// Schedules draws the learning rate of each schedule for steps 0 …
// Options.Steps−1 (default 100), named by its String method.
//
//	figure.Schedules(figure.Options{Steps: 300}, optimlib.NewStepLR(0.1, 100, 0.5), cosine)
func Schedules(opt Options, schedules ...optimlib.Schedule) *Figure {
	n := opt.Steps
	if n == 0 {
		n = DefaultScheduleSteps
	}
	if n < 1 || n > maxScheduleSteps {
		return failed("schedule", fmt.Errorf("Steps %d is outside 1…%d", n, maxScheduleSteps))
	}
	series := make([]Series, len(schedules))
	for i, s := range schedules {
		if s == nil {
			return failed("schedule", fmt.Errorf("schedule %d is nil", i))
		}
		name := fmt.Sprintf("schedule %d", i+1)
		if st, ok := s.(fmt.Stringer); ok {
			name = st.String()
		}
		var values []float64
		if err := safely("evaluate "+name, func() error { values = optimlib.SampleSchedule(s, n); return nil }); err != nil {
			return failed("schedule", err)
		}
		series[i] = Series{Name: name, X: indices(n), Y: values}
	}
	return LearningRates(opt, series...)
}

// Contour draws the landscape land with the trajectory of each run on top,
// named by its optimizer (see ContourFunc): contour lines (or a heat map
// with Options.HeatMap) over the landscape's recommended window, its known
// minima starred and saddles crossed. A 1-D landscape is drawn by
// Landscape1D instead.
//
//	res := optimlib.Minimize(land, optimlib.NewAdam(0.01), land.Start, 2000)
//	figure.Contour(land, figure.Options{}, res)
func Contour(land *optimlib.Landscape, opt Options, runs ...*optimlib.Result) *Figure {
	if land != nil && land.Dim == 1 {
		return Landscape1D(land, opt, runs...)
	}
	s, err := SurfaceOf(land)
	if err != nil {
		return failed("contour", err)
	}
	paths, notes, err := runPaths(runs)
	if err != nil {
		return failed("contour", err)
	}
	if opt.Title == "" {
		opt.Title = land.Name
	}
	return withNotes(ContourFunc(s, opt, paths...), notes)
}

// Landscape1D draws the 1-D landscape land with the iterates of each run on
// it, named by its optimizer (see Landscape1DFunc).
func Landscape1D(land *optimlib.Landscape, opt Options, runs ...*optimlib.Result) *Figure {
	c, err := CurveOf(land)
	if err != nil {
		return failed("landscape1d", err)
	}
	paths, notes, err := runPaths(runs)
	if err != nil {
		return failed("landscape1d", err)
	}
	if opt.Title == "" {
		opt.Title = land.Name
	}
	return withNotes(Landscape1DFunc(c, opt, paths...), notes)
}

// Animate returns an animated GIF of the runs racing over land, named by
// their optimizers (see Animation; 1-D landscapes show the iterates on the
// curve).
func Animate(land *optimlib.Landscape, opt Options, runs ...*optimlib.Result) *Animation {
	paths, _, err := runPaths(runs)
	if err != nil {
		return &Animation{err: fmt.Errorf("animation: %w", err)}
	}
	if land != nil && opt.Title == "" {
		opt.Title = land.Name
	}
	if land != nil && land.Dim == 1 {
		c, err := CurveOf(land)
		if err != nil {
			return &Animation{err: fmt.Errorf("animation: %w", err)}
		}
		return AnimateCurve(c, opt, paths...)
	}
	s, err := SurfaceOf(land)
	if err != nil {
		return &Animation{err: fmt.Errorf("animation: %w", err)}
	}
	return AnimateFunc(s, opt, paths...)
}

// NewLive returns a Live figure of land with one empty trajectory per name
// (see Live); feed it with Live.Callback or Live.AddPoint.
func NewLive(land *optimlib.Landscape, opt Options, names ...string) *Live {
	if land != nil && opt.Title == "" {
		opt.Title = land.Name
	}
	if land != nil && land.Dim == 1 {
		c, err := CurveOf(land)
		if err != nil {
			return newLive(failed("live", err), nil, nil)
		}
		return NewLiveCurve(c, opt, names...)
	}
	s, err := SurfaceOf(land)
	if err != nil {
		return newLive(failed("live", err), nil, nil)
	}
	return NewLiveFunc(s, opt, names...)
}
