package interptype

import (
	"fmt"
	"reflect"
	"sort"

	"github.com/descentlab/descent/kernel/goeval/goprint"
)

// Dynamic returns the dynamic type and value of v, a run-time value of the
// interface type t.
func (t *Type) Dynamic(v reflect.Value) (goprint.Type, reflect.Value, error) {
	return t.u.dynamic(t.slot, t.ifaceMeth, v)
}

// The interpreter's box for an interface value (interp.valueInterface):
// the node that made the value, whose type is the dynamic type, and the
// value.
var viType reflect.Type
var viNode, viValue int

func isBox(t reflect.Type) bool {
	if viType != nil {
		return t == viType
	}
	if t.Kind() != reflect.Struct || t.Name() != "valueInterface" || t.PkgPath() != "github.com/traefik/yaegi/interp" {
		return false
	}
	n, ok1 := t.FieldByName("node")
	v, ok2 := t.FieldByName("value")
	if !ok1 || !ok2 || n.Type != reflect.PointerTo(lay.nodeType) || v.Type != reflect.TypeFor[reflect.Value]() {
		return false
	}
	viType, viNode, viValue = t, n.Index[0], v.Index[0]
	return true
}

// isWrapper reports whether t is a wrapper the interpreter makes to pass an
// interpreted value as a compiled interface (interp._error,
// stdlib._fmt_Stringer, the wrappers of yaegi extract): a struct whose
// first field IValue holds the value and whose other fields are the
// methods.
func isWrapper(t reflect.Type) bool {
	if t.Kind() != reflect.Struct || t.NumField() < 1 {
		return false
	}
	f := t.Field(0)
	if f.Name != "IValue" || f.Type.Kind() != reflect.Interface {
		return false
	}
	for i := 1; i < t.NumField(); i++ {
		if ff := t.Field(i); ff.Type.Kind() != reflect.Func || len(ff.Name) < 2 || ff.Name[0] != 'W' {
			return false
		}
	}
	return true
}

// dynamic decodes v, the run-time value of an interface type whose values
// may be slot, into its dynamic type and value.
func (u *Universe) dynamic(slot slotKind, meths []string, v reflect.Value) (goprint.Type, reflect.Value, error) {
	for range 32 {
		if !v.IsValid() {
			return nil, reflect.Value{}, nil
		}
		if c, ok := carrierOf(v); ok {
			inner, tp := c.Carried()
			if tp.IsValid() && tp.Kind() == reflect.Pointer && !tp.IsNil() {
				u.mu.Lock()
				t := u.typeOf(tp)
				u.mu.Unlock()
				if t != nil && t.Kind() != reflect.Interface && inner.IsValid() {
					return t, inner, nil
				}
			}
		}
		switch {
		case v.Kind() == reflect.Interface:
			if v.IsNil() {
				return nil, reflect.Value{}, nil
			}
			v = v.Elem()
			continue
		case isBox(v.Type()):
			v = addressable(v)
			n := v.Field(viNode)
			inner, _ := open(v.Field(viValue)).Interface().(reflect.Value)
			if n.IsNil() {
				return nil, reflect.Value{}, nil
			}
			tp := n.Elem().Field(lay.node.typ)
			if tp.IsNil() {
				v = inner
				continue
			}
			u.mu.Lock()
			t := u.typeOf(tp)
			u.mu.Unlock()
			switch {
			case t == nil:
				v = inner
				continue
			case t.Kind() == reflect.Invalid: // untyped nil
				return nil, reflect.Value{}, nil
			case t.Kind() == reflect.Interface:
				slot, meths = slotOf(t)
				v = inner
				continue
			}
			if !inner.IsValid() {
				return nil, reflect.Value{}, nil
			}
			return t, inner, nil
		case isWrapper(v.Type()):
			iv := v.Field(0)
			for iv.Kind() == reflect.Interface && !iv.IsNil() {
				iv = iv.Elem()
			}
			if iv.IsValid() && (isBox(iv.Type()) || isWrapper(iv.Type())) {
				v = iv
				continue
			}
			if !iv.IsValid() || !u.exactInWrapper(meths) {
				return u.opaqueOf(v), v, nil
			}
			v = iv
			continue
		}
		return u.raw(slot, meths, v)
	}
	return nil, reflect.Value{}, fmt.Errorf("fmt cannot tell the type of an interface value nested too deeply")
}

// exactInWrapper reports whether a value that the interpreter put in a
// wrapper of an interface with methods meths is the whole value: a struct
// value is not (the wrapper holds its last field only, see opaque), so it
// is when no struct type of interpreted code has these methods.
func (u *Universe) exactInWrapper(meths []string) bool {
	u.mu.Lock()
	defer u.mu.Unlock()
	key := fmt.Sprint(meths)
	if c, ok := u.wrapped[key]; ok && c.gen == u.gen {
		return c.exact
	}
	exact := true
	for _, ts := range u.index {
		for _, t := range ts {
			if t.kind != reflect.Struct || !exact {
				continue
			}
			all := true
			for _, m := range meths {
				if _, ok := u.lookup(t, m, false); !ok {
					all = false
				}
			}
			if all {
				exact = false
			}
		}
	}
	u.wrapped[key] = wrapCheck{u.gen, exact}
	return exact
}

// wrapCheck caches exactInWrapper.
type wrapCheck struct {
	gen   int
	exact bool
}

// PrintedAs is implemented by compiled values that stand for an
// interpreted value (the evaluator's wrapper of a cell error passed to
// fmt.Errorf's %w): they print as that value.
type PrintedAs interface {
	PrintedAs() (goprint.Type, reflect.Value)
}

// raw returns the type of v, a value in an interface that the interpreter
// stored without its type: a compiled value, or an interpreted value held
// as its representation (a Weekday as an int).
func (u *Universe) raw(slot slotKind, meths []string, v reflect.Value) (goprint.Type, reflect.Value, error) {
	rt := v.Type()
	if rt.Name() != "" && rt.PkgPath() != "" || rt.Kind() == reflect.Pointer && rt.Elem().Name() != "" && rt.Elem().PkgPath() != "" {
		if v.CanInterface() {
			if pa, ok := v.Interface().(PrintedAs); ok {
				if t, pv := pa.PrintedAs(); t != nil {
					return t, pv, nil
				}
			}
		}
		return u.Compiled(rt), v, nil
	}
	u.mu.Lock()
	cands := u.candidates(slot, meths, rt)
	u.mu.Unlock()
	switch len(cands) {
	case 0:
		return u.Compiled(rt), v, nil
	case 1:
		return cands[0], v, nil
	}
	names := make([]string, len(cands))
	for i, c := range cands {
		names[i] = spellOf(c)
	}
	return nil, v, &goprint.Ambiguous{Candidates: cands, Value: v, Why: fmt.Sprintf(
		"fmt cannot print this value as Go would: the interpreter keeps no type with it, and it could be any of %s, which print differently here; print a variable of the type you mean (convert the value first), and call fmt's functions directly rather than through a function value",
		listNames(names))}
}

func listNames(names []string) string {
	if len(names) > 4 {
		names = append(names[:4:4], "...")
	}
	s := ""
	for i, n := range names {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}

// candidates returns the types a value of run-time type rt held in an
// interface of the given slot could have: the types of interpreted code
// with that representation that can be held that way, and rt itself when
// compiled code could have made it. u.mu is held.
func (u *Universe) candidates(slot slotKind, meths []string, rt reflect.Type) []goprint.Type {
	u.indexPending()
	var out []goprint.Type
	seen := map[string]bool{}
	var list []goprint.Type
	for _, t := range u.index[rt] {
		if t.kind == reflect.Interface || t.kind == reflect.Invalid {
			continue
		}
		if !u.holdable(t, slot, meths) {
			continue
		}
		list = append(list, t)
	}
	if !hasUnnamedStruct(rt, map[reflect.Type]bool{}) {
		b := u.bin(rt)
		if u.binHoldable(b, slot, meths) {
			list = append(list, b)
		}
	}
	sort.SliceStable(list, func(i, j int) bool { return spellOf(list[i]) < spellOf(list[j]) })
	for _, t := range list {
		k := spellOf(t)
		if it, ok := t.(*Type); ok && len(u.methodSet(it, false)) > 0 {
			k += fmt.Sprintf("|%x", it.p.Pointer())
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	return out
}

// holdable reports whether the interpreter may have put a value of type t
// in an interface of the given slot without its type. u.mu is held.
func (u *Universe) holdable(t *Type, slot slotKind, meths []string) bool {
	base, ptr := t, false
	if t.kind == reflect.Pointer {
		if e, ok := t.elem.(*Type); ok {
			base, ptr = e, true
		}
	}
	switch slot {
	case slotAny:
		// The interpreter boxes a value whose type has methods of its
		// own when it stores it in an interface, except where it was
		// seen not to. A pointer has methods of its own when its base
		// type declares pointer-receiver methods (value-receiver ones
		// do not count: a *T of such a T is stored bare); promoted
		// methods never count.
		if ptr {
			return !hasPtrReceiver(u.declared(base)) || u.unboxed[t]
		}
		return len(u.declared(base)) == 0 || u.unboxed[t]
	case slotError, slotIface:
		for _, m := range meths {
			if _, ok := u.lookup(base, m, ptr); !ok {
				return false
			}
		}
	}
	return true
}

// hasPtrReceiver reports whether one of ms has a pointer receiver.
func hasPtrReceiver(ms []method) bool {
	for _, m := range ms {
		if m.ptrRecv {
			return true
		}
	}
	return false
}

func (u *Universe) binHoldable(b *binType, slot slotKind, meths []string) bool {
	if slot != slotError && slot != slotIface {
		return true
	}
	for _, m := range meths {
		if _, ok := b.t.MethodByName(m); !ok {
			return false
		}
	}
	return true
}

// hasUnnamedStruct reports whether t is or holds an unnamed struct type,
// which only the interpreter makes (compiled code may too, but keeps no
// such values in interpreted variables).
func hasUnnamedStruct(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] || t.Name() != "" {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Struct:
		return true
	case reflect.Array, reflect.Slice, reflect.Pointer, reflect.Chan:
		return hasUnnamedStruct(t.Elem(), seen)
	case reflect.Map:
		return hasUnnamedStruct(t.Key(), seen) || hasUnnamedStruct(t.Elem(), seen)
	case reflect.Func:
		for i := 0; i < t.NumIn(); i++ {
			if hasUnnamedStruct(t.In(i), seen) {
				return true
			}
		}
		for i := 0; i < t.NumOut(); i++ {
			if hasUnnamedStruct(t.Out(i), seen) {
				return true
			}
		}
	}
	return false
}

// Carrier is implemented by compiled values that stand for a value of
// interpreted code (the evaluator's error adapter): Carried returns that
// value and the interpreter's type of it (an *interp.itype, as a
// reflect.Value), or an invalid Value when that is not known.
type Carrier interface {
	Carried() (value, itype reflect.Value)
}

// carrierOf returns v as a Carrier.
func carrierOf(v reflect.Value) (Carrier, bool) {
	if !v.CanInterface() || v.Kind() == reflect.Interface {
		return nil, false
	}
	c, ok := v.Interface().(Carrier)
	return c, ok
}
