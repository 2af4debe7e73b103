package figure

import (
	"fmt"
	"image"
	"strings"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
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
	// notes are printed in small grey type along the bottom edge, so
	// that what a figure leaves out is visible in the image itself.
	notes []string
}

// noteBand is the height kept for notes at the bottom of a panel.
const noteBand = 13

// plotArea returns the part of dc the plot itself is drawn in.
func (pn *panel) plotArea(dc draw.Canvas) draw.Canvas {
	var bottom vg.Length
	if len(pn.notes) > 0 {
		bottom = vg.Points(noteBand)
	}
	if pn.rightMargin > 0 || bottom > 0 {
		return draw.Crop(dc, 0, -pn.rightMargin, bottom, 0)
	}
	return dc
}

// drawNotes prints the notes at the bottom left of dc.
func (pn *panel) drawNotes(dc draw.Canvas) {
	if len(pn.notes) == 0 {
		return
	}
	sty := text.Style{Color: color3(110), Font: font.From(sans, noteSize), XAlign: draw.XLeft, YAlign: draw.YBottom,
		Handler: plot.DefaultTextHandler}
	dc.FillText(sty, vg.Point{X: dc.Min.X + vg.Points(4), Y: dc.Min.Y + vg.Points(2)}, "note: "+strings.Join(pn.notes, "; "))
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
		key = fmt.Sprintf("bg|%s|%d×%d|%q", pn.bgKey, w, h, pn.notes)
		if v, ok := cache.get(key); ok {
			return v.(*background), nil
		}
	}
	c := newRasterCanvas(w, h)
	full := draw.New(c)
	dc := pn.plotArea(full)
	var data vg.Rectangle
	if err := safely("draw plot", func() error {
		pn.plot.Draw(dc)
		data = pn.plot.DataCanvas(dc).Rectangle
		pn.drawNotes(full)
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

// raster renders the panel at w × h px into a new image.
func (pn *panel) raster(w, h int, cache *Cache) (*image.RGBA, error) {
	return pn.rasterOn(newRasterCanvas(w, h), w, h, cache)
}

// rasterOn renders the panel at w × h px on c (a canvas of that size,
// whose pixels are overwritten) and returns c's image.
func (pn *panel) rasterOn(c *vgimg.Canvas, w, h int, cache *Cache) (*image.RGBA, error) {
	bg, err := pn.background(w, h, cache)
	if err != nil {
		return nil, err
	}
	img, ok := c.Image().(*image.RGBA)
	if !ok || img.Rect.Dx() != w || img.Rect.Dy() != h {
		return nil, fmt.Errorf("draw overlays: canvas is not a %d×%d RGBA image", w, h)
	}
	copy(img.Pix, bg.img.Pix)
	if err := pn.drawOverlays(c, bg); err != nil {
		return nil, err
	}
	return img, nil
}

// canvasPool recycles raster canvases, one sync.Pool per size, so that
// encoding a figure again does not allocate a new image and rasterizer.
type canvasPool struct {
	mu    sync.Mutex
	pools map[image.Point]*sync.Pool
}

// rasterCanvases is the package's canvas pool (safe for concurrent use;
// sync.Pool drops idle canvases at garbage collection).
var rasterCanvases = &canvasPool{pools: map[image.Point]*sync.Pool{}}

// pool returns the pool of w × h canvases.
func (cp *canvasPool) pool(w, h int) *sync.Pool {
	cp.mu.Lock()
	defer cp.mu.Unlock()
	k := image.Point{X: w, Y: h}
	p, ok := cp.pools[k]
	if !ok {
		p = &sync.Pool{New: func() any { return newRasterCanvas(w, h) }}
		cp.pools[k] = p
	}
	return p
}

// withCanvas lends f a w × h canvas for the duration of the call.
func (cp *canvasPool) withCanvas(w, h int, f func(c *vgimg.Canvas) error) error {
	p := cp.pool(w, h)
	c := p.Get().(*vgimg.Canvas)
	defer p.Put(c)
	return f(c)
}

// vector draws the whole panel (static part and overlays) on dc.
func (pn *panel) vector(dc draw.Canvas) error {
	return safely("draw plot", func() error {
		area := pn.plotArea(dc)
		pn.plot.Draw(area)
		data := pn.plot.DataCanvas(area)
		for _, o := range pn.overlays {
			o.Plot(data, pn.plot)
		}
		pn.drawNotes(dc)
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
