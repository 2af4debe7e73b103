package widgets

import (
	"fmt"

	"github.com/descentlab/descent/kernel/display"
)

// Image shows a PNG image, like ipywidgets.Image; its bytes travel as a
// binary buffer, not as base64 text. Interact draws its figure in one.
type Image struct {
	domWidget
}

// NewImage returns an image widget showing png (an encoded PNG file; nil
// for an empty image).
func NewImage(png []byte) *Image {
	i := &Image{}
	i.domWidget = newDOM("Image", map[string]any{"format": "png", "width": "", "height": ""},
		map[string][]byte{"value": bytesOrEmpty(png)}, "", nil)
	return i
}

// SetPNG shows another PNG file.
func (i *Image) SetPNG(png []byte) *Image {
	i.m.set(nil, map[string][]byte{"value": bytesOrEmpty(png)})
	return i
}

// SetFigure draws v (a figure, a gonum plot, an image.Image, anything with
// a PNG method) and shows it.
func (i *Image) SetFigure(v any) error {
	png, ok, err := display.PNGOf(v)
	if !ok {
		return fmt.Errorf("widgets: %T is not an image", v)
	}
	if err != nil {
		return err
	}
	i.SetPNG(png)
	return nil
}

// PNG returns the PNG file shown.
func (i *Image) PNG() []byte { return append([]byte(nil), i.m.getBytes("value")...) }

// SetWidth sets the displayed width, as CSS pixels ("600") or a length.
func (i *Image) SetWidth(width string) *Image {
	i.m.set(map[string]any{"width": width}, nil)
	return i
}

// String describes the image: Image(<PNG, 48213 bytes>).
func (i *Image) String() string {
	return fmt.Sprintf("Image(<PNG, %d bytes>)", len(i.m.getBytes("value")))
}

// MIMEBundle is the image's display: the widget, the image itself for
// front ends without widgets, and a text fallback.
func (i *Image) MIMEBundle() (map[string]any, map[string]any) {
	data, metadata := viewBundle(i.ModelID(), i.String())
	addPNG(data, metadata, i.m.getBytes("value"))
	return data, metadata
}

func bytesOrEmpty(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}

// pngFile is an encoded PNG that display bundles as an image.
type pngFile []byte

// PNG returns the file.
func (p pngFile) PNG() []byte { return p }

// addPNG adds png to a display bundle as image/png, with its size.
func addPNG(data, metadata map[string]any, png []byte) {
	if len(png) == 0 {
		return
	}
	d, md := display.Bundle(pngFile(png))
	if v, ok := d[display.MIMEPNG]; ok {
		data[display.MIMEPNG] = v
		if m, ok := md[display.MIMEPNG]; ok {
			metadata[display.MIMEPNG] = m
		}
	}
}
