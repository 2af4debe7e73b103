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
		{"min", "min(1, 2)", 1, 1, "math.Min"},
		{"max in a define", "a := 1\nx := max(2.0, 3.0)", 2, 6, "math.Max"},
		{"max in a function", "func big(a, b float64) float64 {\n\treturn max(a, b)\n}", 2, 9, "use math.Min/math.Max"},
		{"clear", "m := map[string]int{\"a\": 1}\nclear(m)", 2, 1, "delete"},
		{"slices.Sort", "xs := []int{3, 1}\nslices.Sort(xs)", 2, 1, "sort.Ints"},
		{"slices.Max", "import \"slices\"\nslices.Max([]float64{1, 2})", 2, 1, "math.Max"},
		{"maps.Keys", "maps.Keys(map[string]int{})", 1, 1, "for range"},
		{"generic inference", "slices.Reverse([]int{1, 2})", 1, 1, "write the type arguments explicitly"},
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
		{"slices.Index([]string{\"a\", \"b\"}, \"b\")", "1"},
		{"func Sum[T int | float64](a, b T) T { return a + b }\nSum[float64](1.5, 2.5)", "4"},
		{"xs := []int{3, 1, 2}\nsort.Ints(xs)\nxs", "[1 2 3]"},
		{"func Map[T, U any](xs []T, f func(T) U) []U {\n\tvar r []U\n\tfor _, x := range xs {\n\t\tr = append(r, f(x))\n\t}\n\treturn r\n}\nMap[int, float64]([]int{1, 2}, func(i int) float64 { return float64(i) / 2 })", "[0.5 1]"},
		// The evaluator infers the type arguments the interpreter gets wrong.
		{"Map([]int{1, 2}, func(i int) float64 { return float64(i) / 2 })", "[0.5 1]"},
	})
}
