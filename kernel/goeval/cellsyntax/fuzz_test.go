package cellsyntax

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

// FuzzScan cuts arbitrary text and checks the spans against go/parser,
// the independent judge of Go syntax:
//
//   - always: spans are in order, within the text, not empty, not
//     overlapping, and of a known kind; Scan never panics;
//   - when the text parses as a file's declarations: one span per
//     declaration, at the declaration's exact bytes, Import for imports
//     and Decl for the others;
//   - when the text parses as a function body: every top-level statement
//     lies inside one span, a var, const or type statement in a Decl span
//     and any other in a Stmt span.
func FuzzScan(f *testing.F) {
	for _, seed := range []string{
		"x := 1", "x := 1\ny := 2; z := 3", "for i := 0; i < 3; i++ {\n\tx += i\n}",
		"import \"fmt\"\ntype P struct{ X int }\nvar v = 1\nconst c = 2\nfunc f() {}",
		"import (\n\t\"fmt\"\n\t\"strings\"\n)", "package main\nx := 1", "func (p *P) Norm() float64 { return 0 }",
		"func Map[T, U any](xs []T, f func(T) U) []U { return nil }", "func() { x++ }()",
		"a := 1\nfunc g() {}\nb := 2\nc := 3", "// lead\nx := 1 // trailing\n/* after */", "δ := 0.5\nétape := δ * 2",
		"s := `raw\nstring`", "if x > 1 {\n} else {\n}", "var (\n\ta = 1\n\tb = 2\n)", "}{)(", "x := \"unterminated",
		"switch {\ncase x:\n}", "type T[K comparable] map[K]int", "go func() {}()", "defer f()\nlabel:\nfor {}",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		c := Scan(src)
		prev := 0
		for i, sp := range c.Spans {
			if sp.Start < prev || sp.End <= sp.Start || sp.End > len(src) {
				t.Fatalf("span %d [%d,%d) out of order or bounds (previous end %d, len %d)", i, sp.Start, sp.End, prev, len(src))
			}
			if sp.Kind < Stmt || sp.Kind > Package {
				t.Fatalf("span %d has kind %d", i, sp.Kind)
			}
			prev = sp.End
		}
		if c.Depth < 0 {
			t.Fatalf("depth %d", c.Depth)
		}

		const filePrefix = "package p\n"
		if file, err := parser.ParseFile(token.NewFileSet(), "", filePrefix+src, parser.SkipObjectResolution); err == nil && len(file.Imports) == countImports(file) {
			fset := token.NewFileSet()
			file, _ = parser.ParseFile(fset, "", filePrefix+src, parser.SkipObjectResolution)
			if len(c.Spans) != len(file.Decls) {
				t.Fatalf("%d spans for %d declarations", len(c.Spans), len(file.Decls))
			}
			for i, d := range file.Decls {
				start := fset.Position(d.Pos()).Offset - len(filePrefix)
				end := fset.Position(d.End()).Offset - len(filePrefix)
				want := Decl
				if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
					want = Import
				}
				if sp := c.Spans[i]; sp.Start != start || sp.End != end || sp.Kind != want {
					t.Fatalf("declaration %d at [%d,%d) kind %d, span [%d,%d) kind %d", i, start, end, want, sp.Start, sp.End, sp.Kind)
				}
			}
			return
		}

		const bodyPrefix = "package p\nfunc _() {\n"
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, "", bodyPrefix+src+"\n}", parser.SkipObjectResolution)
		if err != nil || len(file.Decls) != 1 {
			return
		}
		body := file.Decls[0].(*ast.FuncDecl).Body
		for _, st := range body.List {
			if _, empty := st.(*ast.EmptyStmt); empty {
				continue
			}
			start := fset.Position(st.Pos()).Offset - len(bodyPrefix)
			endPos := st.End()
			if l, ok := st.(*ast.LabeledStmt); ok {
				if e, ok := l.Stmt.(*ast.EmptyStmt); ok && e.Implicit {
					// A label at the end labels the empty statement before
					// the closing brace the check added: it ends at its colon.
					endPos = l.Colon + 1
				}
			}
			end := min(fset.Position(endPos).Offset-len(bodyPrefix), len(src))
			want := Stmt
			if _, ok := st.(*ast.DeclStmt); ok {
				want = Decl
			}
			found := false
			for _, sp := range c.Spans {
				if sp.Start <= start && end <= sp.End {
					if sp.Kind != want {
						t.Fatalf("statement [%d,%d) %T in a span of kind %d, want %d", start, end, st, sp.Kind, want)
					}
					found = true
					break
				}
			}
			if !found {
				t.Fatalf("statement [%d,%d) %T %q is in no span %v", start, end, st, src[start:end], c.Spans)
			}
		}
	})
}

// countImports counts the import specs of file's declarations.
func countImports(file *ast.File) int {
	n := 0
	for _, d := range file.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.IMPORT {
			n += len(gd.Specs)
		}
	}
	return n
}
