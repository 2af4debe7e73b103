package runner

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/traefik/yaegi/interp"

	"github.com/descentlab/descent/kernel/goeval"
	"github.com/descentlab/descent/kernel/worker"
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

// Call implements Caller.
func (g goevalEvaluator) Call(ctx context.Context, fn func()) error {
	err := g.e.Call(ctx, fn)
	var ce *goeval.CellError
	if errors.As(err, &ce) {
		return goevalError{ce}
	}
	return err
}

// Settle implements Evaluator.
func (g goevalEvaluator) Settle(timeout time.Duration) bool { return g.e.Settle(timeout) }

// Complete implements Evaluator.
func (g goevalEvaluator) Complete(code string, cursorByte int) worker.Completion {
	cands, start, end := g.e.Completions(code, cursorByte)
	c := worker.Completion{Matches: make([]string, len(cands)), Types: make([]string, len(cands)), CursorStart: start, CursorEnd: end}
	for i, cand := range cands {
		c.Matches[i], c.Types[i] = cand.Text, cand.Kind
	}
	return c
}

// Inspect implements Inspector: the declaration and doc comment of the name
// under the cursor, as text and as Markdown.
func (g goevalEvaluator) Inspect(code string, cursorByte, detail int) (map[string]any, bool) {
	h, ok := g.e.Inspect(code, cursorByte, detail)
	if !ok {
		return nil, false
	}
	return map[string]any{"text/plain": h.Plain(), "text/markdown": h.Markdown()}, true
}

// Reset implements Resetter.
func (g goevalEvaluator) Reset() (string, error) {
	before := g.e.Declared()
	if err := g.e.Reset(); err != nil {
		return "", err
	}
	return resetSummary(before), nil
}

// resetSummary says what a reset forgot.
func resetSummary(d goeval.Declarations) string {
	var parts []string
	for _, c := range []struct {
		n    int
		what string
	}{{d.Variables, "variable"}, {d.Constants, "constant"}, {d.Functions, "function"}, {d.Types, "type"}, {d.Methods, "method"}} {
		if c.n == 1 {
			parts = append(parts, "1 "+c.what)
		} else if c.n > 1 {
			parts = append(parts, fmt.Sprintf("%d %ss", c.n, c.what))
		}
	}
	forgot := "nothing was declared yet"
	if len(parts) > 0 {
		forgot = "forgot " + joinList(parts)
	}
	s := "Reset: a fresh interpreter; " + forgot + "."
	if len(d.Imports) > 0 {
		s += " Imports dropped: " + strings.Join(d.Imports, ", ") + "."
	}
	return s + " The preloaded packages are imported again.\n"
}

// joinList joins items as "a, b and c".
func joinList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// Variables implements VariableLister: the interpreted variables, then
// the compiled ones.
func (g goevalEvaluator) Variables() []goeval.Variable {
	return append(g.e.Variables(), g.e.CompiledVariables()...)
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
	case goeval.KindGoexit:
		return "Goexit"
	}
	return "Error"
}

// ErrorTraceback is the error as goeval renders it: the position, the
// cell's line and a caret for a compile error; the value, the line and the
// interpreted stack for a panic.
func (e goevalError) ErrorTraceback() []string {
	return strings.Split(e.ce.Error(), "\n")
}

// AddPackages implements NativeHost.
func (g goevalEvaluator) AddPackages(ex interp.Exports) error { return g.e.AddPackages(ex) }

// SetImportResolver implements NativeHost.
func (g goevalEvaluator) SetImportResolver(r goeval.ImportResolver) { g.e.SetImportResolver(r) }

// BindCompiled implements NativeHost.
func (g goevalEvaluator) BindCompiled(ctx context.Context, c goeval.CompiledCell) error {
	return g.e.BindCompiled(ctx, c)
}

// PackagePath implements NativeHost.
func (g goevalEvaluator) PackagePath(name string) (string, bool) { return g.e.PackagePath(name) }
