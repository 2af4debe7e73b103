package pages

import (
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

// A lesson's solution is a markdown cell whose text sits in a raw-HTML
// <details> element, followed by its code in a cell JupyterLab keeps
// collapsed (metadata.jupyter.source_hidden). The page keeps both closed.
func solutionCells() []*nbformat.Cell {
	return []*nbformat.Cell{
		{Type: nbformat.Markdown, ID: "ex", Source: "**1.** Which rates converge?"},
		{Type: nbformat.Markdown, ID: "sol", Source: "<details><summary>Solution</summary>\n\n" +
			"The factor is $1 - 2\\eta$, so **$0 < \\eta < 1$**.\n\n</details>"},
		{Type: nbformat.Code, ID: "solcode", Source: "check.That(true, \"converges\")",
			ExecutionCount: nbformat.IntPtr(4),
			Metadata:       map[string]any{"tags": []any{"solution"}, "jupyter": map[string]any{"source_hidden": true, "outputs_hidden": true}},
			Outputs:        []*nbformat.Output{{Type: nbformat.OutputStream, Name: "stdout", Text: "ok: converges\n"}}},
	}
}

func TestSolutionsStayCollapsed(t *testing.T) {
	page := lessonPage(t, &nbformat.Notebook{Cells: solutionCells()}, Lesson{Title: "T"})
	text := between(t, page, `<section class="cell markdown" id="cell-sol">`, `</section>`)
	for _, w := range []string{
		"<details><summary>Solution</summary>\n<p>The factor is " + inlineMath + `$1 - 2\eta$</span>, so <strong>` + inlineMath + `$0 &lt; \eta &lt; 1$</span></strong>.</p>` + "\n</details>",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("solution text renders as\n%s\nwant it to contain\n%s", text, w)
		}
	}
	code := between(t, page, `<section class="cell code" id="cell-solcode">`, `</section>`)
	if !strings.HasPrefix(strings.TrimSpace(code), `<details class="hidden-code"><summary>Solution code</summary>`) ||
		!strings.HasSuffix(strings.TrimSpace(code), "</details>") {
		t.Errorf("solution code is not inside a closed <details>:\n%s", code)
	}
	for _, w := range []string{`<pre class="code">`, `<pre class="stream stdout">ok: converges`} {
		if !strings.Contains(code, w) {
			t.Errorf("solution code lacks %q:\n%s", w, code)
		}
	}
	if strings.Contains(page, "<details open") || strings.Contains(page, " open>") {
		t.Error("a solution is open on the page")
	}
}

// A hidden cell that stopped the run is shown open, with the error.
func TestFailedHiddenCellIsOpen(t *testing.T) {
	cells := solutionCells()
	cells[2].Outputs = []*nbformat.Output{{Type: nbformat.OutputError, EName: "Panic", EValue: "claim failed: converges"}}
	page := lessonPage(t, &nbformat.Notebook{Cells: cells}, Lesson{Title: "T", Failure: "claim failed", FailedCell: 3})
	code := between(t, page, `<section class="cell code failed" id="cell-solcode">`, `</section>`)
	if !strings.Contains(code, `<details class="hidden-code" open><summary>Solution code</summary>`) ||
		!strings.Contains(code, "Panic: claim failed: converges") {
		t.Errorf("the failed hidden cell is not shown open with its error:\n%s", code)
	}
}

// A hidden cell without the solution tag says so neutrally; a visible cell
// has no <details>.
func TestHiddenCodeSummary(t *testing.T) {
	nb := &nbformat.Notebook{Cells: []*nbformat.Cell{
		{Type: nbformat.Code, ID: "h", Source: "x := 1", Metadata: map[string]any{"jupyter": map[string]any{"source_hidden": true}}},
		{Type: nbformat.Code, ID: "v", Source: "y := 2", Metadata: map[string]any{"jupyter": map[string]any{"source_hidden": false}}},
	}}
	page := lessonPage(t, nb, Lesson{Title: "T"})
	if !strings.Contains(between(t, page, `id="cell-h">`, `</section>`), "<summary>Hidden code</summary>") {
		t.Error("a hidden cell is not collapsed under \"Hidden code\"")
	}
	if strings.Contains(between(t, page, `id="cell-v">`, `</section>`), "<details") {
		t.Error("a visible cell is collapsed")
	}
}

// between returns the text of s after the first from up to the next to.
func between(t *testing.T, s, from, to string) string {
	t.Helper()
	_, rest, ok := strings.Cut(s, from)
	if !ok {
		t.Fatalf("page lacks %q", from)
	}
	in, _, ok := strings.Cut(rest, to)
	if !ok {
		t.Fatalf("page lacks %q after %q", to, from)
	}
	return in
}
