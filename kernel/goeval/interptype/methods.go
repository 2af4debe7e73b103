package interptype

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/goprint"
)

// fmtMethods are the methods fmt calls, with the signature each must have.
var fmtMethods = []struct{ name, sig string }{
	{"Format", "format"}, {"GoString", "string"}, {"Error", "string"}, {"String", "string"},
}

// callerKey identifies a registered caller: the method of a named type,
// called with a value of the type or (ptr) a pointer to it.
type callerKey struct {
	typ, method string
	ptr         bool
}

// declared returns the methods declared on a named type. u.mu is held.
func (u *Universe) declared(t *Type) []method {
	if !t.p.IsValid() {
		return nil
	}
	ms := itField(t.p, lay.it.method)
	out := make([]method, 0, ms.Len())
	for i := 0; i < ms.Len(); i++ {
		n := ms.Index(i)
		if n.IsNil() {
			continue
		}
		m := method{name: n.Elem().Field(lay.node.ident).String()}
		ft := n.Elem().Field(lay.node.typ)
		if !ft.IsNil() {
			if recv := itField(ft, lay.it.recv); !recv.IsNil() && catNames[itField(recv, lay.it.cat).Uint()] == "ptrT" {
				m.ptrRecv = true
			}
			m.sig = u.methodSig(ft)
		}
		out = append(out, m)
	}
	return out
}

// methodSig classifies a method's func type for fmt: "string" for
// func() string, "format" for func(fmt.State, rune), "" otherwise.
func (u *Universe) methodSig(ft reflect.Value) string {
	args, rets := itField(ft, lay.it.arg), itField(ft, lay.it.ret)
	cat := func(l reflect.Value, i int) string { return catNames[itField(l.Index(i), lay.it.cat).Uint()] }
	switch {
	case args.Len() == 0 && rets.Len() == 1 && cat(rets, 0) == "stringT" && itField(rets.Index(0), lay.it.path).String() == "":
		return "string"
	case args.Len() == 2 && rets.Len() == 0 && cat(args, 0) == "valueT" && rtypeOf(args.Index(0)) == stateType && cat(args, 1) == "int32T":
		return "format"
	}
	return ""
}

// hit is a method found in a method set.
type hit struct {
	sig      string
	compiled bool // a method of a compiled type
}

// lookup finds method name in the method set of t (a named or struct
// type), or of *t when ptr, by Go's rules: the shallowest embedding depth
// wins, two at the same depth cancel, a field of that name hides it, and a
// method with a pointer receiver belongs to the set only through a
// pointer. u.mu is held.
func (u *Universe) lookup(t goprint.Type, name string, ptr bool) (hit, bool) {
	type at struct {
		t   goprint.Type
		ptr bool
	}
	level := []at{{t, ptr}}
	seen := map[goprint.Type]bool{}
	for depth := 0; len(level) > 0 && depth < 16; depth++ {
		var found []hit
		shadowed := 0
		var next []at
		for _, e := range level {
			if seen[e.t] {
				continue
			}
			seen[e.t] = true
			switch x := e.t.(type) {
			case *binType:
				rt := x.t
				if e.ptr && rt.Kind() != reflect.Interface {
					rt = reflect.PointerTo(rt)
				}
				if m, ok := rt.MethodByName(name); ok {
					found = append(found, hit{sig: compiledSig(m.Type, rt.Kind() != reflect.Interface), compiled: true})
					continue
				}
				if x.t.Kind() == reflect.Struct {
					for i := 0; i < x.t.NumField(); i++ {
						f := x.t.Field(i)
						if f.Name == name {
							shadowed++
						}
						if f.Anonymous {
							ft, p := f.Type, e.ptr
							if ft.Kind() == reflect.Pointer {
								ft, p = ft.Elem(), true
							}
							next = append(next, at{u.bin(ft), p})
						}
					}
				}
			case *Type:
				if x.cat == "interfaceT" || x.cat == "errorT" || x.kind == reflect.Interface && x.under != nil {
					_, names := slotOf(x)
					for _, n := range names {
						if n == name {
							sig := ""
							if name == "Error" || name == "String" || name == "GoString" {
								sig = "string" // an interface's method: checked by the interface
							}
							found = append(found, hit{sig: sig})
						}
					}
					continue
				}
				matched := false
				for _, m := range u.declared(x) {
					if m.name != name {
						continue
					}
					matched = true
					if !m.ptrRecv || e.ptr {
						found = append(found, hit{sig: m.sig})
					} else {
						shadowed++ // in the way, but not in the set
					}
				}
				if matched {
					continue
				}
				st := x
				if x.under != nil {
					if ut, ok := x.under.(*Type); ok {
						st = ut
					} else if b, ok := x.under.(*binType); ok {
						next = append(next, at{b, e.ptr})
						continue
					}
				}
				for i, f := range st.fields {
					if f.Name == name {
						shadowed++
					}
					if i < len(st.embeds) && st.embeds[i] {
						ft, p := f.Type, e.ptr
						if pt, ok := ft.(*Type); ok && pt.kind == reflect.Pointer {
							ft, p = pt.elem, true
						} else if pb, ok := ft.(*binType); ok && pb.t.Kind() == reflect.Pointer {
							ft, p = pb.Elem(), true
						}
						if ft != nil {
							next = append(next, at{ft, p})
						}
					}
				}
			}
		}
		switch {
		case len(found)+shadowed > 1:
			return hit{}, false
		case len(found) == 1:
			return found[0], true
		case shadowed == 1:
			return hit{}, false
		}
		level = next
	}
	return hit{}, false
}

func compiledSig(mt reflect.Type, hasRecv bool) string {
	in := 0
	if hasRecv {
		in = 1
	}
	switch {
	case mt.NumIn() == in && mt.NumOut() == 1 && mt.Out(0) == reflect.TypeFor[string]():
		return "string"
	case mt.NumIn() == in+2 && mt.NumOut() == 0 && mt.In(in) == stateType && mt.In(in+1) == reflect.TypeFor[rune]():
		return "format"
	}
	return ""
}

// methodSet returns the fmt methods in the method set of t (ptr: of *t)
// with the right signatures, as a signature string ("Format String*"; *
// marks a method reached only through the pointer). u.mu is held.
func (u *Universe) methodSet(t goprint.Type, ptr bool) []string {
	var out []string
	for _, fm := range fmtMethods {
		h, ok := u.lookup(t, fm.name, ptr)
		if !ok || h.sig != fm.sig {
			continue
		}
		mark := ""
		if ptr {
			if h2, ok2 := u.lookup(t, fm.name, false); !ok2 || h2.sig != fm.sig {
				mark = "*"
			}
		}
		out = append(out, fm.name+mark)
	}
	return out
}

// Methods returns the methods of t's method set that fmt calls.
func (t *Type) Methods() *goprint.Methods {
	u := t.u
	u.mu.Lock()
	defer u.mu.Unlock()
	if t.methods != nil && t.methGen == u.gen {
		return t.methods
	}
	t.methods, t.methGen = u.makeMethods(t), u.gen
	return t.methods
}

// makeMethods builds the Methods of t. u.mu is held.
func (u *Universe) makeMethods(t *Type) *goprint.Methods {
	m := &goprint.Methods{}
	if t.kind == reflect.Interface || t.kind == reflect.Invalid {
		return m
	}
	base, ptr := t, false
	if t.kind == reflect.Pointer {
		e, ok := t.elem.(*Type)
		if !ok {
			return m
		}
		base, ptr = e, true
	}
	if !base.named() && base.kind != reflect.Struct {
		return m
	}
	for _, name := range u.methodSet(base, ptr) {
		onlyPtr := strings.HasSuffix(name, "*")
		name = strings.TrimSuffix(name, "*")
		call := u.callerFunc(base, name, ptr, onlyPtr)
		switch name {
		case "Format":
			m.Format = func(v reflect.Value, s fmt.State, verb rune) {
				call(v, reflect.ValueOf(&s).Elem(), reflect.ValueOf(verb))
			}
		case "GoString":
			m.GoString = func(v reflect.Value) string { return call(v)[0].String() }
		case "Error":
			m.Error = func(v reflect.Value) string { return call(v)[0].String() }
		case "String":
			m.String = func(v reflect.Value) string { return call(v)[0].String() }
		}
	}
	return m
}

// callerFunc returns the func that calls method name of base with a
// value of base (a pointer to one when ptr). It panics with
// *goprint.Unsupported when no caller was registered. u.mu is held.
func (u *Universe) callerFunc(base *Type, name string, ptr, onlyPtr bool) func(v reflect.Value, args ...reflect.Value) []reflect.Value {
	what := fmt.Sprintf("the %s method of %s", name, base.str)
	if !base.named() {
		return refuse(fmt.Sprintf("fmt cannot call %s, a method an unnamed struct type gets from an embedded field: declare a named type (type T struct{...}) or call the method yourself", what))
	}
	if why, failed := u.failed[base.id()]; failed {
		return refuse(fmt.Sprintf("fmt cannot call %s: %s; call the method yourself (fmt.Println(x.%s()))", what, why, name))
	}
	key := callerKey{base.id(), name, onlyPtr}
	fn, ok := u.callers[key]
	if !ok {
		return refuse(fmt.Sprintf("fmt cannot call %s here (a type declared inside a function, or a generic type): call the method yourself (fmt.Println(x.%s()))", what, name))
	}
	want := fn.Type().In(0)
	return func(v reflect.Value, args ...reflect.Value) []reflect.Value {
		if ptr && !onlyPtr {
			if v.IsNil() {
				panic(fmt.Errorf("value method %s.%s called using nil *%s pointer", base.str, name, base.str))
			}
			v = v.Elem()
		}
		if v.Type() != want {
			if !v.Type().ConvertibleTo(want) {
				panic(&goprint.Unsupported{Message: fmt.Sprintf("fmt cannot call %s on this value: it belongs to an earlier version of the type", what)})
			}
			v = v.Convert(want)
		}
		return fn.Call(append([]reflect.Value{v}, args...))
	}
}

func refuse(msg string) func(reflect.Value, ...reflect.Value) []reflect.Value {
	return func(reflect.Value, ...reflect.Value) []reflect.Value {
		panic(&goprint.Unsupported{Message: msg})
	}
}

// Register records fn as the caller of method (String, Error, GoString
// or Format) of the named type identified by key: fn takes a value of the
// type (a pointer to one when ptr) and calls the method.
func (u *Universe) Register(key, method string, ptr bool, fn reflect.Value) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.callers[callerKey{key, method, ptr}] = fn
	u.gen++
}

// Need is a named type of package main whose method set has methods fmt
// calls, for which callers must be registered.
type Need struct {
	// Source is a name of the type in package main's scope.
	Source string
	// Key identifies the type (for Register).
	Key string
	// Methods are the fmt methods of the type's method set: a method marked
	// Ptr is only in the method set of the pointer type.
	Methods []NeedMethod
	set     string
}

// NeedMethod is a method of a Need.
type NeedMethod struct {
	Name string
	Ptr  bool
}

// Done records that the callers of n were registered (err nil) or could
// not be (err says why).
func (u *Universe) Done(n Need, err error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.done[n.Key] = n.set
	if err != nil {
		u.failed[n.Key] = err.Error()
	} else {
		delete(u.failed, n.Key)
	}
	u.gen++
}

// needsFor returns the Need of type t, named sym in the scope, if its
// fmt methods have no callers yet. u.mu is held.
func (u *Universe) needFor(sym string, t *Type) (Need, bool) {
	if !t.named() || t.kind == reflect.Interface {
		return Need{}, false
	}
	vset := u.methodSet(t, false)
	pset := u.methodSet(t, true)
	if len(pset) == 0 {
		return Need{}, false
	}
	// The type's own name is in the scope (a hidden version, or an
	// instance Pair[string,int]); yaegi spells an instance's type
	// arguments of package main with a main. prefix.
	n := Need{Source: strings.ReplaceAll(t.name, "main.", ""), Key: t.id()}
	inV := map[string]bool{}
	for _, m := range vset {
		inV[m] = true
		n.Methods = append(n.Methods, NeedMethod{Name: m})
	}
	for _, m := range pset {
		name := strings.TrimSuffix(m, "*")
		if !inV[name] {
			n.Methods = append(n.Methods, NeedMethod{Name: name, Ptr: true})
		}
	}
	sort.Slice(n.Methods, func(i, j int) bool { return n.Methods[i].Name < n.Methods[j].Name })
	n.set = strings.Join(vset, " ") + "|" + strings.Join(pset, " ")
	if u.done[n.Key] == n.set {
		return Need{}, false
	}
	return n, true
}
