package goeval

import (
	"fmt"
	"strings"
)

// ErrorKind classifies a CellError.
type ErrorKind string

// The kinds of CellError.
const (
	// KindCompile is a syntax or type error: nothing of the failing part ran.
	KindCompile ErrorKind = "compile"
	// KindRuntime is a run-time failure of the Go runtime kind (index out of
	// range, nil map write, nil dereference, division by zero) or an
	// execution error reported by the interpreter.
	KindRuntime ErrorKind = "runtime"
	// KindPanic is a panic raised by the cell's code (panic(v), log.Fatal,
	// os.Exit) that nothing recovered.
	KindPanic ErrorKind = "panic"
	// KindInterrupted means the cell's context was cancelled.
	KindInterrupted ErrorKind = "interrupted"
	// KindUnsupported is Go the interpreter cannot run; the message says what
	// to write instead.
	KindUnsupported ErrorKind = "unsupported"
	// KindGoexit means the cell called runtime.Goexit on its own goroutine:
	// the cell stopped there, as a goroutine does, and what followed did
	// not run.
	KindGoexit ErrorKind = "goexit"
)

// CellError is the error Eval returns for anything that went wrong in a cell.
type CellError struct {
	// Kind classifies the error.
	Kind ErrorKind
	// Message is the error without position, e.g. "undefined: foo" or, for
	// a panic, the panic value.
	Message string
	// Line and Col locate the error in the cell (1-based; Col counts bytes).
	// They are 0 when the error is not in this cell (for example in a
	// declaration of an earlier cell that a redefinition broke).
	Line, Col int
	// SourceLine is the text of line Line of the cell, when Line > 0.
	SourceLine string
	// Traceback is the interpreted call stack of a panic, innermost first,
	// one frame per entry, e.g. "f at line 2:9".
	Traceback []string
}

// Error renders the error for a person: a compile error shows
// "line:col: message", the offending line and a caret under the column; a
// panic shows the value, where in the cell it happened and the interpreted
// stack.
func (e *CellError) Error() string {
	var b strings.Builder
	switch e.Kind {
	case KindPanic, KindRuntime:
		b.WriteString("panic: ")
		if e.Kind == KindRuntime && !strings.HasPrefix(e.Message, "runtime error") {
			b.WriteString("runtime error: ")
		}
		b.WriteString(e.Message)
		if e.Line > 0 {
			fmt.Fprintf(&b, "\nat line %d: %s", e.Line, strings.TrimSpace(e.SourceLine))
		}
		if len(e.Traceback) > 0 {
			b.WriteString("\ninterpreted stack:")
			for _, f := range e.Traceback {
				b.WriteString("\n    ")
				b.WriteString(f)
			}
		}
		return b.String()
	case KindInterrupted:
		return e.Message
	case KindGoexit:
		b.WriteString(e.Message)
		if e.Line > 0 {
			fmt.Fprintf(&b, "\nat line %d: %s", e.Line, strings.TrimSpace(e.SourceLine))
		}
		return b.String()
	}
	switch {
	case e.Line > 0 && e.Col > 0:
		fmt.Fprintf(&b, "%d:%d: %s", e.Line, e.Col, e.Message)
	case e.Line > 0:
		fmt.Fprintf(&b, "%d: %s", e.Line, e.Message)
	default:
		b.WriteString(e.Message)
	}
	if e.Line > 0 && e.SourceLine != "" {
		b.WriteString("\n    ")
		b.WriteString(e.SourceLine)
		if e.Col > 0 {
			b.WriteString("\n    ")
			b.WriteString(caretPad(e.SourceLine, e.Col))
			b.WriteString("^")
		}
	}
	return b.String()
}

// caretPad returns the blanks that put a caret under byte column col of
// line, keeping the tabs of the line so that the caret lines up.
func caretPad(line string, col int) string {
	end := col - 1
	if end > len(line) {
		end = len(line)
	}
	var b strings.Builder
	for _, r := range line[:end] {
		if r == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}
