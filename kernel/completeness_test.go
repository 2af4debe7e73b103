package kernel

import "testing"

func TestIsComplete(t *testing.T) {
	tests := []struct {
		name   string
		code   string
		status Completeness
		indent string
	}{
		{"empty", "", Complete, ""},
		{"blank lines", "\n  \n", Complete, ""},
		{"only a comment", "// nothing here", Complete, ""},
		{"expression", "1 + 2", Complete, ""},
		{"call", `fmt.Println("x")`, Complete, ""},
		{"short variable", "x := 3", Complete, ""},
		{"function declaration", "func f() int { return 1 }", Complete, ""},
		{"method declaration", "func (p *P) Norm() float64 { return 0 }", Complete, ""},
		{"method on a generic type", "func (t *Tree[K, V]) Insert(k K, v V) {}", Complete, ""},
		{"function literal call", "func() { x++ }()", Complete, ""},
		{"mixed cell", "import \"strings\"\n\nfunc shout(s string) string { return strings.ToUpper(s) + \"!\" }\nfmt.Println(shout(\"descent\"))", Complete, ""},
		{"type and statements", "type P struct{ X float64 }\np := P{X: 1}\np.X", Complete, ""},
		{"package clause is ignored", "package main\nx := 1", Complete, ""},
		{"multi-line if else", "if x > 1 {\n\ty = 2\n} else {\n\ty = 3\n}", Complete, ""},
		{"open function body", "func f() int {", Incomplete, "    "},
		{"open for", "for i := 0; i < 3; i++ {", Incomplete, "    "},
		{"open composite literal", "x := []int{1,", Incomplete, "    "},
		{"two open braces", "func f() {\nfor {", Incomplete, "        "},
		{"open call", "fmt.Println(", Incomplete, "    "},
		{"open raw string", "s := `line one\n", Incomplete, "    "},
		{"open block comment", "x := 1 /* more", Incomplete, "    "},
		{"dangling operator", "x := 1 +", Incomplete, "    "},
		{"dangling operator after a declaration", "func f() {}\ny := 2 *", Incomplete, "    "},
		{"unclosed parenthesis", "func )(", Invalid, ""},
		{"double assignment", "x := := 3", Invalid, ""},
		{"dereferenced literal", "1 +* 2", Invalid, ""},
		{"address of a literal", "p := &3", Invalid, ""},
		{"stray closing brace", "}", Invalid, ""},
		{"else on its own line", "if x {\n}\nelse {\n}", Invalid, ""},
		{"unterminated string", "s := \"abc\nt := 1", Invalid, ""},
		{"error before the end", "x := := 1\ny := 2", Invalid, ""},
		{"broken declaration followed by a statement", "func f() { x := }\ny := 1", Invalid, ""},
		{"open bracket anywhere means incomplete", "func f( {}\nx := 1", Incomplete, "    "},
		{"statement error before a final declaration", "x := 1 +\nfunc g() {}", Invalid, ""},
		// The indentation follows the cell's: tabs when it uses tabs.
		{"tab-indented block", "func f() {\n\tfor {", Incomplete, "\t\t"},
		{"space-indented block", "func f() {\n    for {", Incomplete, "        "},
		{"tab-indented dangling operator", "func f() {\n\tx := 1\n}\ny := 2 +", Incomplete, "\t"},
		{"closing brace completes a function", "func add(a, b int) int {\n    return a + b\n}", Complete, ""},
		{"a call after the function", "func add(a, b int) int {\n    return a + b\n}\nadd(1, 2)", Complete, ""},
		{"non-ASCII names", "δ := 0.5\nétape := δ * 2", Complete, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, indent := IsComplete(tt.code)
			if status != tt.status || indent != tt.indent {
				t.Errorf("IsComplete(%q) = %q, %q; want %q, %q", tt.code, status, indent, tt.status, tt.indent)
			}
		})
	}
}
