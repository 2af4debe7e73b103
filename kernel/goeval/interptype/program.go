package interptype

import (
	"reflect"
	"sort"

	"github.com/descentlab/descent/kernel/goeval/goprint"
	"github.com/traefik/yaegi/interp"
)

func kindOf(n reflect.Value) uint64 { return n.Elem().Field(lay.node.kind).Uint() }

func children(n reflect.Value) reflect.Value { return n.Elem().Field(lay.node.child) }

func child(n reflect.Value, i int) reflect.Value {
	c := children(n)
	if i >= c.Len() {
		return reflect.Value{}
	}
	return c.Index(i)
}

// ReadProgram reads a compiled program: it records the types of its code
// (the candidates for values stored without their type) and returns the
// static types of the operands of its print calls, by site. A print call
// is a call of a method of the value that a call of marker (a compiled
// func taking the site number) returns: marker(7).Println(a, b). A site
// met more than once (in the instances of a generic function) has nil
// types. An operand written interface{}(x) has the static type of x; a
// lone operand that is a call, or the call handed through the literal of
// u.Spread, has the types of the call's results. A nil entry is a type
// that could not be read.
func (u *Universe) ReadProgram(prog *interp.Program, marker reflect.Value) map[int][]goprint.Type {
	if lay.err != nil || prog == nil {
		return nil
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	u.gen++
	defer programs.Add(1)
	u.memo = map[uintptr]goprint.Type{}
	defer func() { u.memo = nil }()
	w := walker{u: u, marker: marker.Pointer(), sites: map[int][]goprint.Type{}}
	w.walk(programRoot(prog), reflect.Value{}, 0)
	return w.sites
}

func programRoot(p *interp.Program) reflect.Value {
	return reflect.ValueOf(p).Elem().Field(lay.prog.root)
}

type walker struct {
	u      *Universe
	marker uintptr
	sites  map[int][]goprint.Type
}

var (
	kCall       = lay.kinds["callExpr"]
	kBasicLit   = lay.kinds["basicLit"]
	kSelector   = lay.kinds["selectorExpr"]
	kFuncDecl   = lay.kinds["funcDecl"]
	kFuncLit    = lay.kinds["funcLit"]
	kReturn     = lay.kinds["returnStmt"]
	kInterface  = lay.kinds["interfaceType"]
	kAssign     = lay.kinds["assignStmt"]
	kDefine     = lay.kinds["defineStmt"]
	kComposite  = lay.kinds["compositeLitExpr"]
	catValue    = lay.cats["valueT"]
	catIface    = lay.cats["interfaceT"]
	catFunc     = lay.cats["funcT"]
	catBuiltin  = lay.cats["builtinT"]
	maxWalkDeep = 10000
	typeExpr    = func() map[uint64]bool {
		m := map[uint64]bool{}
		for _, n := range []string{"structType", "arrayType", "mapType", "funcType", "chanType", "chanTypeSend", "chanTypeRecv", "interfaceType", "fieldList", "fieldExpr"} {
			if k, ok := lay.kinds[n]; ok {
				m[k] = true
			}
		}
		return m
	}()
)

// walk visits node n; fn is the type of the function n is in.
func (w *walker) walk(n, fn reflect.Value, depth int) {
	if !n.IsValid() || n.IsNil() || depth > maxWalkDeep {
		return
	}
	e := n.Elem()
	k := kindOf(n)
	if typeExpr[k] {
		// The type literal of a declaration (the struct of type P
		// struct{...}) is not the type of any value.
		return
	}
	if tp := e.Field(lay.node.typ); !tp.IsNil() {
		w.u.typeOf(tp)
	}
	siteArgs := false
	switch k {
	case kFuncDecl, kFuncLit:
		fn = e.Field(lay.node.typ)
	case kReturn:
		w.returned(n, fn)
	case kAssign, kDefine:
		w.assigned(n)
	case kCall:
		if id, ok := w.site(n); ok {
			types := w.operandTypes(n)
			if _, twice := w.sites[id]; twice {
				// The same call in several instances of a generic
				// function: its operands have no one static type.
				w.sites[id] = nil
			} else {
				w.sites[id] = types
			}
			siteArgs = true
		} else {
			w.converted(n)
		}
	}
	cs := children(n)
	for i := 0; i < cs.Len(); i++ {
		c := cs.Index(i)
		if siteArgs && i > 0 && !c.IsNil() && kindOf(c) == kCall && isConversion(c) {
			// The evaluator's own interface{}(x) around an operand.
			w.walk(child(c, 1), fn, depth+1)
			continue
		}
		w.walk(c, fn, depth+1)
	}
}

// site reports whether call n is a print call, marker(id).Method(...).
func (w *walker) site(n reflect.Value) (int, bool) {
	sel := child(n, 0)
	if !sel.IsValid() || sel.IsNil() || kindOf(sel) != kSelector {
		return 0, false
	}
	at := child(sel, 0)
	if !at.IsValid() || at.IsNil() || kindOf(at) != kCall {
		return 0, false
	}
	fn := child(at, 0)
	if !fn.IsValid() || fn.IsNil() {
		return 0, false
	}
	rv := rvalOf(fn)
	if !rv.IsValid() || rv.Kind() != reflect.Func || rv.Pointer() != w.marker {
		return 0, false
	}
	lit := child(at, 1)
	if !lit.IsValid() || lit.IsNil() {
		return 0, false
	}
	id, ok := intConst(rvalOf(lit))
	return int(id), ok
}

// isConversion reports whether call n is interface{}(x).
func isConversion(n reflect.Value) bool {
	f := child(n, 0)
	return children(n).Len() == 2 && f.IsValid() && !f.IsNil() && kindOf(f) == kInterface
}

// operandTypes returns the static types of the operands of print call n.
func (w *walker) operandTypes(n reflect.Value) []goprint.Type {
	cs := children(n)
	var out []goprint.Type
	for i := 1; i < cs.Len(); i++ {
		c := cs.Index(i)
		if c.IsNil() {
			out = append(out, nil)
			continue
		}
		if kindOf(c) == kCall && isConversion(c) {
			c = child(c, 1)
		} else if cs.Len() == 2 && kindOf(c) == kCall {
			if inner, generic, ok := w.spread(c); ok {
				c = inner
				if generic {
					w.spreadBare(c)
				}
			}
			if rs := w.results(c); len(rs) > 1 {
				return rs
			}
		}
		out = append(out, w.u.typeOf(w.throughAny(c).Elem().Field(lay.node.typ)))
	}
	return out
}

// throughAny returns x of an operand n that is an explicit conversion
// any(x) (or interface{}(x)) of x of a concrete type, whose dynamic type is
// then x's static type (the interpreter stores x without its type there);
// n itself otherwise.
func (w *walker) throughAny(n reflect.Value) reflect.Value {
	if kindOf(n) != kCall || children(n).Len() != 2 || !isEmptyIface(n.Elem().Field(lay.node.typ)) {
		return n
	}
	f, x := child(n, 0), child(n, 1)
	if f.IsNil() || x.IsNil() || !isEmptyIface(f.Elem().Field(lay.node.typ)) {
		return n // a call of a function, not a conversion
	}
	xt := x.Elem().Field(lay.node.typ)
	if xt.IsNil() {
		return n
	}
	switch t := w.u.typeOf(xt); {
	case t == nil, t.Kind() == reflect.Interface, t.Kind() == reflect.Invalid:
		return n
	}
	return x
}

// spread returns the call g() of call n when n is the evaluator's
// func(Spread ...interface{}) []interface{} { return Spread }(g()), and
// whether the literal is SpreadGeneric's.
func (w *walker) spread(n reflect.Value) (g reflect.Value, generic, ok bool) {
	if children(n).Len() != 2 {
		return reflect.Value{}, false, false
	}
	lit, arg := child(n, 0), child(n, 1)
	if lit.IsNil() || kindOf(lit) != kFuncLit || arg.IsNil() || kindOf(arg) != kCall {
		return reflect.Value{}, false, false
	}
	body := children(lit)
	if body.Len() == 0 {
		return reflect.Value{}, false, false
	}
	ret := child(body.Index(body.Len()-1), 0)
	if !ret.IsValid() || ret.IsNil() || kindOf(ret) != kReturn || children(ret).Len() != 1 {
		return reflect.Value{}, false, false
	}
	id := child(ret, 0)
	if id.IsNil() {
		return reflect.Value{}, false, false
	}
	switch id.Elem().Field(lay.node.ident).String() {
	case "":
	case w.u.Spread:
		return arg, false, true
	case w.u.SpreadGeneric:
		return arg, true, true
	}
	return reflect.Value{}, false, false
}

// spreadBare records the types of the results of call n that have
// methods: handed to the interface{} parameter of an interpreted function,
// the interpreter stores them without their type.
func (w *walker) spreadBare(n reflect.Value) {
	f := child(n, 0)
	if !f.IsValid() || f.IsNil() {
		return
	}
	ft := f.Elem().Field(lay.node.typ)
	if ft.IsNil() {
		return
	}
	var rets []reflect.Value
	if itField(ft, lay.it.cat).Uint() == catFunc {
		rs := itField(ft, lay.it.ret)
		for i := 0; i < rs.Len(); i++ {
			rets = append(rets, rs.Index(i))
		}
	} else {
		// A conversion, a builtin: one result, the call's type.
		rets = append(rets, n.Elem().Field(lay.node.typ))
	}
	for _, tp := range rets {
		if tp.IsNil() || itField(tp, lay.it.method).Len() == 0 {
			continue
		}
		if t, ok := w.u.typeOf(tp).(*Type); ok && t.kind != reflect.Interface {
			w.u.unboxed[t] = true
		}
	}
}

// results returns the types of the results of call n.
func (w *walker) results(n reflect.Value) []goprint.Type {
	f := child(n, 0)
	if !f.IsValid() || f.IsNil() {
		return nil
	}
	ft := f.Elem().Field(lay.node.typ)
	if ft.IsNil() {
		return nil
	}
	switch itField(ft, lay.it.cat).Uint() {
	case catFunc:
		return w.u.typeList(itField(ft, lay.it.ret))
	case catValue:
		rt := rtypeOf(ft)
		if rt == nil || rt.Kind() != reflect.Func {
			return nil
		}
		var out []goprint.Type
		for i := 0; i < rt.NumOut(); i++ {
			out = append(out, w.u.bin(rt.Out(i)))
		}
		return out
	}
	return nil
}

// hasMethods reports whether the static type of node n has methods of its
// own, so that the interpreter boxes its values in an interface{} (see
// unboxedAt).
func (w *walker) hasMethods(n reflect.Value) (*Type, bool) {
	if !n.IsValid() || n.IsNil() {
		return nil, false
	}
	tp := n.Elem().Field(lay.node.typ)
	if tp.IsNil() {
		return nil, false
	}
	t, ok := w.u.typeOf(tp).(*Type)
	if !ok || t.kind == reflect.Interface || itField(tp, lay.it.method).Len() == 0 {
		return nil, false
	}
	return t, true
}

// The interpreter stores a value whose type has methods in an interface{}
// boxed with its type, except when it converts it explicitly (any(x)), when
// a function returns it as an interface{}, and when it passes it to a
// compiled function's interface{} parameter: there it stores the bare
// representation. The types met there are candidates for bare values.

func isEmptyIface(tp reflect.Value) bool {
	if tp.IsNil() {
		return false
	}
	switch itField(tp, lay.it.cat).Uint() {
	case catIface:
		return itField(tp, lay.it.field).Len() == 0
	case catValue:
		rt := rtypeOf(tp)
		return rt != nil && rt.Kind() == reflect.Interface && rt.NumMethod() == 0
	}
	return false
}

// returned records the types a return statement n returns unboxed.
func (w *walker) returned(n, fn reflect.Value) {
	if !fn.IsValid() || fn.IsNil() {
		return
	}
	rets := itField(fn, lay.it.ret)
	cs := children(n)
	for i := 0; i < cs.Len() && i < rets.Len(); i++ {
		if isEmptyIface(rets.Index(i)) {
			if t, ok := w.hasMethods(cs.Index(i)); ok {
				w.u.unboxed[t] = true
			}
		}
	}
}

// assigned records the types of the composite literals that assignment
// n stores unboxed: the interpreter stores a composite literal assigned
// to a variable of an empty interface type (var y any = P{1}, y = P{1})
// as its bare representation, whatever the type's methods. (It decides
// by the type of the assignment's first destination, for each literal.)
func (w *walker) assigned(n reflect.Value) {
	cs := children(n)
	if cs.Len() < 2 || cs.Index(0).IsNil() || !isEmptyIface(cs.Index(0).Elem().Field(lay.node.typ)) {
		return
	}
	for i := 1; i < cs.Len(); i++ {
		c := cs.Index(i)
		if c.IsNil() || kindOf(c) != kComposite {
			continue
		}
		if t, ok := w.hasMethods(c); ok {
			w.u.unboxed[t] = true
		}
	}
}

// isFuncNode reports whether node n is a function value (of an
// interpreted or compiled function type).
func isFuncNode(n reflect.Value) bool {
	if !n.IsValid() || n.IsNil() {
		return false
	}
	tp := n.Elem().Field(lay.node.typ)
	if tp.IsNil() {
		return false
	}
	switch itField(tp, lay.it.cat).Uint() {
	case catFunc:
		return true
	case catValue:
		rt := rtypeOf(tp)
		return rt != nil && rt.Kind() == reflect.Func
	}
	return false
}

// converted records the types call n converts explicitly to interface{},
// passes to a compiled function's interface{} parameter or to panic.
func (w *walker) converted(n reflect.Value) {
	cs := children(n)
	if cs.Len() < 2 {
		return
	}
	if tp := n.Elem().Field(lay.node.typ); cs.Len() == 2 && isEmptyIface(tp) && !isFuncNode(cs.Index(0)) {
		// interface{}(x), not a call of a function of one argument
		// returning interface{}.
		if t, ok := w.hasMethods(cs.Index(1)); ok {
			w.u.unboxed[t] = true
		}
	}
	f := cs.Index(0)
	if f.IsNil() {
		return
	}
	ft := f.Elem().Field(lay.node.typ)
	if !ft.IsNil() && itField(ft, lay.it.cat).Uint() == catBuiltin && f.Elem().Field(lay.node.ident).String() == "panic" {
		// panic(x) stores x in the panic's interface{} without its type:
		// recover() gives it back bare.
		if t, ok := w.hasMethods(cs.Index(1)); ok {
			w.u.unboxed[t] = true
		}
		return
	}
	if ft.IsNil() || itField(ft, lay.it.cat).Uint() != catValue {
		return
	}
	rt := rtypeOf(ft)
	if rt == nil || rt.Kind() != reflect.Func {
		return
	}
	for i := 1; i < cs.Len(); i++ {
		j := i - 1
		var pt reflect.Type
		switch {
		case rt.IsVariadic() && j >= rt.NumIn()-1:
			pt = rt.In(rt.NumIn() - 1).Elem()
		case j < rt.NumIn():
			pt = rt.In(j)
		default:
			continue
		}
		if pt.Kind() == reflect.Interface && pt.NumMethod() == 0 {
			if t, ok := w.hasMethods(cs.Index(i)); ok {
				w.u.unboxed[t] = true
			}
		}
	}
}

// Needs returns the named types of package main whose method sets have
// methods fmt calls and no registered callers yet (or callers made for an
// earlier method set).
func (u *Universe) Needs(in *interp.Interpreter) []Need {
	if lay.err != nil {
		return nil
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	scopes := reflect.ValueOf(in).Elem().Field(lay.in.scopes)
	sc := scopes.MapIndex(reflect.ValueOf("main"))
	if !sc.IsValid() || sc.IsNil() {
		return nil
	}
	syms := sc.Elem().Field(lay.sc.sym)
	typeSym := lay.symKinds["typeSym"]
	byKey := map[string]Need{}
	it := syms.MapRange()
	for it.Next() {
		s := it.Value()
		if s.IsNil() || s.Elem().Field(lay.sym.kind).Uint() != typeSym {
			continue
		}
		tp := s.Elem().Field(lay.sym.typ)
		t, ok := u.typeOf(tp).(*Type)
		if !ok {
			continue
		}
		name := it.Key().String()
		n, need := u.needFor(name, t)
		if !need {
			continue
		}
		if old, dup := byKey[n.Key]; dup && old.Source == t.name {
			continue // keep the type's own name over an alias
		}
		byKey[n.Key] = n
	}
	out := make([]Need, 0, len(byKey))
	for _, n := range byKey {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
