package figure

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Images are rendered at 96 dots per inch, so one pixel is 0.75 point.
const (
	dpi      = 96
	ptPerPx  = 72.0 / dpi
	pxPerPt  = dpi / 72.0
	fontSans = "Sans"
)

// Text sizes in points.
const (
	titleSize  = 13
	labelSize  = 11
	tickSize   = 9.5
	legendSize = 9.5
	noteSize   = 9
)

// sans is Liberation Sans, which gonum/plot embeds.
var sans = font.Font{Typeface: "Liberation", Variant: fontSans}

// pxLen converts pixels to a vg length.
func pxLen(px int) vg.Length { return vg.Length(float64(px) * ptPerPx) }

// newPlot returns a plot with the package's fonts, a title and axis labels.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, titleSize)
	p.Title.Padding = vg.Points(6)
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = font.From(sans, labelSize)
		ax.Label.Padding = vg.Points(3)
		ax.Tick.Label.Font = font.From(sans, tickSize)
		ax.Tick.Color = color.Gray{80}
		ax.Color = color.Gray{80}
	}
	p.X.Tick.Marker = linearTicks{target: 6}
	p.Y.Tick.Marker = linearTicks{target: 5}
	p.Legend.TextStyle.Font = font.From(sans, legendSize)
	return p
}

// addGrid adds light grey grid lines behind the data.
func addGrid(p *plot.Plot) { p.Add(gridPlotter()) }

// gridPlotter returns light grey grid lines at the major ticks.
func gridPlotter() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical = draw.LineStyle{Color: color.Gray{225}, Width: vg.Points(0.5)}
	g.Horizontal = g.Vertical
	return g
}
