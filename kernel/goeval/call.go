package goeval

import (
	"context"
	"errors"

	"github.com/traefik/yaegi/interp"
)

// Call runs fn as the interpreter's work of the moment, the way Eval runs a
// cell: fn is compiled code that calls interpreted functions, such as a
// widget invoking the callbacks a cell registered. It runs one at a time
// with cells (an Eval in progress makes Call fail, and the reverse), inside
// an execution of the interpreter, so that cancelling ctx stops the
// interpreted code fn calls at its next step, as an interrupt stops a cell,
// and Settle then tells whether fn itself has returned.
//
// A panic in fn or in the interpreted code it calls is returned as a
// *CellError of kind KindPanic (or KindRuntime) with the interpreted stack,
// and a cancellation as KindInterrupted; the Evaluator stays usable.
func (e *Evaluator) Call(ctx context.Context, fn func()) error {
	if !e.running.TryLock() {
		return errors.New("goeval: Call while a cell is running")
	}
	defer e.running.Unlock()
	if err := e.checkPending(); err != nil {
		return err
	}
	e.runIDs.revive()
	prog, err := e.callProgram()
	if err != nil {
		return err
	}
	e.hooks.reset()
	e.hooks.setCall(fn)
	defer e.hooks.setCall(nil)
	e.trace.take()
	if err := ctx.Err(); err != nil {
		return &CellError{Kind: KindInterrupted, Message: "interrupted before it started"}
	}
	before := e.runIDs.current()
	_, err = e.in.ExecuteWithContext(ctx, prog)
	if err == nil {
		return nil
	}
	if cerr := ctx.Err(); cerr != nil && errors.Is(err, cerr) {
		e.runIDs.cancelled(before)
		_, _, gid, _ := e.hooks.snapshot()
		e.setPending(gid)
		return &CellError{Kind: KindInterrupted, Message: "interrupted: the callback was stopped; variables are kept"}
	}
	var p interp.Panic
	if errors.As(err, &p) {
		kind, msg := panicMessage(p.Value)
		return &CellError{Kind: kind, Message: humanize(msg, 0), Traceback: describeFrames(e.trace.take(), 0)}
	}
	return &CellError{Kind: KindRuntime, Message: err.Error()}
}

// callProgram returns the program that runs the Call hook, compiling it
// the first time.
func (e *Evaluator) callProgram() (*interp.Program, error) {
	if e.callProg != nil {
		return e.callProg, nil
	}
	prog, err := e.compile(mainPrefix+hooksImport+".Call() }", true)
	if err != nil {
		return nil, err
	}
	e.keepCompiled() // it runs again and again: its frame slots must stay
	e.callProg = prog
	return prog, nil
}
