//go:build !race

// These tests cancel running cells. yaegi v0.16.1's ExecuteWithContext has
// data races on that path (its goroutine writes the named results after the
// function returned on cancellation, and reads the global frame after the
// point a later execution can synchronize with), which the race detector
// reports although the evaluator waits for that goroutine to end (Settle)
// before it runs anything else. They run in every build but the race one.

package goeval

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// Item 9: cancelling stops interpreted loops, keeps the state, and Settle
// tells a cell stuck in compiled code from one that stopped.
func TestCancelInterpretedLoop(t *testing.T) {
	s := newSession(t, Options{})
	s.run("kept := 7")
	for _, cell := range []string{
		"for {}",
		"n := 0\nfor { n++ }",
		"func spin() {\n\tfor {\n\t}\n}\nspin()",
		"ch := make(chan int)\n<-ch",
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		_, err := s.e.Eval(ctx, cell)
		cancel()
		var ce *CellError
		if !errors.As(err, &ce) || ce.Kind != KindInterrupted {
			t.Fatalf("%q: got %v, want an interrupted CellError", cell, err)
		}
		if !s.e.Settle(5 * time.Second) {
			t.Fatalf("%q: interpreted execution did not stop", cell)
		}
		if got := s.value("kept"); got != "7" {
			t.Fatalf("%q: state lost: kept = %s", cell, got)
		}
	}
}

func TestCancelInCompiledCode(t *testing.T) {
	s := newSession(t, Options{})
	s.run("x := 3")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := s.e.Eval(ctx, "demo.Wait()\nx = 4")
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	var err error
	select {
	case err = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Eval did not return after cancellation")
	}
	var ce *CellError
	if !errors.As(err, &ce) || ce.Kind != KindInterrupted || ce.Line != 1 {
		t.Fatalf("got %v", err)
	}
	if s.e.Settle(100 * time.Millisecond) {
		t.Fatal("Settle: true while the cell is blocked in compiled code")
	}
	ce = s.fail("x")
	if ce.Kind != KindInterrupted || !strings.Contains(ce.Message, "still running") {
		t.Fatalf("Eval during a stuck cell: %+v", ce)
	}
	close(s.release)
	if !s.e.Settle(5 * time.Second) {
		t.Fatal("Settle: false after the compiled call returned")
	}
	// The rest of the cancelled cell did not run.
	if got := s.value("x"); got != "3" {
		t.Fatalf("x = %s, want 3", got)
	}
}

func TestOneCellAtATime(t *testing.T) {
	s := newSession(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = s.e.Eval(ctx, "fmt.Print(\"started\")\nfor {}")
	}()
	deadline := time.Now().Add(5 * time.Second)
	for s.out.String() != "started" {
		if time.Now().After(deadline) {
			t.Fatal("the cell did not start")
		}
		time.Sleep(time.Millisecond)
	}
	if _, err := s.e.Eval(context.Background(), "1"); err == nil || !strings.Contains(err.Error(), "another cell") {
		t.Fatalf("second Eval: %v", err)
	}
	if err := s.e.Reset(); err == nil {
		t.Fatal("Reset during a cell: want an error")
	}
	// Completion works while the cell runs.
	if got, _, _ := s.e.Complete("strings.ToL", 11); len(got) == 0 {
		t.Fatal("no completion while a cell runs")
	}
	cancel()
	<-done
	if !s.e.Settle(5 * time.Second) {
		t.Fatal("not settled")
	}
}

// blockingInput is a standard input that waits for the cell's
// interruption, as the worker's does while the front end has not answered.
type blockingInput struct {
	asked chan struct{}
	ctx   context.Context
}

func (b *blockingInput) Read([]byte) (int, error) {
	close(b.asked)
	<-b.ctx.Done()
	return 0, errors.New("input was interrupted")
}

// An interrupt while the cell waits for input stops the cell at the read:
// the statements after it do not run, and the error says that the cell
// was waiting for input.
func TestCancelWhileWaitingForInput(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	in := &blockingInput{asked: make(chan struct{}), ctx: ctx}
	s := newSession(t, Options{Stdin: in})
	s.run("after := 0")
	done := make(chan error, 1)
	go func() {
		_, err := s.e.Eval(ctx, "var name string\nfmt.Scan(&name)\nfmt.Println(\"hello\", name)\nafter = 1")
		done <- err
	}()
	<-in.asked
	cancel()
	err := <-done
	var ce *CellError
	if !errors.As(err, &ce) || ce.Kind != KindInterrupted || !strings.Contains(ce.Message, "waiting for input") {
		t.Fatalf("got %v, want an interrupted CellError that mentions the wait for input", err)
	}
	if !s.e.Settle(5 * time.Second) {
		t.Fatal("the interrupted read did not end the cell")
	}
	if got := s.value("after"); got != "0" {
		t.Errorf("after = %s: the statements after the interrupted read ran", got)
	}
	if out := s.out.String(); strings.Contains(out, "hello") {
		t.Errorf("stdout %q: the cell went on after the interrupted read", out)
	}
}
