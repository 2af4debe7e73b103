package goeval

import (
	"runtime"
	"strings"
	"testing"
)

// Function values made before a redefinition call the new definition.
func TestRedefinitionReachesFunctionValues(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
	}{
		{"closure in a variable", []step{
			{"func rate() float64 { return 0.1 }\nstep := func(x float64) float64 { return x - rate()*x }", ""},
			{"step(1)", "0.9"},
			{"func rate() float64 { return 0.5 }", ""},
			{"step(1)", "0.5"},
			{"func rate() float64 { return 0.25 }", ""},
			{"step(1)", "0.75"},
		}},
		{"function values in a slice and a variable", []step{
			{"func f() int { return 1 }\nfs := []func() int{f}\ng := f", ""},
			{"func f() int { return 2 }", ""},
			{"fs[0]() + g()", "4"},
		}},
		{"closure returned by a function", []step{
			{"func k() int { return 1 }\nfunc mk() func() int { return func() int { return k() } }\nh := mk()", ""},
			{"func k() int { return 3 }", ""},
			{"h()", "3"},
		}},
		{"recursive function", []step{
			{"func fib(n int) int { if n < 2 { return n }; return fib(n-1) + fib(n-2) }\nold := fib", ""},
			{"func fib(n int) int { if n < 2 { return 1 }; return fib(n-1) + fib(n-2) }", ""},
			{"old(5)", "8"},
		}},
		{"method on an old value and a method value", []step{
			{"type T struct{ n int }\nfunc (t T) M() int { return t.n }\nv := T{3}\nm := v.M", ""},
			{"func (t T) M() int { return t.n * 10 }", ""},
			{"v.M() + m()", "60"},
		}},
		{"another signature is a new function", []step{
			{"func r() int { return 1 }\nc := func() int { return r() }", ""},
			{"func r(k int) int { return k }", ""},
			{"c() + r(5)", "6"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			newSession(t, Options{}).script(tt.steps)
		})
		// The history of old declarations is weak: collections between
		// the cells must not lose a declaration a value still holds.
		t.Run(tt.name+", collected between cells", func(t *testing.T) {
			s := newSession(t, Options{})
			for _, st := range tt.steps {
				runtime.GC()
				runtime.GC()
				s.script([]step{st})
			}
		})
	}
}

// A variable redefined with another type, that a stored function literal
// of an earlier cell reads, stops the cell with an error naming the
// literal's variable.
func TestRedefinitionReadByStoredClosure(t *testing.T) {
	s := newSession(t, Options{})
	s.run("x := 1\nf := func() int { return x }")
	ce := s.fail("x := \"two\"\nfmt.Println(\"after\")")
	if !strings.Contains(ce.Message, "function value in f") || !strings.Contains(ce.Message, "another name") {
		t.Fatalf("message: %s", ce.Message)
	}
	if strings.Contains(s.out.String(), "after") {
		t.Fatalf("the statement after the redefinition ran: %q", s.out.String())
	}
	// Re-running the cell that makes f is the way out, and is no error.
	s.run("x := 1\nf := func() int { return x }")
	// An assignment is no redefinition.
	s.run("x = 5")
	if got := s.value("f()"); got != "5" {
		t.Fatalf("f() = %s, want 5", got)
	}
	// A literal called where it is written stores no function.
	s.run("y := 1\nz := func() int { return y }()")
	s.run("y := \"two\"")
	// A literal whose own parameter, local or field has the name does not
	// read the variable.
	s.run("type P struct{ w int }\nw := 1\ng := func(w int) int { return w }\nh := func() int { w := 3; return w + P{w: 1}.w }")
	s.run("w := \"two\"")
}

// TestPackageFuncFindsDeclarations fails when a yaegi upgrade moves the
// fields funcreplace.go reads.
func TestPackageFuncFindsDeclarations(t *testing.T) {
	s := newSession(t, Options{})
	s.run("func f(a int) string { return \"\" }\ntype T struct{}\nfunc (T) M() {}")
	n, ok := packageFunc(s.e.in, "f")
	if !ok {
		t.Fatal("packageFunc: f not found")
	}
	if sig, ok := signatureTypes(n, false); !ok || len(sig) != 2 {
		t.Fatalf("signatureTypes(f) = %v, %v", sig, ok)
	}
	if _, ok := s.e.lookupDecl(declKey{recv: "T", name: "M"}); !ok {
		t.Fatal("lookupDecl: T.M not found")
	}
}
