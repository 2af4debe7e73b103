package goeval

import (
	"errors"
	"testing"
)

// Whatever a student types, Eval returns a result or a *CellError and the
// session stays usable; it never panics.
func TestOddCellsNeverPanic(t *testing.T) {
	s := newSession(t, Options{})
	s.run("alive := 1")
	cells := []string{
		"}", "{", "func", "import", "type", "for i := range", "x :=", "package", "func (", "var (",
		"func main()", "type T struct{}\nfunc (T) M() {}\nT{}.M()", "defer fmt.Print(\"d\")", "go fmt.Sprint(1)",
		"return", "goto L\nL:", "fmt", "int", "nil", "x := []int{1, 2, 3}\nfor i, v := range x { _ = i; _ = v }",
		"π := 3.0\nπ * 2", "// only a comment", "import \"fmt\"; import \"fmt\"", "const c = 1\nc = 2",
		"var a, b = 1, 2\na + b", "func vf(xs ...int) int { return len(xs) }\nvf(1, 2, 3)",
		"type G[T any] struct{ v T }\nG[int]{3}.v", "switch q := 3; q {\ncase 3:\n\tfmt.Print(\"three\")\n}",
		"ch := make(chan int, 1)\nch <- 1\n<-ch", "func init() { fmt.Print(\"init\") }", "for i := range 3 {",
		"type", "type X", "func (x X) M()", "var v int = \"s\"", "x.y.z()", "import (", "import m", "1 +",
		"for range \"abc\" {}", "for k := range map[string]int{\"a\": 1} { _ = k }", "for i := range []int{} { _ = i }",
		"var fs []func()\nfor i := range 2 { fs = append(fs, func() { _ = i }) }", "break", "continue",
		"L: for { break L }", "type R = int\nR(3)", "func (int) M() {}", "func _() {}", "var _ = 1", "_ = 1",
		"struct{}{}", "[3]int{}", "map[string]int{}", "func() {}", "new(int)", "len", "append",
		"x := 1; x := 2", "import . \"strings\"\nToUpper(\"a\")", "\"unterminated", "`raw", "'c'", "0x1p-2",
	}
	for _, c := range cells {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("cell %q: panic %v", c, r)
				}
			}()
			_, err := s.eval(c)
			var ce *CellError
			if err != nil && !errors.As(err, &ce) {
				t.Fatalf("cell %q: error %T is not a *CellError: %v", c, err, err)
			}
		}()
		if got := s.value("alive"); got != "1" {
			t.Fatalf("after %q: alive = %s", c, got)
		}
	}
	for _, c := range cells {
		s.e.Complete(c, len(c))
		s.e.Complete(c, len(c)/2)
		s.e.Inspect(c, len(c), 1)
		s.e.Inspect(c, len(c)/2, 0)
	}
	s.e.Complete("x", -5)
	s.e.Complete("x", 99)
	s.e.Inspect("x", -5, 0)
	s.e.Inspect("x", 99, 0)
}
