package goeval

import (
	"reflect"
	"sync"
	"unsafe"

	"github.com/traefik/yaegi/interp"
)

// The interpreter runs top-level statements in its global frame, and gives
// every value an expression computes there (a call's result, a constant,
// a composite literal) a slot of that frame, for good: each cell adds a
// few slots, and each new slot makes the interpreter copy the whole frame
// (resizeFrame). Over 20,000 small cells the frame grew to tens of
// thousands of slots and a cell's median time went from 0.3 ms to 1.9 ms,
// half of it copying the frame.
//
// The slots a disposable statement chunk (see disposable) added are dead
// once it has run, except those of the package-level variables it
// defined. When the evaluator compiles the next chunk, it cuts the frame
// layout (the types lists of the global scopes) and the frame back to the
// last such variable, so that the next chunk reuses the slots. And after
// each compilation it grows the frame itself, with room to spare, so that
// the interpreter finds it large enough and does not copy it.

// Field names in interp.Interpreter, its scope, symbol and frame types
// (yaegi v0.16.1).
const (
	frameField  = "frame"
	dataField   = "data"
	typesField  = "types"
	levelField  = "level"
	symField    = "sym"
	indexField  = "index"
	globalField = "global"
)

// frameSlots is the number of slots of in's global frame layout, or -1 if
// the layout is not where this file looks for it.
func frameSlots(in *interp.Interpreter) int {
	u := reflect.ValueOf(in).Elem().FieldByName(universeField)
	if !u.IsValid() || u.Kind() != reflect.Pointer || u.IsNil() {
		return -1
	}
	t := u.Elem().FieldByName(typesField)
	if !t.IsValid() || t.Kind() != reflect.Slice {
		return -1
	}
	return t.Len()
}

// releaseFrameSlots cuts in's global frame layout and frame back to from
// slots, or to just after the last slot a package-level symbol uses. It
// reports whether it found the interpreter's fields (TestFrameSlotsAreReused
// fails when a yaegi upgrade moves them).
func releaseFrameSlots(in *interp.Interpreter, from int) bool {
	v := reflect.ValueOf(in).Elem()
	universe, scopes := v.FieldByName(universeField), v.FieldByName(scopesField)
	fr := v.FieldByName(frameField)
	if !universe.IsValid() || universe.Kind() != reflect.Pointer || universe.IsNil() ||
		!scopes.IsValid() || scopes.Kind() != reflect.Map || !fr.IsValid() || fr.Kind() != reflect.Pointer || fr.IsNil() {
		return false
	}
	global := []reflect.Value{universe.Elem()}
	for it := scopes.MapRange(); it.Next(); {
		if sc := it.Value(); sc.Kind() == reflect.Pointer && !sc.IsNil() {
			if lvl := sc.Elem().FieldByName(levelField); lvl.IsValid() && lvl.Int() == 0 {
				global = append(global, sc.Elem())
			}
		}
	}
	keep := from
	for _, sc := range global {
		syms := sc.FieldByName(symField)
		if !syms.IsValid() || syms.Kind() != reflect.Map {
			return false
		}
		for it := syms.MapRange(); it.Next(); {
			s := it.Value()
			if s.Kind() != reflect.Pointer || s.IsNil() {
				continue
			}
			idx := s.Elem().FieldByName(indexField)
			if !idx.IsValid() || idx.Kind() != reflect.Int {
				return false
			}
			if i := int(idx.Int()); i >= keep {
				keep = i + 1
			}
		}
	}
	for _, sc := range global {
		t := sc.FieldByName(typesField)
		if !t.IsValid() || t.Kind() != reflect.Slice {
			return false
		}
		if t.Len() > keep {
			settable(t).SetLen(keep)
		}
	}
	data := fr.Elem().FieldByName(dataField)
	mu, ok := frameMutex(fr)
	if !data.IsValid() || data.Kind() != reflect.Slice || !ok {
		return false
	}
	mu.Lock()
	defer mu.Unlock()
	if n := data.Len(); n > keep {
		d := settable(data)
		for i := keep; i < n; i++ {
			d.Index(i).SetZero() // let the values go
		}
		d.SetLen(keep)
	}
	return true
}

// growFrame makes in's global frame as long as its layout, as the
// interpreter's resizeFrame would before it runs a program, but within
// spare capacity, doubling it when it runs out: the interpreter then finds
// nothing to do, where it would allocate the exact length and copy the
// whole frame for every chunk that adds a slot.
func growFrame(in *interp.Interpreter) bool {
	v := reflect.ValueOf(in).Elem()
	universe, fr := v.FieldByName(universeField), v.FieldByName(frameField)
	if !universe.IsValid() || universe.Kind() != reflect.Pointer || universe.IsNil() || !fr.IsValid() || fr.Kind() != reflect.Pointer || fr.IsNil() {
		return false
	}
	types := universe.Elem().FieldByName(typesField)
	data := fr.Elem().FieldByName(dataField)
	mu, ok := frameMutex(fr)
	if !types.IsValid() || types.Kind() != reflect.Slice || !data.IsValid() || data.Kind() != reflect.Slice || !ok {
		return false
	}
	mu.Lock()
	defer mu.Unlock()
	l, b := types.Len(), data.Len()
	if l <= b {
		return true
	}
	d := settable(data)
	if l > d.Cap() {
		grown := reflect.MakeSlice(d.Type(), b, max(l, 2*d.Cap(), 64))
		reflect.Copy(grown, d)
		d.Set(grown)
	}
	d.SetLen(l)
	tv := settable(types)
	for i := b; i < l; i++ {
		t, ok := tv.Index(i).Interface().(reflect.Type)
		if !ok || t == nil {
			return false
		}
		d.Index(i).Set(reflect.ValueOf(reflect.New(t).Elem()))
	}
	return true
}

// frameMutex returns the mutex of the frame fr points to, which the
// interpreter holds while it resizes the frame.
func frameMutex(fr reflect.Value) (*sync.RWMutex, bool) {
	f := fr.Elem().FieldByName("mutex")
	if !f.IsValid() || f.Type() != reflect.TypeOf(sync.RWMutex{}) {
		return nil, false
	}
	return (*sync.RWMutex)(unsafe.Pointer(f.UnsafeAddr())), true
}

// settable returns a settable view of an addressable (unexported) field.
func settable(f reflect.Value) reflect.Value {
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}
