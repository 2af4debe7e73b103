package figure

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// markerShape is the shape of a point marker.
type markerShape int

const (
	shapeDot      markerShape = iota // filled disc
	shapeRing                        // circle outline
	shapeStar                        // five-pointed star
	shapeCross                       // diagonal cross
	shapeTriangle                    // triangle, point up
)

// Marker sizes (radius, in points).
const (
	dotRadius    = 1.8
	startRadius  = 4.2
	endRadius    = 3.8
	starRadius   = 6.5
	crossRadius  = 4.5
	outlineWidth = 1.1
)

var (
	white = color.RGBA{255, 255, 255, 255}
	black = color.RGBA{0, 0, 0, 255}
)

// drawMarker draws one marker centred at pt with radius r: a shape filled
// (or stroked, for rings and crosses) with fg and outlined with edge (nil:
// no outline).
func drawMarker(c *draw.Canvas, shape markerShape, pt vg.Point, r vg.Length, fg, edge color.Color) {
	switch shape {
	case shapeDot:
		if edge != nil {
			c.SetColor(edge)
			c.Fill(circlePath(pt, r+outlineWidth))
		}
		c.SetColor(fg)
		c.Fill(circlePath(pt, r))
	case shapeRing:
		w := vg.Points(1.6)
		if edge != nil {
			c.SetLineStyle(draw.LineStyle{Color: edge, Width: w + 2*outlineWidth})
			c.Stroke(circlePath(pt, r))
		}
		c.SetLineStyle(draw.LineStyle{Color: fg, Width: w})
		c.Stroke(circlePath(pt, r))
	case shapeStar:
		p := starPath(pt, r)
		c.SetColor(fg)
		c.Fill(p)
		if edge != nil {
			c.SetLineStyle(draw.LineStyle{Color: edge, Width: vg.Points(0.9)})
			c.Stroke(p)
		}
	case shapeTriangle:
		var p vg.Path
		for k := range 3 {
			a := math.Pi/2 + float64(k)*2*math.Pi/3
			q := vg.Point{X: pt.X + r*vg.Length(math.Cos(a)), Y: pt.Y + r*vg.Length(math.Sin(a))}
			if k == 0 {
				p.Move(q)
			} else {
				p.Line(q)
			}
		}
		p.Close()
		c.SetColor(fg)
		c.Fill(p)
		if edge != nil {
			c.SetLineStyle(draw.LineStyle{Color: edge, Width: vg.Points(0.9)})
			c.Stroke(p)
		}
	case shapeCross:
		w := vg.Points(1.8)
		d := r / vg.Length(math.Sqrt2)
		p := vg.Path{}
		p.Move(vg.Point{X: pt.X - d, Y: pt.Y - d})
		p.Line(vg.Point{X: pt.X + d, Y: pt.Y + d})
		p.Move(vg.Point{X: pt.X - d, Y: pt.Y + d})
		p.Line(vg.Point{X: pt.X + d, Y: pt.Y - d})
		if edge != nil {
			c.SetLineStyle(draw.LineStyle{Color: edge, Width: w + 2*outlineWidth})
			c.Stroke(p)
		}
		c.SetLineStyle(draw.LineStyle{Color: fg, Width: w})
		c.Stroke(p)
	}
}

// circlePath is a closed circle.
func circlePath(pt vg.Point, r vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{X: pt.X + r, Y: pt.Y})
	p.Arc(pt, r, 0, 2*math.Pi)
	p.Close()
	return p
}

// starPath is a five-pointed star with outer radius r, one point up.
func starPath(pt vg.Point, r vg.Length) vg.Path {
	var p vg.Path
	inner := r * 0.45
	for k := range 10 {
		rad := r
		if k%2 == 1 {
			rad = inner
		}
		a := math.Pi/2 + float64(k)*math.Pi/5
		q := vg.Point{X: pt.X + rad*vg.Length(math.Cos(a)), Y: pt.Y + rad*vg.Length(math.Sin(a))}
		if k == 0 {
			p.Move(q)
		} else {
			p.Line(q)
		}
	}
	p.Close()
	return p
}

// landmarks marks the known critical points of a landscape: global minima
// as filled black stars, other minima as white stars, saddles as crosses,
// local maxima as white triangles. It is part of the static background.
type landmarks struct {
	global, local, saddles, maxima []Point
}

// weighted returns every marked point with the cost of hiding it.
func (l *landmarks) weighted() []weightedPoint {
	var out []weightedPoint
	add := func(pts []Point, w int) {
		for _, q := range pts {
			out = append(out, weightedPoint{q, w})
		}
	}
	add(l.global, hideGlobalMin)
	add(l.local, hideLocalMin)
	add(l.saddles, hideSaddle)
	add(l.maxima, hideSaddle)
	return out
}

// Plot implements plot.Plotter.
func (l *landmarks) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	at := func(q Point) (vg.Point, bool) {
		pt := vg.Point{X: trX(q.X), Y: trY(q.Y)}
		return pt, finite(q.X) && finite(q.Y) && c.Contains(pt)
	}
	for _, q := range l.saddles {
		if pt, ok := at(q); ok {
			drawMarker(&c, shapeCross, pt, vg.Points(crossRadius), black, white)
		}
	}
	for _, q := range l.maxima {
		if pt, ok := at(q); ok {
			drawMarker(&c, shapeTriangle, pt, vg.Points(crossRadius), white, black)
		}
	}
	for _, q := range l.local {
		if pt, ok := at(q); ok {
			drawMarker(&c, shapeStar, pt, vg.Points(starRadius*0.85), white, black)
		}
	}
	for _, q := range l.global {
		if pt, ok := at(q); ok {
			drawMarker(&c, shapeStar, pt, vg.Points(starRadius), black, white)
		}
	}
}

// legendEntries returns the legend entries of the kinds of landmark
// visible in w.
func (l *landmarks) legendEntries(w Window) []legendEntry {
	in := func(pts []Point) bool {
		for _, q := range pts {
			if q.X >= w.XMin && q.X <= w.XMax && q.Y >= w.YMin && q.Y <= w.YMax {
				return true
			}
		}
		return false
	}
	var out []legendEntry
	if in(l.global) {
		out = append(out, legendEntry{label: "global min", marker: true, shape: shapeStar, color: black, edge: white})
	}
	if in(l.local) {
		out = append(out, legendEntry{label: "local min", marker: true, shape: shapeStar, color: white, edge: black})
	}
	if in(l.saddles) {
		out = append(out, legendEntry{label: "saddle", marker: true, shape: shapeCross, color: black, edge: white})
	}
	if in(l.maxima) {
		out = append(out, legendEntry{label: "local max", marker: true, shape: shapeTriangle, color: white, edge: black})
	}
	return out
}

// splitMinima separates the global minima (value within a small tolerance
// of the lowest) from the local ones, evaluating value at each.
func splitMinima(minima []Point, value func(Point) float64) (global, local []Point) {
	vals := make([]float64, len(minima))
	best := math.Inf(1)
	for i, m := range minima {
		vals[i] = value(m)
		if finite(vals[i]) {
			best = math.Min(best, vals[i])
		}
	}
	tol := 1e-6 * math.Max(1, math.Abs(best))
	for i, m := range minima {
		if finite(vals[i]) && vals[i] <= best+tol {
			global = append(global, m)
		} else {
			local = append(local, m)
		}
	}
	return global, local
}
