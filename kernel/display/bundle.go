package display

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/gif"
	"image/png"
	"reflect"
	"strings"
	"unicode/utf8"

	"gonum.org/v1/plot"
)

// MIME types of the representations a Bundle may hold.
const (
	MIMEText     = "text/plain"
	MIMEHTML     = "text/html"
	MIMEMarkdown = "text/markdown"
	MIMESVG      = "image/svg+xml"
	MIMELaTeX    = "text/latex"
	MIMEPNG      = "image/png"
	MIMEGIF      = "image/gif"
	MIMEJSON     = "application/json"
)

// MaxTextBytes bounds the text/plain form of a value: a longer text is cut
// (at a character boundary) and ends with a note saying how much was left
// out, so that printing a million-element slice does not freeze the
// notebook.
const MaxTextBytes = 100_000

// HTMLer is a value that shows itself as HTML (text/html).
type HTMLer interface{ HTML() string }

// Markdowner is a value that shows itself as Markdown (text/markdown).
type Markdowner interface{ Markdown() string }

// SVGer is a value that shows itself as an SVG image (image/svg+xml); SVG
// returns the whole <svg> document.
type SVGer interface{ SVG() string }

// LaTeXer is a value that shows itself as LaTeX (text/latex), usually a
// formula between $ signs.
type LaTeXer interface{ LaTeX() string }

// PNGer is a value that shows itself as a PNG image (image/png); PNG returns
// the encoded file.
type PNGer interface{ PNG() []byte }

// GIFer is a value that shows itself as a GIF image (image/gif), such as an
// animation; GIF returns the encoded file.
type GIFer interface{ GIF() []byte }

// JSONer is a value that shows itself as JSON (application/json); JSON
// returns a value that encoding/json can marshal.
type JSONer interface{ JSON() any }

// MIMEBundler is a value that builds its whole MIME bundle itself, such as
// a widget (the widget view, a text fallback and its figure). Bundle uses
// it as it is, adding text/plain if it is missing.
type MIMEBundler interface {
	MIMEBundle() (data, metadata map[string]any)
}

// Bundle returns the MIME bundle of v, as Jupyter display_data and
// execute_result messages carry it: data maps a MIME type to its content
// and metadata holds per-type details (image sizes).
//
// data always has text/plain: v formatted with %v (an image or plot gets a
// one-line description instead, and the text is cut at MaxTextBytes). An
// image.Image adds image/png, and a gonum *plot.Plot adds image/png
// rendered at 600×400 px. A value with any of the methods HTML, Markdown,
// SVG, LaTeX, PNG, GIF or JSON adds the matching type, except that a value
// with both PNG and SVG methods is sent as PNG only; the kernel finds these
// methods on the values of types declared in cells too. Binary content
// (PNG) is base64 encoded. A representation that fails (a method that panics, a
// value JSON cannot encode) is left out and the reason is appended to
// text/plain. A nil pointer is just "<nil>": its methods are not called
// (a failed constructor's nil result is not an error to report). Bundle
// never panics.
func Bundle(v any) (data, metadata map[string]any) {
	if x, ok := v.(MIMEBundler); ok {
		if data, metadata, ok := ownBundle(x); ok {
			return data, metadata
		}
	}
	data = map[string]any{}
	metadata = map[string]any{}
	if isNil(v) {
		data[MIMEText] = "<nil>"
		return data, metadata
	}
	var problems []string
	try := func(mime string, render func() error) {
		defer func() {
			if r := recover(); r != nil {
				problems = append(problems, fmt.Sprintf("%s: panic: %v", mime, r))
			}
		}()
		if err := render(); err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v", mime, err))
		}
	}
	setPNG := func(b []byte) {
		data[MIMEPNG] = base64.StdEncoding.EncodeToString(b)
		if cfg, err := png.DecodeConfig(bytes.NewReader(b)); err == nil {
			metadata[MIMEPNG] = map[string]any{"width": cfg.Width, "height": cfg.Height}
		}
	}

	switch x := v.(type) {
	case *plot.Plot:
		try(MIMEPNG, func() error {
			b, err := plotPNG(x)
			if err == nil {
				setPNG(b)
			}
			return err
		})
	case image.Image:
		try(MIMEPNG, func() error {
			b, err := encodePNG(x)
			if err == nil {
				setPNG(b)
			}
			return err
		})
	}
	m := richMethodsOf(v)
	if m.html != nil {
		try(MIMEHTML, func() error { data[MIMEHTML] = m.html(); return nil })
	}
	if m.markdown != nil {
		try(MIMEMarkdown, func() error { data[MIMEMarkdown] = m.markdown(); return nil })
	}
	// A value that can draw itself both ways (a figure) is sent as PNG only:
	// one image per display keeps notebooks and live updates small. Wrap it in
	// a value with only an SVG method to get SVG.
	if m.svg != nil && m.png == nil {
		try(MIMESVG, func() error { data[MIMESVG] = m.svg(); return nil })
	}
	if m.latex != nil {
		try(MIMELaTeX, func() error { data[MIMELaTeX] = m.latex(); return nil })
	}
	if m.png != nil {
		try(MIMEPNG, func() error {
			b := m.png()
			if len(b) == 0 {
				return fmt.Errorf("PNG() returned no bytes")
			}
			setPNG(b)
			return nil
		})
	}
	if m.gif != nil {
		try(MIMEGIF, func() error {
			b := m.gif()
			if len(b) == 0 {
				return fmt.Errorf("GIF() returned no bytes")
			}
			data[MIMEGIF] = base64.StdEncoding.EncodeToString(b)
			if cfg, err := gif.DecodeConfig(bytes.NewReader(b)); err == nil {
				metadata[MIMEGIF] = map[string]any{"width": cfg.Width, "height": cfg.Height}
			}
			return nil
		})
	}
	if m.json != nil {
		try(MIMEJSON, func() error {
			raw, err := marshalJSON(m.json())
			if err == nil {
				data[MIMEJSON] = raw
			}
			return err
		})
	}

	text := plainText(v, data)
	if len(problems) > 0 {
		text += "\n(display: " + strings.Join(problems, "; ") + ")"
	}
	data[MIMEText] = text
	return data, metadata
}

// ownBundle calls a MIMEBundler; it reports false when the method panics
// or returns no data.
func ownBundle(x MIMEBundler) (data, metadata map[string]any, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = false
		}
	}()
	data, metadata = x.MIMEBundle()
	if len(data) == 0 {
		return nil, nil, false
	}
	if metadata == nil {
		metadata = map[string]any{}
	}
	if _, has := data[MIMEText]; !has {
		data[MIMEText] = fmt.Sprintf("<%T>", x)
	}
	return data, metadata, true
}

// PNGOf returns v drawn as a PNG file when v is an image: a gonum
// *plot.Plot (at PlotWidth×PlotHeight), an image.Image, or a value with a
// PNG method (an optimlib figure). ok is false for other values. Drawing
// may fail (err), and a panic while drawing is returned as an error.
func PNGOf(v any) (png []byte, ok bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			png, err = nil, fmt.Errorf("drawing the image panicked: %v", r)
		}
	}()
	switch x := v.(type) {
	case nil:
		return nil, false, nil
	case *plot.Plot:
		b, err := plotPNG(x)
		return b, true, err
	case image.Image:
		b, err := encodePNG(x)
		return b, true, err
	case PNGer:
		b := x.PNG()
		if len(b) == 0 {
			return nil, true, fmt.Errorf("PNG() returned no bytes")
		}
		return b, true, nil
	}
	return nil, false, nil
}

// plainText is the text/plain form of v, whose richer forms are in data.
func plainText(v any, data map[string]any) (text string) {
	defer func() {
		if r := recover(); r != nil {
			text = fmt.Sprintf("<%T: formatting panicked: %v>", v, r)
		}
	}()
	switch x := v.(type) {
	case *plot.Plot:
		if x != nil && x.Title.Text != "" {
			return fmt.Sprintf("<plot %q, %d×%d px>", x.Title.Text, PlotWidth, PlotHeight)
		}
		return fmt.Sprintf("<plot, %d×%d px>", PlotWidth, PlotHeight)
	case image.Image:
		b := x.Bounds()
		return fmt.Sprintf("<%T %d×%d>", x, b.Dx(), b.Dy())
	}
	if _, ok := v.(fmt.Stringer); !ok && isInterpreterWrapper(v) {
		return truncate(richText(data), MaxTextBytes)
	}
	return truncate(fmt.Sprintf("%v", v), MaxTextBytes)
}

// isNil reports whether v is nil, a nil pointer, or an interpreter wrapper
// (see isInterpreterWrapper) of one.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	if isInterpreterWrapper(v) {
		rv = rv.Field(0)
		if rv.Kind() == reflect.Interface {
			if rv.IsNil() {
				return true
			}
			rv = rv.Elem()
		}
	}
	return rv.Kind() == reflect.Pointer && rv.IsNil()
}

// isInterpreterWrapper reports whether v is an interface wrapper made by the
// interpreter. When a cell passes a value of a type it declared to a
// function of this package, the interpreter hands over a struct of a
// generated type (named with a leading underscore) whose first field is
// IValue and whose other fields implement the methods. Formatting the
// wrapper would print those fields, and IValue does not reliably hold the
// cell's value (for a struct it may hold one of its fields).
func isInterpreterWrapper(v any) bool {
	t := reflect.TypeOf(v)
	if t == nil || t.Kind() != reflect.Struct || t.NumField() == 0 {
		return false
	}
	return strings.HasPrefix(t.Name(), "_") && t.Field(0).Name == "IValue"
}

// richText is a plain-text stand-in built from the richer forms in data:
// the source of text forms (Markdown, LaTeX, HTML, JSON), or a description
// of an image.
func richText(data map[string]any) string {
	for _, mime := range []string{MIMEMarkdown, MIMELaTeX, MIMEHTML} {
		if s, ok := data[mime].(string); ok {
			return s
		}
	}
	if raw, ok := data[MIMEJSON].(json.RawMessage); ok {
		return string(raw)
	}
	if s, ok := data[MIMESVG].(string); ok {
		return fmt.Sprintf("<SVG image, %d bytes>", len(s))
	}
	if _, ok := data[MIMEPNG]; ok {
		return "<PNG image>"
	}
	if _, ok := data[MIMEGIF]; ok {
		return "<GIF animation>"
	}
	return "<value>"
}

// truncate cuts s to at most limit bytes at a character boundary and says
// how many bytes were left out.
func truncate(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s… (%d more bytes)", s[:cut], len(s)-cut)
}

// marshalJSON encodes v so that an Event carries it verbatim.
func marshalJSON(v any) (json.RawMessage, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return json.RawMessage(b), nil
}
