package figure

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendEntry is one item of a legend: a line sample and/or a marker, and a
// label.
type legendEntry struct {
	label  string
	color  color.RGBA
	line   bool
	marker bool // draw shape (with edge) in the middle of the sample
	shape  markerShape
	edge   color.Color
}

// legendBox draws a legend inside the data area: one row per series, then
// the landmark symbols side by side in one row. It takes the place (four
// corners, four edge middles) that hides the least: landmarks in keep
// count most (global minima above all), then points of the paths in avoid.
type legendBox struct {
	entries []legendEntry // one row each
	marks   []legendEntry // side by side in the last row
	avoid   []*polyline
	keep    []weightedPoint
	// whole places the box by the whole of each path in avoid, not only
	// the points drawn so far, so that it stays put during an animation.
	whole bool
	// outside puts the box right of the data area, at its top, in the
	// margin the panel keeps free for it.
	outside bool
	// offset moves an outside box further right, past a colour key.
	offset vg.Length
}

// weightedPoint is a point the legend should not hide, with the cost of
// hiding it.
type weightedPoint struct {
	Point
	weight int
}

// Costs of hiding a landmark, against 1 per path point.
const (
	hideGlobalMin = 100000
	hideLocalMin  = 30000
	hideSaddle    = 10000
)

// Legend layout, in points.
const (
	legendPad     = 5
	legendSample  = 22
	legendGap     = 5
	legendMargin  = 6
	legendMarkGap = 12
	legendRow     = 1.35 // row height in units of the font height
)

// legendStyle is the text style of legend labels.
func legendStyle() text.Style {
	return text.Style{
		Color:   black,
		Font:    font.From(sans, legendSize),
		XAlign:  draw.XLeft,
		YAlign:  draw.YCenter,
		Handler: plot.DefaultTextHandler,
	}
}

// markSample is the width of a landmark symbol in the marks row.
const markSample = 14

// size returns the width and height of the box and the row height.
func (l *legendBox) size(sty text.Style) (w, h, row vg.Length) {
	var textW vg.Length
	for _, e := range l.entries {
		textW = max(textW, sty.Width(e.label))
	}
	w = vg.Points(2*legendPad+legendSample+legendGap) + textW
	var marksW vg.Length
	for i, e := range l.marks {
		if i > 0 {
			marksW += vg.Points(legendMarkGap)
		}
		marksW += vg.Points(markSample+legendGap) + sty.Width(e.label)
	}
	w = max(w, marksW+vg.Points(2*legendPad))
	row = sty.FontExtents().Height * legendRow
	rows := len(l.entries)
	if len(l.marks) > 0 {
		rows++
	}
	h = vg.Points(2*legendPad) + row*vg.Length(rows)
	return w, h, row
}

// width returns the width of the box.
func (l *legendBox) width() vg.Length {
	w, _, _ := l.size(legendStyle())
	return w
}

// Plot implements plot.Plotter.
func (l *legendBox) Plot(c draw.Canvas, p *plot.Plot) {
	if len(l.entries) == 0 && len(l.marks) == 0 {
		return
	}
	w, h, _ := l.size(legendStyle())
	var box vg.Rectangle
	if l.outside {
		at := vg.Point{X: c.Max.X + l.offset + vg.Points(legendMargin), Y: c.Max.Y - h}
		box = vg.Rectangle{Min: at, Max: vg.Point{X: at.X + w, Y: c.Max.Y}}
	} else {
		box = l.place(&c, p, w, h)
	}
	l.drawBox(c, box)
}

// drawBox draws the legend in box, whose size is l.size.
func (l *legendBox) drawBox(c draw.Canvas, box vg.Rectangle) {
	sty := legendStyle()
	_, _, row := l.size(sty)
	c.SetColor(color.NRGBA{255, 255, 255, 225})
	c.Fill(box.Path())
	c.SetLineStyle(draw.LineStyle{Color: color.Gray{175}, Width: vg.Points(0.6)})
	c.Stroke(box.Path())
	y := box.Max.Y - vg.Points(legendPad) - row/2
	x0 := box.Min.X + vg.Points(legendPad)
	for _, e := range l.entries {
		mid := vg.Point{X: x0 + vg.Points(legendSample)/2, Y: y}
		if e.line {
			c.StrokeLine2(draw.LineStyle{Color: e.color, Width: vg.Points(seriesWidth)},
				x0, y, x0+vg.Points(legendSample), y)
		}
		if e.marker {
			drawMarker(&c, e.shape, mid, legendMarkerRadius(e.shape), e.color, e.edge)
		}
		c.FillText(sty, vg.Point{X: x0 + vg.Points(legendSample+legendGap), Y: y}, e.label)
		y -= row
	}
	x := x0
	for _, e := range l.marks {
		drawMarker(&c, e.shape, vg.Point{X: x + vg.Points(markSample)/2, Y: y}, legendMarkerRadius(e.shape), e.color, e.edge)
		x += vg.Points(markSample + legendGap)
		c.FillText(sty, vg.Point{X: x, Y: y}, e.label)
		x += sty.Width(e.label) + vg.Points(legendMarkGap)
	}
}

// putOutside turns lb into a single column of entries (landmarks
// included) drawn right of pn's plot, and keeps the margin it needs.
func putOutside(pn *panel, lb *legendBox) {
	lb.entries = append(append([]legendEntry(nil), lb.entries...), lb.marks...)
	lb.marks = nil
	lb.outside = true
	pn.rightMargin += lb.width() + vg.Points(2*legendMargin)
	if pn.bgKey != "" {
		pn.bgKey += fmt.Sprintf("|right margin %v", pn.rightMargin)
	}
}

// legendMarkerRadius is the size of a marker in the legend.
func legendMarkerRadius(s markerShape) vg.Length {
	switch s {
	case shapeStar:
		return vg.Points(starRadius * 0.85)
	case shapeCross, shapeTriangle:
		return vg.Points(crossRadius * 0.9)
	}
	return vg.Points(endRadius)
}

// place picks where in the data area a w × h box goes.
func (l *legendBox) place(c *draw.Canvas, p *plot.Plot, w, h vg.Length) vg.Rectangle {
	m := vg.Points(legendMargin)
	left, right := c.Min.X+m, c.Max.X-m-w
	bottom, top := c.Min.Y+m, c.Max.Y-m-h
	midX, midY := (c.Min.X+c.Max.X-w)/2, (c.Min.Y+c.Max.Y-h)/2
	candidates := []vg.Point{
		{X: right, Y: top}, {X: left, Y: top}, {X: right, Y: bottom}, {X: left, Y: bottom},
		{X: midX, Y: top}, {X: midX, Y: bottom}, {X: left, Y: midY}, {X: right, Y: midY},
	}
	var pts []vg.Point
	for _, pl := range l.avoid {
		if l.whole {
			full := *pl
			full.n = min(len(pl.xs), len(pl.ys))
			pl = &full
		}
		for _, r := range pl.runs(c, p) {
			pts = append(pts, r...)
		}
	}
	trX, trY := p.Transforms(c)
	best, bestScore := 0, -1
	for i, corner := range candidates {
		r := vg.Rectangle{Min: corner, Max: vg.Point{X: corner.X + w, Y: corner.Y + h}}
		score := 0
		for _, pt := range pts {
			if inRect(r, pt) {
				score++
			}
		}
		for _, q := range l.keep {
			if inRect(inflate(r, vg.Points(starRadius)), vg.Point{X: trX(q.X), Y: trY(q.Y)}) {
				score += q.weight
			}
		}
		if bestScore < 0 || score < bestScore {
			best, bestScore = i, score
		}
	}
	at := candidates[best]
	return vg.Rectangle{Min: at, Max: vg.Point{X: at.X + w, Y: at.Y + h}}
}

// inflate widens r by d on every side.
func inflate(r vg.Rectangle, d vg.Length) vg.Rectangle {
	return vg.Rectangle{Min: vg.Point{X: r.Min.X - d, Y: r.Min.Y - d}, Max: vg.Point{X: r.Max.X + d, Y: r.Max.Y + d}}
}

// inRect reports whether pt lies in r.
func inRect(r vg.Rectangle, pt vg.Point) bool {
	return pt.X >= r.Min.X && pt.X <= r.Max.X && pt.Y >= r.Min.Y && pt.Y <= r.Max.Y
}
