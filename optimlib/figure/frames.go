package figure

import (
	"fmt"
	"image"
	"image/color"

	"gonum.org/v1/plot/vg/vgimg"
)

// frameRenderer draws successive frames of one panel whose overlays change:
// the static background is rendered (or fetched from the cache) once, and
// each frame copies it, draws the overlays on top and maps the pixels to a
// fixed palette of 256 colours. The canvas, image and index buffers are
// reused from frame to frame.
type frameRenderer struct {
	panel  *panel
	w, h   int
	cache  *Cache
	bg     *background
	canvas *vgimg.Canvas
	img    *image.RGBA
	quant  *quantizer
	idx    []uint8
}

// init renders the background and builds the palette on first use.
func (fr *frameRenderer) init(reserved []color.RGBA, transparent bool) error {
	if fr.bg != nil {
		return nil
	}
	bg, err := fr.panel.background(fr.w, fr.h, fr.cache)
	if err != nil {
		return err
	}
	fr.canvas = newRasterCanvas(fr.w, fr.h)
	img, ok := fr.canvas.Image().(*image.RGBA)
	if !ok {
		return fmt.Errorf("frame canvas image is %T, not *image.RGBA", fr.canvas.Image())
	}
	fr.img = img
	fr.quant = newQuantizer(bg.img, reserved, transparent)
	fr.idx = make([]uint8, fr.w*fr.h)
	fr.bg = bg
	return nil
}

// draw renders the current overlays over the background into fr.img and
// indexes the result into fr.idx.
func (fr *frameRenderer) draw() error {
	copy(fr.img.Pix, fr.bg.img.Pix)
	if err := fr.panel.drawOverlays(fr.canvas, fr.bg); err != nil {
		return err
	}
	fr.quant.index(fr.img, fr.idx)
	return nil
}

// reservedColours are the colours frames keep exactly: those of the
// trajectories, the same half-way to white (their anti-aliased edges), and
// black and white for markers.
func reservedColours(lines []*polyline) []color.RGBA {
	out := []color.RGBA{white, black}
	for _, l := range lines {
		out = append(out, l.color, lighten(l.color, 0.5))
	}
	return out
}

// overlayLines returns the polylines among a panel's overlays, in order,
// and its legend (nil when it has none).
func overlayLines(pn *panel) ([]*polyline, *legendBox) {
	var lines []*polyline
	var lb *legendBox
	for _, o := range pn.overlays {
		switch v := o.(type) {
		case *polyline:
			lines = append(lines, v)
		case *legendBox:
			lb = v
		}
	}
	return lines, lb
}
