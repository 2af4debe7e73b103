package display

import "fmt"

// Show displays v now, as rich as it can be shown (see Bundle), below the
// cell's earlier output.
func Show(v any) {
	data, metadata := Bundle(v)
	publish(Output{Kind: DisplayData, Data: data, Metadata: metadata})
}

// HTML displays an HTML fragment.
func HTML(s string) { Show(HTMLText(s)) }

// Markdown displays Markdown text.
func Markdown(s string) { Show(MarkdownText(s)) }

// LaTeX displays LaTeX, usually a formula between $ signs: LaTeX(`$x^2$`).
func LaTeX(s string) { Show(LaTeXText(s)) }

// SVG displays an SVG image; s is the whole <svg> document.
func SVG(s string) {
	publish(Output{Kind: DisplayData, Data: map[string]any{MIMESVG: s, MIMEText: fmt.Sprintf("<SVG image, %d bytes>", len(s))}})
}

// HTMLText is HTML source that shows as HTML (its plain form is the
// source): h.Update(display.HTMLText("<b>done</b>")).
type HTMLText string

// HTML returns the source.
func (s HTMLText) HTML() string { return string(s) }

// MarkdownText is Markdown source that shows as Markdown.
type MarkdownText string

// Markdown returns the source.
func (s MarkdownText) Markdown() string { return string(s) }

// LaTeXText is LaTeX source that shows as LaTeX.
type LaTeXText string

// LaTeX returns the source.
func (s LaTeXText) LaTeX() string { return string(s) }

// PNG displays an encoded PNG image.
func PNG(b []byte) {
	data, metadata := Bundle(pngBytes(b))
	publish(Output{Kind: DisplayData, Data: data, Metadata: metadata})
}

// JSON displays v as JSON (application/json), which front ends show as a
// tree. A value JSON cannot encode is shown as text with the error.
func JSON(v any) {
	data := map[string]any{}
	raw, err := marshalJSON(v)
	if err != nil {
		data[MIMEText] = fmt.Sprintf("(display: %s: %v)", MIMEJSON, err)
	} else {
		data[MIMEJSON] = raw
		data[MIMEText] = truncate(string(raw), MaxTextBytes)
	}
	publish(Output{Kind: DisplayData, Data: data})
}

// Clear clears the cell's output now.
func Clear() { publish(Output{Kind: ClearOutput}) }

// ClearWait clears the cell's output when the next output arrives, so that
// an animation redrawn as Clear-then-Show does not flicker.
func ClearWait() { publish(Output{Kind: ClearOutput, Wait: true}) }

// pngBytes is an encoded PNG file that Bundle shows as an image.
type pngBytes []byte

// PNG returns the file itself.
func (b pngBytes) PNG() []byte { return b }

// String describes the image for text/plain.
func (b pngBytes) String() string { return fmt.Sprintf("<PNG image, %d bytes>", len(b)) }
