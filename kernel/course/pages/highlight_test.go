package pages

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

var tags = regexp.MustCompile(`<[^>]*>`)

// Highlighting only adds markup: without the tags the text is the source,
// whatever the source holds.
func TestHighlightKeepsTheSource(t *testing.T) {
	h := newHighlighter()
	for _, src := range []string{
		"x := 1",
		"s := `raw\nstring` + \"q\\\"uote\" // tail <b>\n/* block\ncomment */ y := 'c'",
		"unterminated := \"oops\nnext := 1",
		"∇f := func(θ float64) float64 { return θ*θ } 🙂 #?",
		"%time\nfor i := range 10 { _ = i }",
		"",
		"a &^= b; c <- d\n\n\n",
	} {
		for _, lang := range []string{"go", "bash"} {
			out := h.Highlight(src, lang)
			if got := html.UnescapeString(tags.ReplaceAllString(out, "")); got != src {
				t.Errorf("%s %q: text is %q", lang, src, got)
			}
		}
	}
}

func TestHighlightClasses(t *testing.T) {
	out := newHighlighter().Highlight("func f(x float64) []int {\n\treturn make([]int, len(s)) // done\n}\nmath.Sqrt(2.5)\nvar s = \"hi\"", "go")
	for _, w := range []string{
		`<span class="kd">func</span> <span class="nf">f</span>(x <span class="kt">float64</span>)`,
		`<span class="k">return</span> <span class="nb">make</span>`,
		`<span class="c1">// done</span>`,
		`math.<span class="nf">Sqrt</span>(<span class="m">2.5</span>)`,
		`<span class="kd">var</span> s <span class="o">=</span> <span class="s">&#34;hi&#34;</span>`,
	} {
		if !strings.Contains(out, w) {
			t.Errorf("highlighted code lacks %q:\n%s", w, out)
		}
	}
	if plain := newHighlighter().Highlight("func f() {}", "bash"); strings.Contains(plain, "<span") {
		t.Errorf("a bash block was highlighted as Go: %s", plain)
	}
}
