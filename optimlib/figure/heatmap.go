package figure

import (
	"image"
	"image/color"
	stddraw "image/draw"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// blankColor fills heat-map pixels where the landscape is not finite.
var blankColor = color.RGBA{235, 235, 235, 255}

// heatImage shades the data area with the landscape's colours: each pixel
// takes the viridis colour of the bilinear interpolation of the grid at
// its centre, through the same map as the contour levels.
type heatImage struct {
	grid *SurfaceGrid
	cmap levelMap
}

// Plot implements plot.Plotter. On a raster canvas the image is computed at
// the output resolution and copied straight into the pixels; on a vector
// canvas it is embedded at up to twice the grid's resolution, and the
// viewer smooths it when scaling.
func (h *heatImage) Plot(c draw.Canvas, p *plot.Plot) {
	if vc, ok := c.Canvas.(*vgimg.Canvas); ok {
		if dst, ok := vc.Image().(*image.RGBA); ok {
			_, height := vc.Size()
			r := image.Rect(
				int(math.Round(float64(c.Min.X)*pxPerPt)), int(math.Round(float64(height-c.Max.Y)*pxPerPt)),
				int(math.Round(float64(c.Max.X)*pxPerPt)), int(math.Round(float64(height-c.Min.Y)*pxPerPt)))
			if r.Dx() > 0 && r.Dy() > 0 {
				stddraw.Draw(dst, r, h.render(p, r.Dx(), r.Dy()), image.Point{}, stddraw.Src)
			}
			return
		}
	}
	size := c.Size()
	nx, ny := h.grid.Dims()
	w := max(1, min(2*nx, int(math.Round(float64(size.X)*pxPerPt))))
	ht := max(1, min(2*ny, int(math.Round(float64(size.Y)*pxPerPt))))
	c.DrawImage(vg.Rectangle{Min: c.Min, Max: c.Max}, h.render(p, w, ht))
}

// render returns the w × ht image of the window of p.
func (h *heatImage) render(p *plot.Plot, w, ht int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, ht))
	for py := range ht {
		// Row 0 is the top of the image: the window's highest y.
		y := p.Y.Max - (float64(py)+0.5)/float64(ht)*(p.Y.Max-p.Y.Min)
		row := img.Pix[py*img.Stride:]
		for px := range w {
			x := p.X.Min + (float64(px)+0.5)/float64(w)*(p.X.Max-p.X.Min)
			col := blankColor
			if z := h.grid.at(x, y); !math.IsNaN(z) {
				col = Viridis(h.cmap.t(z))
			}
			row[4*px], row[4*px+1], row[4*px+2], row[4*px+3] = col.R, col.G, col.B, 255
		}
	}
	return img
}
