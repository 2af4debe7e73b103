package goeval

import (
	"go/ast"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// The interpreter hands compiled code an interface value the way it holds
// it: a value boxed with its type (tracked.go) reaches an interface{}
// parameter as an interp.valueInterface, which json.Marshal writes as {},
// reflect.TypeOf names interp.valueInterface and reflect.DeepEqual finds
// different from an equal value; so do the elements of a []any or
// map[string]any holding such values (YAEGI_BUGS.md, 15). The rewriter
// hands such arguments of compiled functions through Out, which takes the
// values out of their boxes (copying a slice, map, array or struct that
// holds boxed values):
//
//	json.Marshal(m)  ->  json.Marshal(_goeval_.Out(true, []any{m}))
//
// Three kinds of functions are left alone or treated apart:
//
//   - fmt's and log's printing functions, errors' and kernel/display's,
//     which the evaluator's own rewrites and wrappers handle;
//   - containers whose values come back to interpreted code (sync.Map,
//     container/list, container/heap, atomic.Value, context.WithValue,
//     sync.Pool): their interface arguments stay boxed, keeping their type,
//     a value of a cell's type is boxed (see boxing.go) and a sync.Map key
//     goes through Key (equality.go) so that equal keys are found;
//   - sort.Slice and its kind, which swap the slice they are given in
//     place.
//
// A value taken out of its box for compiled code that may hand it back
// (anything but the known consumers, such as json.Marshal) marks its type
// as one whose values may be met bare (untracked.go).

// compiledUse says how a compiled function's interface{} arguments are
// handed over.
type compiledUse int

const (
	useUnbox   compiledUse = iota // taken out of their boxes, their types marked
	useConsume                    // taken out of their boxes: the function only reads them
	useKeep                       // kept boxed: the function keeps them for interpreted code
	useLeave                      // left alone
)

// compiledUses lists the functions (package path and name, or type and
// method) that are not useUnbox.
var compiledUses = map[string]compiledUse{
	"encoding/json.Marshal":                  useConsume,
	"encoding/json.MarshalIndent":            useConsume,
	"encoding/json.Encoder.Encode":           useConsume,
	"encoding/xml.Marshal":                   useConsume,
	"encoding/xml.MarshalIndent":             useConsume,
	"encoding/xml.Encoder.Encode":            useConsume,
	"reflect.TypeOf":                         useConsume,
	"reflect.DeepEqual":                      useLeave, // the DeepEqual hook (deepequal.go)
	"text/template.Template.Execute":         useConsume,
	"text/template.Template.ExecuteTemplate": useConsume,
	"html/template.Template.Execute":         useConsume,
	"html/template.Template.ExecuteTemplate": useConsume,
	"sync.Map.Store":                         useKeep,
	"sync.Map.LoadOrStore":                   useKeep,
	"sync.Map.Load":                          useKeep,
	"sync.Map.LoadAndDelete":                 useKeep,
	"sync.Map.Delete":                        useKeep,
	"sync.Map.Swap":                          useKeep,
	"sync.Map.CompareAndSwap":                useKeep,
	"sync.Map.CompareAndDelete":              useKeep,
	"sync.Pool.Put":                          useKeep,
	"sync/atomic.Value.Store":                useKeep,
	"sync/atomic.Value.Swap":                 useKeep,
	"sync/atomic.Value.CompareAndSwap":       useKeep,
	"container/list.List.PushBack":           useKeep,
	"container/list.List.PushFront":          useKeep,
	"container/list.List.InsertBefore":       useKeep,
	"container/list.List.InsertAfter":        useKeep,
	"container/heap.Push":                    useKeep,
	"context.WithValue":                      useKeep,
	"sort.Slice":                             useLeave,
	"sort.SliceStable":                       useLeave,
	"sort.SliceIsSorted":                     useLeave,
}

// leftPackages are the packages whose functions are left alone.
var leftPackages = map[string]bool{
	"fmt": true, "log": true, "errors": true, hooksPath: true, fmtSitesPath: true,
	"github.com/descentlab/descent/kernel/display": true,
}

// calleeUse returns how compiled function fun treats its interface{}
// arguments, and whether fun is a compiled function at all.
func (rw *rewriter) calleeUse(fun ast.Expr) (string, compiledUse, bool) {
	in := rw.infer
	if in.TypeOf(fun).RT == nil {
		return "", 0, false
	}
	sel, ok := typeUnparen(fun).(*ast.SelectorExpr)
	if !ok {
		return "", useUnbox, true
	}
	key := ""
	if id, ok := sel.X.(*ast.Ident); ok {
		if p, isPkg := in.PackagePath(id.Name); isPkg {
			if leftPackages[p] {
				return "", useLeave, true
			}
			key = p + "." + sel.Sel.Name
		}
	}
	if key == "" {
		rt := in.TypeOf(sel.X).RT
		if rt == nil {
			return "", useUnbox, true
		}
		if rt.Kind() == reflect.Pointer {
			rt = rt.Elem()
		}
		if leftPackages[rt.PkgPath()] {
			return "", useLeave, true
		}
		key = rt.PkgPath() + "." + rt.Name() + "." + sel.Sel.Name
	}
	if u, ok := compiledUses[key]; ok {
		return key, u, true
	}
	return key, useUnbox, true
}

// compiledArgs rewrites the interface{} arguments of a call of a compiled
// function.
func (rw *rewriter) compiledArgs(c *ast.CallExpr, stack []ast.Node) {
	if rw.show == nil {
		return
	}
	if _, isType := rw.infer.NamedType(c.Fun); isType {
		return
	}
	key, use, ok := rw.calleeUse(c.Fun)
	if !ok || use == useLeave {
		return
	}
	params, variadic := rw.paramTypes(c.Fun)
	in := rw.infer
	for i, a := range c.Args {
		var t typeinfer.Type
		spread := false
		switch {
		case i < len(params)-1 || (i < len(params) && !variadic):
			t = params[i]
		case variadic && len(params) > 0 && !c.Ellipsis.IsValid():
			t = in.Elem(params[len(params)-1])
		case variadic && len(params) > 0:
			t, spread = params[len(params)-1], true
		}
		if !t.IsType() || rw.isNilIdent(a) {
			continue
		}
		if spread {
			if at := in.TypeOf(a); rw.emptyInterface(in.Elem(t)) && (use == useUnbox || use == useConsume) && isAnySlice(at) {
				rw.out(a, use)
				end := rw.off(a.End())
				rw.add(edit{start: end, end: end, text: ".([]interface{})", rank: closeRank(boxDepth - 3)})
			}
			continue
		}
		if !rw.emptyInterface(t) {
			continue
		}
		switch use {
		case useKeep:
			if i == 0 && strings.HasPrefix(key, "sync.Map.") {
				if rw.boxable(a, stack) || rw.equalNeeded(in.TypeOf(a), 0) {
					// Key's result, handed straight to compiled code, would
					// lose its box: it is an element first.
					rw.key(a)
					start, end := rw.off(a.Pos()), rw.off(a.End())
					rw.add(edit{start: start, end: start, text: "[]interface{}{", rank: openRank(boxDepth - 3)})
					rw.add(edit{start: end, end: end, text: "}[0]", rank: closeRank(boxDepth - 3)})
				}
				continue
			}
			if _, isCall := typeUnparen(a).(*ast.CallExpr); isCall && rw.emptyInterface(in.TypeOf(a)) {
				// A call's result handed straight to compiled code loses
				// its box: it is an element first.
				start, end := rw.off(a.Pos()), rw.off(a.End())
				rw.add(edit{start: start, end: start, text: "[]interface{}{", rank: openRank(boxDepth)})
				rw.add(edit{start: end, end: end, text: "}[0]", rank: closeRank(boxDepth)})
				continue
			}
			rw.box(a, stack)
		default:
			// A value of a cell's type goes through Out too: boxed as an
			// element of []any, it is marked only if the call runs.
			if _, reads := fieldReaders[key]; reads && rw.holdsInterface(in.TypeOf(a), 0) {
				rw.outFields(a, use, key)
			} else if rw.boxable(a, stack) || rw.holdsInterface(in.TypeOf(a), 0) {
				rw.out(a, use)
			} else if use == useUnbox {
				rw.noteUnnamed(a)
			}
		}
	}
}

// isAnySlice reports whether t is []interface{} itself (not a defined
// type of it).
func isAnySlice(t typeinfer.Type) bool {
	if t.RT != nil {
		return t.RT == reflect.TypeFor[[]any]()
	}
	at, ok := t.AST.(*ast.ArrayType)
	return ok && at.Len == nil && isEmptyInterfaceExpr(at.Elt)
}

// holdsInterface reports whether values of static type t are or hold
// interface values: an interface, or a slice, array, map or struct type
// of them.
func (rw *rewriter) holdsInterface(t typeinfer.Type, depth int) bool {
	in := rw.infer
	if !t.IsType() || depth > 8 {
		return false
	}
	if t.RT != nil {
		return rtMayHoldInterface(t.RT, 0)
	}
	switch u := in.Underlying(t.AST).(type) {
	case *ast.InterfaceType:
		return true
	case *ast.ArrayType:
		return rw.holdsInterface(in.TypeExpr(u.Elt), depth+1)
	case *ast.MapType:
		return rw.holdsInterface(in.TypeExpr(u.Key), depth+1) || rw.holdsInterface(in.TypeExpr(u.Value), depth+1)
	case *ast.StructType:
		for _, f := range u.Fields.List {
			if rw.holdsInterface(in.TypeExpr(f.Type), depth+1) {
				return true
			}
		}
	case nil:
		return in.Kind(t) == reflect.Interface
	}
	return false
}

// out wraps an argument in Out.
func (rw *rewriter) out(x ast.Expr, use compiledUse) {
	mark := "true"
	if use == useConsume {
		mark = "false"
	}
	start, end := rw.off(x.Pos()), rw.off(x.End())
	rw.add(edit{start: start, end: start, text: hooksImport + ".Out(" + mark + ", []any{", rank: openRank(boxDepth - 2)})
	rw.add(edit{start: end, end: end, text: "})", rank: closeRank(boxDepth - 2)})
}

// outFields wraps an argument of compiled function key, which reads its
// fields by name, in OutFields.
func (rw *rewriter) outFields(x ast.Expr, use compiledUse, key string) {
	mark := "true"
	if use == useConsume {
		mark = "false"
	}
	start, end := rw.off(x.Pos()), rw.off(x.End())
	rw.add(edit{start: start, end: start, text: hooksImport + ".OutFields(" + strconv.Quote(key) + ", " + mark + ", []any{", rank: openRank(boxDepth - 2)})
	rw.add(edit{start: end, end: end, text: "})", rank: closeRank(boxDepth - 2)})
}

// rtMayHoldInterface reports whether values of run-time type t are or may
// hold interface values, not through pointers.
func rtMayHoldInterface(t reflect.Type, depth int) bool {
	if depth > 16 {
		return false
	}
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Slice, reflect.Array:
		return rtMayHoldInterface(t.Elem(), depth+1)
	case reflect.Map:
		return rtMayHoldInterface(t.Key(), depth+1) || rtMayHoldInterface(t.Elem(), depth+1)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if rtMayHoldInterface(t.Field(i).Type, depth+1) {
				return true
			}
		}
	}
	return false
}

// holdCache remembers rtMayHoldInterface by type.
var holdCache sync.Map

func mayHoldInterface(t reflect.Type) bool {
	if v, ok := holdCache.Load(t); ok {
		return v.(bool)
	}
	r := rtMayHoldInterface(t, 0)
	holdCache.Store(t, r)
	return r
}

// outValue is the Out hook: the value in a one-element []any as compiled
// code should get it, out of the interpreter's boxes; mark says compiled
// code may hand the values back, so their types are marked as met bare.
func (s *dynTypes) outValue(mark bool, box []any) any {
	v := boxed(box)
	if !v.IsValid() {
		return nil
	}
	r, changed := s.unbox(v, mark, 0)
	if !changed {
		return box[0]
	}
	if !r.IsValid() || !r.CanInterface() {
		return nil
	}
	return r.Interface()
}

// unbox returns v with the values it holds out of their boxes, and
// whether anything was unboxed (v itself is returned otherwise).
func (s *dynTypes) unbox(v reflect.Value, mark bool, depth int) (reflect.Value, bool) {
	if !v.IsValid() || depth > 64 {
		return v, false
	}
	switch v.Kind() {
	case reflect.Interface:
		if v.IsNil() {
			return v, false
		}
		e := v.Elem()
		if d, ok := adapted(e); ok {
			// The evaluator's own error or Stringer adapter: compiled
			// code that looks into the value gets the value.
			if mark && d.itype.IsValid() {
				if dt := cachedItype(d.itype); dt != nil {
					s.markBare(dt)
				}
			}
			r, _ := s.unbox(d.v, mark, depth+1)
			return r, true
		}
		if !isValueInterface(e) {
			if r, changed := s.unbox(e, mark, depth+1); changed {
				return r, true
			}
			return v, false
		}
		bare, dt := bareValue(v)
		if mark && dt != nil {
			s.markBare(dt)
		}
		if r, changed := s.unbox(bare, mark, depth+1); changed {
			return r, true
		}
		return bare, true
	case reflect.Struct:
		if isValueInterface(v) {
			bare, dt := bareValue(v)
			if mark && dt != nil {
				s.markBare(dt)
			}
			r, _ := s.unbox(bare, mark, depth+1)
			return r, true
		}
		if !mayHoldInterface(v.Type()) {
			return v, false
		}
		var out reflect.Value
		for i := 0; i < v.NumField(); i++ {
			f, changed := s.unbox(v.Field(i), mark, depth+1)
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.New(v.Type()).Elem()
				out.Set(v)
			}
			if !out.Field(i).CanSet() || !f.Type().AssignableTo(out.Field(i).Type()) {
				return v, false
			}
			out.Field(i).Set(f)
		}
		if out.IsValid() {
			return out, true
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() || !mayHoldInterface(v.Type()) {
			return v, false
		}
		elems := make([]reflect.Value, v.Len())
		changed := false
		for i := range elems {
			e, c := s.unbox(v.Index(i), mark, depth+1)
			elems[i], changed = e, changed || c
		}
		if !changed {
			return v, false
		}
		et := v.Type().Elem()
		if !allAssignable(elems, et) {
			// A value out of its box no longer has the methods of a
			// non-empty interface element type: hand over interface{}s.
			et = reflect.TypeFor[any]()
		}
		var out reflect.Value
		if v.Kind() == reflect.Slice {
			st := v.Type()
			if et != st.Elem() {
				st = reflect.SliceOf(et)
			}
			out = reflect.MakeSlice(st, len(elems), len(elems))
		} else {
			at := v.Type()
			if et != at.Elem() {
				at = reflect.ArrayOf(at.Len(), et)
			}
			out = reflect.New(at).Elem()
		}
		for i, e := range elems {
			out.Index(i).Set(e)
		}
		return out, true
	case reflect.Map:
		if v.IsNil() || !mayHoldInterface(v.Type()) {
			return v, false
		}
		var keys, vals []reflect.Value
		changed := false
		it := v.MapRange()
		for it.Next() {
			k, ck := s.unbox(it.Key(), mark, depth+1)
			e, ce := s.unbox(it.Value(), mark, depth+1)
			keys, vals = append(keys, k), append(vals, e)
			changed = changed || ck || ce
		}
		if !changed {
			return v, false
		}
		kt, et := v.Type().Key(), v.Type().Elem()
		if !allAssignable(keys, kt) {
			kt = reflect.TypeFor[any]()
		}
		if !allAssignable(vals, et) {
			et = reflect.TypeFor[any]()
		}
		out := reflect.MakeMapWithSize(reflect.MapOf(kt, et), len(keys))
		for i := range keys {
			out.SetMapIndex(keys[i], vals[i])
		}
		return out, true
	}
	return v, false
}

// allAssignable reports whether every value can be stored in a t.
func allAssignable(vs []reflect.Value, t reflect.Type) bool {
	for _, v := range vs {
		if !v.IsValid() {
			continue
		}
		if !v.Type().AssignableTo(t) {
			return false
		}
	}
	return true
}

// markBare records that a value of the interpreter's type dt went bare
// into compiled code.
func (s *dynTypes) markBare(dt *dynType) {
	if s.e == nil || s.e.fmt == nil || s.e.fmt.u == nil || !dt.itype.IsValid() {
		return
	}
	p := dt.itype
	if dt.cat == itypePtr && dt.elem != nil && dt.elem.itype.IsValid() {
		p = dt.elem.itype
	}
	s.e.fmt.u.MarkBare(p)
}

// adapted returns the value an adapter of the evaluator (cellError,
// cellStringer) stands for.
func adapted(v reflect.Value) (dynValue, bool) {
	if a, ok := adapterOf(v); ok {
		return a.d, true
	}
	if c, ok := stringerOf(v); ok {
		return c.d, true
	}
	return dynValue{}, false
}
