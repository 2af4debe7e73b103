package goeval

import (
	"runtime"
	"testing"
)

// The interpreter still keeps its list of compiled roots where
// releaseRoots looks for it; a yaegi upgrade that moves it fails here.
func TestReleaseRootsFindsTheList(t *testing.T) {
	s := newSession(t, Options{})
	e := s.e
	if rootsLen(e.in) < 0 {
		t.Fatalf("interp.Interpreter has no %s slice: update releaseRoots for this yaegi", rootsField)
	}
	for _, cell := range []string{"x := 1", "func f() int { return x }", "f() + 1", `import "strings"`} {
		s.run(cell)
		if n := rootsLen(e.in); n != 0 {
			t.Fatalf("after %q the interpreter keeps %d compiled roots", cell, n)
		}
	}
	// What the cells defined still works.
	if got := s.value(`f() + strings.Count("aa", "a")`); got != "3" {
		t.Fatalf("f() after the roots were released: %s", got)
	}
}

// A session's memory does not grow with every cell it runs: before
// releaseRoots, 1,000 runs of a trivial cell kept about 10 MB.
func TestTrivialCellsDoNotAccumulateMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 1,500 cells")
	}
	s := newSession(t, Options{})
	run := func(n int) {
		for range n {
			s.run("1+2")
		}
	}
	live := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	run(500)
	before := live()
	run(1000)
	grew := int64(live()) - int64(before)
	t.Logf("live heap grew %d KB over 1,000 cells", grew>>10)
	if grew > 3<<20 {
		t.Errorf("live heap grew %d KB over 1,000 trivial cells", grew>>10)
	}
}
