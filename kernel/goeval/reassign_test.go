package goeval

import (
	"runtime"
	"testing"
)

// A later cell's definition of a variable with a value of the same type is
// an assignment: stored closures, pointers and functions see the new value.
func TestRedefinitionKeepingTypeAssigns(t *testing.T) {
	s := newSession(t, Options{})
	s.run("x := 1\nf := func() int { return x * 10 }\np := &x\nfunc g() int { return x + 1 }")
	s.run("x := 2")
	if got := s.value("f() + *p*100 + g()*1000"); got != "3220" {
		t.Fatalf("got %s, want 3220", got)
	}
	// var x = e and var x T = e are assignments too.
	s.run("var x = 3")
	if got := s.value("f()"); got != "30" {
		t.Fatalf("after var x = 3: f() = %s, want 30", got)
	}
	s.run("var x int = 4")
	if got := s.value("*p"); got != "4" {
		t.Fatalf("after var x int = 4: *p = %s, want 4", got)
	}
	// A definition reading the name it defines reads the old value.
	s.run("x := x * 2")
	if got := s.value("f()"); got != "80" {
		t.Fatalf("after x := x * 2: f() = %s, want 80", got)
	}
	// A definition of an existing and a new name assigns the first and
	// declares the second.
	s.run("x, y := 5, 1.5")
	if got := s.value("float64(f()) + y"); got != "51.5" {
		t.Fatalf("after x, y := 5, 1.5: got %s, want 51.5", got)
	}
	// Another type makes a new variable, once nothing stored reads x.
	s.run("f := func() int { return 0 }\nfunc g() int { return 0 }")
	s.run("x := \"text\"")
	if got := s.value("x + \"!\""); got != "text!" {
		t.Fatalf("got %s, want text!", got)
	}
}

// Re-running a cell that makes a large value releases the old one.
func TestRedefinitionReleasesOldValue(t *testing.T) {
	s := newSession(t, Options{})
	const cell = "big := make([]float64, 1e7)" // 80 MB
	s.run(cell)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for range 5 {
		s.run(cell)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if grown := int64(after.HeapAlloc) - int64(before.HeapAlloc); grown > 120e6 {
		t.Fatalf("the heap grew by %d MB over five re-runs: old values are kept", grown/1e6)
	}
}
