package goeval

import (
	"strings"
	"testing"
)

// Expected outputs below are what go run prints for the same program; a
// value whose type the interpreter did not keep, where it matters,
// refuses instead.

// expectOut checks and clears the session's output.
func (s *session) expectOut(want string) {
	s.t.Helper()
	if got := s.out.String(); got != want {
		s.t.Fatalf("output %q, want %q", got, want)
	}
	s.out.mu.Lock()
	s.out.b.Reset()
	s.out.mu.Unlock()
}

// A type without methods keeps its type in an interface: a type switch
// tells a Weekday from an int, whichever cases it has.
func TestTrackedTypeSwitchWithoutMethods(t *testing.T) {
	s := newSession(t, Options{})
	s.run(`type Weekday int
type P struct{ X int }
func kind(v any) string {
	switch v.(type) {
	case P:
		return "P"
	case *P:
		return "*P"
	case Weekday:
		return "Weekday"
	case string:
		return "string"
	}
	return "other"
}
func num(v any) string {
	switch v.(type) {
	case int:
		return "int"
	}
	return "not int"
}
func both(v any) string {
	switch v.(type) {
	case int:
		return "int"
	case Weekday:
		return "Weekday"
	}
	return "other"
}`)
	s.run(`fmt.Println(kind(P{1}), kind(&P{2}), kind("s"), kind(2.5), kind(3), kind(Weekday(3)))`)
	s.expectOut("P *P string other other Weekday\n")
	s.run(`w := Weekday(4)
fmt.Println(num(w), num(w+1), num(any(w)), num(4), both(w), both(4))`)
	s.expectOut("not int not int not int int Weekday int\n")
}

// x.(T) to a type without methods, or to its representation, tells the
// two apart.
func TestTrackedAssertionWithoutMethods(t *testing.T) {
	s := newSession(t, Options{})
	s.run(`type Vec []float64
func isVec(v any) bool { _, ok := v.(Vec); return ok }
func isFloats(v any) bool { _, ok := v.([]float64); return ok }`)
	s.run(`fmt.Println(isVec(1), isVec("s"), isVec([]float64{1}), isVec(Vec{1}), isFloats(Vec{1}), isFloats([]float64{1}))`)
	s.expectOut("false false false true false true\n")
	s.run(`var f any = Vec{1}
w := f.(Vec)
fmt.Println(w)`)
	s.expectOut("[1]\n")
	ce := s.fail(`var g any = Vec{2}
_ = g.([]float64)`)
	if !strings.Contains(ce.Error(), "interface conversion: interface {} is main.Vec, not []float64") {
		t.Fatalf("error %v", ce)
	}
}

// A type with methods keeps its type where the interpreter would drop it
// (an explicit conversion, a return as an interface result).
func TestTrackedTypeWithMethods(t *testing.T) {
	s := newSession(t, Options{})
	s.run(`type Day int
func (d Day) String() string { return "day" }
func kind(v any) string {
	switch v.(type) {
	case Day:
		return "Day"
	}
	return "other"
}
func ret() any { return Day(1) }`)
	s.run(`fmt.Println(kind(Day(1)), kind("s"), kind(1), kind(ret()), kind(any(Day(2))))`)
	s.expectOut("Day other other Day Day\n")
}

// Two struct types of the same fields have the same representation in
// the interpreter, and are told apart all the same.
func TestTrackedSharedStructs(t *testing.T) {
	s := newSession(t, Options{})
	s.run(`type C struct{ V float64 }
func isC(v any) bool { _, ok := v.(C); return ok }`)
	s.run(`fmt.Println(isC(C{1}), isC(1.0))`)
	s.expectOut("true false\n")
	s.run(`type F struct{ V float64 }`)
	s.run(`fmt.Println(isC(F{1}), isC(C{2}))`)
	s.expectOut("false true\n")
}

// A pointer keeps its type: the record of a pointer is read from its
// element type.
func TestTrackedPointerRecord(t *testing.T) {
	s := newSession(t, Options{})
	s.run(`type Ctr int
func (c *Ctr) Inc() { *c++ }
func kind(v any) string {
	switch v.(type) {
	case *Ctr:
		return "*Ctr"
	}
	return "other"
}
c := Ctr(1)`)
	s.run(`fmt.Println(kind(&c), kind(2.5))`)
	s.expectOut("*Ctr other\n")
}

// Values kept by compiled containers (sync.Map, container/list) keep
// their type; a value handed bare to other compiled code comes back
// without it: a type switch or assertion whose outcome depends on its
// type refuses, one that does not goes ahead.
func TestUntrackedThroughCompiledCode(t *testing.T) {
	s := newSession(t, Options{})
	s.run(`type Weekday int
func kind(v any) string {
	switch v.(type) {
	case Weekday:
		return "Weekday"
	case string:
		return "string"
	}
	return "other"
}
var m sync.Map
m.Store("w", Weekday(1))
m.Store(Weekday(2), "two")
l := list.New()
l.PushBack(Weekday(3))
l.PushBack(3)`)
	s.run(`w, _ := m.Load("w")
two, ok := m.Load(Weekday(2))
_, ok2 := m.Load(2)
fmt.Println(kind(w), two, ok, ok2, kind(l.Front().Value), kind(l.Back().Value))`)
	s.expectOut("Weekday two true false Weekday other\n")
	s.run(`r := reflect.ValueOf(Weekday(4)).Interface()
f := reflect.ValueOf(2.5).Interface()
fmt.Println(kind(f), kind("s"))`)
	s.expectOut("other string\n")
	ce := s.fail(`fmt.Println(kind(r))`)
	if !strings.Contains(ce.Error(), "a type switch with cases Weekday, string cannot be checked") ||
		!strings.Contains(ce.Error(), "int, main.Weekday") {
		t.Fatalf("error %v", ce)
	}
	ce = s.fail(`_, ok := r.(int)
fmt.Println(ok)`)
	if !strings.Contains(ce.Error(), "the type assertion .(int) cannot be checked") {
		t.Fatalf("error %v", ce)
	}
	ce = s.fail(`fmt.Println(r == any(4))`)
	if !strings.Contains(ce.Error(), "the comparison == cannot be checked") {
		t.Fatalf("error %v", ce)
	}
}

// A type declared inside a function has no hidden method: its values are
// stored bare, and a test whose outcome depends on it refuses.
func TestUntrackedLocalType(t *testing.T) {
	s := newSession(t, Options{})
	s.run(`func f() any {
	type Local int
	return Local(1)
}`)
	ce := s.fail(`switch f().(type) {
case int:
	fmt.Println("int")
}`)
	if !strings.Contains(ce.Error(), "a type switch with case int cannot be checked") {
		t.Fatalf("error %v", ce)
	}
}
