package goeval

import (
	"strings"
	"testing"
)

// Expected outputs below are what go run prints for the same programs.

func TestEqualityOfInterfaceValues(t *testing.T) {
	s := newSession(t, Options{})
	s.run(`type Weekday int
type Pair struct{ A, B any }
func IsOne[T comparable](x T) bool { return x == 1 }
func Same[T comparable](a, b T) bool { return a == b }`)
	s.run(`var a, b any = Weekday(1), Weekday(1)
p, q := Pair{Weekday(1), "x"}, Pair{Weekday(1), "x"}
r := Pair{1, "x"}
fmt.Println(a == b, a == any(1), p == q, p == r, p != r)
fmt.Println(IsOne(Weekday(1)), IsOne[any](Weekday(1)), IsOne[any](1), Same[any](a, b), Same[any](a, 1))`)
	s.expectOut("true false true false true\ntrue false true true false\n")
	ce := s.fail(`var x, y any = []int{1}, []int{1}
fmt.Println(x == y)`)
	if !strings.Contains(ce.Error(), "comparing uncomparable type []int") {
		t.Fatalf("error %v", ce)
	}
}

func TestInterfaceMapKeys(t *testing.T) {
	s := newSession(t, Options{})
	s.run(`type Weekday int
type Pt struct{ X int }`)
	s.run(`m := map[any]string{Weekday(1): "day", 1: "int", Pt{1}: "pt"}
m[Weekday(2)] = "two"
var k any = Weekday(2)
v, ok := m[k]
fmt.Println(len(m), m[Weekday(1)], m[1], m[Pt{1}], v, ok)
delete(m, Weekday(1))
_, ok = m[Weekday(1)]
fmt.Println(len(m), ok, m[1])`)
	s.expectOut("4 day int pt two true\n3 false int\n")
	s.run(`type Vec []int`)
	ce := s.fail(`n := map[any]int{}
n[Vec{1}] = 1`)
	if !strings.Contains(ce.Error(), "hash of unhashable type main.Vec") {
		t.Fatalf("error %v", ce)
	}
}
