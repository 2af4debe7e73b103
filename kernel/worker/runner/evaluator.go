package runner

import (
	"context"
	"io"
	"reflect"
	"time"

	"github.com/traefik/yaegi/interp"

	"github.com/descentlab/descent/kernel/goeval"
	"github.com/descentlab/descent/kernel/worker"
)

// Evaluator runs cells inside the worker process. In production it is the
// goeval interpreter; tests may supply another through Config.NewEvaluator.
// The worker calls Eval and Settle from one goroutine at a time; Complete
// (and Inspect) may be called at any time, also while a cell runs.
type Evaluator interface {
	// Eval runs a cell. hasValue reports that the cell ends in an
	// expression whose value (Out[n]) is value. When ctx is cancelled, Eval
	// returns soon with an error, even if compiled code is still running.
	Eval(ctx context.Context, cell string) (value reflect.Value, hasValue bool, err error)
	// Settle waits up to timeout for a cell whose Eval was cancelled to stop
	// running; it reports false if the cell is still running compiled code.
	Settle(timeout time.Duration) bool
	// Complete returns the completions of the code at cursorByte: the
	// matches, the byte range [CursorStart, CursorEnd) they replace and,
	// optionally, the kind of each match in Types.
	Complete(code string, cursorByte int) worker.Completion
}

// Inspector is implemented by an Evaluator that can describe the name under
// the cursor: a MIME bundle (text/plain at least), and found=false when
// there is nothing to say.
type Inspector interface {
	Inspect(code string, cursorByte, detail int) (data map[string]any, found bool)
}

// Caller is implemented by an Evaluator that can run callbacks into cells'
// code (a widget's Observe and OnClick functions) the way it runs a cell:
// one at a time with cells, stopped when ctx is cancelled (Settle then
// tells whether it stopped), a panic returned as an error (a CellError when
// it knows its Jupyter form).
type Caller interface {
	Call(ctx context.Context, fn func()) error
}

// Resetter is implemented by an Evaluator that can start afresh (%reset).
// Reset forgets every variable, function, type and import of earlier cells
// and returns a sentence saying what it did.
type Resetter interface {
	Reset() (summary string, err error)
}

// VariableLister is implemented by an Evaluator that can list the
// variables of earlier cells (%who).
type VariableLister interface {
	Variables() []goeval.Variable
}

// JupyterError is implemented by evaluation errors that know their Jupyter
// form; other errors become an "Error" with their message.
type JupyterError interface {
	error
	// ErrorName is the error's class: CompileError, RuntimeError, Panic,
	// Interrupted, ...
	ErrorName() string
	// ErrorValue is the one-line message.
	ErrorValue() string
	// ErrorTraceback is what the front end prints: the message, the cell
	// line and a caret.
	ErrorTraceback() []string
}

// EvalOptions is what the worker gives the evaluator it builds.
type EvalOptions struct {
	// Stdout and Stderr receive interpreted fmt.Print*, println and log
	// output.
	Stdout, Stderr io.Writer
	// Stdin is what interpreted fmt.Scan* reads: each read asks the front
	// end for a line.
	Stdin io.Reader
	// Exports are the compiled packages cells can import besides the
	// standard library, which the evaluator loads itself: the project's
	// symbols, then Config.Exports.
	Exports []interp.Exports
	// Preload lists the packages imported before the first cell.
	Preload []string
}
