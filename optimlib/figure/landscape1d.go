package figure

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/plot/vg"
)

// Curve is a function of one variable to draw with iterates on it: a 1-D
// landscape given as plain data.
type Curve struct {
	// Name identifies the function in the cache; two different functions
	// should not share a name.
	Name string
	// F is the function. NaN and ±Inf values are left blank.
	F func(x float64) float64
	// XMin and XMax are the recommended range (used when Options.Window
	// has no x range).
	XMin, XMax float64
	// Minima are the x positions of the known minima, marked with stars:
	// filled for the lowest (global) ones, hollow for the others. Maxima
	// (local maxima, such as the barrier of a double well) are marked with
	// triangles.
	Minima, Maxima []float64
}

// curveSamples is a Curve sampled at evenly spaced points.
type curveSamples struct {
	xs, ys     []float64
	ymin, ymax float64
}

// Landscape1DFunc draws the curve c and, on it, the iterates of each path
// as dots joined by thin lines (a ring at the start, a disc at the end),
// with the known minima starred. A path's Y defaults to c.F(X). The x range
// is Options.Window's, else c's, else one that holds the paths; the y range
// is Options.Window's, else the curve's over the x range.
func Landscape1DFunc(c Curve, opt Options, paths ...Path) *Figure {
	const kind = "landscape1d"
	if c.F == nil {
		return failed(kind, errors.New("curve has no function F"))
	}
	w, h, err := opt.size(DefaultWidth, DefaultHeight)
	if err != nil {
		return failed(kind, err)
	}
	res, err := opt.resolution(DefaultResolution1D)
	if err != nil {
		return failed(kind, err)
	}
	xmin, xmax := c.XMin, c.XMax
	switch {
	case opt.Window.XMin < opt.Window.XMax:
		xmin, xmax = opt.Window.XMin, opt.Window.XMax
	case !(xmin < xmax):
		xmin, xmax = -2, 2
		bounds, ok := pathsBounds(xOnly(paths))
		if ok {
			bounds = padWindow(bounds, 0.1)
			xmin, xmax = bounds.XMin, bounds.XMax
		}
	}
	if !finite(xmin) || !finite(xmax) || !(xmin < xmax) {
		return failed(kind, fmt.Errorf("x range %g…%g is empty or not finite", xmin, xmax))
	}
	var samples *curveSamples
	var key string
	if err := safely("sample curve", func() (err error) {
		samples, key, err = sampleCurve(c, xmin, xmax, res, opt.cache())
		return err
	}); err != nil {
		return failed(kind, err)
	}
	if math.IsNaN(samples.ymin) {
		return failed(kind, fmt.Errorf("%q has no finite value on %g…%g", c.Name, xmin, xmax))
	}
	ymin, ymax := samples.ymin, samples.ymax
	pad := 0.08 * (ymax - ymin)
	if pad == 0 {
		pad = math.Max(0.5, 0.08*math.Abs(ymin))
	}
	ymin, ymax = ymin-pad, ymax+pad
	if opt.Window.YMin < opt.Window.YMax {
		ymin, ymax = opt.Window.YMin, opt.Window.YMax
	}

	p := newPlot(opt.Title, orDefault(opt.XLabel, "x"), orDefault(opt.YLabel, "f(x)"))
	addGrid(p)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = xmin, xmax, ymin, ymax
	p.X.Padding = 0
	p.Add(newPolyline(samples.xs, samples.ys, color3(60), pathStyle{width: vg.Points(1.6)}))
	marks := &landmarks{}
	var minima []Point
	if err := safely("evaluate the minima", func() error {
		for _, m := range c.Minima {
			minima = append(minima, Point{X: m, Y: c.F(m)})
		}
		for _, m := range c.Maxima {
			marks.maxima = append(marks.maxima, Point{X: m, Y: c.F(m)})
		}
		return nil
	}); err != nil {
		return failed(kind, err)
	}
	marks.global, marks.local = splitMinima(minima, func(q Point) float64 { return q.Y })
	p.Add(marks)

	pn := &panel{plot: p, bgKey: fmt.Sprintf("1d|%s|%v|%q|%q|%q|%v%v%v", key, floatsKey(ymin, ymax), opt.Title,
		opt.XLabel, opt.YLabel, marks.global, marks.local, marks.maxima)}
	lines := make([]*polyline, 0, len(paths))
	for i, path := range paths {
		ys := path.Y
		if ys == nil {
			ys = make([]float64, len(path.X))
			if err := safely("evaluate the iterates", func() error {
				for k, x := range path.X {
					ys[k] = c.F(x)
				}
				return nil
			}); err != nil {
				return failed(kind, err)
			}
		} else if len(ys) != len(path.X) {
			return failed(kind, fmt.Errorf("path %d (%q): %d x values but %d y values", i, path.Name, len(path.X), len(ys)))
		}
		col := SeriesColor(opt.ColorOffset + i)
		if path.Color != nil {
			col = toRGBA(path.Color)
		}
		st := pathStyle{width: vg.Points(1.0), dots: true, dotSize: vg.Points(2.6), ends: true}
		if path.Points {
			st = pointsStyle()
		}
		l := newPolyline(path.X, ys, col, st)
		lines = append(lines, l)
		pn.overlays = append(pn.overlays, l)
	}
	pn.overlays = append(pn.overlays, &pathEnds{lines: lines})
	if !opt.NoLegend {
		if lb := pathLegend(paths, lines, marks, Window{xmin, xmax, ymin, ymax}); lb != nil {
			if opt.LegendOutside {
				putOutside(pn, lb)
			}
			pn.overlays = append(pn.overlays, lb)
		}
	}
	return &Figure{kind: kind, title: opt.Title, width: w, height: h, cache: opt.cache(), panel: pn}
}

// xOnly returns the paths with Y replaced by zeros, for x bounds.
func xOnly(paths []Path) []Path {
	out := make([]Path, len(paths))
	for i, p := range paths {
		out[i] = Path{X: p.X, Y: make([]float64, len(p.X))}
	}
	return out
}

// sampleCurve samples c at n points of [xmin, xmax], through the cache.
func sampleCurve(c Curve, xmin, xmax float64, n int, cache *Cache) (*curveSamples, string, error) {
	var fp [len(fingerprintAt)]float64
	for i, f := range fingerprintAt {
		fp[i] = c.F(xmin + f[0]*(xmax-xmin))
	}
	key := fmt.Sprintf("curve|%q|%v|%v|%d", c.Name, floatsKey(fp[:]...), floatsKey(xmin, xmax), n)
	if v, ok := cache.get(key); ok {
		return v.(*curveSamples), key, nil
	}
	s := &curveSamples{xs: linspace(xmin, xmax, n), ys: make([]float64, n), ymin: math.Inf(1), ymax: math.Inf(-1)}
	for i, x := range s.xs {
		v := c.F(x)
		if !finite(v) {
			v = math.NaN()
		} else {
			s.ymin, s.ymax = math.Min(s.ymin, v), math.Max(s.ymax, v)
		}
		s.ys[i] = v
	}
	if s.ymin > s.ymax {
		s.ymin, s.ymax = math.NaN(), math.NaN()
	}
	return cache.put(key, s, int64(16*n+64)).(*curveSamples), key, nil
}
