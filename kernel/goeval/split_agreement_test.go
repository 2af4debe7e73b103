package goeval

import (
	"context"
	"testing"

	"github.com/descentlab/descent/kernel"
)

// TestIsCompleteAgreesWithTheSplit runs the kernel's is_complete and the
// evaluator's split on the same cells: a cell is_complete calls complete
// splits and parses, and one it calls incomplete or invalid does not. The
// exceptions are the few constructs that parse but are never valid Go
// (is_complete rejects them as typos); for those the evaluator must
// reject the cell when it runs it.
func TestIsCompleteAgreesWithTheSplit(t *testing.T) {
	cells := []string{
		"",
		"// only a comment",
		"1 + 2",
		`fmt.Println("x")`,
		"x := 3",
		"func f() int { return 1 }",
		"func (p *P) Norm() float64 { return 0 }",
		"func (t *Tree[K, V]) Insert(k K, v V) {}",
		"func Map[T, U any](xs []T, f func(T) U) []U { return nil }",
		"func() { x++ }()",
		"import \"strings\"\n\nfunc shout(s string) string { return strings.ToUpper(s) + \"!\" }\nfmt.Println(shout(\"descent\"))",
		"import (\n\t\"fmt\"\n\t\"strings\"\n)\nfmt.Println(strings.ToUpper(\"a\"))",
		"type P struct{ X float64 }\np := P{X: 1}\np.X",
		"package main\nx := 1",
		"if x > 1 {\n\ty = 2\n} else {\n\ty = 3\n}",
		"for i := 0; i < 3; i++ {\n\tx += i\n}",
		"a := 1\nfunc g() {}\nb := 2",
		"var v = 1\nconst c = 2",
		"L:\nfor {\n\tbreak L\n}",
		"δ := 0.5\nétape := δ * 2",
		"func f() int {",
		"for i := 0; i < 3; i++ {",
		"x := []int{1,",
		"fmt.Println(",
		"s := `line one\n",
		"x := 1 /* more",
		"x := 1 +",
		"func f() {}\ny := 2 *",
		"func )(",
		"x := := 3",
		"}",
		"if x {\n}\nelse {\n}",
		"s := \"abc\nt := 1",
		"x := := 1\ny := 2",
		"func f() { x := }\ny := 1",
		"x := 1 +\nfunc g() {}",
		"import \"fmt\" \"os\"",
		"type T struct {\n\tX int\n",
	}
	// Parse, but are never valid Go: is_complete calls them invalid.
	neverValid := map[string]bool{"1 +* 2": true, "p := &3": true}
	for c := range neverValid {
		cells = append(cells, c)
	}
	for _, cell := range cells {
		status, _ := kernel.IsComplete(cell)
		_, splitErr := splitCell(newCellSource(0, cell))
		if neverValid[cell] {
			if status != kernel.Invalid || splitErr != nil {
				t.Errorf("%q: is_complete %s, split error %v; want invalid and a clean split", cell, status, splitErr)
			}
			s := newSession(t, Options{})
			if _, err := s.e.Eval(context.Background(), cell); err == nil {
				t.Errorf("%q: is_complete calls it invalid but the evaluator ran it", cell)
			}
			continue
		}
		if (status == kernel.Complete) != (splitErr == nil) {
			t.Errorf("%q: is_complete %s, split error %v", cell, status, splitErr)
		}
	}
}
