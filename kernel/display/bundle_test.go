package display

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"reflect"
	"sort"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

type htmlValue struct{ n int }

func (v htmlValue) HTML() string { return "<b>" + strings.Repeat("*", v.n) + "</b>" }

type markdownValue struct{}

func (markdownValue) Markdown() string { return "*md*" }

type svgValue struct{}

func (svgValue) SVG() string { return `<svg xmlns="http://www.w3.org/2000/svg"/>` }

type latexValue struct{}

func (latexValue) LaTeX() string { return `$x^2$` }

type jsonValue struct{}

func (jsonValue) JSON() any { return map[string]int{"a": 1} }

type badJSONValue struct{}

func (badJSONValue) JSON() any { return make(chan int) }

type panickingHTML struct{}

func (panickingHTML) HTML() string { panic("no html today") }

// manyValue has two rich forms and a String method.
type manyValue struct{}

func (manyValue) HTML() string     { return "<i>many</i>" }
func (manyValue) Markdown() string { return "_many_" }
func (manyValue) String() string   { return "many" }

// formula has rich methods on its pointer that read its fields, as a
// value a constructor returns (nil, err) for.
type formula struct{ src string }

func (f *formula) LaTeX() string { return "$" + f.src + "$" }
func (f *formula) HTML() string  { return "<code>" + f.src + "</code>" }

// rgba returns a w×h image filled with one colour.
func rgba(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{R: 200, A: 255})
		}
	}
	return img
}

// pngFile encodes img with the standard encoder (not the package's).
func pngFile(t *testing.T, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// decodedSize decodes a base64 PNG from a bundle and returns its size.
func decodedSize(t *testing.T, v any) (int, int) {
	t.Helper()
	s, ok := v.(string)
	if !ok {
		t.Fatalf("image/png is %T, want a base64 string", v)
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		t.Fatalf("image/png is not base64: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("image/png does not decode: %v", err)
	}
	return img.Bounds().Dx(), img.Bounds().Dy()
}

func keys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func TestBundleTextAndRichForms(t *testing.T) {
	linePlot := plot.New()
	linePlot.Title.Text = "loss"
	line, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 1}, {X: 1, Y: 0.5}, {X: 2, Y: 0.25}})
	if err != nil {
		t.Fatal(err)
	}
	linePlot.Add(line)

	tests := []struct {
		name      string
		value     any
		wantKeys  []string // sorted
		wantText  string
		wantData  map[string]any // exact values to check, besides text/plain
		wantSize  [2]int         // decoded image/png size, if any
		wantMeta  bool           // image/png metadata with the size
		textHasSu string         // substring of text/plain, when wantText is ""
	}{
		{name: "int", value: 42, wantKeys: []string{MIMEText}, wantText: "42"},
		{name: "string", value: "descent", wantKeys: []string{MIMEText}, wantText: "descent"},
		{name: "slice", value: []float64{1, 0.5}, wantKeys: []string{MIMEText}, wantText: "[1 0.5]"},
		{name: "nil", value: nil, wantKeys: []string{MIMEText}, wantText: "<nil>"},
		{name: "nil pointer with rich methods", value: (*formula)(nil), wantKeys: []string{MIMEText}, wantText: "<nil>"},
		{name: "pointer with rich methods", value: &formula{"x^2"}, wantKeys: []string{MIMEHTML, MIMELaTeX, MIMEText},
			wantData: map[string]any{MIMELaTeX: "$x^2$", MIMEHTML: "<code>x^2</code>"}, textHasSu: "x^2"},
		{name: "interpreter wrapper of a nil pointer", value: _display_HTMLer{IValue: (*formula)(nil), WHTML: func() string { panic("called on nil") }},
			wantKeys: []string{MIMEText}, wantText: "<nil>"},
		{name: "html", value: htmlValue{n: 2}, wantKeys: []string{MIMEHTML, MIMEText}, wantText: "{2}",
			wantData: map[string]any{MIMEHTML: "<b>**</b>"}},
		{name: "markdown", value: markdownValue{}, wantKeys: []string{MIMEMarkdown, MIMEText},
			wantData: map[string]any{MIMEMarkdown: "*md*"}, wantText: "{}"},
		{name: "svg", value: svgValue{}, wantKeys: []string{MIMESVG, MIMEText},
			wantData: map[string]any{MIMESVG: `<svg xmlns="http://www.w3.org/2000/svg"/>`}, wantText: "{}"},
		{name: "latex", value: latexValue{}, wantKeys: []string{MIMELaTeX, MIMEText},
			wantData: map[string]any{MIMELaTeX: `$x^2$`}, wantText: "{}"},
		{name: "json", value: jsonValue{}, wantKeys: []string{MIMEJSON, MIMEText},
			wantData: map[string]any{MIMEJSON: json.RawMessage(`{"a":1}`)}, wantText: "{}"},
		{name: "two rich forms and String", value: manyValue{}, wantKeys: []string{MIMEHTML, MIMEMarkdown, MIMEText},
			wantData: map[string]any{MIMEHTML: "<i>many</i>", MIMEMarkdown: "_many_"}, wantText: "many"},
		{name: "image", value: rgba(4, 3), wantKeys: []string{MIMEPNG, MIMEText}, wantText: "<*image.RGBA 4×3>",
			wantSize: [2]int{4, 3}, wantMeta: true},
		{name: "png method", value: pngBytes(pngFile(t, rgba(3, 2))), wantKeys: []string{MIMEPNG, MIMEText},
			wantSize: [2]int{3, 2}, wantMeta: true, textHasSu: "<PNG image, "},
		{name: "plot", value: linePlot, wantKeys: []string{MIMEPNG, MIMEText}, wantText: `<plot "loss", 600×400 px>`,
			wantSize: [2]int{600, 400}, wantMeta: true},
		{name: "panicking method", value: panickingHTML{}, wantKeys: []string{MIMEText},
			wantText: "{}\n(display: text/html: panic: no html today)"},
		{name: "json that cannot encode", value: badJSONValue{}, wantKeys: []string{MIMEText},
			textHasSu: "(display: application/json: json: unsupported type: chan int)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, meta := Bundle(tc.value)
			if got := keys(data); !reflect.DeepEqual(got, tc.wantKeys) {
				t.Fatalf("MIME types = %v, want %v", got, tc.wantKeys)
			}
			text := data[MIMEText].(string)
			if tc.wantText != "" && text != tc.wantText {
				t.Errorf("text/plain = %q, want %q", text, tc.wantText)
			}
			if tc.textHasSu != "" && !strings.Contains(text, tc.textHasSu) {
				t.Errorf("text/plain = %q, want it to contain %q", text, tc.textHasSu)
			}
			for mime, want := range tc.wantData {
				if !reflect.DeepEqual(data[mime], want) {
					t.Errorf("%s = %#v, want %#v", mime, data[mime], want)
				}
			}
			if tc.wantSize != [2]int{} {
				w, h := decodedSize(t, data[MIMEPNG])
				if [2]int{w, h} != tc.wantSize {
					t.Errorf("decoded image is %d×%d, want %d×%d", w, h, tc.wantSize[0], tc.wantSize[1])
				}
			}
			if tc.wantMeta {
				want := map[string]any{MIMEPNG: map[string]any{"width": tc.wantSize[0], "height": tc.wantSize[1]}}
				if !reflect.DeepEqual(meta, want) {
					t.Errorf("metadata = %v, want %v", meta, want)
				}
			} else if len(meta) != 0 {
				t.Errorf("metadata = %v, want none", meta)
			}
		})
	}
}

func TestBundleCutsLongText(t *testing.T) {
	long := strings.Repeat("é", MaxTextBytes) // 2 bytes each: twice the limit
	data, _ := Bundle(long)
	text := data[MIMEText].(string)
	// The limit falls between the two bytes of an é, so the cut keeps
	// MaxTextBytes/2 characters and leaves the other half out.
	want := strings.Repeat("é", MaxTextBytes/2) + "… (100000 more bytes)"
	if text != want {
		t.Errorf("cut text ends %q, want it to end %q", text[len(text)-40:], want[len(want)-40:])
	}
	odd := "a" + strings.Repeat("é", MaxTextBytes/2) // the limit falls inside the last é
	text = bundleText(odd)
	want = "a" + strings.Repeat("é", MaxTextBytes/2-1) + "… (2 more bytes)"
	if text != want {
		t.Errorf("cut text ends %q, want it to end %q", text[len(text)-30:], want[len(want)-30:])
	}
}

// bundleText is the text/plain of v's bundle.
func bundleText(v any) string {
	data, _ := Bundle(v)
	return data[MIMEText].(string)
}

// _display_HTMLer has the shape of the wrappers the interpreter makes for
// values of types declared in a cell.
type _display_HTMLer struct {
	IValue any
	WHTML  func() string
}

func (w _display_HTMLer) HTML() string { return w.WHTML() }

func TestBundleOfInterpretedValueUsesRichSourceAsText(t *testing.T) {
	w := _display_HTMLer{IValue: 2, WHTML: func() string { return "<p>(1, 2)</p>" }}
	data, _ := Bundle(w)
	if got, want := data[MIMEText], "<p>(1, 2)</p>"; got != want {
		t.Errorf("text/plain = %q, want the HTML source %q", got, want)
	}
	if got, want := data[MIMEHTML], "<p>(1, 2)</p>"; got != want {
		t.Errorf("text/html = %q, want %q", got, want)
	}
}

// pictureValue draws itself both ways, as a figure does.
type pictureValue struct{}

func (pictureValue) SVG() string { return `<svg xmlns="http://www.w3.org/2000/svg"/>` }
func (pictureValue) PNG() []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 3, 2))); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func TestBundleOfValueWithPNGAndSVGSendsPNGOnly(t *testing.T) {
	data, metadata := Bundle(pictureValue{})
	if _, ok := data[MIMEPNG]; !ok {
		t.Fatalf("no image/png in %v", keys(data))
	}
	if _, ok := data[MIMESVG]; ok {
		t.Errorf("image/svg+xml sent along with image/png")
	}
	if got := metadata[MIMEPNG]; got == nil {
		t.Errorf("no PNG size metadata")
	}
}

// animationValue is an animated GIF, as a figure.Animation is.
type animationValue struct{}

func (animationValue) GIF() []byte {
	var buf bytes.Buffer
	frame := image.NewPaletted(image.Rect(0, 0, 5, 4), color.Palette{color.Black, color.White})
	anim := &gif.GIF{Image: []*image.Paletted{frame, frame}, Delay: []int{10, 10}}
	if err := gif.EncodeAll(&buf, anim); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func TestBundleOfAnimationIsGIF(t *testing.T) {
	data, metadata := Bundle(animationValue{})
	raw, ok := data[MIMEGIF].(string)
	if !ok {
		t.Fatalf("no image/gif in %v", keys(data))
	}
	b, err := base64.StdEncoding.DecodeString(raw)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gif.DecodeAll(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("image/gif does not decode: %v", err)
	}
	if len(g.Image) != 2 {
		t.Errorf("got %d frames, want 2", len(g.Image))
	}
	if m, _ := metadata[MIMEGIF].(map[string]any); m["width"] != 5 || m["height"] != 4 {
		t.Errorf("metadata %v, want width 5 height 4", metadata[MIMEGIF])
	}
}
