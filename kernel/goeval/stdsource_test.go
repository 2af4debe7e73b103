package goeval

import (
	"strings"
	"testing"
)

// The generic standard packages and the builtins min, max and clear run
// the evaluator's own source with Go's results (stdsource.go).
func TestStdSlicesAndMaps(t *testing.T) {
	s := newSession(t, Options{})
	s.script([]step{
		{"xs := []int{5, 2, 8, 1, 9}\nslices.Sort(xs)\nxs", "[1 2 5 8 9]"},
		{"slices.Max(xs)", "9"},
		{"i, found := slices.BinarySearch(xs, 5)\nfmt.Sprint(i, found)", "2 true"},
		{"slices.Index([]string{\"a\", \"b\"}, \"b\")", "1"},
		{"slices.Sorted(maps.Keys(map[string]int{\"b\": 1, \"a\": 2}))", "[a b]"},
		{"slices.Collect(slices.Values([]int{3, 4}))", "[3 4]"},
		{"maps.Clone(map[string]int{\"k\": 1})", "map[k:1]"},
		{"cmp.Compare(math.NaN(), 1)", "-1"},
		{"slices.Compact([]int{1, 1, 2, 2, 1})", "[1 2 1]"},
		{"import sl \"slices\"\nsl.Min([]float64{2, -1})", "-1"},
		// In a function declared by a cell, and again after it is redefined.
		{"func top(v []float64) float64 {\n\tw := slices.Clone(v)\n\tslices.Sort(w)\n\treturn w[len(w)-1]\n}\ntop([]float64{1, 5, 2})", "5"},
		{"func top(v []float64) float64 { return slices.Min(v) }\ntop([]float64{1, 5, 2})", "1"},
	})
}

// Functions whose result is their argument's type keep a defined type.
func TestStdKeepsDefinedType(t *testing.T) {
	s := newSession(t, Options{})
	s.run("type Vec []float64\nfunc (v Vec) Sum() float64 {\n\ts := 0.0\n\tfor _, x := range v {\n\t\ts += x\n\t}\n\treturn s\n}\nv := Vec{3, 1, 2}")
	s.run("w := slices.Clone(v)\nfmt.Printf(\"%T %v %v\\n\", w, w, w.Sum())")
	s.run("fmt.Printf(\"%T %v\\n\", slices.Insert(v, 0, 7), slices.Delete(slices.Clone(v), 0, 1).Sum())")
	s.run("a, b := slices.Concat(v, v), maps.Clone(map[string]Vec{\"x\": v})\nfmt.Printf(\"%T %T\\n\", a, b)")
	if got, want := s.out.String(), "main.Vec [3 1 2] 6\nmain.Vec 3\nmain.Vec map[string]main.Vec\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// The order of equal elements is Go's (pattern-defeating quicksort past
// twelve elements).
func TestStdSortTies(t *testing.T) {
	s := newSession(t, Options{})
	s.run("type R struct{ N, K int }\nvar rs []R\nfor i := range 20 {\n\trs = append(rs, R{i, i % 3})\n}\n" +
		"slices.SortFunc(rs, func(a, b R) int { return a.K - b.K })\nfmt.Println(rs)")
	// What go run prints for the same program.
	want := "[{9 0} {18 0} {15 0} {3 0} {12 0} {0 0} {6 0} {10 1} {7 1} {4 1} {13 1} {16 1} {1 1} {19 1} {8 2} {5 2} {11 2} {14 2} {2 2} {17 2}]\n"
	if got := s.out.String(); got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}

// min and max: Go's types, constants, NaN and -0; a cell's own min wins.
func TestStdMinMax(t *testing.T) {
	s := newSession(t, Options{})
	s.run("x := 7.5\nclipped := max(0, min(x, 5))\nfmt.Printf(\"%T %v\\n\", clipped, clipped)")
	s.run("const lo = min(1, 2.5)\nfmt.Printf(\"%T %v %v\\n\", lo, lo/2, min(3, 1, 2))")
	s.run("negz := math.Copysign(0, -1)\nfmt.Println(min(negz, 0.0), min(0.0, negz), max(negz, 0.0), min(math.NaN(), 1.0), max(\"a\", \"b\", \"ab\"))")
	s.run("type Celsius float64\nc := min(Celsius(3), Celsius(negz), 2)\nfmt.Printf(\"%T %v\\n\", c, c)")
	s.run("var f32 float32 = max(1, 2)\nn := 4\nfmt.Println(f32, max(n, 2, 9), min(n))")
	s.run("func min(a, b int) int { return 100 }\nfmt.Println(min(1, 2), max(1, 2))")
	want := "float64 5\nfloat64 0.5 1\n-0 -0 0 NaN b\nmain.Celsius -0\n2 9 4\n100 2\n"
	if got := s.out.String(); got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
}

// clear empties a map (NaN keys too) and zeroes a slice in place.
func TestStdClear(t *testing.T) {
	s := newSession(t, Options{})
	s.run("m := map[float64]int{math.NaN(): 1, 2: 3}\nclear(m)\nxs := []string{\"a\", \"b\"}\nys := xs[:1]\nclear(ys)\nfmt.Printf(\"%d %q %d\\n\", len(m), xs, cap(ys))")
	s.run("clear := func(x int) int { return x * 2 }\nfmt.Println(clear(4))")
	if got, want := s.out.String(), "0 [\"\" \"b\"] 2\n8\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

// A cell that does not use the generic packages or the builtins loads
// none of their sources.
func TestStdLoadedOnDemand(t *testing.T) {
	s := newSession(t, Options{})
	s.run("x := 1\n_ = x")
	if len(s.e.sourceLoaded) != 0 {
		t.Fatalf("loaded %v", s.e.sourceLoaded)
	}
	s.run("_ = max(x, 2)")
	if !s.e.sourceLoaded["github.com/descentlab/descent/kernel/goeval/stdgen/predeclared"] || s.e.sourceLoaded["slices"] {
		t.Fatalf("loaded %v", s.e.sourceLoaded)
	}
	if !strings.Contains(s.value("slices.Contains([]int{2}, 2)"), "true") || !s.e.sourceLoaded["slices"] {
		t.Fatalf("loaded %v", s.e.sourceLoaded)
	}
}
