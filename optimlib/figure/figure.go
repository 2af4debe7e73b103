package figure

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Figure is a finished figure: one plot, or a grid of plots (see Grid). A
// notebook shows it inline through its PNG and SVG methods. A Figure is
// safe for concurrent use.
type Figure struct {
	kind          string
	title         string
	width, height int
	cache         *Cache

	// one of panel (a single plot) or cells (a grid).
	panel *panel
	cells []*Figure
	cols  int
	// legend, for a grid with Options.LegendOutside, is drawn in a column
	// legendWidth px wide right of the panels.
	legend      *legendBox
	legendWidth int

	notes []string
	err   error

	mu sync.Mutex // serializes rendering: gonum plots are not safe to draw concurrently
}

// failed returns a figure that records err.
func failed(kind string, err error) *Figure {
	return &Figure{kind: kind, err: fmt.Errorf("%s: %w", kind, err)}
}

// Err returns why the figure cannot be drawn, or nil.
func (f *Figure) Err() error {
	if f == nil {
		return errors.New("nil figure")
	}
	return f.err
}

// Notes returns remarks about data the figure left out or adjusted, such
// as losses ≤ 0 on a log axis.
func (f *Figure) Notes() []string {
	if f == nil {
		return nil
	}
	return append([]string(nil), f.notes...)
}

// Size returns the image size in pixels.
func (f *Figure) Size() (width, height int) {
	if f == nil {
		return 0, 0
	}
	return f.width, f.height
}

// String describes the figure in one line, with its notes and error.
func (f *Figure) String() string {
	if f == nil {
		return "<nil figure>"
	}
	var b strings.Builder
	b.WriteString("figure")
	if f.kind != "" {
		b.WriteString(" " + f.kind)
	}
	if f.title != "" {
		fmt.Fprintf(&b, " %q", f.title)
	}
	if f.err == nil {
		fmt.Fprintf(&b, " (%d×%d px)", f.width, f.height)
	}
	for _, n := range f.notes {
		b.WriteString("; note: " + n)
	}
	if f.err != nil {
		b.WriteString("; error: " + f.err.Error())
	}
	return b.String()
}

// Image renders the figure into an RGBA image.
func (f *Figure) Image() (*image.RGBA, error) {
	if f == nil || f.err != nil {
		return nil, f.Err()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.raster(f.width, f.height)
}

// raster renders the figure at w × h px into a new image (the caller holds
// f.mu).
func (f *Figure) raster(w, h int) (*image.RGBA, error) {
	if f.panel != nil {
		return f.panel.raster(w, h, f.cache)
	}
	return f.gridRaster(w, h)
}

// PNG returns the figure encoded as PNG, or nil when it cannot be drawn
// (see Err).
func (f *Figure) PNG() []byte {
	b, err := f.EncodePNG()
	if err != nil {
		return nil
	}
	return b
}

// EncodePNG returns the figure encoded as PNG, or the reason it cannot be
// drawn.
func (f *Figure) EncodePNG() ([]byte, error) {
	if f == nil || f.err != nil {
		return nil, f.Err()
	}
	if f.panel == nil {
		img, err := f.Image()
		if err != nil {
			return nil, err
		}
		return encodeRGB(img)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []byte
	err := rasterCanvases.withCanvas(f.width, f.height, func(c *vgimg.Canvas) error {
		img, err := f.panel.rasterOn(c, f.width, f.height, f.cache)
		if err != nil {
			return err
		}
		out, err = encodeRGB(img)
		return err
	})
	return out, err
}

// SVG returns the figure as an SVG document, or "" when it cannot be drawn
// (see Err). The SVG is drawn in full each time (no cached background),
// names its fonts rather than embedding them, and holds the text as text.
func (f *Figure) SVG() string {
	s, err := f.EncodeSVG()
	if err != nil {
		return ""
	}
	return s
}

// EncodeSVG returns the figure as an SVG document, or the reason it cannot
// be drawn.
func (f *Figure) EncodeSVG() (string, error) {
	if f == nil || f.err != nil {
		return "", f.Err()
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	c := vgsvg.NewWith(vgsvg.UseWH(pxLen(f.width), pxLen(f.height)))
	if err := f.vector(draw.New(c)); err != nil {
		return "", err
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return "", fmt.Errorf("encode SVG: %w", err)
	}
	return buf.String(), nil
}

// vector draws the figure on dc (the caller holds f.mu).
func (f *Figure) vector(dc draw.Canvas) error {
	if f.panel != nil {
		return f.panel.vector(dc)
	}
	return f.gridVector(dc)
}

// Save writes the figure to path as PNG or SVG, chosen by the extension
// (.png or .svg).
func (f *Figure) Save(path string) error {
	var data []byte
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".png":
		b, err := f.EncodePNG()
		if err != nil {
			return fmt.Errorf("save %s: %w", path, err)
		}
		data = b
	case ".svg":
		s, err := f.EncodeSVG()
		if err != nil {
			return fmt.Errorf("save %s: %w", path, err)
		}
		data = []byte(s)
	default:
		return fmt.Errorf("save %s: unknown format %q (use .png or .svg)", path, ext)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("save figure: %w", err)
	}
	return nil
}
