package goeval

import (
	"go/ast"
	"reflect"
	"unsafe"
)

// reflect.DeepEqual compares dynamic types by their run-time types, which
// the interpreter gives a Weekday and an int alike (reflect.DeepEqual(
// Weekday(2), 2) is true), and compares the boxed values the interpreter
// keeps in interfaces by their boxes. The rewriter points it at a hook that
// compares as Go does, with the types the interpreter recorded:
//
//	reflect.DeepEqual(a, b)  ->  _goeval_.DeepEqual([]any{a}, []any{b})

// deepEqualCall points reflect.DeepEqual at the hook.
func (rw *rewriter) deepEqualCall(call *ast.CallExpr) {
	sel, ok := typeUnparen(call.Fun).(*ast.SelectorExpr)
	if !ok || rw.show == nil || sel.Sel.Name != "DeepEqual" || len(call.Args) != 2 || call.Ellipsis.IsValid() {
		return
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok {
		return
	}
	if p, ok := rw.infer.PackagePath(id.Name); !ok || p != "reflect" {
		return
	}
	rw.add(edit{start: rw.off(call.Fun.Pos()), end: rw.off(call.Lparen) + 1, text: hooksImport + ".DeepEqual([]any{", rank: rankReplace})
	rw.add(edit{start: rw.off(call.Args[0].End()), end: rw.off(call.Args[1].Pos()), text: "}, []any{", rank: rankReplace})
	rp := rw.off(call.Rparen)
	rw.add(edit{start: rw.off(call.Args[1].End()), end: rp + 1, text: "})", rank: rankReplace})
}

// deepVisit is a pair of references compared already (cycles).
type deepVisit struct {
	a, b unsafe.Pointer
	t    reflect.Type
}

// deepEqual is the DeepEqual hook.
func (s *dynTypes) deepEqual(a, b []any) bool {
	p, q := s.certainPair("reflect.DeepEqual", s.dynamicOf(a), s.dynamicOf(b))
	return s.deepDyn(p, q, map[deepVisit]bool{}, 0)
}

// deepDyn compares two values taken out of interfaces: their types, then
// their values.
func (s *dynTypes) deepDyn(p, q possibility, seen map[deepVisit]bool, depth int) bool {
	a, b := p.d, q.d
	if !a.v.IsValid() || !b.v.IsValid() {
		return !a.v.IsValid() && !b.v.IsValid()
	}
	if p.name() != q.name() || a.v.Type() != b.v.Type() {
		return false
	}
	if a.ct != nil && (b.ct == nil || a.ct.version != b.ct.version || a.ptr != b.ptr) {
		return false
	}
	return s.deepValue(a.v, b.v, seen, depth)
}

// deepValue compares two values of the same run-time type as
// reflect.DeepEqual does.
func (s *dynTypes) deepValue(x, y reflect.Value, seen map[deepVisit]bool, depth int) bool {
	if depth > 1000 {
		return false
	}
	hard := func(k reflect.Kind) bool {
		switch k {
		case reflect.Map, reflect.Slice, reflect.Pointer, reflect.Interface:
			return true
		}
		return false
	}
	if hard(x.Kind()) && x.Kind() != reflect.Interface && x.CanAddr() && y.CanAddr() {
		v := deepVisit{unsafe.Pointer(x.UnsafeAddr()), unsafe.Pointer(y.UnsafeAddr()), x.Type()}
		if seen[v] {
			return true
		}
		seen[v] = true
	}
	switch x.Kind() {
	case reflect.Interface:
		return s.deepHeld(x, y, seen, depth)
	case reflect.Struct:
		if isValueInterface(x) {
			return s.deepHeld(x, y, seen, depth)
		}
		for i := 0; i < x.NumField(); i++ {
			if !s.deepValue(x.Field(i), y.Field(i), seen, depth+1) {
				return false
			}
		}
		return true
	case reflect.Array:
		for i := 0; i < x.Len(); i++ {
			if !s.deepValue(x.Index(i), y.Index(i), seen, depth+1) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if x.IsNil() != y.IsNil() || x.Len() != y.Len() {
			return false
		}
		if x.UnsafePointer() == y.UnsafePointer() {
			return true
		}
		for i := 0; i < x.Len(); i++ {
			if !s.deepValue(x.Index(i), y.Index(i), seen, depth+1) {
				return false
			}
		}
		return true
	case reflect.Map:
		if x.IsNil() != y.IsNil() || x.Len() != y.Len() {
			return false
		}
		if x.UnsafePointer() == y.UnsafePointer() {
			return true
		}
		it := x.MapRange()
		for it.Next() {
			yv := y.MapIndex(it.Key())
			if !yv.IsValid() || !s.deepValue(it.Value(), yv, seen, depth+1) {
				return false
			}
		}
		return true
	case reflect.Pointer:
		if x.UnsafePointer() == y.UnsafePointer() {
			return true
		}
		return s.deepValue(x.Elem(), y.Elem(), seen, depth+1)
	case reflect.Func:
		return x.IsNil() && y.IsNil()
	case reflect.Chan, reflect.UnsafePointer:
		return x.Pointer() == y.Pointer()
	}
	return scalarEqual(x, y)
}

// deepHeld compares two interface values held in fields or elements.
func (s *dynTypes) deepHeld(x, y reflect.Value, seen map[deepVisit]bool, depth int) bool {
	p, q := s.certainPair("reflect.DeepEqual", s.dynamic(x), s.dynamic(y))
	return s.deepDyn(p, q, seen, depth+1)
}
