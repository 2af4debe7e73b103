package goeval

import (
	"context"
	"strings"
	"testing"
)

// A shift by a negative count panics with Go's runtime.Error, whichever
// form the check takes, and a recover sees it as Go's.
func TestNegativeShift(t *testing.T) {
	s := newSession(t, Options{})
	s.run(`func try(f func() int) (v int, err error) {
	defer func() {
		if r := recover(); r != nil {
			re, ok := r.(runtime.Error)
			err = fmt.Errorf("%v %v", ok, re)
		}
	}()
	return f(), nil
}
func stmt(x, n int) int { y := x << n; return y }
func ret(x, n int) int { return x >> n }
func cond(x, n int) bool { return n >= 0 && x<<n > 1 }
func call(x int, n func() int) int { return x << n() }
func assign(x int, n int8) int { x <<= n; return x }
func field(x int, p struct{ n int }) int { return x << p.n }`)
	for _, tc := range []struct{ cell, want string }{
		{"fmt.Sprint(try(func() int { return stmt(3, 2) }))", "12 <nil>"},
		{"fmt.Sprint(try(func() int { return stmt(3, -1) }))", "0 true runtime error: negative shift amount"},
		{"fmt.Sprint(try(func() int { return ret(-8, -1) }))", "0 true runtime error: negative shift amount"},
		{"fmt.Sprint(try(func() int { if cond(1, -1) { return 1 }; return 0 }))", "0 <nil>"},
		{"fmt.Sprint(try(func() int { return call(1, func() int { return -2 }) }))", "0 true runtime error: negative shift amount"},
		{"fmt.Sprint(try(func() int { return assign(1, -3) }))", "0 true runtime error: negative shift amount"},
		{"fmt.Sprint(try(func() int { return field(1, struct{ n int }{-1}) }))", "0 true runtime error: negative shift amount"},
		{"fmt.Sprint(try(func() int { return field(1, struct{ n int }{4}) }))", "16 <nil>"},
	} {
		if got := s.value(tc.cell); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.cell, got, tc.want)
		}
	}
	// Without a recover the cell stops with Go's message.
	ce := s.fail("n := -1\nx := 1 << n\nx")
	if !strings.Contains(ce.Error(), "negative shift amount") {
		t.Errorf("cell error %q", ce.Error())
	}
}

// Counts proven non-negative, constants and unsigned counts are left
// alone; the others are checked before their statement when they can be,
// else through the hook.
func TestShiftRewrites(t *testing.T) {
	for _, tc := range []struct {
		code  string
		check int // checks before a statement
		hook  int // counts through the Shift hook
	}{
		{"func f(x int) int { return x << 3 }", 0, 0},
		{"const (\n\t_ = iota\n\tKB = 1 << (10 * iota)\n\tMB\n)\nfunc f() int { return KB }", 0, 0},
		{"const k int = 3\nfunc f(x int) [1 << k]int { var a [1 << k]int; a[0] = x << k; return a }", 0, 0},
		{"func f(x int, n uint) int { return x << n }", 0, 0},
		{"func f(x int, s []int) int { return x << len(s) }", 0, 0},
		{"func f(x, m int) int { for i := 0; i < m; i++ { x ^= x << i }; return x }", 0, 0},
		{"func f(x, m int) int { for i := 0; i < m; i++ { i--; x ^= x << i }; return x }", 1, 0},
		{"func f(x, m int) int { for i := -1; i < m; i++ { x ^= x << i }; return x }", 1, 0},
		{"func f(x int8, m int8) int8 { for i := int8(0); i < m; i++ { x ^= x << i }; return x }", 1, 0},
		{"func f(x int, s []int) int { for i := range s { x ^= x << i }; return x }", 0, 0},
		{"func f(x int) int { for i := range 10 { x ^= x << i }; return x }", 0, 0},
		{"func f(x int, m map[int]int) int { for k := range m { x ^= x << k }; return x }", 1, 0},
		{"func f(x int, s []int) int { for i := range s { i = -i; x ^= x << i }; return x }", 1, 0},
		{"func f(x, n int) int { return x << n }", 1, 0},
		{"func f(x, n int) { fmt.Println(x << n) }", 1, 0},
		{"func f(x, n int) { fmt.Println(g(), x << n) }", 0, 1},
		{"func f(s []int, n int) int { return s[0] << n }", 0, 1},
		{"func f(x, n int) bool { return n > 0 && x << n > 1 }", 0, 1},
		{"func f(x int, n func() int) int { return x << n() }", 0, 1},
		{"func f(x, n int) int { for ; x << n > 0; {}; return 0 }", 0, 1},
	} {
		s := newSession(t, Options{})
		src := s.e.rewrittenForTest(t, tc.code)
		check := strings.Count(src, hooksImport+".NegativeShift()")
		hook := strings.Count(src, hooksImport+".Shift(")
		if check != tc.check || hook != tc.hook {
			t.Errorf("%s: %d checks, %d hooks, want %d, %d\n%s", tc.code, check, hook, tc.check, tc.hook, src)
		}
	}
}

// rewrittenForTest runs code (which must compile) and returns the sources
// the interpreter was given for it.
func (e *Evaluator) rewrittenForTest(t *testing.T, code string) string {
	t.Helper()
	var b strings.Builder
	e.sawSource = func(src string) { b.WriteString(src + "\n") }
	defer func() { e.sawSource = nil }()
	if _, err := e.Eval(context.Background(), "func g() int { return 1 }\n"+code); err != nil {
		t.Fatalf("%s: %v", code, err)
	}
	return b.String()
}
