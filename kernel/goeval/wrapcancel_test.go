//go:build !race

// See cancel_test.go: the interpreter races on the cancellation path.

package goeval

import (
	"context"
	"errors"
	"testing"
	"time"
)

// An endless wrapped loop is interrupted and the session goes on.
func TestWrappedLoopInterrupt(t *testing.T) {
	s := newLibSession(t)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := s.e.Eval(ctx, "n := 0\nfor {\n\tv, _ := strconv.Atoi(\"1\")\n\tn += v\n}")
	var ce *CellError
	if !errors.As(err, &ce) || ce.Kind != KindInterrupted {
		t.Fatalf("got %v, want an interruption", err)
	}
	if !s.e.Settle(5 * time.Second) {
		t.Fatal("the interrupted loop did not stop")
	}
	if got := s.value("n > 0"); got != "true" {
		t.Fatalf("n > 0: got %s", got)
	}
}
