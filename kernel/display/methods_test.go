package display

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"testing"
)

// finder finds its display methods by name, as the values of cells'
// types reach Bundle from the interpreter.
type finder map[string]any

func (f finder) DisplayMethod(name string) (any, bool) {
	m, ok := f[name]
	return m, ok
}

func TestBundleFindsMethodsByName(t *testing.T) {
	data, _ := Bundle(finder{
		"HTML":     func() string { return "<b>h</b>" },
		"Markdown": func() int { return 1 }, // not a Markdown method: ignored
		"PNG":      func() []byte { return []byte("png") },
		"SVG":      func() string { return "<svg/>" }, // left out beside PNG
		"JSON":     func() any { return []int{1} },
	})
	want := map[string]string{
		MIMEHTML: "<b>h</b>",
		MIMEPNG:  base64.StdEncoding.EncodeToString([]byte("png")),
	}
	for mime, w := range want {
		if data[mime] != w {
			t.Errorf("%s = %v, want %q", mime, data[mime], w)
		}
	}
	if raw, ok := data[MIMEJSON]; !ok || string(raw.(json.RawMessage)) != "[1]" {
		t.Errorf("JSON = %v, want [1]", data[MIMEJSON])
	}
	for _, mime := range []string{MIMEMarkdown, MIMESVG, MIMELaTeX, MIMEGIF} {
		if _, ok := data[mime]; ok {
			t.Errorf("bundle has %s: %v", mime, data)
		}
	}
}

func TestBundleFoundMethodPanics(t *testing.T) {
	data, _ := Bundle(finder{"LaTeX": func() string { panic("no") }})
	if _, ok := data[MIMELaTeX]; ok {
		t.Errorf("bundle has LaTeX: %v", data)
	}
	if text, _ := data[MIMEText].(string); !strings.Contains(text, "text/latex: panic: no") {
		t.Errorf("text/plain %q does not report the panic", text)
	}
}
