package goeval

import (
	"reflect"
	"unsafe"
	"weak"

	"github.com/traefik/yaegi/interp"
)

// The interpreter binds a call to the function declaration it names when
// it compiles the call, and a function value (a closure in a variable, a
// function stored in a slice or map, a method value, a function handed to
// compiled code) holds that declaration too. Compiling the declarations
// that use a redefined name again (refresh.go) reaches only declarations:
// step := func(x float64) float64 { return x - rate()*x } made before
// rate was redefined kept calling the old rate.
//
// So when a function is compiled again with the same signature (a cell
// redefines it, or the refresh compiles it again), its old declaration is
// made to run the new body: the old declaration takes the new frame
// layout, and the entry node of the old body becomes a copy of the new
// body's entry node, so every call of the old declaration, already bound
// or wrapped for compiled code, continues into the new body. Nothing
// changes on the path of an ordinary call. A function redefined with
// another signature is a new function: values made before keep the old
// one, as a program that gave the versions distinct names would.

// Field names in the interpreter's node and type (yaegi v0.16.1).
const (
	nodeField   = "node"
	startField  = "start"
	argField    = "arg"
	retField    = "ret"
	methodField = "method"
	identField  = "ident"
	typField    = "typ"
)

// funcDecl is a function declaration node of the interpreter, held as a
// reflect.Value of its pointer.
type funcDecl struct {
	node  reflect.Value // *node of the declaration
	start reflect.Value // *node: the entry node of its body as compiled
}

// funcHistory holds the declarations a name had with its current
// signature: each is patched again when the name gets a new body. It holds
// them weakly: a declaration that no function value holds any more is
// collected (a cell that redefines a function, re-run thousands of times,
// would otherwise keep every version), and is dropped from the history.
type funcHistory struct {
	old []weak.Pointer[byte]
	typ reflect.Type // the interpreter's node type
}

// remember adds declaration node o to the history, once.
func (h *funcHistory) remember(o reflect.Value) {
	w := weak.Make((*byte)(o.UnsafePointer()))
	for _, d := range h.old {
		if d == w {
			return
		}
	}
	h.typ = o.Type().Elem()
	h.old = append(h.old, w)
}

// live returns the declarations of the history still held somewhere, and
// forgets the others.
func (h *funcHistory) live() []funcDecl {
	var out []funcDecl
	kept := h.old[:0]
	for _, w := range h.old {
		p := w.Value()
		if p == nil {
			continue
		}
		kept = append(kept, w)
		out = append(out, declOf(reflect.NewAt(h.typ, unsafe.Pointer(p))))
	}
	clear(h.old[len(kept):])
	h.old = kept
	return out
}

// packageSymbol returns the symbol (a struct) of name in the package
// scope, or false.
func packageSymbol(in *interp.Interpreter, name string) (reflect.Value, bool) {
	scopes := reflect.ValueOf(in).Elem().FieldByName(scopesField)
	if !scopes.IsValid() || scopes.Kind() != reflect.Map {
		return reflect.Value{}, false
	}
	sc := scopes.MapIndex(reflect.ValueOf("main"))
	if !sc.IsValid() || sc.Kind() != reflect.Pointer || sc.IsNil() {
		return reflect.Value{}, false
	}
	syms := sc.Elem().FieldByName(symField)
	if !syms.IsValid() || syms.Kind() != reflect.Map {
		return reflect.Value{}, false
	}
	s := syms.MapIndex(reflect.ValueOf(name))
	if !s.IsValid() || s.Kind() != reflect.Pointer || s.IsNil() {
		return reflect.Value{}, false
	}
	return s.Elem(), true
}

// packageFunc returns the declaration node of the package-level function
// name, or false.
func packageFunc(in *interp.Interpreter, name string) (reflect.Value, bool) {
	s, ok := packageSymbol(in, name)
	if !ok {
		return reflect.Value{}, false
	}
	n := s.FieldByName(nodeField)
	if !n.IsValid() || n.Kind() != reflect.Pointer || n.IsNil() || !isFuncDecl(n) {
		return reflect.Value{}, false
	}
	return settable(n), true
}

// isFuncDecl reports whether n (a *node) looks like a compiled function
// declaration: four children, the last a body with an entry node.
func isFuncDecl(n reflect.Value) bool {
	child := n.Elem().FieldByName(childField)
	if !child.IsValid() || child.Kind() != reflect.Slice || child.Len() != 4 {
		return false
	}
	body := child.Index(3)
	if body.Kind() != reflect.Pointer || body.IsNil() {
		return false
	}
	start := body.Elem().FieldByName(startField)
	types := n.Elem().FieldByName(typesField)
	return start.IsValid() && start.Kind() == reflect.Pointer && !start.IsNil() &&
		types.IsValid() && types.Kind() == reflect.Slice
}

// declOf returns the declaration node n with the entry node of its body.
func declOf(n reflect.Value) funcDecl {
	start := n.Elem().FieldByName(childField).Index(3).Elem().FieldByName(startField)
	return funcDecl{node: n, start: settable(start)}
}

// signatureTypes returns the frame types of n's results, receiver (when
// method) and parameters, which a caller made for one declaration fills
// for any other.
func signatureTypes(n reflect.Value, method bool) ([]reflect.Type, bool) {
	typ := n.Elem().FieldByName(typField)
	if !typ.IsValid() || typ.Kind() != reflect.Pointer || typ.IsNil() {
		return nil, false
	}
	arg, ret := typ.Elem().FieldByName(argField), typ.Elem().FieldByName(retField)
	if !arg.IsValid() || !ret.IsValid() || arg.Kind() != reflect.Slice || ret.Kind() != reflect.Slice {
		return nil, false
	}
	k := arg.Len() + ret.Len()
	if method {
		k++
	}
	types := settable(n.Elem().FieldByName(typesField))
	if types.Len() < k {
		return nil, false
	}
	out := make([]reflect.Type, k)
	for i := range out {
		t, ok := types.Index(i).Interface().(reflect.Type)
		if !ok {
			return nil, false
		}
		out[i] = t
	}
	return out, true
}

func sameTypes(a, b []reflect.Type) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// declKey names a function ("rate") or a method ("T.M") of the package.
type declKey struct{ recv, name string }

func (k declKey) String() string {
	if k.recv == "" {
		return k.name
	}
	return k.recv + "." + k.name
}

// funcKeys returns the non-generic functions and methods the plan
// compiles.
func (p *declPlan) funcKeys() []declKey {
	var out []declKey
	for _, u := range p.others {
		switch {
		case u.generic || len(u.names) != 1:
		case u.kind == unitFunc:
			out = append(out, declKey{name: u.names[0]})
		case u.kind == unitMethod:
			out = append(out, declKey{recv: u.recv, name: u.names[0]})
		}
	}
	return out
}

// lookupDecl returns the current declaration node of k: a method is looked
// up on the current hidden version of its type.
func (e *Evaluator) lookupDecl(k declKey) (reflect.Value, bool) {
	if k.recv == "" {
		return packageFunc(e.in, k.name)
	}
	v := e.reg.version[k.recv]
	if v == 0 {
		return reflect.Value{}, false
	}
	return typeMethod(e.in, versionName(k.recv, v), k.name)
}

// typeMethod returns the declaration node of method name of the package
// type typeName, or false.
func typeMethod(in *interp.Interpreter, typeName, name string) (reflect.Value, bool) {
	s, ok := packageSymbol(in, typeName)
	if !ok {
		return reflect.Value{}, false
	}
	typ := s.FieldByName(typField)
	if !typ.IsValid() || typ.Kind() != reflect.Pointer || typ.IsNil() {
		return reflect.Value{}, false
	}
	ms := typ.Elem().FieldByName(methodField)
	if !ms.IsValid() || ms.Kind() != reflect.Slice {
		return reflect.Value{}, false
	}
	for i := 0; i < ms.Len(); i++ {
		m := ms.Index(i)
		if m.Kind() != reflect.Pointer || m.IsNil() || !isFuncDecl(m) {
			continue
		}
		id := m.Elem().FieldByName(childField).Index(1)
		if id.Kind() != reflect.Pointer || id.IsNil() {
			continue
		}
		if f := id.Elem().FieldByName(identField); f.IsValid() && f.Kind() == reflect.String && f.String() == name {
			return settable(m), true
		}
	}
	return reflect.Value{}, false
}

// oldFuncs returns the current declaration nodes of keys, before a
// compilation replaces them.
func (e *Evaluator) oldFuncs(keys []declKey) map[declKey]reflect.Value {
	out := map[declKey]reflect.Value{}
	for _, k := range keys {
		if d, ok := e.lookupDecl(k); ok {
			out[k] = d
		}
	}
	return out
}

// replaceFuncs makes the declarations in old, and the earlier ones of the
// same names with the same signature, run the bodies the names now have.
// It runs after the plan is committed, with the new type versions.
func (e *Evaluator) replaceFuncs(old map[declKey]reflect.Value) {
	for k, o := range old {
		n, ok := e.lookupDecl(k)
		if !ok || n.Pointer() == o.Pointer() {
			continue
		}
		h := e.reg.replaced[k.String()]
		if h == nil {
			h = &funcHistory{}
			e.reg.replaced[k.String()] = h
		}
		method := k.recv != ""
		newSig, ok1 := signatureTypes(n, method)
		oldSig, ok2 := signatureTypes(o, method)
		if !ok1 || !ok2 || !sameTypes(newSig, oldSig) {
			// Another signature: a new function. Earlier values keep theirs.
			h.old = nil
			continue
		}
		h.remember(o)
		patchDecls(h.live(), declOf(n))
	}
}

// patchDecls makes each declaration of old run the body of cur.
func patchDecls(old []funcDecl, cur funcDecl) {
	types := settable(cur.node.Elem().FieldByName(typesField))
	entry := cur.start.Elem()
	for _, d := range old {
		settable(d.node.Elem().FieldByName(typesField)).Set(types)
		settable(d.start.Elem()).Set(settable(entry))
	}
}
