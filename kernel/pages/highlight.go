package pages

import (
	"bytes"
	"fmt"
	"html"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
)

// codeStyle is the chroma style of code cells and fenced code blocks: a
// light theme that prints well.
const codeStyle = "github"

// highlighter colors source code with chroma, with CSS classes that the
// page's stylesheet (CSS) defines.
type highlighter struct {
	formatter *chromahtml.Formatter
	style     *chroma.Style
}

func newHighlighter() *highlighter {
	return &highlighter{
		formatter: chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithCSSComments(false)),
		style:     styles.Get(codeStyle),
	}
}

// CSS is the stylesheet of the highlighted code's classes.
func (h *highlighter) CSS() (string, error) {
	var b bytes.Buffer
	if err := h.formatter.WriteCSS(&b, h.style); err != nil {
		return "", fmt.Errorf("writing the code style: %w", err)
	}
	return b.String(), nil
}

// Highlight renders src, in language (a chroma lexer name or alias, "go"
// when empty), as a highlighted <pre>. Source in a language chroma does not
// know is escaped as plain text.
func (h *highlighter) Highlight(src, language string) string {
	if language == "" {
		language = "go"
	}
	lexer := lexers.Get(language)
	if lexer == nil {
		return `<pre class="chroma"><code>` + html.EscapeString(src) + "</code></pre>"
	}
	tokens, err := chroma.Coalesce(lexer).Tokenise(nil, src)
	if err != nil {
		return `<pre class="chroma"><code>` + html.EscapeString(src) + "</code></pre>"
	}
	var b bytes.Buffer
	if err := h.formatter.Format(&b, h.style, tokens); err != nil {
		return `<pre class="chroma"><code>` + html.EscapeString(src) + "</code></pre>"
	}
	return b.String()
}
