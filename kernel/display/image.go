package display

import (
	"bytes"
	"image"
	"image/png"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// The size a *plot.Plot is rendered at, in pixels at PlotDPI.
const (
	PlotWidth  = 600
	PlotHeight = 400
	PlotDPI    = 96
)

// encodePNG encodes img as a PNG file. It favours speed over a few percent
// of size: figures are redrawn often and most of their encoding time is
// compression.
func encodePNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// plotPNG renders p at PlotWidth×PlotHeight pixels. Rendering may panic (a
// log scale over values ≤ 0 does); Bundle recovers.
func plotPNG(p *plot.Plot) ([]byte, error) {
	w := vg.Length(PlotWidth) / PlotDPI * vg.Inch
	h := vg.Length(PlotHeight) / PlotDPI * vg.Inch
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(PlotDPI))
	p.Draw(draw.New(c))
	return encodePNG(c.Image())
}
