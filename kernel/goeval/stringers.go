package goeval

import (
	"fmt"
	"go/ast"
	"reflect"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// A value of a cell's type stored in a variable of type fmt.Stringer is
// wrapped by the interpreter in a struct that keeps only a struct's last
// field (YAEGI_BUGS.md, 9): its String method works, but %T, %+v, a type
// switch or an assertion to the cell's type cannot see the value. As for
// error (conversions.go), such conversions go through a hook that keeps
// the value and its type:
//
//	var s fmt.Stringer = Sq{2, 4}  ->  var s fmt.Stringer = _goeval_.ToStringer(7, []any{Sq{2, 4}})

// stringerType is fmt.Stringer.
var stringerType = reflect.TypeFor[fmt.Stringer]()

// isStringerType reports whether t is fmt.Stringer.
func isStringerType(t typeinfer.Type) bool { return t.RT == stringerType }

// cellStringerType reports whether t is a type of the cells (or a pointer
// to one) whose method set has String.
func (rw *rewriter) cellStringerType(t typeinfer.Type) bool {
	m, ok := rw.cellMethod(t, "String")
	return ok && m.Method != nil &&
		fieldsText(m.Method.Type.Params) == "" && fieldsText(m.Method.Type.Results) == "string"
}

// toStringer wraps x when it converts a cell's type with a String method
// to fmt.Stringer.
func (rw *rewriter) toStringer(x ast.Expr) { rw.convertThrough("ToStringer", rw.cellStringerType, x) }

// cellStringer is a value of a cell's type with a String method, made a
// fmt.Stringer for compiled code.
type cellStringer struct {
	d     dynValue
	fn    reflect.Value
	onPtr bool
}

// String calls the type's String method.
func (c *cellStringer) String() string {
	arg := c.d.receiver(c.onPtr)
	return c.fn.Call([]reflect.Value{arg})[0].String()
}

// Carried implements interptype.Carrier: fmt prints the value of the
// cell's type, not the adapter.
func (c *cellStringer) Carried() (value, itype reflect.Value) { return c.d.v, c.d.itype }

// stringerOf recognises a cellStringer.
func stringerOf(v reflect.Value) (*cellStringer, bool) {
	if !v.IsValid() || !v.CanInterface() {
		return nil, false
	}
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil, false
		}
		v = v.Elem()
	}
	cs, ok := v.Interface().(*cellStringer)
	return cs, ok
}

// toStringer is the ToStringer hook: a value of a cell's type with a
// String method, of static type h, made a fmt.Stringer that keeps the
// value and its type.
func (s *dynTypes) toStringer(h int, box []any) fmt.Stringer {
	v := boxed(box)
	if c, ok := stringerOf(v); ok {
		return c
	}
	p := cellNames{in: s.inferer()}
	name, ptr, ok := p.cellNamed(s.typeOf(h))
	ct := s.version(name)
	bare, dt := bareValue(v)
	if !ok || ct == nil || !bare.IsValid() {
		if st, isStringer := plainStringer(v); isStringer {
			return st
		}
		return nil
	}
	fn, onPtr := ct.method("String", ptr)
	if !fn.IsValid() {
		if st, isStringer := plainStringer(v); isStringer {
			return st
		}
		return nil
	}
	var itype reflect.Value
	if dt != nil {
		itype = dt.itype
	}
	return &cellStringer{d: dynValue{v: bare, ct: ct, ptr: ptr, itype: itype}, fn: fn, onPtr: onPtr}
}

// plainStringer returns the fmt.Stringer an interface value holds.
func plainStringer(v reflect.Value) (fmt.Stringer, bool) {
	for v.IsValid() && v.Kind() == reflect.Interface && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() || !v.CanInterface() {
		return nil, false
	}
	st, ok := v.Interface().(fmt.Stringer)
	return st, ok
}
