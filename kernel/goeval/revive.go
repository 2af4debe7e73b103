package goeval

import (
	"reflect"
	"sync/atomic"
	"unsafe"

	"github.com/traefik/yaegi/interp"
)

// Interpreted functions held by compiled code die after an interrupt.
//
// yaegi v0.16.1 stops a cancelled execution by incrementing the
// interpreter's run id: every interpreted frame carries the id it was
// created under and stops at its next step once the two differ. A function
// value that crossed into compiled code (a callback passed to optimlib or to
// a widget) is a reflect.MakeFunc wrapper that creates its frames with the
// id of the frame it was converted in. After the first interrupt, that id
// is stale for good when the conversion happened inside a function (a
// conversion in a cell's top-level statements uses the global frame, whose
// id the next execution refreshes): calling the function then runs none of
// its body and returns zero values, silently. Minimal reproduction, with a
// compiled package example.org/reg exporting Set(f func() int) that keeps f:
//
//	i := interp.New(interp.Options{}); i.Use(stdlib.Symbols); i.Use(reg)
//	i.Eval(`import "example.org/reg"; n := 0; func setup() { reg.Set(func() int { n++; return n }) }; setup()`)
//	f() // 1
//	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
//	i.EvalWithContext(ctx, `for {}`); cancel()
//	i.Eval(`x := 1`)
//	f() // 0: the body no longer runs
//
// The workaround: once the cancelled execution has settled, the evaluator
// puts the run id back to its value before the cancellation, at the start
// of the next execution. Everything interpreted that was running when the
// interrupt came has stopped by then, except a goroutine blocked in a
// compiled call (time.Sleep) at that moment, which goes on when the call
// returns; and the held functions work again.

// runIDOf returns the interpreter's run id, or nil when this yaegi has no
// such field (the workaround is then off).
func runIDOf(in *interp.Interpreter) *uint64 {
	v := reflect.ValueOf(in).Elem().FieldByName("id")
	if !v.IsValid() || v.Kind() != reflect.Uint64 || !v.CanAddr() {
		return nil
	}
	return (*uint64)(unsafe.Pointer(v.UnsafeAddr()))
}

// runIDs remembers the run id to put back after a cancelled execution.
type runIDs struct {
	id      *uint64
	stopped bool   // an execution was cancelled since the last revive
	before  uint64 // the run id before it was cancelled
}

func newRunIDs(in *interp.Interpreter) *runIDs { return &runIDs{id: runIDOf(in)} }

// current returns the run id now (0 when unknown).
func (r *runIDs) current() uint64 {
	if r.id == nil {
		return 0
	}
	return atomic.LoadUint64(r.id)
}

// cancelled records that an execution that started with run id before was
// cancelled.
func (r *runIDs) cancelled(before uint64) {
	if r.id == nil || r.stopped {
		return
	}
	r.stopped, r.before = true, before
}

// revive puts the run id back after a cancelled execution has settled, if
// nothing else changed it since.
func (r *runIDs) revive() {
	if r.id == nil || !r.stopped {
		return
	}
	r.stopped = false
	atomic.CompareAndSwapUint64(r.id, r.before+1, r.before)
}
