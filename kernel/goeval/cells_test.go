package goeval

import (
	"strings"
	"testing"
)

// Item 2: mixed cells, in any order, with declarations used before they
// appear.
func TestMixedCells(t *testing.T) {
	tests := []struct {
		name string
		cell string
		want string
	}{
		{"everything interleaved", `x := double(21)
import "fmt"
func double(n int) int { return 2 * n }
type pair struct{ a, b int }
p := pair{x, 1}
func (p pair) sum() int { return p.a + p.b }
var offset = 100
fmt.Sprint(p.sum() + offset)`, "143"},
		{"statement calls a later function", "r := square(7)\nfunc square(v int) int { return v * v }\nr", "49"},
		{"later function calls a later function", "a := f1()\nfunc f1() int { return f2() + 1 }\nfunc f2() int { return 10 }\na", "11"},
		{"var after statements uses them", "base := 4\nvar doubled = base * 2\ndoubled", "8"},
		{"const group with iota", "const (\n\tA = iota\n\tB\n\tC\n)\nA + B + C", "3"},
		{"semicolons", "u := 1; v := 2; u + v", "3"},
		{"for header semicolons", "t := 0\nfor i := 0; i < 4; i++ { t += i }\nt", "6"},
		{"if with init", "w := 0\nif q := 5; q > 3 { w = q }\nw", "5"},
		{"func literal statement", "acc := 0\nfunc(){ acc = 9 }()\nacc", "9"},
		{"comments everywhere", "// start\nk := 2 // two\n/* block */ k * 3 // six", "6"},
		{"package clause ignored", "package main\n\nfunc three() int { return 3 }\nthree()", "3"},
		{"generic function", "func Sum[T int | float64](a, b T) T { return a + b }\nSum[float64](1.5, 2.5)", "4"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t, Options{})
			if got := s.value(tc.cell); got != tc.want {
				t.Fatalf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// Errors point at the line and column of the cell, whatever the splitting.
func TestErrorPositions(t *testing.T) {
	tests := []struct {
		name      string
		cell      string
		line, col int
		kind      ErrorKind
		msg       string
	}{
		{"undefined in last statement", "import \"fmt\"\nfunc f() int {\n\treturn 1\n}\ny := f() + undefinedName\nfmt.Println(y)",
			5, 12, KindCompile, "undefined: undefinedName"},
		{"undefined in a function body", "x := 3\nfunc g() int {\n\treturn x + nope\n}", 3, 13, KindCompile, "undefined: nope"},
		{"syntax error", "a := 1\nb := a + )", 2, 10, KindCompile, "expected operand"},
		{"syntax error in a declaration", "func h() {\n\treturn 1 +\n}", 3, 1, KindCompile, "expected operand"},
		{"unterminated string", "s := \"abc\nt := 1", 1, 6, KindCompile, "not terminated"},
		{"redeclared in the cell", "func d() {}\nfunc d() {}", 2, 1, KindCompile, "d redeclared in this cell"},
		{"error after a rewritten loop", "for i := range 3 {\n\tz := missing + i\n\t_ = z\n}", 2, 7, KindCompile, "undefined: missing"},
		{"error after a wrapped statement", "var fs []func()\nfor i := 0; i < 2; i++ { fs = append(fs, func() { _ = i }) }\nbad := nothere",
			3, 8, KindCompile, "undefined: nothere"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t, Options{})
			ce := s.fail(tc.cell)
			if ce.Line != tc.line || ce.Col != tc.col || ce.Kind != tc.kind || !strings.Contains(ce.Message, tc.msg) {
				t.Fatalf("got %s %d:%d %q, want %s %d:%d %q", ce.Kind, ce.Line, ce.Col, ce.Message, tc.kind, tc.line, tc.col, tc.msg)
			}
			lines := strings.Split(tc.cell, "\n")
			if ce.SourceLine != lines[tc.line-1] {
				t.Fatalf("SourceLine %q, want %q", ce.SourceLine, lines[tc.line-1])
			}
		})
	}
}

func TestCellErrorRendering(t *testing.T) {
	ce := &CellError{Kind: KindCompile, Message: "undefined: foo", Line: 2, Col: 7, SourceLine: "\ty := foo + 1"}
	want := "2:7: undefined: foo\n    \ty := foo + 1\n    \t     ^"
	if got := ce.Error(); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	p := &CellError{Kind: KindPanic, Message: "boom", Line: 3, SourceLine: "  explode()", Traceback: []string{"explode at line 1:20"}}
	want = "panic: boom\nat line 3: explode()\ninterpreted stack:\n    explode at line 1:20"
	if got := p.Error(); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	r := &CellError{Kind: KindRuntime, Message: "index out of range"}
	if got := r.Error(); got != "panic: runtime error: index out of range" {
		t.Fatalf("got %q", got)
	}
}
