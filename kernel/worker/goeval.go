package worker

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"time"

	"github.com/descentlab/descent/kernel/goeval"
)

// goevalEvaluator is the production Evaluator: goeval's interpreter.
type goevalEvaluator struct {
	e *goeval.Evaluator
}

// newGoeval builds the goeval interpreter with opts.
func newGoeval(opts EvalOptions) (Evaluator, error) {
	e, err := goeval.New(goeval.Options{
		Stdout:  opts.Stdout,
		Stderr:  opts.Stderr,
		Stdin:   opts.Stdin,
		Exports: opts.Exports,
		Preload: opts.Preload,
	})
	if err != nil {
		return nil, err
	}
	return goevalEvaluator{e: e}, nil
}

// Eval implements Evaluator.
func (g goevalEvaluator) Eval(ctx context.Context, cell string) (reflect.Value, bool, error) {
	res, err := g.e.Eval(ctx, cell)
	if err != nil {
		var ce *goeval.CellError
		if errors.As(err, &ce) {
			return reflect.Value{}, false, goevalError{ce}
		}
		return reflect.Value{}, false, err
	}
	return res.Value, res.HasValue, nil
}

// Settle implements Evaluator.
func (g goevalEvaluator) Settle(timeout time.Duration) bool { return g.e.Settle(timeout) }

// Complete implements Evaluator.
func (g goevalEvaluator) Complete(code string, cursorByte int) ([]string, int, int) {
	return g.e.Complete(code, cursorByte)
}

// goevalError gives a goeval.CellError its Jupyter form.
type goevalError struct{ ce *goeval.CellError }

func (e goevalError) Error() string      { return e.ce.Error() }
func (e goevalError) Unwrap() error      { return e.ce }
func (e goevalError) ErrorValue() string { return e.ce.Message }

// ErrorName names the error's class as front ends show it.
func (e goevalError) ErrorName() string {
	switch e.ce.Kind {
	case goeval.KindCompile:
		return "CompileError"
	case goeval.KindRuntime:
		return "RuntimeError"
	case goeval.KindPanic:
		return "Panic"
	case goeval.KindInterrupted:
		return "Interrupted"
	case goeval.KindUnsupported:
		return "UnsupportedError"
	}
	return "Error"
}

// ErrorTraceback is the error as goeval renders it: the position, the
// cell's line and a caret for a compile error; the value, the line and the
// interpreted stack for a panic.
func (e goevalError) ErrorTraceback() []string {
	return strings.Split(e.ce.Error(), "\n")
}
