package goeval

import (
	"strings"
	"testing"
)

// Item 7: Go the interpreter cannot run is an error saying what to write.
func TestUnsupported(t *testing.T) {
	tests := []struct {
		name      string
		cell      string
		line, col int
		advice    string
	}{
		{"min of a type parameter", "func least[T cmp.Ordered](a, b T) T {\n\treturn min(a, b)\n}", 2, 9, "convert one argument"},
		{"range over an iterator", "m := map[string]int{\"a\": 1}\nfor k := range maps.Keys(m) {\n\tfmt.Println(k)\n}", 2, 16, "slices.Sorted(maps.Keys(m))"},
		{"range over an iterator variable", "seq := slices.Values([]int{1})\nfor v := range seq {\n\tfmt.Println(v)\n}", 2, 16, "slices.Collect(seq)"},
		{"explicit type arguments", "xs := []int{1}\nslices.Max[[]int](xs)", 2, 1, "without type arguments"},
		{"Clone in a generic function", "func dup[T any](xs []T) []T {\n\treturn slices.Clone(xs)\n}", 2, 9, "cannot tell the type of the arguments of slices.Clone"},
		{"unknown slices function", "slices.Shuffle([]int{1})", 1, 1, "slices.Shuffle is not available"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t, Options{})
			ce := s.fail(tc.cell)
			if ce.Kind != KindUnsupported || ce.Line != tc.line || ce.Col != tc.col || !strings.Contains(ce.Message, tc.advice) {
				t.Fatalf("got %s %d:%d %q", ce.Kind, ce.Line, ce.Col, ce.Message)
			}
		})
	}
}

// What is close to the unsupported cases but works.
func TestSupportedNeighbours(t *testing.T) {
	s := newSession(t, Options{})
	s.script([]step{
		{"func min(a, b int) int {\n\tif a < b {\n\t\treturn a\n\t}\n\treturn b\n}\nmin(3, 2)", "2"},
		{"slices.Contains([]int{1, 2}, 2)", "true"},
		{"slices.Reverse([]int{1, 2})", ""},
		{"func least[T cmp.Ordered](a, b T) T {\n\tif b < a {\n\t\treturn b\n\t}\n\treturn a\n}\nleast(2.5, 1.5)", "1.5"},
		{"slices.Index([]string{\"a\", \"b\"}, \"b\")", "1"},
		{"func Sum[T int | float64](a, b T) T { return a + b }\nSum[float64](1.5, 2.5)", "4"},
		{"xs := []int{3, 1, 2}\nsort.Ints(xs)\nxs", "[1 2 3]"},
		{"func Map[T, U any](xs []T, f func(T) U) []U {\n\tvar r []U\n\tfor _, x := range xs {\n\t\tr = append(r, f(x))\n\t}\n\treturn r\n}\nMap[int, float64]([]int{1, 2}, func(i int) float64 { return float64(i) / 2 })", "[0.5 1]"},
		// The evaluator infers the type arguments the interpreter gets wrong.
		{"Map([]int{1, 2}, func(i int) float64 { return float64(i) / 2 })", "[0.5 1]"},
	})
}
