package goeval

import (
	"go/ast"
	"reflect"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/goprint"
	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// The interpreter's type switches and type assertions go wrong on the
// values of cells' types held in interfaces (a case error matches nothing,
// err.(TimeoutError) fails for a value-receiver Error method, v.(Shape)
// panics: YAEGI_BUGS.md), so the rewriter has them tested here, in
// compiled code that reads what the interpreter recorded of a value's
// type (see yaegivalue.go), and only asks the interpreter to assert the
// bare value to the concrete type found.

// dynValue is a value taken out of an interface.
type dynValue struct {
	v   reflect.Value // the bare value; invalid for a nil interface
	ct  *cellType     // its cell type, when it is one
	ptr bool          // v points to a value of ct
	// guess says ct was inferred from the run-time type of a bare value,
	// not recorded by the interpreter (see possible).
	guess bool
	// itype is the interpreter's type of the value (an *interp.itype),
	// when it recorded one.
	itype reflect.Value
}

// dynamicOf returns what the interface value in a one-element []any
// holds.
func (s *dynTypes) dynamicOf(box []any) dynValue {
	return s.dynamic(boxed(box))
}

func (s *dynTypes) dynamic(v reflect.Value) dynValue {
	if a, ok := adapterOf(v); ok {
		return a.d
	}
	if c, ok := stringerOf(v); ok {
		return c.d
	}
	if d, ok := s.printedAs(v); ok {
		return d
	}
	bare, dt := bareValue(v)
	d := dynValue{v: bare}
	if !bare.IsValid() {
		return d
	}
	if a, ok := adapterOf(bare); ok {
		return a.d
	}
	if c, ok := stringerOf(bare); ok {
		return c.d
	}
	if d, ok := s.printedAs(bare); ok {
		return d
	}
	if dt != nil {
		d.itype = dt.itype
	}
	if dt != nil && (dt.path == "main" || dt.cat == itypePtr && dt.elem != nil && dt.elem.path == "main") {
		if dt.cat == itypePtr && dt.elem != nil {
			d.ct, d.ptr = s.cells.lookup(dt.elem.name), true
		} else {
			d.ct = s.cells.lookup(dt.name)
		}
		if d.ct != nil {
			return d
		}
	}
	if r, ok := s.resolve(d); ok {
		return r
	}
	return d
}

// typeName writes the dynamic type as %T does.
func (d dynValue) typeName() string {
	switch {
	case !d.v.IsValid():
		return "nil"
	case d.ct != nil && d.ptr:
		return "*" + displayName(d.ct.name)
	case d.ct != nil:
		return displayName(d.ct.name)
	}
	return d.v.Type().String()
}

// implements reports whether the dynamic value has the methods of
// interface type t: a compiled interface, or one declared in a cell.
func (s *dynTypes) implements(d dynValue, t typeinfer.Type, in *typeinfer.Inferer) bool {
	if !d.v.IsValid() {
		return false
	}
	if d.ct != nil {
		for _, m := range interfaceMethods(t, in) {
			if !d.ct.hasMethod(m, d.ptr) {
				return false
			}
		}
		return true
	}
	if t.RT != nil {
		return d.v.Type().Implements(t.RT)
	}
	return compiledHasMethods(d.v.Type(), t, in)
}

// interfaceMethods lists the method names of an interface type.
func interfaceMethods(t typeinfer.Type, in *typeinfer.Inferer) []string {
	if t.RT != nil {
		out := make([]string, t.RT.NumMethod())
		for i := range out {
			out[i] = t.RT.Method(i).Name
		}
		return out
	}
	var out []string
	for _, m := range in.Members(t) {
		if m.Kind == "method" {
			out = append(out, m.Name)
		}
	}
	return out
}

// matches reports whether the dynamic value is of type t (a type
// switch's case, or an asserted type).
func (s *dynTypes) matches(d dynValue, t typeinfer.Type, in *typeinfer.Inferer) bool {
	if !d.v.IsValid() {
		return false
	}
	if in.Kind(t) == reflect.Interface {
		return s.implements(d, t, in)
	}
	if is, ok := s.asTargetIs(d, t); ok {
		return is
	}
	p := cellNames{in: in}
	if name, ptr, ok := p.cellNamed(t); ok {
		// A value whose type is not known to be a cell's is not of one:
		// the possibilities (untracked.go) list the cell types it may be.
		return d.ct != nil && d.ct.name == name && d.ptr == ptr
	}
	if d.ct != nil || t.RT == nil {
		return false
	}
	return d.v.Type() == t.RT
}

// caseIndex is the Case hook: the index of the first clause of a type
// switch whose types (clause handle c: type handles, -1 for nil) match
// the value, or -1. When the interpreter kept no type with the value and the
// clause depends on which of its possible types it has, it refuses.
func (s *dynTypes) caseIndex(box []any, c int) int {
	clauses := s.clausesOf(c)
	d := s.dynamicOf(box)
	in := s.inferer()
	ps := s.possible(d)
	first := -1
	for i, p := range ps {
		c, sure := s.clauseOf(p, clauses, in)
		if !sure || i > 0 && c != first {
			refuseDoubt("a type switch with "+s.caseList(clauses, in), ps,
				"switch on the value before it goes into the interface or through compiled code")
		}
		first = c
	}
	return first
}

// clauseOf returns the clause of a type switch that possibility p takes;
// sure is false when a case cannot be tested for it.
func (s *dynTypes) clauseOf(p possibility, clauses [][]int, in *typeinfer.Inferer) (int, bool) {
	for i, hs := range clauses {
		for _, h := range hs {
			if h < 0 {
				if !p.d.v.IsValid() {
					return i, true
				}
				continue
			}
			switch s.matchOf(p, s.typeOf(h), in) {
			case isMatch:
				return i, true
			case unknownMatch:
				return i, false
			}
		}
	}
	return -1, true
}

// caseList writes the cases of a type switch for a message.
func (s *dynTypes) caseList(clauses [][]int, in *typeinfer.Inferer) string {
	var cs []string
	for _, hs := range clauses {
		for _, h := range hs {
			if h < 0 {
				cs = append(cs, "nil")
				continue
			}
			cs = append(cs, strings.ReplaceAll(cellNames{in: in}.typeString(s.typeOf(h), reflect.Value{}), "main.", ""))
		}
	}
	if len(cs) == 1 {
		return "case " + cs[0]
	}
	return "cases " + strings.Join(cs, ", ")
}

// assert is the Assert hook: the bare value when it is of type h, for the
// interpreter to assert to that concrete type; nil when not.
func (s *dynTypes) assert(h int, box []any) any {
	d := s.dynamicOf(box)
	t, in := s.typeOf(h), s.inferer()
	for _, p := range s.possible(d) {
		if s.matchOf(p, t, in) == isMatch && p.d.v.CanInterface() {
			return p.d.v.Interface()
		}
	}
	return nil
}

// asErrorOK is the AsErrorOK hook: the value as an error, as v.(error)
// gives it.
func (s *dynTypes) asErrorOK(box []any) (error, bool) {
	d := s.dynamicOf(box)
	v := boxed(box)
	if v.IsValid() && v.Kind() == reflect.Interface && !v.IsNil() {
		if err, ok := v.Elem().Interface().(error); ok && !isValueInterface(v.Elem()) {
			if _, bare := unwrapWrapper(v.Elem()); bare || d.ct == nil {
				return err, true
			}
		}
	}
	if !d.v.IsValid() {
		return nil, false
	}
	if d.ct != nil {
		if fn, onPtr := d.ct.method("Error", d.ptr); fn.IsValid() {
			return &cellError{s: s, d: d, errFn: fn, onPtr: onPtr}, true
		}
		return nil, false
	}
	if d.v.CanInterface() {
		if err, ok := d.v.Interface().(error); ok {
			return err, true
		}
	}
	return nil, false
}

// asError is the AsError hook: v.(error), which panics as Go's does when
// the value is no error.
func (s *dynTypes) asError(box []any) error {
	if err, ok := s.asErrorOK(box); ok {
		return err
	}
	d := s.dynamicOf(box)
	if !d.v.IsValid() {
		panic(&runtimeError{msg: "interface conversion: interface is nil, not error"})
	}
	panic(&runtimeError{msg: "interface conversion: " + d.typeName() + " is not error: missing method Error"})
}

// runtimeError is a run-time panic raised for cells, a runtime.Error as
// Go's; msg is its whole text.
type runtimeError struct{ msg string }

func (e *runtimeError) Error() string { return e.msg }

// RuntimeError marks it as a run-time error.
func (e *runtimeError) RuntimeError() {}

// receiver returns the value a method of d's type is called on: d's value,
// or, for a value-receiver method (onPtr false) of a pointer d, the value
// it points to, failing as Go does on a nil pointer.
func (d dynValue) receiver(onPtr bool) reflect.Value {
	if d.ptr && !onPtr {
		if d.v.IsNil() {
			panic(&runtimeError{msg: "runtime error: invalid memory address or nil pointer dereference"})
		}
		return d.v.Elem()
	}
	return d.v
}

// cellError is a value of a cell's type with an Error method, made an
// error for compiled code.
type cellError struct {
	s     *dynTypes
	d     dynValue
	errFn reflect.Value
	onPtr bool
}

// Error calls the type's Error method.
func (e *cellError) Error() string {
	arg := e.d.receiver(e.onPtr)
	out := e.errFn.Call([]reflect.Value{arg})
	return out[0].String()
}

// Unwrap calls the type's Unwrap method, if it has one.
func (e *cellError) Unwrap() []error { return e.s.unwrapCell(e.d) }

// Carried implements interptype.Carrier: fmt prints the value of the
// cell's type, not the adapter.
func (e *cellError) Carried() (value, itype reflect.Value) { return e.d.v, e.d.itype }

// adapterOf recognises a cellError.
func adapterOf(v reflect.Value) (*cellError, bool) {
	if !v.IsValid() || !v.CanInterface() {
		return nil, false
	}
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil, false
		}
		v = v.Elem()
	}
	switch x := v.Interface().(type) {
	case *cellError:
		return x, true
	case *cellErrorStringer:
		ce, ok := x.err.(*cellError)
		return ce, ok
	}
	return nil, false
}

// unwrapCell calls the Unwrap method of a value of a cell's type.
func (s *dynTypes) unwrapCell(d dynValue) []error {
	if d.ct == nil {
		return nil
	}
	fn, onPtr := d.ct.method("Unwrap", d.ptr)
	if !fn.IsValid() {
		return nil
	}
	arg := d.v
	if d.ptr && !onPtr {
		if arg.IsNil() {
			return nil
		}
		arg = arg.Elem()
	}
	out := fn.Call([]reflect.Value{arg})
	if len(out) != 1 {
		return nil
	}
	switch r := out[0].Interface().(type) {
	case error:
		return []error{r}
	case []error:
		return r
	}
	return nil
}

// unwrapOne returns the errors err wraps: its Unwrap method's, compiled
// or of a cell's type.
func (s *dynTypes) unwrapOne(err error) []error {
	d := s.dynamic(reflect.ValueOf(&err).Elem())
	if d.ct != nil {
		return s.unwrapCell(d)
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		if w := u.Unwrap(); w != nil {
			return []error{w}
		}
	case interface{ Unwrap() []error }:
		return u.Unwrap()
	}
	return nil
}

// walkErrors visits err and the errors it wraps, depth first, until visit
// returns true.
func (s *dynTypes) walkErrors(err error, visit func(error) bool) bool {
	for depth := 0; err != nil && depth < 100; depth++ {
		if visit(err) {
			return true
		}
		next := s.unwrapOne(err)
		switch len(next) {
		case 0:
			return false
		case 1:
			err = next[0]
		default:
			for _, e := range next {
				if s.walkErrors(e, visit) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// errorsIs is errors.Is for errors that may hold values of cells' types.
func (s *dynTypes) errorsIs(err, target error) bool {
	if err == nil || target == nil {
		return err == target
	}
	td := s.dynamic(reflect.ValueOf(&target).Elem())
	return s.walkErrors(err, func(e error) bool {
		d := s.dynamic(reflect.ValueOf(&e).Elem())
		if s.sameValue(d, td) {
			return true
		}
		if d.ct != nil {
			if fn, onPtr := d.ct.method("Is", d.ptr); fn.IsValid() {
				arg := d.v
				if d.ptr && !onPtr {
					arg = arg.Elem()
				}
				out := fn.Call([]reflect.Value{arg, reflect.ValueOf(&target).Elem()})
				return out[0].Bool()
			}
			return false
		}
		if x, ok := e.(interface{ Is(error) bool }); ok && x.Is(target) {
			return true
		}
		return false
	})
}

// sameValue reports whether two taken-out values are == (errors.Is
// compares comparable errors so): as the Equal hook compares them, but an
// uncomparable value is only unequal.
func (s *dynTypes) sameValue(a, b dynValue) (same bool) {
	if !a.v.IsValid() || !b.v.IsValid() || a.v.Type() != b.v.Type() || !a.v.Type().Comparable() {
		return false
	}
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(*runtimeError); !ok {
				panic(r)
			}
			same = false
		}
	}()
	pa, pb := s.possible(a), s.possible(b)
	if len(pa) != 1 || len(pb) != 1 {
		refuseDoubt("errors.Is", append(pa, pb...),
			"compare the errors before they go through compiled code")
	}
	return s.eqDyn(pa[0], pb[0])
}

// errorsUnwrap is errors.Unwrap for errors that may hold values of cells'
// types: only an Unwrap() error method counts.
func (s *dynTypes) errorsUnwrap(err error) error {
	if err == nil {
		return nil
	}
	d := s.dynamic(reflect.ValueOf(&err).Elem())
	if d.ct != nil {
		if fn, _ := d.ct.method("Unwrap", d.ptr); fn.IsValid() && fn.Type().Out(0) == typeinfer.ErrorType {
			if errs := s.unwrapCell(d); len(errs) == 1 {
				return errs[0]
			}
		}
		return nil
	}
	if u, ok := err.(interface{ Unwrap() error }); ok {
		return u.Unwrap()
	}
	return nil
}

// errorsFuncs are the functions of the errors package the rewriter
// replaces, with their hooks.
var errorsFuncs = map[string]string{"Is": "ErrorsIs", "As": "ErrorsAs", "Unwrap": "ErrorsUnwrap"}

// errorsCall points errors.Is, As and Unwrap at the hooks.
func (rw *rewriter) errorsCall(call *ast.CallExpr) {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || rw.show == nil {
		return
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return
	}
	if p, ok := rw.infer.PackagePath(id.Name); !ok || p != "errors" {
		return
	}
	hook, ok := errorsFuncs[sel.Sel.Name]
	if !ok {
		return
	}
	if sel.Sel.Name == "As" && rw.errorsAsCall(call) {
		return
	}
	rw.add(edit{start: rw.off(sel.Pos()), end: rw.off(sel.End()), text: hooksImport + "." + hook, rank: rankReplace})
}

// toError is the ToError hook: a value of a cell's type with an Error
// method, of static type h, made an error that keeps the value (the
// interpreter's own conversion keeps only a struct's last field, and
// turns a nil pointer into a nil error).
func (s *dynTypes) toError(h int, box []any) error {
	v := boxed(box)
	if a, ok := adapterOf(v); ok {
		return a
	}
	p := cellNames{in: s.inferer()}
	name, ptr, ok := p.cellNamed(s.typeOf(h))
	if !ok {
		if err, isErr := plainError(v); isErr {
			return err
		}
		return nil
	}
	ct := s.version(name)
	bare, dt := bareValue(v)
	var itype reflect.Value
	if dt != nil {
		itype = dt.itype
	}
	if !bare.IsValid() {
		if !ptr || ct == nil {
			return nil
		}
		bare = reflect.Zero(reflect.PointerTo(ct.rt))
	}
	fn, onPtr := ct.method("Error", ptr)
	if !fn.IsValid() {
		if err, isErr := plainError(v); isErr {
			return err
		}
		return nil
	}
	return &cellError{s: s, d: dynValue{v: bare, ct: ct, ptr: ptr, itype: itype}, errFn: fn, onPtr: onPtr}
}

// plainError returns the error an interface value holds.
func plainError(v reflect.Value) (error, bool) {
	for v.IsValid() && v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() || !v.CanInterface() {
		return nil, false
	}
	err, ok := v.Interface().(error)
	return err, ok
}

// bare is the Bare hook: the value in a one-element []any, taken out of
// the interpreter's interface representations.
func (s *dynTypes) bare(box []any) any {
	d := s.dynamicOf(box)
	if !d.v.IsValid() || !d.v.CanInterface() {
		return nil
	}
	return d.v.Interface()
}

// notImplemented is the NotImplemented hook: the panic of a failed x.(I).
func (s *dynTypes) notImplemented(box []any, iface string) error {
	d := s.dynamicOf(box)
	if !d.v.IsValid() {
		return &runtimeError{msg: "interface conversion: interface is nil, not " + iface}
	}
	return &runtimeError{msg: "interface conversion: " + d.typeName() + " is not " + iface + ": missing method"}
}

// printedAs recognises the printing side's adapters (a *CellValueError,
// the error fmt.Errorf's %w makes of a cell's value): the value and the
// cell type they stand for.
func (s *dynTypes) printedAs(v reflect.Value) (dynValue, bool) {
	for v.IsValid() && v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() || !v.CanInterface() {
		return dynValue{}, false
	}
	p, ok := v.Interface().(interface {
		PrintedAs() (goprint.Type, reflect.Value)
	})
	if !ok {
		return dynValue{}, false
	}
	t, val := p.PrintedAs()
	if t == nil {
		return dynValue{}, false
	}
	d := dynValue{v: val}
	name := t.String()
	if rest, ok := strings.CutPrefix(name, "*"); ok {
		name, d.ptr = rest, true
	}
	if rest, ok := strings.CutPrefix(name, "main."); ok {
		d.ct = s.version(rest)
	}
	return d, true
}
