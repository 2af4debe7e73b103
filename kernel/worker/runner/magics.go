package runner

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/descentlab/descent/kernel/magic"
)

// runCell runs a cell: its Go code, or the magic on its first line.
func (w *runner) runCell(ctx context.Context, code string) (reflect.Value, bool, error) {
	l, ok := magic.Parse(code)
	if !ok {
		return w.evalCell(ctx, code)
	}
	spec, known := magic.Lookup(l.Name)
	switch {
	case !known:
		return reflect.Value{}, false, usageError(magic.UnknownError{Name: l.Name}.Error())
	case spec.Where != magic.InWorker:
		return reflect.Value{}, false, usageError("%" + l.Name + " is answered by the kernel, which did not recognize it here")
	case spec.Args && l.HasCodeAfterLine():
		return reflect.Value{}, false, usageError("%" + l.Name + " takes its arguments on its own line and no code after it: run the code in another cell (usage: " + spec.Usage + ")")
	case !spec.Body && !spec.Args && (l.Args != "" || l.HasCode()):
		return reflect.Value{}, false, usageError("%" + l.Name + " takes no arguments and no code after it: run the code in another cell (usage: " + spec.Usage + ")")
	}
	switch l.Name {
	case "go":
		return reflect.Value{}, false, w.goCommand(ctx, l.Args, spec)
	case "compile":
		return reflect.Value{}, false, w.compileCell(ctx, l.Body)
	case "time":
		return w.timeCell(ctx, l, spec)
	case "reset":
		return reflect.Value{}, false, w.reset()
	case "who":
		return reflect.Value{}, false, w.who()
	}
	return reflect.Value{}, false, usageError("%" + l.Name + " is not implemented")
}

// timeCell runs the code of a %time cell and prints its wall-clock time;
// the cell's value is still its result.
func (w *runner) timeCell(ctx context.Context, l magic.Line, spec magic.Spec) (reflect.Value, bool, error) {
	if !l.HasCode() {
		return reflect.Value{}, false, usageError("%time needs code to run (usage: " + spec.Usage + ")")
	}
	start := time.Now()
	value, hasValue, err := w.evalCell(ctx, l.Body)
	fmt.Fprintf(w.stdout, "Wall time: %s\n", formatWallTime(time.Since(start)))
	return value, hasValue, err
}

// formatWallTime writes a duration with three significant digits, in the
// unit that suits it (ns, µs, ms, s).
func formatWallTime(d time.Duration) string {
	units := []struct {
		size time.Duration
		name string
	}{{time.Second, "s"}, {time.Millisecond, "ms"}, {time.Microsecond, "µs"}}
	for _, u := range units {
		if d >= u.size {
			v := float64(d) / float64(u.size)
			switch {
			case v >= 100:
				return fmt.Sprintf("%.0f %s", v, u.name)
			case v >= 10:
				return fmt.Sprintf("%.1f %s", v, u.name)
			}
			return fmt.Sprintf("%.2f %s", v, u.name)
		}
	}
	return fmt.Sprintf("%d ns", d.Nanoseconds())
}

// reset gives the cells a fresh interpreter (%reset).
func (w *runner) reset() error {
	r, ok := w.eval.(Resetter)
	if !ok {
		return usageError("%reset is not available with this interpreter; restart the kernel instead")
	}
	summary, err := r.Reset()
	if err != nil {
		return fmt.Errorf("%%reset: %w", err)
	}
	fmt.Fprint(w.stdout, summary)
	return nil
}

// who lists the variables of earlier cells and their types (%who).
func (w *runner) who() error {
	l, ok := w.eval.(VariableLister)
	if !ok {
		return usageError("%who is not available with this interpreter")
	}
	vars := l.Variables()
	if len(vars) == 0 {
		fmt.Fprintln(w.stdout, "No variables are defined.")
		return nil
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "Variable\tType")
	fmt.Fprintln(tw, "--------\t----")
	for _, v := range vars {
		typ := v.Type
		if typ == "" {
			typ = "?"
		}
		fmt.Fprintf(tw, "%s\t%s\n", v.Name, typ)
	}
	tw.Flush()
	fmt.Fprint(w.stdout, b.String())
	return nil
}

// magicError is the misuse of a magic, in IPython's words a UsageError.
type magicError struct{ msg string }

func usageError(msg string) error { return magicError{msg} }

// Error implements error.
func (e magicError) Error() string { return e.msg }

// ErrorName implements JupyterError: a UsageError, as IPython names it.
func (e magicError) ErrorName() string { return "UsageError" }

// ErrorValue implements JupyterError.
func (e magicError) ErrorValue() string { return e.msg }

// ErrorTraceback implements JupyterError: one line, no stack.
func (e magicError) ErrorTraceback() []string { return []string{"UsageError: " + e.msg} }
