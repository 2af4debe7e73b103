package cellsyntax

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

// kindOf says what go/parser makes of text alone: a declaration or import
// when it parses as a file's only declaration, a statement list when it
// parses as a function body. It is the independent judge of each span.
func kindOf(t *testing.T, text string) Kind {
	t.Helper()
	if strings.HasPrefix(text, "package ") {
		if _, err := parser.ParseFile(token.NewFileSet(), "", text, parser.PackageClauseOnly); err == nil {
			return Package
		}
	}
	if f, err := parser.ParseFile(token.NewFileSet(), "", "package p\n"+text, parser.SkipObjectResolution); err == nil && len(f.Decls) == 1 {
		if gd, ok := f.Decls[0].(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			return Import
		}
		return Decl
	}
	if _, err := parser.ParseFile(token.NewFileSet(), "", "package p\nfunc _() {\n"+text+"\n}", parser.SkipObjectResolution); err != nil {
		t.Fatalf("%q is neither a declaration nor statements: %v", text, err)
	}
	return Stmt
}

func TestScanCutsAtTopLevelSemicolons(t *testing.T) {
	tests := []struct {
		name string
		cell string
		want []string // the spans' texts
	}{
		{"one statement", "x := 1", []string{"x := 1"}},
		{"statements merge", "x := 1\ny := 2; z := 3", []string{"x := 1\ny := 2; z := 3"}},
		{"for header stays whole", "for i := 0; i < 3; i++ {\n\tx += i\n}", []string{"for i := 0; i < 3; i++ {\n\tx += i\n}"}},
		{"declarations apart", "import \"fmt\"\ntype P struct{ X int }\nvar v = 1\nconst c = 2\nfunc f() {}",
			[]string{`import "fmt"`, "type P struct{ X int }", "var v = 1", "const c = 2", "func f() {}"}},
		{"grouped import", "import (\n\t\"fmt\"\n\t\"strings\"\n)", []string{"import (\n\t\"fmt\"\n\t\"strings\"\n)"}},
		{"package clause", "package main\nx := 1", []string{"package main", "x := 1"}},
		{"method", "func (p *P) Norm() float64 { return 0 }", []string{"func (p *P) Norm() float64 { return 0 }"}},
		{"method on a generic type", "func (t *Tree[K, V]) Insert(k K, v V) {}", []string{"func (t *Tree[K, V]) Insert(k K, v V) {}"}},
		{"generic function", "func Map[T, U any](xs []T, f func(T) U) []U { return nil }", []string{"func Map[T, U any](xs []T, f func(T) U) []U { return nil }"}},
		{"function literal is a statement", "func() { x++ }()", []string{"func() { x++ }()"}},
		{"literal with a named result", "f := func() (n int) { return }", []string{"f := func() (n int) { return }"}},
		{"statements around a declaration", "a := 1\nfunc g() {}\nb := 2\nc := 3",
			[]string{"a := 1", "func g() {}", "b := 2\nc := 3"}},
		{"comments are not spans", "// lead\nx := 1 // trailing\n/* after */", []string{"x := 1"}},
		{"only comments", "// nothing", nil},
		{"non-ASCII names", "δ := 0.5\nétape := δ * 2", []string{"δ := 0.5\nétape := δ * 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Scan(tt.cell)
			if len(c.Errors) > 0 || c.Depth != 0 || c.Unbalanced {
				t.Fatalf("errors %v, depth %d, unbalanced %v", c.Errors, c.Depth, c.Unbalanced)
			}
			var got []string
			for _, sp := range c.Spans {
				text := tt.cell[sp.Start:sp.End]
				got = append(got, text)
				if k := kindOf(t, text); k != sp.Kind {
					t.Errorf("span %q: kind %d, go/parser says %d", text, sp.Kind, k)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("spans %q, want %q", got, tt.want)
			}
		})
	}
}

func TestScanReportsWhatIsLeftOpen(t *testing.T) {
	tests := []struct {
		cell                    string
		depth                   int
		unterminated, malformed bool
	}{
		{"func f() {\nfor {", 2, false, false},
		{"fmt.Println(", 1, false, false},
		{"s := `line one\n", 0, true, false},
		{"x := 1 /* more", 0, true, false},
		{"}", 0, false, true},
		{"x := 1)\ny := (2", 1, false, true},
		{"s := \"abc\nt := 1", 0, false, true},
		{"x := 'ab'", 0, false, true},
	}
	for _, tt := range tests {
		c := Scan(tt.cell)
		if c.Depth != tt.depth || c.Unterminated() != tt.unterminated || c.Malformed() != tt.malformed {
			t.Errorf("%q: depth %d unterminated %v malformed %v, want %d %v %v (errors %v)",
				tt.cell, c.Depth, c.Unterminated(), c.Malformed(), tt.depth, tt.unterminated, tt.malformed, c.Errors)
		}
	}
}

// The last span ends where the text does, whatever the last token: the
// semicolon the scanner adds at the end of the input is not in the text,
// an invalid byte is one byte though the scanner reports U+FFFD, and a raw
// string keeps its carriage returns in the text (found by FuzzScan: "(0"
// gave a span one byte past the end, and the evaluator panicked slicing
// it).
func TestOpenCellEndsWithTheText(t *testing.T) {
	for _, cell := range []string{"(0", "x := (0", "f(a,\n\tb", "m := map[string]int{\n\t\"a\": 1", "s := `a\r\nb`", "x := 0\x84"} {
		c := Scan(cell)
		if len(c.Spans) == 0 || c.Spans[len(c.Spans)-1].End != len(cell) {
			t.Errorf("Scan(%q): spans %+v, depth %d", cell, c.Spans, c.Depth)
		}
	}
}
