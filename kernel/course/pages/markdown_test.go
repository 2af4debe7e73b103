package pages

import (
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

func newRenderer(t *testing.T) *Renderer {
	t.Helper()
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func markdown(t *testing.T, r *Renderer, src string) string {
	t.Helper()
	out, err := r.renderMarkdown(src, newHeadingIDs(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

const (
	inlineMath  = `<span class="math inline tex2jax_process">`
	displayMath = `<span class="math display tex2jax_process">`
	blockMath   = `<div class="math display tex2jax_process">`
)

func TestMathSurvivesMarkdown(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		want    []string
		notWant []string
	}{
		{
			name: "inline gradient",
			src:  `The gradient $\nabla f$ points uphill.`,
			want: []string{`<p>The gradient ` + inlineMath + `$\nabla f$</span> points uphill.</p>`},
		},
		{
			name:    "underscores and stars are not emphasis",
			src:     `Here $a_1 * b_2 * c_3$ and $x_i$ and $y_j$.`,
			want:    []string{inlineMath + `$a_1 * b_2 * c_3$</span>`, inlineMath + `$x_i$</span>`, inlineMath + `$y_j$</span>`},
			notWant: []string{"<em>"},
		},
		{
			name: "backslashes are kept",
			src:  `Sets $\{x \mid x > 0\}$ and $a \\ b$.`,
			want: []string{inlineMath + `$\{x \mid x &gt; 0\}$</span>`, inlineMath + `$a \\ b$</span>`},
		},
		{
			name: "HTML characters are escaped, not lost",
			src:  `When $a<b$ and $c>d$ & more.`,
			want: []string{inlineMath + `$a&lt;b$</span>`, inlineMath + `$c&gt;d$</span>`, `&amp; more`},
		},
		{
			name:    "prices are not math",
			src:     `It costs $5 and $6 per run.`,
			want:    []string{`<p>It costs $5 and $6 per run.</p>`},
			notWant: []string{"math"},
		},
		{
			name:    "an escaped dollar is a dollar",
			src:     `Pay \$x$ now.`,
			want:    []string{`<p>Pay $x$ now.</p>`},
			notWant: []string{"math"},
		},
		{
			name:    "dollars in code spans stay code",
			src:     "Write `$x$` in the cell.",
			want:    []string{`<code>$x$</code>`},
			notWant: []string{"math"},
		},
		{
			name: "display math on its own line",
			src:  "The update\n\n$$x_{k+1} = x_k - \\eta \\nabla f(x_k)$$\n\nconverges.",
			want: []string{blockMath + `$$x_{k+1} = x_k - \eta \nabla f(x_k)$$</div>`, `<p>converges.</p>`},
		},
		{
			name:    "display math block over lines with a leading minus",
			src:     "$$\n\\begin{aligned}\na &= b_1 \\\\\n- c &= d\n\\end{aligned}\n$$\n",
			want:    []string{blockMath + "$$\n\\begin{aligned}\na &amp;= b_1 \\\\\n- c &amp;= d\n\\end{aligned}\n$$</div>"},
			notWant: []string{"<ul>", "<li>"},
		},
		{
			name: "display math interrupting a paragraph",
			src:  "The rule is\n$$\\theta \\leftarrow \\theta - \\eta g$$\nwith step $\\eta$.",
			want: []string{"<p>The rule is</p>", blockMath + `$$\theta \leftarrow \theta - \eta g$$</div>`, `<p>with step ` + inlineMath + `$\eta$</span>.</p>`},
		},
		{
			name: "display math inside a sentence",
			src:  "where $$E = \\sum_i e_i$$ holds",
			want: []string{`<p>where ` + displayMath + `$$E = \sum_i e_i$$</span> holds</p>`},
		},
		{
			name: "inline math over two lines of a paragraph",
			src:  "so $a +\nb$ is it",
			want: []string{inlineMath + "$a +\nb$</span>"},
		},
		{
			name: "math in a list item",
			src:  "- step $\\alpha_k$\n- done",
			want: []string{"<li>step " + inlineMath + `$\alpha_k$</span></li>`},
		},
		{
			name: "an unclosed display ends at a blank line",
			src:  "$$\nx + y\n\nNext paragraph.",
			want: []string{blockMath + "$$\nx + y</div>", "<p>Next paragraph.</p>"},
		},
		{
			name: "display math in a quote",
			src:  "> $$\n> a_1 * b_1\n> $$",
			want: []string{"<blockquote>\n" + blockMath + "$$\na_1 * b_1\n$$</div>\n</blockquote>"},
		},
		{
			name:    "an unclosed dollar is text",
			src:     "a $x and nothing else",
			want:    []string{"<p>a $x and nothing else</p>"},
			notWant: []string{"math"},
		},
	}
	r := newRenderer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := markdown(t, r, tt.src)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, nw := range tt.notWant {
				if strings.Contains(out, nw) {
					t.Errorf("output has %q:\n%s", nw, out)
				}
			}
		})
	}
}

func TestMarkdownGFM(t *testing.T) {
	src := "# Descent *methods*\n\n## Steps\n\n| method | rate |\n|:--|--:|\n| SGD | 0.1 |\n\n~~old~~ and https://example.org\n\n- [x] done\n\nA claim[^src].\n\n[^src]: A source.\n\n```go\nfunc f(x float64) float64 { return x * x }\n```\n\n<div class=\"note\">raw html</div>\n"
	out := markdown(t, newRenderer(t), src)
	for _, w := range []string{
		`<h1 id="descent-methods">Descent <em>methods</em></h1>`,
		`<h2 id="steps">Steps</h2>`,
		`<th style="text-align:left">method</th>`,
		`<td style="text-align:right">0.1</td>`,
		`<del>old</del>`,
		`<a href="https://example.org">https://example.org</a>`,
		`<input checked="" disabled="" type="checkbox"`,
		`class="footnote-ref"`,
		`<li id="fn:1">`,
		`<pre class="code">`,
		`<span class="kd">func</span>`,
		`<span class="kt">float64</span>`,
		`<div class="note">raw html</div>`,
	} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
}

func TestHeadingIDsAreUniqueOnAPage(t *testing.T) {
	r := newRenderer(t)
	ids := newHeadingIDs()
	var all string
	for _, src := range []string{"## Example\n", "## Example\n\n## Ünïcode & more!\n", "## Example\n"} {
		out, err := r.renderMarkdown(src, ids, nil)
		if err != nil {
			t.Fatal(err)
		}
		all += out
	}
	for _, w := range []string{`id="example"`, `id="example-1"`, `id="example-2"`, `id="ünïcode-more"`} {
		if !strings.Contains(all, w) {
			t.Errorf("output lacks %s:\n%s", w, all)
		}
	}
}

func TestAttachmentsBecomeDataURIs(t *testing.T) {
	r := newRenderer(t)
	att := map[string]nbformat.MimeBundle{"dot.png": {"image/png": "iVBORw0K\nGgo=\n"}}
	out, err := r.renderMarkdown("![a dot](attachment:dot.png) ![web](https://example.org/x.png)", newHeadingIDs(), att)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`<img src="data:image/png;base64,iVBORw0KGgo=" alt="a dot">`, `<img src="https://example.org/x.png" alt="web">`} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
}
