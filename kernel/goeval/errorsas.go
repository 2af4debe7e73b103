package goeval

import (
	"go/ast"
	"go/types"
	"reflect"
	"strconv"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/goprint"
	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// errors.As is compiled code here (see dynamic.go), given the type the
// target points to, so that it follows Go's rules for values of cells'
// types: a target of a concrete type of the cells takes an error of that
// very type (two cells' struct types alike in fields are not one), a
// target of an interface type takes the first error in the chain whose
// method set holds the interface's, and an As method of the error is
// asked otherwise.
//
// A variable of an interface type of the cells is the interpreter's own
// representation, which compiled code cannot fill, so the hook only finds
// the error and the interpreter converts it:
//
//	errors.As(err, &t)  ->  func(_goeval_e error, _goeval_p *Temporary) bool {
//	                            _goeval_f, _goeval_ok := _goeval_.ErrorsAsFind(4, _goeval_e, _goeval_p)
//	                            if _goeval_f != nil { *_goeval_p = <conversion to Temporary>(_goeval_f) }
//	                            return _goeval_ok }(err, &t)
//	errors.As(err, &ve) ->  _goeval_.ErrorsAsType(5, err, &ve)

// errorsAsCall rewrites errors.As(err, target) when the type target
// points to is known, and reports whether it did.
func (rw *rewriter) errorsAsCall(call *ast.CallExpr) bool {
	if len(call.Args) != 2 || call.Ellipsis.IsValid() {
		return false
	}
	elem := rw.infer.Deref(rw.infer.TypeOf(call.Args[1]))
	if !elem.IsType() {
		return false
	}
	if _, _, named := (cellNames{in: rw.infer}).cellNamed(elem); !named && elem.RT == nil {
		if _, lit := elem.AST.(*ast.InterfaceType); !lit {
			return false // a type parameter, an unnamed type: told at run time
		}
	}
	h := strconv.Itoa(rw.show.handle(elem))
	fun := edit{start: rw.off(call.Fun.Pos()), end: rw.off(call.Fun.End()), rank: rankReplace}
	if elem.RT == nil && elem.AST != nil && rw.infer.Kind(elem) == reflect.Interface {
		iface := elem.String()
		conv := rw.ifaceLiteral(iface, elem.AST, "_goeval_f", false, true, "")
		fun.text = "func(_goeval_e error, _goeval_p *" + iface + ") bool { _goeval_f, _goeval_ok := " +
			hooksImport + ".ErrorsAsFind(" + h + ", _goeval_e, _goeval_p); if _goeval_f != nil { *_goeval_p = " +
			conv + " }; return _goeval_ok }"
		rw.add(fun)
		return true
	}
	fun.text = hooksImport + ".ErrorsAsType"
	rw.add(fun)
	lp := rw.off(call.Lparen)
	rw.add(edit{start: lp, end: lp + 1, text: "(" + h + ", ", rank: rankReplace})
	return true
}

// errorsAsTarget checks errors.As's target as Go's does.
func errorsAsTarget(target any) reflect.Value {
	tv := reflect.ValueOf(target)
	if !tv.IsValid() || tv.Kind() != reflect.Pointer || tv.IsNil() {
		panic("errors: target must be a non-nil pointer")
	}
	return tv.Elem()
}

// errorsAs is the ErrorsAs hook: errors.As for errors that may hold
// values of cells' types, when the type the target points to is not
// known to the rewriter.
func (s *dynTypes) errorsAs(err error, target any) bool {
	return s.errorsAsIn(-1, err, target)
}

// errorsAsType is the ErrorsAsType hook: errors.As whose target points to
// a value of type h, a compiled type or a concrete type of the cells.
func (s *dynTypes) errorsAsType(h int, err error, target any) bool {
	return s.errorsAsIn(h, err, target)
}

func (s *dynTypes) errorsAsIn(h int, err error, target any) bool {
	dest := errorsAsTarget(target)
	want := dest.Type()
	if want.Name() == "valueInterface" && want.PkgPath() == yaegiInterp {
		panic(&refusal{msg: "errors.As cannot tell which interface type of the cells its target points to (its type is not known where errors.As is called: a type parameter, or a pointer held in an interface): " +
			"call errors.As with a pointer to a variable of the interface type itself"})
	}
	var t typeinfer.Type
	in := s.inferer()
	if h >= 0 {
		t = s.typeOf(h)
	}
	return s.walkErrors(err, func(e error) bool {
		d := s.dynamic(reflect.ValueOf(&e).Elem())
		if want.Kind() == reflect.Interface {
			if v, ok := s.asCompiledInterface(d, e, want, in); ok {
				dest.Set(v)
				return true
			}
		} else if d.v.IsValid() && d.v.Type().AssignableTo(want) {
			if !t.IsType() || compiledNamed(want) || s.errorOfType(d, t, in, "errors.As") {
				dest.Set(d.v)
				return true
			}
		}
		return s.callAs(d, e, target)
	})
}

// compiledNamed reports whether t is a named compiled type or a pointer
// to one (a type of the standard library, of a fetched module or of a
// %%compile cell): the interpreter's own types have no names, so a value
// of such a type is of that very type.
func compiledNamed(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name() != ""
}

// asCompiledInterface returns error e as a value of compiled interface
// type want, when its dynamic type d implements it.
func (s *dynTypes) asCompiledInterface(d dynValue, e error, want reflect.Type, in *typeinfer.Inferer) (reflect.Value, bool) {
	if d.ct == nil {
		if reflect.TypeOf(e).Implements(want) {
			return reflect.ValueOf(e), true
		}
		return reflect.Value{}, false
	}
	if !s.implements(d, typeinfer.Type{RT: want}, in) {
		return reflect.Value{}, false
	}
	// e keeps the value and its type for printing and later assertions.
	if reflect.TypeOf(e).Implements(want) {
		return reflect.ValueOf(e), true
	}
	if fn, onPtr := d.ct.method("String", d.ptr); fn.IsValid() && want.Implements(stringerType) && stringerType.Implements(want) {
		// fmt prints it with its Error method, as Go's does.
		return reflect.ValueOf(&cellErrorStringer{err: e, str: cellStringer{d: d, fn: fn, onPtr: onPtr}}), true
	}
	panic(&refusal{msg: "errors.As with a target of type " + want.String() + " cannot hold a " + d.typeName() +
		": compiled code cannot call the methods of a type declared in a cell; declare the interface in a cell (type " +
		shortName(want) + " interface{ ... }) and use a variable of that type"})
}

// shortName is the name of a type without its package.
func shortName(t reflect.Type) string {
	if t.Name() == "" {
		return "I"
	}
	return t.Name()
}

// errorOfType reports whether the error's dynamic type is t, refusing
// when that depends on a type the interpreter did not keep.
func (s *dynTypes) errorOfType(d dynValue, t typeinfer.Type, in *typeinfer.Inferer, construct string) bool {
	ps := s.possible(d)
	var first match
	for i, p := range ps {
		m := s.matchOf(p, t, in)
		if m == unknownMatch || i > 0 && m != first {
			refuseDoubt(construct+" with a target of type "+strings.ReplaceAll(cellNames{in: in}.typeString(t, reflect.Value{}), "main.", ""), ps,
				"test the error before it goes through compiled code")
		}
		first = m
	}
	return first == isMatch
}

// errorsAsFind is the ErrorsAsFind hook: errors.As whose target points to
// a value of an interface type of the cells, h. It returns the first
// error in the chain that implements the interface, for the interpreter
// to convert and store, or nil and whether an As method took the target.
func (s *dynTypes) errorsAsFind(h int, err error, target any) ([]any, bool) {
	tv := errorsAsTarget(target)
	t, in := s.typeOf(h), s.inferer()
	// An As method asserting its target to *I finds it: the interpreter
	// keeps no type with the pointer.
	key := tv.Addr().Pointer()
	prev, had := s.asTargets.Swap(key, types.ExprString(t.AST))
	defer func() {
		if had {
			s.asTargets.Store(key, prev)
		} else {
			s.asTargets.Delete(key)
		}
	}()
	var found []any
	ok := s.walkErrors(err, func(e error) bool {
		d := s.dynamic(reflect.ValueOf(&e).Elem())
		if s.errorOfType(d, t, in, "errors.As") {
			if d.ct == nil {
				iface := strings.ReplaceAll(cellNames{in: in}.typeString(t, reflect.Value{}), "main.", "")
				panic(&refusal{msg: "errors.As cannot store a " + d.typeName() + ", a compiled type, in a variable of " + iface +
					", an interface type declared in a cell: the interpreter cannot convert it; use a target of the compiled type (var x " +
					d.typeName() + "; errors.As(err, &x))"})
			}
			found = []any{e}
			return true
		}
		return s.callAs(d, e, target)
	})
	return found, ok
}

// asTargetIs reports whether d is the target of an errors.As call under
// way and whether its type is t, a pointer type; ok is false when d is no
// such target.
func (s *dynTypes) asTargetIs(d dynValue, t typeinfer.Type) (is, ok bool) {
	if d.ct != nil || !d.v.IsValid() || d.v.Kind() != reflect.Pointer || d.v.IsNil() {
		return false, false
	}
	want, found := s.asTargets.Load(d.v.Pointer())
	if !found {
		return false, false
	}
	star, isStar := t.AST.(*ast.StarExpr)
	if !isStar {
		return false, true
	}
	return types.ExprString(typeUnparen(star.X)) == want, true
}

// callAs calls the As method of an error, of a cell's type or compiled.
func (s *dynTypes) callAs(d dynValue, e error, target any) bool {
	if d.ct == nil {
		x, ok := e.(interface{ As(any) bool })
		return ok && x.As(target)
	}
	fn, onPtr := d.ct.method("As", d.ptr)
	if !fn.IsValid() || fn.Type().NumIn() != 2 || fn.Type().NumOut() != 1 {
		return false
	}
	arg := d.v
	if d.ptr && !onPtr {
		if arg.IsNil() {
			panic(&runtimeError{msg: "runtime error: invalid memory address or nil pointer dereference"})
		}
		arg = arg.Elem()
	}
	tv := reflect.ValueOf(&target).Elem()
	if p := fn.Type().In(1); !tv.Type().AssignableTo(p) {
		return false
	}
	out := fn.Call([]reflect.Value{arg, tv})
	return out[0].Kind() == reflect.Bool && out[0].Bool()
}

// cellErrorStringer is an error holding a value of a cell's type with
// Error and String methods, made a fmt.Stringer that is still that error
// for fmt and the hooks.
type cellErrorStringer struct {
	err error
	str cellStringer
}

// Error is the error's.
func (c *cellErrorStringer) Error() string { return c.err.Error() }

// String calls the type's String method.
func (c *cellErrorStringer) String() string { return c.str.String() }

// Carried is the error's, when it carries a value (interptype.Carrier).
func (c *cellErrorStringer) Carried() (value, itype reflect.Value) {
	if x, ok := c.err.(interface {
		Carried() (value, itype reflect.Value)
	}); ok {
		return x.Carried()
	}
	return reflect.Value{}, reflect.Value{}
}

// PrintedAs is the error's, when it stands for a value of a cell's type
// for the printer.
func (c *cellErrorStringer) PrintedAs() (goprint.Type, reflect.Value) {
	if x, ok := c.err.(interface {
		PrintedAs() (goprint.Type, reflect.Value)
	}); ok {
		return x.PrintedAs()
	}
	return nil, reflect.Value{}
}
