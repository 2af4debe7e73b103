package figure

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// Series is one curve of a line chart: Y[k] against X[k]. A nil X means
// 0, 1, 2, …. Non-finite values break the line.
type Series struct {
	// Name labels the curve in the legend ("" leaves it out).
	Name string
	// X and Y are the coordinates of the points (nil X: 0, 1, 2, …).
	X, Y []float64
	// Color is the colour of the curve; nil takes SeriesColor of its index.
	Color color.Color
}

// Line charts draw a dot at every point of a series with at most this many
// points.
const maxDottedSeries = 40

// chartSpec is what distinguishes one kind of line chart from another.
type chartSpec struct {
	kind           string
	xLabel, yLabel string
	// autoLog: ScaleAuto means log when positive values span two decades.
	autoLog bool
	// what names the values in notes, plural and singular ("losses",
	// "loss").
	what, whatOne string
}

// count writes n of what with an adjective, e.g. "1 loss" or "3 NaN
// losses".
func (s chartSpec) count(n int, adjective string) string {
	if n == 1 {
		return "1 " + adjective + s.whatOne
	}
	return fmt.Sprintf("%d %s%s", n, adjective, s.what)
}

// Lines draws one or more series as a line chart with a legend of their
// names: x and y labels from Options (default "x", "y"), y scale from
// Options.YScale (linear unless ScaleLog), axis ranges fitted to the data
// unless Options.Window sets them. A series of more than a few thousand
// points is thinned to the lowest and highest value per pixel column, which
// draws the same picture.
func Lines(opt Options, series ...Series) *Figure {
	return lineChart(opt, series, chartSpec{kind: "lines", xLabel: "x", yLabel: "y", what: "values", whatOne: "value"})
}

// lineChart builds a line chart.
func lineChart(opt Options, series []Series, spec chartSpec) *Figure {
	w, h, err := opt.size(DefaultWidth, DefaultHeight)
	if err != nil {
		return failed(spec.kind, err)
	}
	if opt.Window.XMin > opt.Window.XMax || opt.Window.YMin > opt.Window.YMax {
		return failed(spec.kind, fmt.Errorf("window %v is reversed", opt.Window))
	}
	xs := make([][]float64, len(series))
	for i, s := range series {
		xs[i] = s.X
		if s.X == nil {
			xs[i] = indices(len(s.Y))
		} else if len(s.X) != len(s.Y) {
			return failed(spec.kind, fmt.Errorf("series %d (%q): %d x values but %d y values", i, s.Name, len(s.X), len(s.Y)))
		}
	}
	var notes []string
	stats := summarize(series)
	logY := opt.YScale == ScaleLog || opt.YScale == ScaleAuto && spec.autoLog && stats.decades() >= 2
	if logY && stats.positive == 0 {
		logY = false
		if stats.finite > 0 {
			notes = append(notes, fmt.Sprintf("no %s > 0 to show on a log scale: the y axis is linear", spec.what))
		}
	}
	if logY && stats.nonPositive > 0 {
		notes = append(notes, spec.count(stats.nonPositive, "")+" ≤ 0 left out of the log scale")
	}
	if n := stats.total - stats.finite; n > 0 {
		notes = append(notes, spec.count(n, "NaN or infinite ")+" left out")
	}
	if stats.total == 0 {
		notes = append(notes, "no data")
	}

	p := newPlot(opt.Title, orDefault(opt.XLabel, spec.xLabel), orDefault(opt.YLabel, spec.yLabel))
	addGrid(p)
	xr, yr := stats.ranges(xs, series, logY)
	if opt.Window.XMin < opt.Window.XMax {
		xr = [2]float64{opt.Window.XMin, opt.Window.XMax}
	}
	if opt.Window.YMin < opt.Window.YMax {
		yr = [2]float64{opt.Window.YMin, opt.Window.YMax}
		if logY && yr[0] <= 0 {
			return failed(spec.kind, fmt.Errorf("window y range %g…%g includes values ≤ 0 on a log scale", yr[0], yr[1]))
		}
	}
	p.X.Min, p.X.Max = xr[0], xr[1]
	p.Y.Min, p.Y.Max = yr[0], yr[1]
	if logY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = logTicks{}
	}
	lines := make([]*polyline, 0, len(series))
	buckets := 2 * w
	for i, s := range series {
		x, y := xs[i], s.Y
		if len(y) > 2*buckets {
			x, y = decimate(x, y, buckets)
		}
		col := SeriesColor(opt.ColorOffset + i)
		if s.Color != nil {
			col = toRGBA(s.Color)
		}
		st := pathStyle{width: vg.Points(seriesWidth), dots: len(s.Y) <= maxDottedSeries, dotSize: vg.Points(2.2)}
		l := newPolyline(x, y, col, st)
		lines = append(lines, l)
		p.Add(l)
	}
	pn := &panel{plot: p, notes: notes}
	if !opt.NoLegend {
		lb := &legendBox{avoid: lines}
		for i, s := range series {
			if s.Name != "" {
				lb.entries = append(lb.entries, legendEntry{label: s.Name, color: lines[i].color, line: true})
			}
		}
		if len(lb.entries) > 0 {
			if opt.LegendOutside {
				putOutside(pn, lb)
			}
			pn.overlays = append(pn.overlays, lb)
		}
	}
	return &Figure{kind: spec.kind, title: opt.Title, width: w, height: h, cache: opt.cache(), panel: pn, notes: notes}
}

// seriesStats counts the y values of line chart series.
type seriesStats struct {
	total, finite, positive, nonPositive int
	minPos, maxPos                       float64
}

// summarize counts the values of series.
func summarize(series []Series) seriesStats {
	st := seriesStats{minPos: math.Inf(1), maxPos: math.Inf(-1)}
	for _, s := range series {
		for _, v := range s.Y {
			st.total++
			if !finite(v) {
				continue
			}
			st.finite++
			if v > 0 {
				st.positive++
				st.minPos, st.maxPos = math.Min(st.minPos, v), math.Max(st.maxPos, v)
			} else {
				st.nonPositive++
			}
		}
	}
	return st
}

// decades returns how many powers of ten the positive values span.
func (st seriesStats) decades() float64 {
	if st.positive == 0 {
		return 0
	}
	return math.Log10(st.maxPos / st.minPos)
}

// ranges returns the x and y ranges that fit the shown points, padded a
// little in y (5% of the range, or 5% of a decade on a log axis).
func (st seriesStats) ranges(xs [][]float64, series []Series, logY bool) (xr, yr [2]float64) {
	xr = [2]float64{math.Inf(1), math.Inf(-1)}
	yr = xr
	for i, s := range series {
		for k, y := range s.Y {
			x := xs[i][k]
			if !finite(x) || !finite(y) || logY && y <= 0 {
				continue
			}
			xr = [2]float64{math.Min(xr[0], x), math.Max(xr[1], x)}
			yr = [2]float64{math.Min(yr[0], y), math.Max(yr[1], y)}
		}
	}
	if xr[0] > xr[1] {
		xr, yr = [2]float64{0, 1}, [2]float64{0, 1}
		if logY {
			yr = [2]float64{1, 10}
		}
		return xr, yr
	}
	if xr[0] == xr[1] {
		xr = [2]float64{xr[0] - 0.5, xr[1] + 0.5}
	}
	if logY {
		lo, hi := math.Log10(yr[0]), math.Log10(yr[1])
		pad := math.Max(0.05*(hi-lo), 0.05)
		return xr, [2]float64{math.Pow(10, lo-pad), math.Pow(10, hi+pad)}
	}
	pad := 0.05 * (yr[1] - yr[0])
	if pad == 0 {
		pad = math.Max(0.5, 0.05*math.Abs(yr[0]))
	}
	return xr, [2]float64{yr[0] - pad, yr[1] + pad}
}

// indices returns 0, 1, …, n−1.
func indices(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = float64(i)
	}
	return out
}

// decimate thins a long series to at most about 4 points per bucket of
// consecutive points: the first, the lowest, the highest and the last, in
// their order, plus the first non-finite value so that gaps stay gaps.
func decimate(xs, ys []float64, buckets int) ([]float64, []float64) {
	n := len(ys)
	size := (n + buckets - 1) / buckets
	ox := make([]float64, 0, 5*buckets)
	oy := make([]float64, 0, 5*buckets)
	keep := make([]int, 0, 5)
	for start := 0; start < n; start += size {
		end := min(start+size, n)
		lo, hi, gap := -1, -1, -1
		for k := start; k < end; k++ {
			v := ys[k]
			if !finite(v) || !finite(xs[k]) {
				if gap < 0 {
					gap = k
				}
				continue
			}
			if lo < 0 || v < ys[lo] {
				lo = k
			}
			if hi < 0 || v > ys[hi] {
				hi = k
			}
		}
		keep = append(keep[:0], start, end-1)
		for _, k := range []int{lo, hi, gap} {
			if k >= 0 {
				keep = append(keep, k)
			}
		}
		slices.Sort(keep)
		keep = slices.Compact(keep)
		for _, k := range keep {
			ox = append(ox, xs[k])
			oy = append(oy, ys[k])
		}
	}
	return ox, oy
}
