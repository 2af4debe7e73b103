package goprint

import (
	"io"
	"slices"
)

// Sprint formats the operands as fmt.Sprint does.
func Sprint(a ...Value) string {
	p := &printer{}
	p.doPrint(a)
	return string(p.buf)
}

// Sprintln formats the operands as fmt.Sprintln does.
func Sprintln(a ...Value) string {
	p := &printer{}
	p.doPrintln(a)
	return string(p.buf)
}

// Sprintf formats the operands as fmt.Sprintf does.
func Sprintf(format string, a ...Value) string {
	p := &printer{}
	p.doPrintf(format, a)
	return string(p.buf)
}

// Fprint writes what Sprint returns to w.
func Fprint(w io.Writer, a ...Value) (int, error) {
	return io.WriteString(w, Sprint(a...))
}

// Fprintln writes what Sprintln returns to w.
func Fprintln(w io.Writer, a ...Value) (int, error) {
	return io.WriteString(w, Sprintln(a...))
}

// Fprintf writes what Sprintf returns to w.
func Fprintf(w io.Writer, format string, a ...Value) (int, error) {
	return io.WriteString(w, Sprintf(format, a...))
}

// Errorf formats the operands as fmt.Errorf does and returns the message
// and the operands its error wraps, in the order fmt.Errorf's error lists
// them: for one %w directive its operand (which may not be an error: then
// fmt.Errorf's error wraps nothing), for several the distinct operands of
// the %w directives in operand order (fmt.Errorf keeps only those that are
// errors). With no %w, wrapped is empty and the error is errors.New(msg).
func Errorf(format string, a ...Value) (msg string, wrapped []int) {
	p := &printer{wrapErrs: true}
	p.doPrintf(format, a)
	wrapped = p.wrapped
	if len(wrapped) > 1 {
		if p.reordered {
			slices.Sort(wrapped)
		}
		out := wrapped[:1]
		for _, w := range wrapped[1:] {
			if w != out[len(out)-1] {
				out = append(out, w)
			}
		}
		wrapped = out
	}
	return string(p.buf), wrapped
}
