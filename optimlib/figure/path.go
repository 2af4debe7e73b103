package figure

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Path is one trajectory in the plane: the points (X[k], Y[k]) in order.
// For a 1-D landscape, X holds the iterates and Y their values (nil Y: the
// figure evaluates the landscape). Non-finite points break the line.
type Path struct {
	// Name labels the path in the legend ("" leaves it out).
	Name string
	// X and Y are the coordinates of the points, in order.
	X, Y []float64
	// Color is the colour of the path; nil takes SeriesColor of its index.
	Color color.Color
	// Points draws a dot at each point and no line, for points that are
	// not a trajectory: the line-search trials of a run (TrialsOf), the
	// local minima of basin hopping (MinimaOf).
	Points bool
}

// Dots are drawn at every point of a path with at most this many points.
const maxDottedPoints = 80

// Line widths in points.
const (
	pathWidth   = 1.7
	casingWidth = 3.6
	seriesWidth = 1.6
)

// pathStyle says what a polyline draws.
type pathStyle struct {
	width   vg.Length
	casing  bool // white casing under the line
	dots    bool // a dot at every point
	ends    bool // a ring at the start and a disc at the end
	noLine  bool
	dotSize vg.Length
}

// polyline draws xs[:n], ys[:n] in data coordinates; it is an overlay (a
// trajectory) or part of a line chart.
type polyline struct {
	xs, ys []float64
	n      int
	color  color.RGBA
	style  pathStyle
}

// newPolyline returns a polyline of all the points of xs and ys.
func newPolyline(xs, ys []float64, c color.RGBA, st pathStyle) *polyline {
	n := min(len(xs), len(ys))
	return &polyline{xs: xs[:n], ys: ys[:n], n: n, color: c, style: st}
}

// minStep is the least distance between two consecutive points a polyline
// keeps, in points (half a pixel): closer points cannot change the picture
// but cost the rasterizer as much as any other. A run keeps its first and
// last point whatever their distance.
const minStep = 0.5 * ptPerPx

// runs returns the finite stretches of the first n points in canvas
// coordinates, unclipped, without points closer than minStep to the one
// before.
func (l *polyline) runs(c *draw.Canvas, p *plot.Plot) [][]vg.Point {
	trX, trY := p.Transforms(c)
	buf := make([]vg.Point, 0, l.n)
	var out [][]vg.Point
	start := 0
	skipped := false // whether the point before was dropped as too close
	var last vg.Point
	for i := range l.n {
		x, y := l.xs[i], l.ys[i]
		if !finite(x) || !finite(y) || !okOnAxis(p, x, y) {
			if skipped {
				buf = append(buf, last)
			}
			if len(buf) > start {
				out = append(out, buf[start:len(buf):len(buf)])
			}
			start, skipped = len(buf), false
			continue
		}
		pt := vg.Point{X: trX(x), Y: trY(y)}
		if len(buf) > start {
			prev := buf[len(buf)-1]
			if dx, dy := pt.X-prev.X, pt.Y-prev.Y; dx*dx+dy*dy < minStep*minStep {
				last, skipped = pt, true
				continue
			}
		}
		buf = append(buf, pt)
		skipped = false
	}
	if skipped {
		buf = append(buf, last)
	}
	if len(buf) > start {
		out = append(out, buf[start:len(buf):len(buf)])
	}
	return out
}

// okOnAxis reports whether (x, y) can be placed on p's axes: values ≤ 0
// cannot on a log axis.
func okOnAxis(p *plot.Plot, x, y float64) bool {
	if _, ok := p.X.Scale.(plot.LogScale); ok && x <= 0 {
		return false
	}
	if _, ok := p.Y.Scale.(plot.LogScale); ok && y <= 0 {
		return false
	}
	return true
}

// Plot implements plot.Plotter.
func (l *polyline) Plot(c draw.Canvas, p *plot.Plot) {
	if l.n == 0 {
		return
	}
	runs := l.runs(&c, p)
	if !l.style.noLine {
		var lines [][]vg.Point
		for _, r := range runs {
			if len(r) > 1 {
				lines = append(lines, c.ClipLinesXY(r)...)
			}
		}
		if l.style.casing {
			c.StrokeLines(draw.LineStyle{Color: white, Width: l.style.width + vg.Points(casingWidth-pathWidth)}, lines...)
		}
		c.StrokeLines(draw.LineStyle{Color: l.color, Width: l.style.width}, lines...)
	}
	if l.style.dots {
		r := l.style.dotSize
		if r == 0 {
			r = vg.Points(dotRadius)
		}
		c.SetColor(l.color)
		for _, run := range runs {
			for _, pt := range run {
				if c.Contains(pt) {
					c.Fill(circlePath(pt, r))
				}
			}
		}
	}
}

// pathEnds marks the start (a ring) and the end (a disc) of each path
// whose style asks for it. It is drawn after all the lines, so that no
// later path covers an earlier path's ends.
type pathEnds struct {
	lines []*polyline
}

// Plot implements plot.Plotter.
func (e *pathEnds) Plot(c draw.Canvas, p *plot.Plot) {
	for _, l := range e.lines {
		if !l.style.ends || l.n == 0 {
			continue
		}
		runs := l.runs(&c, p)
		if len(runs) == 0 {
			continue
		}
		first := runs[0][0]
		last := runs[len(runs)-1]
		end := last[len(last)-1]
		if c.Contains(first) {
			drawMarker(&c, shapeRing, first, vg.Points(startRadius), l.color, white)
		}
		if c.Contains(end) {
			drawMarker(&c, shapeDot, end, vg.Points(endRadius), l.color, white)
		}
	}
}

// trajectoryStyle is the style of a path over a landscape with k points.
func trajectoryStyle(k int) pathStyle {
	return pathStyle{width: vg.Points(pathWidth), casing: true, ends: true, dots: k <= maxDottedPoints}
}

// pointsStyle is the style of a Path with Points set.
func pointsStyle() pathStyle {
	return pathStyle{noLine: true, dots: true, dotSize: vg.Points(pointsRadius)}
}

// pointsRadius is the dot radius of a Path with Points set, in points.
const pointsRadius = 2.2
