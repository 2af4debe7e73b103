package pages

import (
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strings"

	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

// mimeOrder is the order in which a rich output's representations are
// preferred, the richest first, as in nbconvert's HTML export.
var mimeOrder = []string{
	"text/html",
	"text/markdown",
	"image/svg+xml",
	"text/latex",
	"image/png",
	"image/gif",
	"image/jpeg",
	"application/json",
	"text/plain",
}

// renderOutput renders one output of a code cell.
func (r *Renderer) renderOutput(b *strings.Builder, o *nbformat.Output, ids *headingIDs) error {
	switch o.Type {
	case nbformat.OutputStream:
		name := "stdout"
		if o.Name == "stderr" {
			name = "stderr"
		}
		fmt.Fprintf(b, `<div class="output"><div class="prompt"></div><pre class="stream %s">%s</pre></div>`+"\n",
			name, html.EscapeString(nbformat.StripANSI(o.Text)))
	case nbformat.OutputError:
		text := strings.Join(o.Traceback, "\n")
		if strings.TrimSpace(text) == "" {
			text = o.EName + ": " + o.EValue
		}
		fmt.Fprintf(b, `<div class="output"><div class="prompt"></div><pre class="error">%s</pre></div>`+"\n",
			html.EscapeString(nbformat.StripANSI(text)))
	case nbformat.OutputDisplayData, nbformat.OutputExecuteResult:
		prompt := ""
		if o.Type == nbformat.OutputExecuteResult {
			prompt = "Out" + promptNumber(o.ExecutionCount) + ":"
		}
		body, err := r.renderBundle(o.Data, o.Metadata, ids)
		if err != nil {
			return err
		}
		if body == "" {
			return nil
		}
		fmt.Fprintf(b, `<div class="output"><div class="prompt out">%s</div><div class="rich">%s</div></div>`+"\n",
			html.EscapeString(prompt), body)
	}
	return nil
}

// renderBundle renders the preferred representation of a MIME bundle: a
// widget drawn from the notebook's saved state, or the richest of the
// other types.
func (r *Renderer) renderBundle(data nbformat.MimeBundle, metadata map[string]any, ids *headingIDs) (string, error) {
	if v, ok := data[nbformat.WidgetViewMIME]; ok {
		if s, ok := r.renderWidget(v, ids); ok {
			return s, nil
		}
	}
	for _, mime := range mimeOrder {
		v, ok := data[mime]
		if !ok {
			continue
		}
		if mime == "application/json" {
			pretty, err := json.MarshalIndent(v, "", "  ")
			if err != nil {
				continue
			}
			return `<pre class="json">` + html.EscapeString(string(pretty)) + "</pre>", nil
		}
		s, ok := v.(string)
		if !ok {
			continue
		}
		switch mime {
		case "text/html":
			return `<div class="html">` + s + "</div>", nil
		case "text/markdown":
			md, err := r.renderMarkdown(s, ids, nil)
			if err != nil {
				return "", err
			}
			return `<div class="markdown">` + md + "</div>", nil
		case "image/svg+xml":
			return `<div class="svg">` + stripXMLProlog(s) + "</div>", nil
		case "text/latex":
			return `<div class="math display ` + mathClass + `">` + html.EscapeString(latexWithDelimiters(s)) + "</div>", nil
		case "image/png", "image/gif", "image/jpeg":
			return imageTag(mime, s, metadata), nil
		case "text/plain":
			return `<pre class="text">` + html.EscapeString(nbformat.StripANSI(s)) + "</pre>", nil
		}
	}
	return "", nil
}

// imageTag is an <img> with the image inline as a data URI, sized by the
// output's metadata ({"image/png": {"width": W, "height": H}}) when given.
func imageTag(mime, base64Data string, metadata map[string]any) string {
	attrs := ""
	if m, ok := metadata[mime].(map[string]any); ok {
		for _, dim := range []string{"width", "height"} {
			if v, ok := m[dim]; ok {
				attrs += fmt.Sprintf(` %s="%s"`, dim, html.EscapeString(fmt.Sprint(v)))
			}
		}
	}
	return fmt.Sprintf(`<img src="data:%s;base64,%s" alt="output image"%s>`, mime, compactBase64(base64Data), attrs)
}

var xmlProlog = regexp.MustCompile(`^\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?`)

// stripXMLProlog drops the XML declaration and doctype of an SVG document,
// which have no place inside an HTML page.
func stripXMLProlog(svg string) string {
	return xmlProlog.ReplaceAllString(svg, "")
}

// latexWithDelimiters returns TeX as MathJax should see it: text/latex
// that has no math delimiters of its own is a display equation.
func latexWithDelimiters(tex string) string {
	t := strings.TrimSpace(tex)
	for _, d := range []string{"$", `\(`, `\[`, `\begin{`} {
		if strings.HasPrefix(t, d) {
			return t
		}
	}
	return "$$" + t + "$$"
}

// promptNumber is "[n]", or "[ ]" for a cell never run.
func promptNumber(n *int) string {
	if n == nil {
		return "[ ]"
	}
	return fmt.Sprintf("[%d]", *n)
}
