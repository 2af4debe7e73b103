package goeval

import (
	"strings"
	"testing"
)

// Expected outputs below are what go run prints for the same program; a
// value whose type the interpreter did not record refuses instead.

func TestUntrackedTypeSwitchRefusesOnlyAmbiguousValues(t *testing.T) {
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
}`)
	s.run(`fmt.Println(kind(P{1}), kind(&P{2}), kind("s"), kind(2.5))`)
	if got, want := s.out.String(), "P *P string other\n"; got != want {
		t.Fatalf("output %q, want %q", got, want)
	}
	for _, cell := range []string{`fmt.Println(kind(3))`, `fmt.Println(kind(Weekday(3)))`} {
		ce := s.fail(cell)
		if !strings.Contains(ce.Error(), "a type switch with case Weekday cannot be checked") ||
			!strings.Contains(ce.Error(), "give Weekday a method") {
			t.Fatalf("cell %q: error %v", cell, ce)
		}
	}
}

func TestUntrackedAssertionRefuses(t *testing.T) {
	s := newSession(t, Options{})
	s.run(`type Vec []float64
func isVec(v any) bool { _, ok := v.(Vec); return ok }
var e any = "text"`)
	s.run(`fmt.Println(isVec(1), isVec("s"))`)
	if got, want := s.out.String(), "false false\n"; got != want {
		t.Fatalf("output %q, want %q", got, want)
	}
	for _, cell := range []string{`fmt.Println(isVec([]float64{1}))`, `var f any = Vec{1}; w := f.(Vec); fmt.Println(w)`} {
		ce := s.fail(cell)
		if !strings.Contains(ce.Error(), "the type assertion .(Vec) cannot be checked") {
			t.Fatalf("cell %q: error %v", cell, ce)
		}
	}
}

// A type with methods keeps its type where the interpreter records it (an
// argument); a plain value of its representation, or one returned as an
// interface result, whose record is lost, is refused rather than taken
// for it.
func TestUntrackedTypeWithMethods(t *testing.T) {
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
	s.run(`fmt.Println(kind(Day(1)), kind("s"))`)
	if got, want := s.out.String(), "Day other\n"; got != want {
		t.Fatalf("output %q, want %q", got, want)
	}
	for _, cell := range []string{`fmt.Println(kind(1))`, `fmt.Println(kind(ret()))`} {
		ce := s.fail(cell)
		if !strings.Contains(ce.Error(), "a type switch with case Day cannot be checked") {
			t.Fatalf("cell %q: error %v", cell, ce)
		}
	}
}

// Two struct types of the same fields have the same representation in
// the interpreter; a struct type no other type shares is told apart.
func TestUntrackedSharedStructs(t *testing.T) {
	s := newSession(t, Options{})
	s.run(`type C struct{ V float64 }
func isC(v any) bool { _, ok := v.(C); return ok }`)
	s.run(`fmt.Println(isC(C{1}), isC(1.0))`)
	if got, want := s.out.String(), "true false\n"; got != want {
		t.Fatalf("output %q, want %q", got, want)
	}
	s.run(`type F struct{ V float64 }`)
	ce := s.fail(`fmt.Println(isC(F{1}))`)
	if !strings.Contains(ce.Error(), "the type assertion .(C) cannot be checked") {
		t.Fatalf("error %v", ce)
	}
}

// A pointer to a type with methods keeps its type: the record of a
// pointer is read from its element type.
func TestUntrackedPointerRecord(t *testing.T) {
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
	if got, want := s.out.String(), "*Ctr other\n"; got != want {
		t.Fatalf("output %q, want %q", got, want)
	}
}
