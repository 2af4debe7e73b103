package goeval

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"

	"github.com/descentlab/descent/kernel/goeval/goprint"
	"github.com/descentlab/descent/kernel/goeval/interptype"
	"github.com/traefik/yaegi/interp"
)

// Cells print with fmt, but fmt cannot print interpreted values as Go
// does: the interpreter represents a value of a cell type by its underlying
// type, without the type's name or methods (see package goprint). So every
// call of a printing function of fmt in a cell, fmt.Println(a, b), is
// compiled as a call of the same function of a hidden package at a
// numbered call site, _goeval_fmt.At(7).Println(interface{}(a),
// interface{}(b)) (see gofmt_rewrite.go); after compiling, the evaluator
// reads the static types of each site's operands from the interpreter
// (package interptype), and at run time the site formats its operands
// with those types (package goprint), or hands them to fmt when they are
// ordinary Go values. Methods of cell types that fmt calls (String, Error,
// GoString, Format) are called through funcs the evaluator compiles in the
// interpreter for each such type (gofmt_callers.go).

// Names of the hidden package.
const (
	fmtSitesPath   = "descent.goeval/gofmt"
	fmtSitesImport = hiddenPrefix + "fmt"
)

// fmtSites is the evaluator's printing state: the types it knows and the
// static types of the print call sites it compiled.
type fmtSites struct {
	u      *interptype.Universe
	stdout io.Writer
	// route gives the writer for one a cell passes to Fprint and the
	// like: the cell's stdout and stderr for os.Stdout and os.Stderr (see
	// stdioRoute), so that they keep their order with the rest.
	route func(io.Writer) io.Writer

	mu    sync.RWMutex
	next  int
	sites map[int]*fmtSite
	// registering is set while the evaluator compiles method callers
	// and type registrations, programs the printer does not read.
	registering bool
}

// fmtSite is one call of a printing function of fmt in a cell.
type fmtSite struct {
	s    *fmtSites
	id   int
	fn   string // Println, Printf, ...
	skip int    // leading parameters that are not operands (the format, a writer)
	// spread is set for a call f(xs...): the operands are the elements.
	spread bool
	// generic is set for a call in a generic function, whose operands'
	// types depend on the instance, and for a function value: each operand
	// is told from its value.
	generic bool
	// types are the static types of the operands, once read; typed
	// reports whether they were.
	types []goprint.Type
	typed bool
	plain bool // every operand is an ordinary Go value: fmt prints them
}

func newFmtSites(stdout io.Writer, route func(io.Writer) io.Writer) *fmtSites {
	u := interptype.NewUniverse()
	u.Name = func(s string) string { return versionRE.ReplaceAllString(s, "$1") }
	u.Spread, u.SpreadGeneric = spreadParam, spreadParamGeneric
	return &fmtSites{u: u, stdout: stdout, route: route, sites: map[int]*fmtSite{}}
}

// newSite allocates a site for a call of fmt function fn.
func (s *fmtSites) newSite(fn string, skip int, spread, generic bool) *fmtSite {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	st := &fmtSite{s: s, id: s.next, fn: fn, skip: skip, spread: spread, generic: generic}
	s.sites[st.id] = st
	return st
}

// setTypes records the static types of the operands of site id.
func (s *fmtSites) setTypes(id int, types []goprint.Type) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.sites[id]
	if st == nil || st.generic || types == nil {
		return
	}
	if len(types) < st.skip {
		return
	}
	types = types[st.skip:]
	st.types, st.typed = types, true
	st.plain = !st.spread
	for _, t := range types {
		if t == nil || !isPlainType(t) {
			st.plain = false
		}
	}
}

func isPlainType(t goprint.Type) bool {
	p, ok := t.(goprint.Plain)
	return ok && p.Plain()
}

// At returns call site id; the compiled code calls it.
func (s *fmtSites) At(id int) *FmtSite {
	s.mu.RLock()
	st := s.sites[id]
	s.mu.RUnlock()
	if st == nil {
		// A site of code compiled before a reset of the numbering: no types.
		st = &fmtSite{s: s, id: id}
	}
	return &FmtSite{st}
}

// operands pairs the operands a with the types they have at the site:
// the static type of each, or, where it is an interface type or was not
// read, the type told from the value.
func (st *fmtSite) operands(a []any) []goprint.Value {
	st.s.mu.RLock()
	types, typed := st.types, st.typed
	st.s.mu.RUnlock()
	out := make([]goprint.Value, len(a))
	for i := range a {
		var t goprint.Type
		if typed && !st.spread && i < len(types) {
			t = types[i]
		}
		if typed && st.spread && len(types) > 0 {
			// f(xs...): the operands are the elements of a []any.
			t = st.s.u.Any()
		}
		if t == nil && st.generic {
			// A call in a generic function (its operands boxed, see
			// rewriteFmtCalls) or through a function value: each operand is
			// an interface{} value.
			t = st.s.u.Any()
		}
		if t == nil {
			t = st.s.u.Unknown()
		}
		v := reflect.ValueOf(&a[i]).Elem() // the interface holding the operand
		if t.Kind() != reflect.Interface {
			v = concreteValue(v)
		}
		out[i] = goprint.Value{Type: t, Value: v}
	}
	return out
}

// concreteValue returns the value in the interface v, taken out of the
// interpreter's box if it was put in one.
func concreteValue(v reflect.Value) reflect.Value {
	for v.IsValid() && v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if v.IsValid() && v.Kind() == reflect.Struct && v.Type().Name() == "valueInterface" && v.Type().PkgPath() == "github.com/traefik/yaegi/interp" {
		c := reflect.New(v.Type()).Elem()
		c.Set(v)
		if f := c.FieldByName("value"); f.IsValid() {
			if inner, ok := reflect.NewAt(f.Type(), f.Addr().UnsafePointer()).Elem().Interface().(reflect.Value); ok {
				return concreteValue(inner)
			}
		}
	}
	return v
}

// FmtSite is a call site of a printing function of fmt, as compiled code
// sees it: its methods are the functions of fmt, printing their operands
// as Go prints them.
type FmtSite struct{ st *fmtSite }

// Print is fmt.Print.
func (f *FmtSite) Print(a ...any) (int, error) {
	if f.plain() {
		return fmt.Fprint(f.st.s.stdout, a...)
	}
	return io.WriteString(f.st.s.stdout, goprint.Sprint(f.st.operands(a)...))
}

// Println is fmt.Println.
func (f *FmtSite) Println(a ...any) (int, error) {
	if f.plain() {
		return fmt.Fprintln(f.st.s.stdout, a...)
	}
	return io.WriteString(f.st.s.stdout, goprint.Sprintln(f.st.operands(a)...))
}

// Printf is fmt.Printf.
func (f *FmtSite) Printf(format string, a ...any) (int, error) {
	if f.plain() {
		return fmt.Fprintf(f.st.s.stdout, format, a...)
	}
	return io.WriteString(f.st.s.stdout, goprint.Sprintf(format, f.st.operands(a)...))
}

// Sprint is fmt.Sprint.
func (f *FmtSite) Sprint(a ...any) string {
	if f.plain() {
		return fmt.Sprint(a...)
	}
	return goprint.Sprint(f.st.operands(a)...)
}

// Sprintln is fmt.Sprintln.
func (f *FmtSite) Sprintln(a ...any) string {
	if f.plain() {
		return fmt.Sprintln(a...)
	}
	return goprint.Sprintln(f.st.operands(a)...)
}

// Sprintf is fmt.Sprintf.
func (f *FmtSite) Sprintf(format string, a ...any) string {
	if f.plain() {
		return fmt.Sprintf(format, a...)
	}
	return goprint.Sprintf(format, f.st.operands(a)...)
}

// Fprint is fmt.Fprint.
func (f *FmtSite) Fprint(w io.Writer, a ...any) (int, error) {
	w = f.st.s.route(w)
	if f.plain() {
		return fmt.Fprint(w, a...)
	}
	return io.WriteString(w, goprint.Sprint(f.st.operands(a)...))
}

// Fprintln is fmt.Fprintln.
func (f *FmtSite) Fprintln(w io.Writer, a ...any) (int, error) {
	w = f.st.s.route(w)
	if f.plain() {
		return fmt.Fprintln(w, a...)
	}
	return io.WriteString(w, goprint.Sprintln(f.st.operands(a)...))
}

// Fprintf is fmt.Fprintf.
func (f *FmtSite) Fprintf(w io.Writer, format string, a ...any) (int, error) {
	w = f.st.s.route(w)
	if f.plain() {
		return fmt.Fprintf(w, format, a...)
	}
	return io.WriteString(w, goprint.Sprintf(format, f.st.operands(a)...))
}

// Append is fmt.Append.
func (f *FmtSite) Append(b []byte, a ...any) []byte {
	return append(b, f.Sprint(a...)...)
}

// Appendln is fmt.Appendln.
func (f *FmtSite) Appendln(b []byte, a ...any) []byte {
	return append(b, f.Sprintln(a...)...)
}

// Appendf is fmt.Appendf.
func (f *FmtSite) Appendf(b []byte, format string, a ...any) []byte {
	return append(b, f.Sprintf(format, a...)...)
}

// Values returns its operands for the cell's Out value: an operand that fmt
// would not print as Go does becomes a *PrintedValue.
func (f *FmtSite) Values(a ...any) []any {
	if f.plain() {
		return a
	}
	ops := f.st.operands(a)
	out := make([]any, len(a))
	for i, op := range ops {
		out[i] = a[i]
		t, v := op.Type, op.Value
		if t != nil && t.Kind() == reflect.Interface {
			dt, dv, err := t.Dynamic(v)
			if err != nil {
				out[i] = &PrintedValue{op}
				continue
			}
			t, v = dt, dv
		}
		if t == nil || isPlainType(t) || !v.IsValid() {
			continue
		}
		if _, compiled := t.(interface{ Compiled() reflect.Type }); compiled {
			if v.CanInterface() {
				out[i] = v.Interface()
			}
			continue
		}
		if m := t.Methods(); m != nil && m.Error != nil {
			out[i] = &CellValueError{Type: t, Value: v}
			continue
		}
		out[i] = &PrintedValue{goprint.Value{Type: t, Value: v}}
	}
	return out
}

// PrintedValue is a value of a cell's type, shown as fmt would show a Go
// value of that type: the evaluator's Result holds it for a cell whose
// value fmt cannot print by itself.
type PrintedValue struct {
	v goprint.Value
}

// Format formats the value as fmt formats a Go value of its type.
func (p *PrintedValue) Format(s fmt.State, verb rune) {
	_, _ = io.WriteString(s, goprint.Sprintf(fmt.FormatString(s, verb), p.v))
}

// String is the value as %v prints it.
func (p *PrintedValue) String() string { return goprint.Sprint(p.v) }

// PrintedAs returns the value and its type.
func (p *PrintedValue) PrintedAs() (goprint.Type, reflect.Value) { return p.v.Type, p.v.Value }

// Errorf is fmt.Errorf: the error has fmt's types (*fmt.wrapError and
// *fmt.wrapErrors when it wraps). An operand of a cell type that is
// wrapped is wrapped as a *CellValueError.
func (f *FmtSite) Errorf(format string, a ...any) error {
	if f.plain() {
		return fmt.Errorf(format, a...)
	}
	ops := f.st.operands(a)
	msg, wrapped := goprint.Errorf(format, ops...)
	if len(wrapped) == 0 {
		return errors.New(msg)
	}
	var errs []any
	for _, i := range wrapped {
		e := asError(a[i], ops[i])
		if e == nil {
			if len(wrapped) == 1 {
				panic(&goprint.Unsupported{Message: fmt.Sprintf(
					"fmt.Errorf: the operand of %%w is a %s, which is not an error: use %%v (go vet reports this too)", operandTypeName(ops[i]))})
			}
			continue
		}
		errs = append(errs, e)
	}
	// fmt.Errorf makes the error; the message is the one above (each %.0w
	// prints nothing).
	return fmt.Errorf("%s"+strings.Repeat("%.0w", len(errs)), append([]any{msg}, errs...)...)
}

func (f *FmtSite) plain() bool {
	f.st.s.mu.RLock()
	defer f.st.s.mu.RUnlock()
	return f.st.plain
}

func operandTypeName(v goprint.Value) string {
	t := v.Type
	if t != nil && t.Kind() == reflect.Interface {
		if dt, _, err := t.Dynamic(v.Value); err == nil {
			t = dt
		}
	}
	if t == nil {
		return "nil"
	}
	return t.String()
}

// asError returns the error operand x is, nil if it is none: a compiled
// error as it is, a value of a cell type whose method set has Error as a
// *CellValueError.
func asError(x any, op goprint.Value) error {
	t, v := op.Type, op.Value
	if t != nil && t.Kind() == reflect.Interface {
		dt, dv, err := t.Dynamic(v)
		if err != nil || dt == nil {
			if e, ok := x.(error); ok {
				return e
			}
			return nil
		}
		t, v = dt, dv
	}
	if t == nil {
		return nil
	}
	if _, compiled := t.(interface{ Compiled() reflect.Type }); compiled || isPlainType(t) || !v.IsValid() {
		if e, ok := v.Interface().(error); ok {
			return e
		}
		return nil
	}
	if m := t.Methods(); m != nil && m.Error != nil {
		return &CellValueError{Type: t, Value: v}
	}
	if e, ok := x.(error); ok {
		return e
	}
	return nil
}

// CellValueError is a value of a cell type whose method set has Error,
// as an error for compiled code: the operand of %w in fmt.Errorf. Its
// Error and Format call the cell type's methods.
type CellValueError struct {
	// Type is the value's Go type.
	Type goprint.Type
	// Value is the value as the interpreter represents it.
	Value reflect.Value
}

// Error calls the value's Error method.
func (e *CellValueError) Error() string { return e.Type.Methods().Error(e.Value) }

// PrintedAs returns the value and its type: fmt prints the error as the
// value.
func (e *CellValueError) PrintedAs() (goprint.Type, reflect.Value) { return e.Type, e.Value }

// Format prints the value as fmt prints a value of its type.
func (e *CellValueError) Format(s fmt.State, verb rune) {
	_, _ = io.WriteString(s, goprint.Sprintf(fmt.FormatString(s, verb), goprint.Value{Type: e.Type, Value: e.Value}))
}

// exports returns the hidden package for the interpreter.
func (s *fmtSites) exports() interp.Exports {
	return interp.Exports{fmtSitesPath + "/gofmt": {
		"At":    reflect.ValueOf(s.At),
		"Site":  reflect.ValueOf((*FmtSite)(nil)),
		"Reg":   reflect.ValueOf(s.register),
		"State": reflect.ValueOf((*fmt.State)(nil)),
	}}
}

// register is Reg: interpreted code registers the caller of a method.
func (s *fmtSites) register(key, method string, ptr bool, fn any) {
	s.u.Register(key, method, ptr, reflect.ValueOf(fn))
}
