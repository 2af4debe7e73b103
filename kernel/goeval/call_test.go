//go:build !race

// See cancel_test.go for why tests that cancel interpreted code stay out of
// the race build.

package goeval

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"
)

// holder is a compiled package that keeps a function a cell hands it, as
// optimlib and the widgets do.
type holder struct{ f func() int }

func (h *holder) exports() interp.Exports {
	return interp.Exports{"example.org/hold/hold": {
		"Keep": reflect.ValueOf(func(f func() int) { h.f = f }),
	}}
}

func newHolderSession(t *testing.T) (*session, *holder) {
	h := &holder{}
	return newSession(t, Options{Exports: []interp.Exports{h.exports()}}), h
}

// interrupt runs a cell that loops until it is cancelled.
func (s *session) interrupt() {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := s.e.Eval(ctx, "for {}"); err == nil {
		s.t.Fatal("for {} returned without an error")
	}
	if !s.e.Settle(5 * time.Second) {
		s.t.Fatal("for {} did not stop")
	}
}

// The yaegi defect described in revive.go: a function converted inside a
// function stops running after an interrupt. Each case keeps a counter
// closure, interrupts a cell, and checks that the closure still counts,
// through Call and from a later cell.
func TestHeldFunctionsSurviveAnInterrupt(t *testing.T) {
	for name, keep := range map[string]string{
		"top level":     "hold.Keep(func() int { n++; return n })",
		"in a function": "func setup() { hold.Keep(func() int { n++; return n }) }\nsetup()",
		"in a loop":     "for i := 0; i < 1; i++ { hold.Keep(func() int { n++; return n }) }",
	} {
		t.Run(name, func(t *testing.T) {
			s, h := newHolderSession(t)
			s.run("import \"example.org/hold\"\nn := 0\n" + keep)
			if got := h.f(); got != 1 {
				t.Fatalf("before the interrupt: %d, want 1", got)
			}
			s.interrupt()
			var got int
			if err := s.e.Call(context.Background(), func() { got = h.f() }); err != nil {
				t.Fatal(err)
			}
			if got != 2 {
				t.Fatalf("through Call after the interrupt: %d, want 2", got)
			}
			s.run("x := 1")
			if got := h.f(); got != 3 {
				t.Fatalf("after the next cell: %d, want 3", got)
			}
			if got := s.value("n"); got != "3" {
				t.Fatalf("n = %s, want 3", got)
			}
		})
	}
}

func TestCallRunsInterpretedCode(t *testing.T) {
	s, h := newHolderSession(t)
	s.run("import \"example.org/hold\"\nvar seen []int\nhold.Keep(func() int { seen = append(seen, len(seen)); return len(seen) })")
	for i := 0; i < 3; i++ {
		if err := s.e.Call(context.Background(), func() { h.f() }); err != nil {
			t.Fatal(err)
		}
	}
	if got := s.value("seen"); got != "[0 1 2]" {
		t.Fatalf("seen = %s", got)
	}
}

func TestCallReportsPanics(t *testing.T) {
	s, h := newHolderSession(t)
	s.run("import \"example.org/hold\"\nfunc boom() int { var m map[string]int; m[\"x\"] = 1; return 0 }\nhold.Keep(func() int { panic(\"bad value\") })")
	err := s.e.Call(context.Background(), func() { h.f() })
	var ce *CellError
	if !errors.As(err, &ce) || ce.Kind != KindPanic || ce.Message != "bad value" {
		t.Fatalf("Call = %#v, want a panic with the value", err)
	}
	if len(ce.Traceback) == 0 || !strings.Contains(ce.Traceback[0], "of an earlier cell") {
		t.Errorf("traceback %q should point at the earlier cell", ce.Traceback)
	}
	s.run("hold.Keep(func() int { return boom() })")
	err = s.e.Call(context.Background(), func() { h.f() })
	if !errors.As(err, &ce) || ce.Kind != KindRuntime || !strings.Contains(ce.Message, "nil map") {
		t.Fatalf("Call = %v, want a runtime error about the nil map", err)
	}
	// The evaluator goes on.
	if got := s.value("1 + 1"); got != "2" {
		t.Fatal(got)
	}
}

func TestCallIsInterruptible(t *testing.T) {
	s, h := newHolderSession(t)
	s.run("import \"example.org/hold\"\nspins := 0\nhold.Keep(func() int { for { spins++ } })")
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := s.e.Call(ctx, func() { h.f() })
	var ce *CellError
	if !errors.As(err, &ce) || ce.Kind != KindInterrupted {
		t.Fatalf("Call = %v, want interrupted", err)
	}
	if !s.e.Settle(5 * time.Second) {
		t.Fatal("the callback did not stop")
	}
	if got := s.value("spins > 0"); got != "true" {
		t.Fatalf("spins > 0 = %s", got)
	}
}

func TestCallAndEvalExcludeEachOther(t *testing.T) {
	s, _ := newHolderSession(t)
	started := make(chan struct{})
	release := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- s.e.Call(context.Background(), func() { close(started); <-release })
	}()
	<-started
	if _, err := s.e.Eval(context.Background(), "1"); err == nil {
		t.Error("Eval during a Call succeeded")
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
