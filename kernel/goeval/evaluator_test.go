package goeval

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestReset(t *testing.T) {
	s := newSession(t, Options{Preload: []string{"example.org/demo"}})
	s.run("type P struct{ X int }\nx := 1\nimport m \"math\"")
	if err := s.e.Reset(); err != nil {
		t.Fatal(err)
	}
	if ce := s.fail("x"); !strings.Contains(ce.Message, "undefined: x") {
		t.Fatalf("x after Reset: %+v", ce)
	}
	// A generic type can be declared again, a name rebound, the preload kept.
	s.script([]step{
		{"type P struct{ X, Y int }\nP{1, 2}.Y", "2"},
		{"import m \"strings\"\nm.ToLower(\"A\")", "a"},
		{"demo.Norm2(demo.Point{X: 1})", "1"},
	})
}

func TestOutputGoesToTheWriters(t *testing.T) {
	s := newSession(t, Options{})
	s.run("fmt.Print(\"a\")\nfmt.Printf(\"%d\", 1)\nlog.SetFlags(0)\nlog.Print(\"logged\")")
	if got := s.out.String(); got != "a1" {
		t.Fatalf("stdout %q", got)
	}
	if got := s.errOut.String(); got != "logged\n" {
		t.Fatalf("stderr %q", got)
	}
}

func TestSettleWithoutInterruption(t *testing.T) {
	s := newSession(t, Options{})
	s.run("1")
	if !s.e.Settle(0) {
		t.Fatal("Settle after a finished cell: false")
	}
}

func TestCancelledBeforeStart(t *testing.T) {
	s := newSession(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.e.Eval(ctx, "y := 1")
	var ce *CellError
	if !errors.As(err, &ce) || ce.Kind != KindInterrupted {
		t.Fatalf("got %v", err)
	}
}
