package figure

import (
	"fmt"
	"image"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// panel is one plot: a static part (the gonum plot and its plotters: axes,
// landscape, landmarks) and overlays drawn over its data area afterwards
// (trajectories, legend). Only overlays change between the frames of an
// animation, so the static part can be rendered once and reused.
type panel struct {
	plot     *plot.Plot
	overlays []plot.Plotter
	// bgKey, when not empty, identifies the static part for the cache:
	// two panels with the same bgKey draw the same static part.
	bgKey string
	// rightMargin is room kept free right of the plot (for a legend drawn
	// outside the data area).
	rightMargin vg.Length
}

// plotArea returns the part of dc the plot itself is drawn in.
func (pn *panel) plotArea(dc draw.Canvas) draw.Canvas {
	if pn.rightMargin > 0 {
		return draw.Crop(dc, 0, -pn.rightMargin, 0, 0)
	}
	return dc
}

// background is the rendered static part of a panel at one size.
type background struct {
	img  *image.RGBA
	data vg.Rectangle // the data area, in points
}

// bytes estimates the memory the background holds.
func (b *background) bytes() int64 { return int64(len(b.img.Pix)) + 128 }

// newRasterCanvas returns a white w × h px canvas.
func newRasterCanvas(w, h int) *vgimg.Canvas {
	return vgimg.NewWith(vgimg.UseWH(pxLen(w), pxLen(h)), vgimg.UseDPI(dpi))
}

// background returns the static part rendered at w × h px, from the cache
// when the panel has a bgKey.
func (pn *panel) background(w, h int, cache *Cache) (*background, error) {
	key := ""
	if pn.bgKey != "" && cache != nil {
		key = fmt.Sprintf("bg|%s|%d×%d", pn.bgKey, w, h)
		if v, ok := cache.get(key); ok {
			return v.(*background), nil
		}
	}
	c := newRasterCanvas(w, h)
	dc := pn.plotArea(draw.New(c))
	var data vg.Rectangle
	if err := safely("draw plot", func() error {
		pn.plot.Draw(dc)
		data = pn.plot.DataCanvas(dc).Rectangle
		return nil
	}); err != nil {
		return nil, err
	}
	img, ok := c.Image().(*image.RGBA)
	if !ok {
		return nil, fmt.Errorf("draw plot: canvas image is %T, not *image.RGBA", c.Image())
	}
	bg := &background{img: img, data: data}
	if key != "" {
		return cache.put(key, bg, bg.bytes()).(*background), nil
	}
	return bg, nil
}

// drawOverlays draws the overlays on c, whose pixels already hold the
// background bg.
func (pn *panel) drawOverlays(c vg.Canvas, bg *background) error {
	return safely("draw overlays", func() error {
		dc := draw.Canvas{Canvas: c, Rectangle: bg.data}
		for _, o := range pn.overlays {
			o.Plot(dc, pn.plot)
		}
		return nil
	})
}

// raster renders the panel at w × h px.
func (pn *panel) raster(w, h int, cache *Cache) (*image.RGBA, *background, error) {
	bg, err := pn.background(w, h, cache)
	if err != nil {
		return nil, nil, err
	}
	c := newRasterCanvas(w, h)
	img := c.Image().(*image.RGBA)
	copy(img.Pix, bg.img.Pix)
	if err := pn.drawOverlays(c, bg); err != nil {
		return nil, nil, err
	}
	return img, bg, nil
}

// vector draws the whole panel (static part and overlays) on dc.
func (pn *panel) vector(dc draw.Canvas) error {
	return safely("draw plot", func() error {
		dc := pn.plotArea(dc)
		pn.plot.Draw(dc)
		data := pn.plot.DataCanvas(dc)
		for _, o := range pn.overlays {
			o.Plot(data, pn.plot)
		}
		return nil
	})
}

// safely runs f and turns a panic into an error naming what was done.
func safely(what string, f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: panic: %v", what, r)
		}
	}()
	return f()
}
