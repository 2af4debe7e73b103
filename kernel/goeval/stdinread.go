package goeval

import (
	"context"
	"io"
	"sync"
	"sync/atomic"
)

// stdinReader is interpreted code's standard input: Options.Stdin, read on
// behalf of the running cell. When the cell is interrupted while a read
// waits, the read fails; on the goroutine that runs the cell's statements
// it panics instead (with inputInterrupted), so that the cell stops at the
// read, as a program blocked in a read stops at Ctrl-C, rather than going
// on with an empty value for the moment the interpreter takes to notice
// the interruption. It also notes the wait, so that the cell's error can
// say that the cell was waiting for input.
type stdinReader struct {
	r     io.Reader
	hooks *hooks

	mu  sync.Mutex
	ctx context.Context // the running cell's, nil between cells

	waiting     atomic.Int32 // reads in progress
	interrupted atomic.Bool  // a read ended after the cell's interruption
}

// inputInterrupted is the panic of a read on the cell's goroutine that the
// cell's interruption ended.
type inputInterrupted struct{ err error }

func (p inputInterrupted) Error() string {
	return "interrupted while waiting for input: " + p.err.Error()
}

// startCell binds the reader to the cell about to run (nil: none).
func (s *stdinReader) startCell(ctx context.Context) {
	s.mu.Lock()
	s.ctx = ctx
	s.mu.Unlock()
	s.interrupted.Store(false)
}

// waitedWhenInterrupted reports whether a read was waiting when the cell
// was interrupted; call it once the cell's context is done.
func (s *stdinReader) waitedWhenInterrupted() bool {
	return s.waiting.Load() > 0 || s.interrupted.Load()
}

// Read implements io.Reader.
func (s *stdinReader) Read(p []byte) (int, error) {
	s.mu.Lock()
	ctx := s.ctx
	s.mu.Unlock()
	s.waiting.Add(1)
	n, err := s.r.Read(p)
	cancelled := err != nil && ctx != nil && ctx.Err() != nil
	if cancelled {
		s.interrupted.Store(true)
	}
	s.waiting.Add(-1)
	if cancelled && s.onCellGoroutine() {
		panic(inputInterrupted{err})
	}
	return n, err
}

// onCellGoroutine reports whether the caller is the goroutine that runs
// the cell's statements; a panic on a goroutine the cell started would end
// the process.
func (s *stdinReader) onCellGoroutine() bool {
	_, _, gid, _ := s.hooks.snapshot()
	return gid != 0 && gid == currentGoroutineID()
}

// isInputInterrupted reports whether a panic's value is inputInterrupted.
func isInputInterrupted(v any) bool {
	_, ok := v.(inputInterrupted)
	return ok
}
