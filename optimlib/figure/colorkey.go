package figure

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Colour key layout, in points.
const (
	keyGap    = 8  // between the plot and the bar
	keyBar    = 11 // width of the bar, and side of a category swatch
	keyText   = 4  // between the bar and its labels
	keyMargin = 6  // right of the labels
	keySlices = 96 // rectangles that draw the continuous bar
	keyTicks  = 5  // labelled values of the continuous bar
)

// colorKey is the key of a heat map, drawn right of the data area in the
// margin the panel keeps for it: a bar of the colour scale with labelled
// values, or one swatch per category when labels name the values 0, 1, ….
type colorKey struct {
	cmap   levelMap
	labels []string  // categories, or nil
	ticks  []float64 // positions in [0, 1] of the labelled values (continuous)
	text   []string  // their labels
	width  vg.Length // the margin the key takes
}

// newColorKey returns the key of the colour map cmap; categories, when not
// empty, name the values 0, 1, ….
func newColorKey(cmap levelMap, categories []string) *colorKey {
	k := &colorKey{cmap: cmap, labels: categories}
	if len(categories) > 0 {
		k.text = categories
	} else {
		for i := range keyTicks {
			t := float64(i) / (keyTicks - 1)
			k.ticks = append(k.ticks, t)
			s := strconv.FormatFloat(cmap.value(t), 'g', 3, 64)
			if cmap.log && i == 0 {
				s = "≤ " + s // a log map gives every lower value the bottom colour
			}
			k.text = append(k.text, s)
		}
	}
	sty := legendStyle()
	var textW vg.Length
	for _, s := range k.text {
		textW = max(textW, sty.Width(s))
	}
	k.width = vg.Points(keyGap+keyBar+keyText+keyMargin) + textW
	return k
}

// Plot implements plot.Plotter.
func (k *colorKey) Plot(c draw.Canvas, _ *plot.Plot) {
	sty := legendStyle()
	x0 := c.Max.X + vg.Points(keyGap)
	x1 := x0 + vg.Points(keyBar)
	tx := x1 + vg.Points(keyText)
	edge := draw.LineStyle{Color: color3(120), Width: vg.Points(0.5)}
	if len(k.labels) > 0 {
		row := sty.FontExtents().Height * legendRow
		y := c.Max.Y
		for i, s := range k.labels {
			r := vg.Rectangle{Min: vg.Point{X: x0, Y: y - vg.Points(keyBar)}, Max: vg.Point{X: x1, Y: y}}
			c.SetColor(Viridis(k.cmap.t(float64(i))))
			c.Fill(r.Path())
			c.SetLineStyle(edge)
			c.Stroke(r.Path())
			c.FillText(sty, vg.Point{X: tx, Y: y - vg.Points(keyBar)/2}, s)
			y -= max(row, vg.Points(keyBar+4))
		}
		return
	}
	h := c.Max.Y - c.Min.Y
	for i := range keySlices {
		lo := c.Min.Y + h*vg.Length(i)/keySlices
		hi := c.Min.Y + h*vg.Length(i+1)/keySlices
		r := vg.Rectangle{Min: vg.Point{X: x0, Y: lo}, Max: vg.Point{X: x1, Y: hi + 0.3}}
		c.SetColor(Viridis((float64(i) + 0.5) / keySlices))
		c.Fill(r.Path())
	}
	c.SetLineStyle(edge)
	c.Stroke(vg.Rectangle{Min: vg.Point{X: x0, Y: c.Min.Y}, Max: vg.Point{X: x1, Y: c.Max.Y}}.Path())
	for i, t := range k.ticks {
		y := c.Min.Y + h*vg.Length(t)
		c.StrokeLine2(edge, x1, y, x1+vg.Points(2), y)
		c.FillText(sty, vg.Point{X: tx, Y: y}, k.text[i])
	}
}

// value is the inverse of t: the value at position t in [0, 1] of the map.
func (m levelMap) value(t float64) float64 {
	if m.log {
		return m.zmin + m.lo*math.Pow(m.hi/m.lo, t)
	}
	return m.zmin + t*(m.zmax-m.zmin)
}
