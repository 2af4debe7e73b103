package goeval

import (
	"context"
	"go/parser"
	"go/token"
	"strings"
	"testing"
)

func TestDisposable(t *testing.T) {
	for src, want := range map[string]bool{
		"x := 1\nfmt.Println(x)":            true,
		"for i := 0; i < 3; i++ { s += i }": true,
		"defer fmt.Println(1)":              true,
		"f := func() int { return 1 }":      false,
		"go work()":                         false,
		"sort.Slice(xs, func(i, j int) bool { return xs[i] < xs[j] })": false,
		"(func() { for i := 0; i < 3; i++ { s += i } })()":             true,
		"v := (func() int { return 2 })()":                             true,
		"(func() { f = func() {} })()":                                 false,
		"(func() { go work() })()":                                     false,
		"defer func() { recover() }()":                                 true,
	} {
		f, err := parser.ParseFile(token.NewFileSet(), "x.go", "package main\nfunc main() {\n"+src+"\n}", 0)
		if err != nil {
			t.Fatal(err)
		}
		if got := disposable(f); got != want {
			t.Errorf("disposable(%q) = %v, want %v", src, got, want)
		}
	}
}

// The interpreter's scopes, frame and file set, and the evaluator's print
// sites, keep nothing of a cell that left no code behind: scope children
// are released, the frame's slots are reused, the cell's file leaves the
// file set and its print sites are forgotten. What earlier cells
// defined (variables, functions, closures) keeps working, and a panic in a
// function defined long before still says where.
func TestSpentCellsLeaveNothingBehind(t *testing.T) {
	s := newSession(t, Options{})
	if scopeChildren(s.e.in) < 0 || frameSlots(s.e.in) < 0 {
		t.Fatal("the interpreter's scopes or frame are not where goeval looks: update scopes.go and frameslots.go for this yaegi")
	}
	s.run("total := 10\nfunc boom(i int) int {\n\tvar m map[int]int\n\tm[i] = 1\n\treturn i\n}")
	s.run("counter := 0\nbump := func() int { counter++; return counter }")
	cells := []string{"total + 1", `fmt.Println("x", total)`, "for i := 0; i < 3; i++ { total += 0 }", "bump()"}
	// Both counts are taken after the same cell (bump()), whose own
	// temporaries are released only when the next cell compiles.
	for i := range 48 {
		s.run(cells[i%len(cells)])
	}
	slots, files, sites := frameSlots(s.e.in), countFiles(s.e.in.FileSet()), printSiteCount(s.e)
	for i := range 400 {
		s.run(cells[i%len(cells)])
	}
	if n := scopeChildren(s.e.in); n != 0 {
		t.Errorf("the global scopes list %d children", n)
	}
	if got := printSiteCount(s.e); got > sites+1 {
		t.Errorf("the evaluator keeps %d print sites, %d before 400 cells that print", got, sites)
	}
	if got := frameSlots(s.e.in); got > slots {
		t.Errorf("the global frame grew from %d to %d slots over 400 cells that define nothing", slots, got)
	}
	// bump() has a function literal: its chunks keep their files (100 of
	// the 400 cells).
	if got := countFiles(s.e.in.FileSet()); got > files+100+1 {
		t.Errorf("the file set grew from %d to %d files", files, got)
	}
	if v := s.value("total"); v != "10" {
		t.Errorf("total = %s", v)
	}
	if v := s.value("bump()"); v != "113" {
		t.Errorf("bump() = %s, want 113 (the closure of an early cell kept its state)", v)
	}
	ce := s.fail("boom(3)")
	if !strings.Contains(ce.Error(), "assignment to entry in nil map") || !strings.Contains(strings.Join(ce.Traceback, "\n"), "of an earlier cell") || !strings.Contains(strings.Join(ce.Traceback, "\n"), "boom at line") {
		t.Errorf("a panic in a function of an early cell: %v (traceback %q)", ce, ce.Traceback)
	}
}

func printSiteCount(e *Evaluator) int {
	if e.fmt == nil {
		return 0
	}
	e.fmt.mu.RLock()
	defer e.fmt.mu.RUnlock()
	return len(e.fmt.sites)
}

func countFiles(fset *token.FileSet) int {
	n := 0
	fset.Iterate(func(*token.File) bool { n++; return true })
	return n
}

// The program that runs callbacks (Call) is compiled once and run again
// and again, with spent cells released between two calls (it is kept out
// of the release: keepCompiled).
func TestCallsBetweenSpentCells(t *testing.T) {
	s := newSession(t, Options{})
	s.run("total := 0")
	calls := 0
	for i := range 60 {
		s.run([]string{"total + 1", `fmt.Println("x", total)`, "for i := 0; i < 3; i++ { total += 0 }"}[i%3])
		if err := s.e.Call(context.Background(), func() { calls++ }); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if calls != 60 {
		t.Fatalf("%d calls ran", calls)
	}
	if v := s.value("total + 2"); v != "2" {
		t.Fatalf("total + 2 = %s", v)
	}
}
