package goeval

import (
	"strings"
	"testing"
)

// Item 4: redefinitions take effect everywhere, including in functions of
// earlier cells.
func TestRedefinition(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
	}{
		{"func used by an earlier func", []step{
			{"func f() int { return 1 }", ""},
			{"func g() int { return f() }", ""},
			{"g()", "1"},
			{"func f() int { return 2 }", ""},
			{"g()", "2"},
		}},
		{"transitively", []step{
			{"func f() int { return 1 }\nfunc g() int { return f() + 1 }", ""},
			{"func h() int { return g() * 10 }", ""},
			{"h()", "20"},
			{"func f() int { return 5 }", ""},
			{"h()", "60"},
		}},
		{"var redeclared", []step{
			{"var v = 1", ""},
			{"func useV() int { return v }", ""},
			{"v = 7", ""},
			{"useV()", "7"},
			{"var v = 5", ""},
			{"useV()", "5"},
		}},
		{"var from an earlier var", []step{
			{"var a = 2", ""},
			{"var b = a * 10", ""},
			{"b", "20"},
		}},
		{"const redeclared", []step{
			{"const k = 2", ""},
			{"func useK() int { return k * 3 }", ""},
			{"useK()", "6"},
			{"const k = 4", ""},
			{"useK()", "12"},
		}},
		{":= redefined with another type", []step{
			{"x := 1", ""},
			{"x + 1", "2"},
			{`x := "s"`, ""},
			{`x + "t"`, "st"},
		}},
		{":= used by a func", []step{
			{"y := 1", ""},
			{"func useY() int { return y }", ""},
			{"y := 10", ""},
			{"useY()", "10"},
		}},
		{"re-running a cell", []step{
			{"func sq(n int) int { return n * n }\ntotal := sq(3)\ntotal", "9"},
			{"func sq(n int) int { return n * n }\ntotal := sq(3)\ntotal", "9"},
			{"func sq(n int) int { return n * n * n }\ntotal := sq(3)\ntotal", "27"},
		}},
		{"type redefined", []step{
			{"type P struct{ X int }\nfunc (p P) Sum() int { return p.X }\nfunc mk() P { return P{X: 1} }", ""},
			{"old := mk()", ""},
			{"type P struct{ X, Y int }", ""},
			{"P{X: 1, Y: 2}.Sum()", "1"},
			{"mk().Y", "0"},
			{"old.X", "1"},
			{"func (p P) Sum() int { return p.X + p.Y }", ""},
			{"P{X: 1, Y: 2}.Sum()", "3"},
			{"var q P = mk()\nq.Sum()", "1"},
		}},
		{"method redefined", []step{
			{"type R struct{ A int }\nfunc (r R) M() int { return r.A }\nfunc (r *R) Inc() { r.A++ }", ""},
			{"R{3}.M()", "3"},
			{"func (r R) M() int { return r.A * 100 }", ""},
			{"r := &R{3}\nr.Inc()\nr.M()", "400"},
		}},
		{"method follows a func it uses", []step{
			{"func scale() int { return 2 }", ""},
			{"type S struct{ A int }\nfunc (s S) M() int { return s.A * scale() }", ""},
			{"S{3}.M()", "6"},
			{"func scale() int { return 10 }", ""},
			{"S{3}.M()", "30"},
		}},
		{"recursive type redefined", []step{
			{"type Node struct{ V int; Next *Node }", ""},
			{"type Node struct{ V, W int; Next *Node }", ""},
			{"n := &Node{V: 1, Next: &Node{W: 2}}\nn.Next.W", "2"},
		}},
		{"type using a redefined type", []step{
			{"type P struct{ X int }\ntype Path []P", ""},
			{"type P struct{ X, Y int }", ""},
			{"Path{{X: 1, Y: 2}}[0].Y", "2"},
		}},
		{"identical type re-run keeps values", []step{
			{"type Q struct{ A int }", ""},
			{"q := Q{1}", ""},
			{"type Q struct{ A int }", ""},
			{"var q2 Q = q\nq2.A", "1"},
		}},
		{"func that used a type follows it", []step{
			{"type T struct{ A int }\nfunc first(ts []T) int { return ts[0].A }", ""},
			{"type T struct{ B, A int }", ""},
			{"first([]T{{B: 9, A: 4}})", "4"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			newSession(t, Options{}).script(tc.steps)
		})
	}
}

func TestRedefinitionErrors(t *testing.T) {
	t.Run("a dependent no longer compiles", func(t *testing.T) {
		s := newSession(t, Options{})
		s.run("z := 1")
		s.run("func useZ() int { return z + 1 }")
		ce := s.fail(`z := "text"`)
		if ce.Kind != KindCompile || !strings.Contains(ce.Message, "redefining z breaks") || !strings.Contains(ce.Message, "useZ") {
			t.Fatalf("got %+v", ce)
		}
		if got := s.value("z"); got != "text" {
			t.Fatalf("z = %s, want text", got)
		}
	})
	t.Run("generic function", func(t *testing.T) {
		s := newSession(t, Options{})
		s.run("func Id[T any](x T) T { return x }")
		s.run("func Id[T any](x T) T { return x }") // identical: fine
		ce := s.fail("func Id[T any](x T) []T { return []T{x} }")
		if ce.Kind != KindUnsupported || ce.Line != 1 || !strings.Contains(ce.Message, "new name") {
			t.Fatalf("got %+v", ce)
		}
	})
	t.Run("generic type", func(t *testing.T) {
		s := newSession(t, Options{})
		s.run("type Box[T any] struct{ V T }")
		ce := s.fail("type Box[T any] struct{ V, W T }")
		if ce.Kind != KindUnsupported || !strings.Contains(ce.Message, "%reset") {
			t.Fatalf("got %+v", ce)
		}
	})
}

// A declaration that fails to compile leaves the previous one in place (the
// interpreter declares names before it finds errors).
func TestFailedRedefinitionRestores(t *testing.T) {
	s := newSession(t, Options{})
	type failing struct {
		cell string
		msg  string
	}
	steps := []any{
		step{"func f() int { return 1 }", ""},
		failing{"func f() int { return \"x\" }", "cannot use"},
		step{"f()", "1"},
		step{"type T struct{ A int }\nfunc (t T) M() int { return t.A }", ""},
		step{"keep := T{5}", ""},
		failing{"func (t T) M() int { return t.B }", "undefined selector: B"},
		step{"T{2}.M()", "2"},
		failing{"func (t T) N() int { return t.Nope }", "undefined selector: Nope"},
		step{"func (t T) N() int { return t.A * 10 }", ""},
		step{"T{2}.N() + T{2}.M()", "22"},
		failing{"type T struct {\n\tA int\n\tB undefinedType\n}", "undefined"},
		step{"T{3}.M()", "3"},
		failing{"func g() int { return nope }", "undefined: nope"},
		failing{"x := g()", "g is not usable"},
		step{"func g() int { return 4 }", ""},
		step{"g()", "4"},
		step{"z := 1\nfunc useZ() int { return z + 1 }", ""},
		failing{`z := "s"`, "redefining z breaks"},
		failing{"useZ()", "useZ is not usable"},
		step{`func useZ() string { return z + "!" }`, ""},
		step{"useZ()", "s!"},
	}
	for i, st := range steps {
		switch st := st.(type) {
		case step:
			s.script([]step{st})
		case failing:
			ce := s.fail(st.cell)
			if !strings.Contains(ce.Message, st.msg) {
				t.Fatalf("step %d %q: got %q, want %q", i, st.cell, ce.Message, st.msg)
			}
		}
	}
}

// Types are declared under hidden versioned names: they must still behave
// as named types everywhere.
func TestVersionedTypesBehave(t *testing.T) {
	newSession(t, Options{}).script([]step{
		{"type byLen []string\nfunc (b byLen) Len() int { return len(b) }\nfunc (b byLen) Less(i, j int) bool { return len(b[i]) < len(b[j]) }\nfunc (b byLen) Swap(i, j int) { b[i], b[j] = b[j], b[i] }", ""},
		{"xs := []string{\"ccc\", \"a\", \"bb\"}\nsort.Sort(byLen(xs))\nxs", "[a bb ccc]"},
		{"type Shape interface{ Area() float64 }\ntype Sq struct{ S float64 }\nfunc (q Sq) Area() float64 { return q.S * q.S }", ""},
		{"var sh Shape = Sq{3}\nsh.Area()", "9"},
		{"type Base struct{ ID int }\nfunc (b Base) Describe() string { return fmt.Sprint(\"id \", b.ID) }\ntype Item struct {\n\tBase\n\tName string\n}", ""},
		{"it := Item{Base: Base{7}, Name: \"x\"}\nit.Describe() + \" \" + fmt.Sprint(it.ID)", "id 7 7"},
		{"type Base struct{ ID, Rev int }", ""},
		{"Item{Base: Base{ID: 1, Rev: 2}}.Rev", "2"},
		{"type Celsius float64\nfunc (c Celsius) String() string { return fmt.Sprintf(\"%.0f°C\", float64(c)) }\nfmt.Sprint(Celsius(20))", "20°C"},
	})
	s := newSession(t, Options{})
	s.run("type Celsius float64")
	ce := s.fail("var wrong int = Celsius(1)")
	if strings.Contains(ce.Message, hiddenPrefix) || !strings.Contains(ce.Message, "Celsius") {
		t.Fatalf("message %q", ce.Message)
	}
}
