package goeval

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"go/constant"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/traefik/yaegi/interp"
)

// demoPoint is the type of the fake compiled package "example.org/demo".
type demoPoint struct{ X, Y float64 }

// demoExports is a tiny compiled package for the tests: a type, two
// functions, a constant, and Wait, which blocks until release is closed.
func demoExports(release chan struct{}) interp.Exports {
	return interp.Exports{"example.org/demo/demo": {
		"Point": reflect.ValueOf((*demoPoint)(nil)),
		"Scale": reflect.ValueOf(func(p demoPoint, k float64) demoPoint { return demoPoint{p.X * k, p.Y * k} }),
		"Norm2": reflect.ValueOf(func(p demoPoint) float64 { return p.X*p.X + p.Y*p.Y }),
		"Steps": reflect.ValueOf(constant.MakeInt64(3)),
		"Wait":  reflect.ValueOf(func() { <-release }),
	}}
}

// syncBuffer is a bytes.Buffer safe for the goroutines of interpreted code.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// session is an Evaluator under test with its captured output.
type session struct {
	t       *testing.T
	e       *Evaluator
	out     *syncBuffer
	errOut  *syncBuffer
	release chan struct{}
}

func newSession(t *testing.T, opts Options) *session {
	t.Helper()
	s := &session{t: t, out: &syncBuffer{}, errOut: &syncBuffer{}, release: make(chan struct{})}
	if opts.Stdout == nil {
		opts.Stdout = s.out
	}
	if opts.Stderr == nil {
		opts.Stderr = s.errOut
	}
	opts.Exports = append(opts.Exports, demoExports(s.release))
	e, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	s.e = e
	t.Cleanup(func() {
		select {
		case <-s.release:
		default:
			close(s.release)
		}
	})
	return s
}

// eval runs a cell with a generous timeout.
func (s *session) eval(cell string) (Result, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	return s.e.Eval(ctx, cell)
}

// run runs a cell that must succeed.
func (s *session) run(cell string) Result {
	s.t.Helper()
	r, err := s.eval(cell)
	if err != nil {
		s.t.Fatalf("cell %q: unexpected error:\n%v", cell, err)
	}
	return r
}

// value runs a cell that must give a value, and returns it rendered by fmt.
func (s *session) value(cell string) string {
	s.t.Helper()
	r := s.run(cell)
	if !r.HasValue {
		s.t.Fatalf("cell %q: no value", cell)
	}
	return fmt.Sprint(r.Value.Interface())
}

// fail runs a cell that must fail with a *CellError.
func (s *session) fail(cell string) *CellError {
	s.t.Helper()
	_, err := s.eval(cell)
	if err == nil {
		s.t.Fatalf("cell %q: expected an error", cell)
	}
	var ce *CellError
	if !errors.As(err, &ce) {
		s.t.Fatalf("cell %q: error %T is not a *CellError: %v", cell, err, err)
	}
	return ce
}

// step is one cell of a scripted session: want is the rendered value
// ("" for a cell that must give none).
type step struct {
	cell string
	want string
}

// script runs the steps in order on one session.
func (s *session) script(steps []step) {
	s.t.Helper()
	for i, st := range steps {
		r := s.run(st.cell)
		switch {
		case st.want == "" && r.HasValue:
			s.t.Fatalf("step %d %q: unexpected value %v", i, st.cell, r.Value)
		case st.want != "" && !r.HasValue:
			s.t.Fatalf("step %d %q: no value, want %s", i, st.cell, st.want)
		case st.want != "":
			if got := fmt.Sprint(r.Value.Interface()); got != st.want {
				s.t.Fatalf("step %d %q: got %s, want %s", i, st.cell, got, st.want)
			}
		}
	}
}
