package goeval

import (
	"go/ast"
	"go/token"
	"reflect"
	"sync"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// The interpreter compares interface values by the representation it
// holds them in: two boxed values (interp.valueInterface) are == only if
// they came from the same node, so two equal Weekdays, or two equal
// values of a type with methods, are not (var a, b any = C(1), C(1); a
// == b is false), and a map keyed by an interface type stores every boxed
// key apart (YAEGI_BUGS.md, 31). The rewriter has such comparisons made
// by the hooks, which compare dynamic types and values as Go does:
//
//	a == b             ->  _goeval_.Equal([]any{a}, []any{b})
//	a != Weekday(1)    ->  !_goeval_.Equal([]any{a}, []any{Weekday(1)})
//	switch v {         ->  switch _goeval_t3 := v; {
//	case 1, w:              case _goeval_.Equal([]any{_goeval_t3}, []any{1}) || _goeval_.Equal([]any{_goeval_t3}, []any{w}):
//	m[k]               ->  m[_goeval_.Key([]any{k})]   (a map keyed by interface{})
//
// A comparison with nil is left to the interpreter. Equal compares the
// operands of struct and array types holding interfaces too. Key returns,
// for a boxed key, the first box met with the same type and value, so the
// map finds it.

// equalNeeded reports whether a comparison of values of static type t
// must go through Equal: t is an interface, or a struct or array type
// holding one.
func (rw *rewriter) equalNeeded(t typeinfer.Type, depth int) bool {
	in := rw.infer
	if !t.IsType() || depth > 8 {
		return false
	}
	if t.RT != nil {
		return rtHoldsInterface(t.RT, depth)
	}
	switch u := in.Underlying(t.AST).(type) {
	case *ast.InterfaceType:
		return true
	case *ast.ArrayType:
		return u.Len != nil && rw.equalNeeded(in.TypeExpr(u.Elt), depth+1)
	case *ast.StructType:
		for _, f := range u.Fields.List {
			if rw.equalNeeded(in.TypeExpr(f.Type), depth+1) {
				return true
			}
		}
	case nil:
		return in.Kind(t) == reflect.Interface
	}
	return false
}

// rtHoldsInterface reports whether values of compiled type t are or hold
// interface values that == compares.
func rtHoldsInterface(t reflect.Type, depth int) bool {
	if depth > 8 {
		return false
	}
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Array:
		return rtHoldsInterface(t.Elem(), depth+1)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if rtHoldsInterface(t.Field(i).Type, depth+1) {
				return true
			}
		}
	}
	return false
}

// isNilIdent reports whether x is the predeclared nil.
func (rw *rewriter) isNilIdent(x ast.Expr) bool {
	id, ok := typeinfer.Unparen(x).(*ast.Ident)
	return ok && id.Name == "nil" && !rw.infer.Shadowed("nil")
}

// equality rewrites x == y and x != y between interface values.
func (rw *rewriter) equality(be *ast.BinaryExpr, depth int, stack []ast.Node) {
	if rw.show == nil || be.Op != token.EQL && be.Op != token.NEQ || rw.isNilIdent(be.X) || rw.isNilIdent(be.Y) {
		return
	}
	in := rw.infer
	tx, ty := in.TypeOf(be.X), in.TypeOf(be.Y)
	// In a generic function, an operand of a type parameter's type has
	// no type to the engine, and may be an interface.
	// (Not against an untyped constant, which becomes a value of the
	// type parameter's type.)
	generic := (!tx.IsType() || !ty.IsType()) && !tx.Untyped && !ty.Untyped && len(typeParams(stack)) > 0
	if !generic && !rw.equalNeeded(tx, 0) && !rw.equalNeeded(ty, 0) {
		return
	}
	open := hooksImport + ".Equal([]any{"
	if be.Op == token.NEQ {
		open = "!" + open
	}
	xs, xe, ys, ye := rw.off(be.X.Pos()), rw.off(be.X.End()), rw.off(be.Y.Pos()), rw.off(be.Y.End())
	rw.add(edit{start: xs, end: xs, text: open, rank: openRank(depth)})
	rw.add(edit{start: xe, end: ys, text: "}, []any{", rank: rankReplace})
	rw.add(edit{start: ye, end: ye, text: "})", rank: closeRank(depth)})
}

// switchTag rewrites an expression switch on an interface value as a
// switch of comparisons made by Equal.
func (rw *rewriter) switchTag(ss *ast.SwitchStmt, label *ast.LabeledStmt, depth int) {
	if rw.show == nil || ss.Tag == nil || !rw.equalNeeded(rw.infer.TypeOf(ss.Tag), 0) {
		return
	}
	compares := false
	for _, st := range ss.Body.List {
		if cc, ok := st.(*ast.CaseClause); ok && len(cc.List) > 0 {
			compares = true
		}
	}
	if !compares {
		return
	}
	t := rw.fresh("t")
	if ss.Init != nil {
		// The init statement moves into a block before the switch.
		open := rw.off(ss.Pos())
		if label != nil {
			open = rw.off(label.Pos())
		}
		start, end := rw.off(ss.Init.Pos()), rw.off(ss.Init.End())
		var sub emitter
		sub.piece(rw.cell, start, end, rw.takeEdits(start, end))
		rw.add(edit{start: open, end: open, text: "{" + sub.String() + "; ", rank: openRank(depth)})
		rw.add(edit{start: start, end: rw.off(ss.Tag.Pos()), text: "", rank: rankReplace})
		closeAt := rw.off(ss.End())
		rw.add(edit{start: closeAt, end: closeAt, text: "}", rank: closeRank(depth)})
	}
	ts, te := rw.off(ss.Tag.Pos()), rw.off(ss.Tag.End())
	rw.add(edit{start: ts, end: ts, text: t + " := ", rank: openRank(depth + 1)})
	rw.add(edit{start: te, end: te, text: ";", rank: closeRank(depth + 1)})
	for _, st := range ss.Body.List {
		cc, ok := st.(*ast.CaseClause)
		if !ok {
			continue
		}
		for i, x := range cc.List {
			xs, xe := rw.off(x.Pos()), rw.off(x.End())
			rw.add(edit{start: xs, end: xs, text: hooksImport + ".Equal([]any{" + t + "}, []any{", rank: openRank(depth + 1)})
			rw.add(edit{start: xe, end: xe, text: "})", rank: closeRank(depth + 1)})
			if i+1 < len(cc.List) {
				rw.add(edit{start: xe, end: rw.off(cc.List[i+1].Pos()), text: " || ", rank: rankReplace})
			}
		}
	}
}

// mapKeys has the keys of maps keyed by interface{} made by Key: index
// expressions, delete and the keys of map literals.
func (rw *rewriter) mapKeys(n ast.Node) {
	if rw.show == nil {
		return
	}
	in := rw.infer
	keyed := func(m ast.Expr) bool { return rw.emptyInterface(in.MapKey(in.TypeOf(m))) }
	switch n := n.(type) {
	case *ast.IndexExpr:
		if keyed(n.X) {
			rw.key(n.Index)
		}
	case *ast.CallExpr:
		if id, ok := typeUnparen(n.Fun).(*ast.Ident); ok && id.Name == "delete" && !in.Shadowed("delete") &&
			len(n.Args) == 2 && keyed(n.Args[0]) {
			rw.key(n.Args[1])
		}
	case *ast.CompositeLit:
		t := in.TypeExpr(n.Type)
		if n.Type == nil || !t.IsType() || !rw.emptyInterface(in.MapKey(t)) {
			return
		}
		for _, e := range n.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				rw.key(kv.Key)
			}
		}
	}
}

// key wraps a map key in Key.
func (rw *rewriter) key(x ast.Expr) {
	if rw.isNilIdent(x) {
		return
	}
	start, end := rw.off(x.Pos()), rw.off(x.End())
	rw.add(edit{start: start, end: start, text: hooksImport + ".Key([]any{", rank: openRank(boxDepth - 1)})
	rw.add(edit{start: end, end: end, text: "})", rank: closeRank(boxDepth - 1)})
}

// equal is the Equal hook: a == b for the values in two one-element
// []any, as Go compares them, refusing when the answer depends on the
// type of a value the interpreter did not keep.
func (s *dynTypes) equal(a, b []any) bool {
	da, db := s.dynamicOf(a), s.dynamicOf(b)
	pa, pb := s.possible(da), s.possible(db)
	if len(pa) == 1 && len(pb) == 1 {
		return s.eqDyn(pa[0], pb[0])
	}
	first := false
	for i, p := range pa {
		for j, q := range pb {
			r := s.eqDyn(p, q)
			if (i > 0 || j > 0) && r != first {
				all := append(append([]possibility{}, pa...), pb...)
				refuseDoubt("the comparison ==", all, compareEarlier)
			}
			first = r
		}
	}
	return first
}

// eqDyn compares two possibilities: their types, then their values.
func (s *dynTypes) eqDyn(p, q possibility) bool { return s.eqDynAt(p, q, 0) }

// eqDynAt is eqDyn for values nested depth deep in the operands.
func (s *dynTypes) eqDynAt(p, q possibility, depth int) bool {
	a, b := p.d, q.d
	if !a.v.IsValid() || !b.v.IsValid() {
		return !a.v.IsValid() && !b.v.IsValid()
	}
	if p.other != q.other || (a.ct == nil) != (b.ct == nil) || a.v.Type() != b.v.Type() {
		return false
	}
	if a.ct != nil && (a.ct.version != b.ct.version || a.ptr != b.ptr) {
		return false
	}
	return s.eqValue(a.v, b.v, a.typeName(), depth)
}

// eqValue compares two values of the same run-time type as == does;
// name is the type's name for the panic on an uncomparable type.
func (s *dynTypes) eqValue(x, y reflect.Value, name string, depth int) bool {
	if depth > 100 {
		panic(&runtimeError{msg: "runtime error: comparing values nested too deeply"})
	}
	switch x.Kind() {
	case reflect.Interface:
		return s.eqDynValues(x, y, depth)
	case reflect.Struct:
		if isValueInterface(x) {
			return s.eqDynValues(x, y, depth)
		}
		for i := 0; i < x.NumField(); i++ {
			if x.Type().Field(i).Name == "_" {
				continue
			}
			if !s.eqValue(x.Field(i), y.Field(i), name, depth+1) {
				return false
			}
		}
		return true
	case reflect.Array:
		for i := 0; i < x.Len(); i++ {
			if !s.eqValue(x.Index(i), y.Index(i), name, depth+1) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Map, reflect.Func:
		panic(&runtimeError{msg: "runtime error: comparing uncomparable type " + name})
	case reflect.Pointer, reflect.Chan, reflect.UnsafePointer:
		return x.Pointer() == y.Pointer()
	}
	return scalarEqual(x, y)
}

// eqDynValues compares two interface values held in fields or elements.
func (s *dynTypes) eqDynValues(x, y reflect.Value, depth int) bool {
	p, q := s.certainPair("the comparison ==", s.dynamic(x), s.dynamic(y))
	return s.eqDynAt(p, q, depth+1)
}

// keys interns the boxed keys of maps keyed by interface{}.
type keys struct {
	mu sync.Mutex
	m  map[keyID]any
}

// keyID identifies a boxed key: the interpreter's type and the bare
// value.
type keyID struct {
	itype uintptr
	ptr   bool
	v     any
}

// key is the Key hook: the map key for the value in a one-element []any.
// A value boxed with its type becomes the first box met with the same
// type and value; any other value is itself.
func (s *dynTypes) key(box []any) any {
	d := s.dynamicOf(box)
	v := boxed(box)
	if !v.IsValid() {
		return nil
	}
	in := v.Interface()
	ps := s.possible(d)
	if len(ps) > 1 {
		refuseDoubt("a map key of type interface{}", ps,
			"key the map by the value's own type, or use the value as a key before it goes through compiled code")
	}
	if d.ct == nil || !d.itype.IsValid() || !d.v.IsValid() {
		return in
	}
	if !d.v.Type().Comparable() {
		panic(&runtimeError{msg: "runtime error: hash of unhashable type " + d.typeName()})
	}
	if !d.v.CanInterface() {
		return in
	}
	id := keyID{itype: d.itype.Pointer(), ptr: d.ptr, v: d.v.Interface()}
	s.keySet.mu.Lock()
	defer s.keySet.mu.Unlock()
	if s.keySet.m == nil {
		s.keySet.m = map[keyID]any{}
	}
	if k, ok := s.keySet.m[id]; ok {
		return k
	}
	s.keySet.m[id] = in
	return in
}
