package pages

import (
	"fmt"
	"html"
	"html/template"
	"io"
	"strings"

	"github.com/yuin/goldmark"

	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

// Lesson describes one lesson of a course: its page, its executed
// notebook, and how its execution went.
type Lesson struct {
	// Title is the lesson's title, usually Title(nb).
	Title string
	// Page is the file name of the lesson's HTML page, relative to the
	// index.
	Page string
	// Notebook is the file name of the executed notebook, relative to the
	// index.
	Notebook string
	// Failure says why the execution stopped early; empty when it did not.
	Failure string
	// FailedCell is the cell, from 1, where execution stopped; 0 if none.
	FailedCell int
}

// Renderer renders lesson pages and course indexes. It is safe for use by
// one goroutine at a time.
type Renderer struct {
	md        goldmark.Markdown
	highlight *highlighter
	css       template.CSS
	// widgets is the saved widget state of the notebook being rendered.
	widgets map[string]*nbformat.WidgetModel
}

// New returns a Renderer.
func New() (*Renderer, error) {
	h := newHighlighter()
	codeCSS, err := h.CSS()
	if err != nil {
		return nil, err
	}
	return &Renderer{md: newMarkdown(), highlight: h, css: template.CSS(pageCSS + codeCSS)}, nil
}

// Lesson writes the page of the executed notebook nb.
func (r *Renderer) Lesson(w io.Writer, nb *nbformat.Notebook, lesson Lesson) error {
	ids := newHeadingIDs()
	language := cellLanguage(nb)
	r.widgets = nbformat.WidgetStates(nb)
	defer func() { r.widgets = nil }()
	cells := make([]template.HTML, 0, len(nb.Cells))
	for i, c := range nb.Cells {
		var b strings.Builder
		var err error
		switch c.Type {
		case nbformat.Markdown:
			err = r.markdownCell(&b, c, ids)
		case nbformat.Code:
			err = r.codeCell(&b, c, language, ids, lesson.FailedCell == i+1, lesson.Failure)
		case nbformat.Raw:
			err = r.rawCell(&b, c, ids)
		}
		if err != nil {
			return fmt.Errorf("cell %d: %w", i+1, err)
		}
		cells = append(cells, template.HTML(b.String()))
	}
	title := lesson.Title
	if title == "" {
		title = Title(nb)
	}
	return lessonTemplate.Execute(w, lessonData{
		Title: title, CSS: r.css, Notebook: lesson.Notebook,
		Failure: lesson.Failure, FailedCell: lesson.FailedCell, Cells: cells,
		MathConfig: mathConfig, MathScript: mathScriptURL, IgnoreClass: mathIgnoreClass,
	})
}

// Index writes the page that lists the lessons, in order.
func (r *Renderer) Index(w io.Writer, title string, lessons []Lesson) error {
	return indexTemplate.Execute(w, indexData{Title: title, CSS: r.css, Lessons: lessons})
}

func (r *Renderer) markdownCell(b *strings.Builder, c *nbformat.Cell, ids *headingIDs) error {
	body, err := r.renderMarkdown(c.Source, ids, c.Attachments)
	if err != nil {
		return err
	}
	fmt.Fprintf(b, "<section class=\"cell markdown\" id=\"cell-%s\">\n%s</section>\n", html.EscapeString(c.ID), body)
	return nil
}

func (r *Renderer) codeCell(b *strings.Builder, c *nbformat.Cell, language string, ids *headingIDs, failed bool, failure string) error {
	class := "cell code"
	if failed {
		class += " failed"
	}
	fmt.Fprintf(b, "<section class=\"%s\" id=\"cell-%s\">\n", class, html.EscapeString(c.ID))
	hidden := sourceHidden(c)
	if hidden {
		// Collapsed as in JupyterLab; a cell that stopped the run is shown open.
		open, summary := "", "Hidden code"
		if failed {
			open = " open"
		}
		if c.HasTag("solution") {
			summary = "Solution code"
		}
		fmt.Fprintf(b, "<details class=\"hidden-code\"%s><summary>%s</summary>\n", open, summary)
	}
	fmt.Fprintf(b, `<div class="input"><div class="prompt in">In %s:</div>%s</div>`+"\n",
		html.EscapeString(promptNumber(c.ExecutionCount)), r.highlight.Highlight(c.Source, language))
	for _, o := range c.Outputs {
		if err := r.renderOutput(b, o, ids); err != nil {
			return err
		}
	}
	if failed && failure != "" {
		fmt.Fprintf(b, `<div class="output"><div class="prompt"></div><p class="stopped" id="failed">Execution stopped here: %s</p></div>`+"\n", html.EscapeString(failure))
	}
	if hidden {
		b.WriteString("</details>\n")
	}
	b.WriteString("</section>\n")
	return nil
}

// sourceHidden reports whether the notebook keeps the cell's code
// collapsed (nbformat's metadata.jupyter.source_hidden, which JupyterLab
// sets and honours), as lessons do with the code of an exercise's solution.
// The page then shows the cell, code and outputs, inside a closed <details>.
func sourceHidden(c *nbformat.Cell) bool {
	j, _ := c.Metadata["jupyter"].(map[string]any)
	hidden, _ := j["source_hidden"].(bool)
	return hidden
}

// rawCell renders a raw cell whose format is HTML or markdown; other raw
// cells (for LaTeX or reST exports) are left out, as nbconvert does.
func (r *Renderer) rawCell(b *strings.Builder, c *nbformat.Cell, ids *headingIDs) error {
	format, _ := c.Metadata["format"].(string)
	if format == "" {
		format, _ = c.Metadata["raw_mimetype"].(string)
	}
	switch format {
	case "text/html", "html":
		fmt.Fprintf(b, "<section class=\"cell raw\">%s</section>\n", c.Source)
	case "text/markdown", "markdown":
		return r.markdownCell(b, c, ids)
	}
	return nil
}

// cellLanguage is the language of the notebook's code cells, from its
// metadata; "go" by default.
func cellLanguage(nb *nbformat.Notebook) string {
	if info, ok := nb.Metadata["language_info"].(map[string]any); ok {
		if lexer, ok := info["pygments_lexer"].(string); ok && lexer != "" {
			return lexer
		}
		if name, ok := info["name"].(string); ok && name != "" {
			return name
		}
	}
	if spec, ok := nb.Metadata["kernelspec"].(map[string]any); ok {
		if lang, ok := spec["language"].(string); ok && lang != "" {
			return lang
		}
	}
	return "go"
}
