package pages

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

// onePixelPNG is a 1x1 PNG, base64, with the line break nbformat may keep.
const onePixelPNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==\n"

func lessonPage(t *testing.T, nb *nbformat.Notebook, l Lesson) string {
	t.Helper()
	var b bytes.Buffer
	if err := newRenderer(t).Lesson(&b, nb, l); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func codeCell(count int, src string, outputs ...*nbformat.Output) *nbformat.Cell {
	return &nbformat.Cell{Type: nbformat.Code, ID: "c", Source: src, ExecutionCount: nbformat.IntPtr(count), Outputs: outputs}
}

func TestCodeCellsAreHighlighted(t *testing.T) {
	nb := &nbformat.Notebook{Cells: []*nbformat.Cell{
		codeCell(3, "func square(x float64) float64 {\n\treturn x * x // <square>\n}\nsquare(2)"),
		{Type: nbformat.Code, ID: "never", Source: "x := 1"},
	}}
	page := lessonPage(t, nb, Lesson{Title: "T"})
	for _, w := range []string{
		`<div class="prompt in">In [3]:</div><pre class="code">`,
		`<span class="kd">func</span>`,
		`<span class="nf">square</span>`,
		`<span class="kt">float64</span>`,
		`<span class="c1">// &lt;square&gt;</span>`,
		`<div class="prompt in">In [ ]:</div>`,
		// The theme's classes are defined in the inlined stylesheet.
		`pre.code .kd {`,
	} {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q", w)
		}
	}
}

func TestOutputsRender(t *testing.T) {
	tests := []struct {
		name string
		out  *nbformat.Output
		want []string
	}{
		{"stdout", &nbformat.Output{Type: nbformat.OutputStream, Name: "stdout", Text: "x < 1\n"},
			[]string{`<pre class="stream stdout">x &lt; 1` + "\n</pre>"}},
		{"stderr", &nbformat.Output{Type: nbformat.OutputStream, Name: "stderr", Text: "careful\n"},
			[]string{`<pre class="stream stderr">careful`}},
		{"result with its prompt", &nbformat.Output{Type: nbformat.OutputExecuteResult, ExecutionCount: nbformat.IntPtr(7), Data: nbformat.MimeBundle{"text/plain": "[1 2 3]"}},
			[]string{`<div class="prompt out">Out[7]:</div><div class="rich"><pre class="text">[1 2 3]</pre>`}},
		{"html is preferred and raw", &nbformat.Output{Type: nbformat.OutputDisplayData, Data: nbformat.MimeBundle{"text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "table"}},
			[]string{`<div class="html"><table><tr><td>1</td></tr></table></div>`}},
		{"markdown is rendered", &nbformat.Output{Type: nbformat.OutputDisplayData, Data: nbformat.MimeBundle{"text/markdown": "**loss** $L(\\theta)$", "text/plain": "md"}},
			[]string{`<strong>loss</strong> ` + inlineMath + `$L(\theta)$</span>`}},
		{"latex is math", &nbformat.Output{Type: nbformat.OutputDisplayData, Data: nbformat.MimeBundle{"text/latex": `\frac{a}{b}`, "text/plain": "x"}},
			[]string{blockMath + `$$\frac{a}{b}$$</div>`}},
		{"latex with its own delimiters", &nbformat.Output{Type: nbformat.OutputDisplayData, Data: nbformat.MimeBundle{"text/latex": `$x^2$`}},
			[]string{blockMath + `$x^2$</div>`}},
		{"png is a data URI", &nbformat.Output{Type: nbformat.OutputDisplayData, Data: nbformat.MimeBundle{"image/png": onePixelPNG, "text/plain": "<Figure>"}, Metadata: map[string]any{"image/png": map[string]any{"width": 320}}},
			[]string{`<img src="data:image/png;base64,` + strings.TrimSpace(onePixelPNG) + `" alt="output image" width="320">`}},
		{"gif is a data URI", &nbformat.Output{Type: nbformat.OutputDisplayData, Data: nbformat.MimeBundle{"image/gif": "R0lGODlhAQABAAAAACw="}},
			[]string{`<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="output image">`}},
		{"svg is inline", &nbformat.Output{Type: nbformat.OutputDisplayData, Data: nbformat.MimeBundle{"image/svg+xml": "<?xml version=\"1.0\"?>\n<svg width=\"4\"><circle r=\"2\"/></svg>", "text/plain": "svg"}},
			[]string{`<div class="svg"><svg width="4"><circle r="2"/></svg></div>`}},
		{"json is pretty", &nbformat.Output{Type: nbformat.OutputDisplayData, Data: nbformat.MimeBundle{"application/json": map[string]any{"lr": 0.1}}},
			[]string{"<pre class=\"json\">{\n  &#34;lr&#34;: 0.1\n}</pre>"}},
		{"error without ANSI escapes", &nbformat.Output{Type: nbformat.OutputError, EName: "Panic", EValue: "boom", Traceback: []string{"\x1b[0;31mpanic: boom\x1b[0m", "at line 2: f(<nil>)"}},
			[]string{"<pre class=\"error\">panic: boom\nat line 2: f(&lt;nil&gt;)</pre>"}},
		{"error without traceback", &nbformat.Output{Type: nbformat.OutputError, EName: "WorkerDied", EValue: "stack overflow"},
			[]string{`<pre class="error">WorkerDied: stack overflow</pre>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := lessonPage(t, &nbformat.Notebook{Cells: []*nbformat.Cell{codeCell(1, "x", tt.out)}}, Lesson{Title: "T"})
			for _, w := range tt.want {
				if !strings.Contains(page, w) {
					t.Errorf("page lacks %q:\n%s", w, page[strings.Index(page, "<main>"):])
				}
			}
			if strings.Contains(page, "\x1b") {
				t.Error("page has an escape character")
			}
		})
	}
}

func TestLessonPage(t *testing.T) {
	nb := &nbformat.Notebook{Cells: []*nbformat.Cell{
		{Type: nbformat.Markdown, ID: "intro", Source: "# Momentum & friends\n\nText."},
		codeCell(1, `fmt.Println("hi")`),
		{Type: nbformat.Raw, ID: "r1", Source: "<p class=\"raw-html\">kept</p>", Metadata: map[string]any{"format": "text/html"}},
		{Type: nbformat.Raw, ID: "r2", Source: "\\LaTeX only", Metadata: map[string]any{"format": "text/latex"}},
	}}
	page := lessonPage(t, nb, Lesson{Notebook: "02-momentum.ipynb", Failure: "notebook 02-momentum.ipynb, cell 2: Panic: boom", FailedCell: 2})
	for _, w := range []string{
		"<!DOCTYPE html>",
		`<title>Momentum &amp; friends</title>`,
		`<body class="tex2jax_ignore">`,
		`<a href="index.html">`,
		`<a href="02-momentum.ipynb" download>`,
		`<section class="cell markdown" id="cell-intro">`,
		`<section class="cell code failed" id="cell-c">`,
		`This page is incomplete, execution stopped: notebook 02-momentum.ipynb, cell 2: Panic: boom (<a href="#failed">see cell 2</a>)`,
		`<p class="stopped" id="failed">Execution stopped here: notebook 02-momentum.ipynb, cell 2: Panic: boom</p>`,
		`<p class="raw-html">kept</p>`,
		`<script defer src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js"></script>`,
		`processHtmlClass: 'tex2jax_process'`,
		`@media print`,
	} {
		if !strings.Contains(page, w) {
			t.Errorf("page lacks %q", w)
		}
	}
	if strings.Contains(page, "LaTeX only") {
		t.Error("a raw LaTeX cell was rendered into the page")
	}
	// Self-contained: no stylesheet, image or script from elsewhere but
	// MathJax.
	external := regexp.MustCompile(`<link|src="http`)
	if found := external.FindAllString(page, -1); len(found) != 1 {
		t.Errorf("external references %q, want only the MathJax script", found)
	}
}

func TestIndexListsTheLessons(t *testing.T) {
	var b bytes.Buffer
	lessons := []Lesson{
		{Title: "Gradient descent", Page: "01-gradient-descent.html", Notebook: "01-gradient-descent.ipynb"},
		{Title: "Momentum <and> friends", Page: "02-momentum.html", Notebook: "02-momentum.ipynb", Failure: "CompileError: undefined: v", FailedCell: 4},
	}
	if err := newRenderer(t).Index(&b, "Lessons", lessons); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, w := range []string{
		`<title>Lessons</title>`,
		`<li><a class="lesson" href="01-gradient-descent.html">Gradient descent</a>`,
		`<a href="01-gradient-descent.ipynb" download>notebook</a>`,
		`<a class="lesson" href="02-momentum.html">Momentum &lt;and&gt; friends</a>`,
		`<div class="failure">Execution stopped: CompileError: undefined: v</div>`,
	} {
		if !strings.Contains(page, w) {
			t.Errorf("index lacks %q:\n%s", w, page)
		}
	}
	if strings.Index(page, "01-gradient") > strings.Index(page, "02-momentum") {
		t.Error("lessons out of order")
	}
}

func TestTitle(t *testing.T) {
	md := func(src ...string) *nbformat.Notebook {
		nb := &nbformat.Notebook{}
		for _, s := range src {
			nb.Cells = append(nb.Cells, &nbformat.Cell{Type: nbformat.Markdown, Source: s})
		}
		return nb
	}
	tests := []struct {
		name string
		nb   *nbformat.Notebook
		want string
	}{
		{"first heading", md("# Gradient descent\n\n# Later"), "Gradient descent"},
		{"in a later cell", md("Intro text", "## Sub", "# Adam"), "Adam"},
		{"closing hashes", md("# Adam ##"), "Adam"},
		{"a hash that belongs to the text", md("# Learning C#"), "Learning C#"},
		{"not in a code block", md("```\n# comment\n```\n# Real"), "Real"},
		{"not a heading without a space", md("#hashtag\n# Real"), "Real"},
		{"none", md("## Only a subsection"), ""},
		{"code cells do not count", &nbformat.Notebook{Cells: []*nbformat.Cell{{Type: nbformat.Code, Source: "# not markdown"}}}, ""},
	}
	for _, tt := range tests {
		if got := Title(tt.nb); got != tt.want {
			t.Errorf("%s: Title = %q, want %q", tt.name, got, tt.want)
		}
	}
}
