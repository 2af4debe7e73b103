package goeval

import (
	"strings"
	"testing"
)

// runtime.Goexit on the cell's goroutine stops the cell where it is called,
// as it stops a goroutine in Go: deferred calls run, the statements after
// it do not. The cell fails with KindGoexit at that line (the interpreter
// alone would report success), the variables are kept, and the next cell
// runs.
func TestGoexitInACellIsReported(t *testing.T) {
	s := newSession(t, Options{})
	s.run(`import "runtime"`)
	s.run("before := 1")
	ce := s.fail("func stop() {\n\tdefer fmt.Println(\"deferred ran\")\n\truntime.Goexit()\n}\nfmt.Println(\"start\")\nstop()\nfmt.Println(\"after\")\nbefore = 2")
	if ce.Kind != KindGoexit || ce.Line != 6 {
		t.Fatalf("kind %s line %d: %v", ce.Kind, ce.Line, ce)
	}
	if !strings.Contains(ce.Error(), "did not run") {
		t.Errorf("message %q", ce.Error())
	}
	if got := s.out.String(); got != "start\ndeferred ran\n" {
		t.Fatalf("stdout %q", got)
	}
	if v := s.value("before"); v != "1" {
		t.Fatalf("before = %s after the Goexit, want 1", v)
	}
	s.run(`fmt.Println("next cell")`)
}

// In a goroutine the cell starts, runtime.Goexit is runtime.Goexit: that
// goroutine ends (its deferred calls run) and the cell is not affected.
func TestGoexitInAGoroutineEndsOnlyThatGoroutine(t *testing.T) {
	s := newSession(t, Options{})
	s.run(`import "runtime"`)
	s.run("done := make(chan string)\ngo func() {\n\tdefer func() { done <- \"deferred\" }()\n\truntime.Goexit()\n\tdone <- \"not reached\"\n}()")
	if v := s.value("<-done"); v != "deferred" {
		t.Fatalf("got %q", v)
	}
	s.run(`fmt.Println("still fine")`)
	if !strings.Contains(s.out.String(), "still fine") {
		t.Fatalf("stdout %q", s.out.String())
	}
}
