package figure

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// barWidth is the width of a bar as a fraction of its slot.
const barWidth = 0.66

// Bars draws a bar chart: one bar per label, coloured in series order (so
// the bar of the i-th optimizer has the colour of its curves), with its
// value printed on top (Options.ValueFormat, default "%.3g"; "-" prints
// none). Bars start at 0; a NaN value gets no bar and prints "NaN". The y
// range fits the values and 0 unless Options.Window sets it. Long labels
// are slanted.
//
//	figure.Bars(figure.Options{Title: "success rate over 100 seeds", YLabel: "%", ValueFormat: "%.0f%%"},
//		[]string{"GD", "Momentum", "Adam"}, []float64{41, 77, 93})
func Bars(opt Options, labels []string, values []float64) *Figure {
	const kind = "bars"
	if len(labels) != len(values) {
		return failed(kind, fmt.Errorf("%d labels but %d values", len(labels), len(values)))
	}
	if len(values) == 0 {
		return failed(kind, fmt.Errorf("no bars"))
	}
	w, h, err := opt.size(DefaultWidth, DefaultHeight)
	if err != nil {
		return failed(kind, err)
	}
	format := opt.ValueFormat
	if format == "" {
		format = "%.3g"
	}
	p := newPlot(opt.Title, opt.XLabel, opt.YLabel)
	p.Add(gridLinesY())
	lo, hi := 0.0, 0.0
	var notes []string
	for i, v := range values {
		if !finite(v) {
			notes = append(notes, fmt.Sprintf("bar %q has no finite value (%g)", labels[i], v))
			continue
		}
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if lo == hi {
		hi = 1
	}
	span := hi - lo
	if hi > 0 {
		hi += 0.1 * span
	}
	if lo < 0 {
		lo -= 0.1 * span
	}
	if opt.Window.YMin < opt.Window.YMax {
		lo, hi = opt.Window.YMin, opt.Window.YMax
	}
	p.Y.Min, p.Y.Max = lo, hi
	n := len(values)
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	p.X.Padding = 0
	ticks := make([]plot.Tick, n)
	for i, l := range labels {
		ticks[i] = plot.Tick{Value: float64(i), Label: l}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Tick.Length = 0
	slot := pxLen(w) * 0.85 / vg.Length(n)
	for _, l := range labels {
		if p.X.Tick.Label.Width(l) > slot*0.95 {
			p.X.Tick.Label.Rotation = math.Pi / 7
			p.X.Tick.Label.XAlign = draw.XRight
			p.X.Tick.Label.YAlign = draw.YTop
			break
		}
	}
	p.Add(&barsPlot{values: values, format: format, colorOffset: opt.ColorOffset})
	pn := &panel{plot: p, notes: notes}
	return &Figure{kind: kind, title: opt.Title, width: w, height: h, cache: opt.cache(), panel: pn, notes: notes}
}

// gridLinesY draws horizontal grid lines only.
func gridLinesY() plot.Plotter {
	g := gridPlotter()
	g.Vertical.Color = nil
	return g
}

// barsPlot draws the bars and their values.
type barsPlot struct {
	values      []float64
	format      string
	colorOffset int
}

// Plot implements plot.Plotter.
func (b *barsPlot) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	sty := text.Style{Color: color3(40), Font: font.From(sans, tickSize), XAlign: draw.XCenter, Handler: plot.DefaultTextHandler}
	base := trY(math.Max(p.Y.Min, math.Min(0, p.Y.Max)))
	for i, v := range b.values {
		x := float64(i)
		if finite(v) {
			top := trY(math.Max(p.Y.Min, math.Min(v, p.Y.Max)))
			r := vg.Rectangle{
				Min: vg.Point{X: trX(x - barWidth/2), Y: min(base, top)},
				Max: vg.Point{X: trX(x + barWidth/2), Y: max(base, top)},
			}
			c.SetColor(SeriesColor(b.colorOffset + i))
			c.Fill(r.Path())
		}
		if b.format == "-" {
			continue
		}
		label := fmt.Sprintf(b.format, v)
		if !finite(v) {
			label = fmt.Sprint(v)
		}
		y := trY(math.Max(p.Y.Min, math.Min(v, p.Y.Max)))
		if !finite(v) {
			y = base
		}
		if v < 0 {
			sty.YAlign = draw.YTop
			y -= vg.Points(3)
		} else {
			sty.YAlign = draw.YBottom
			y += vg.Points(3)
		}
		c.FillText(sty, vg.Point{X: trX(x), Y: y}, label)
	}
}
