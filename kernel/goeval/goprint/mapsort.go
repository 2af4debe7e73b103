package goprint

import (
	"cmp"
	"reflect"
	"slices"
)

// entry is a key and value of a map.
type entry struct{ key, value reflect.Value }

// sortedEntries returns the entries of map m, whose key type is kt, in the
// order fmt prints them: numbers, strings and booleans (false first) by
// value, NaN first; pointers and channels by address; structs and arrays
// element by element; interface values nil first, then by dynamic type,
// then by value.
func sortedEntries(kt Type, m reflect.Value) []entry {
	es := make([]entry, 0, m.Len())
	it := m.MapRange()
	for it.Next() {
		es = append(es, entry{it.Key(), it.Value()})
	}
	slices.SortStableFunc(es, func(a, b entry) int { return compareKeys(kt, a.key, b.key) })
	return es
}

func compareKeys(t Type, a, b reflect.Value) int {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return cmp.Compare(a.Int(), b.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return cmp.Compare(a.Uint(), b.Uint())
	case reflect.String:
		return cmp.Compare(a.String(), b.String())
	case reflect.Float32, reflect.Float64:
		return cmp.Compare(a.Float(), b.Float())
	case reflect.Complex64, reflect.Complex128:
		x, y := a.Complex(), b.Complex()
		if c := cmp.Compare(real(x), real(y)); c != 0 {
			return c
		}
		return cmp.Compare(imag(x), imag(y))
	case reflect.Bool:
		x, y := a.Bool(), b.Bool()
		switch {
		case x == y:
			return 0
		case x:
			return 1
		}
		return -1
	case reflect.Pointer, reflect.UnsafePointer, reflect.Chan:
		return cmp.Compare(a.Pointer(), b.Pointer())
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if c := compareKeys(t.Field(i).Type, a.Field(i), b.Field(i)); c != 0 {
				return c
			}
		}
		return 0
	case reflect.Array:
		for i := 0; i < a.Len(); i++ {
			if c := compareKeys(t.Elem(), a.Index(i), b.Index(i)); c != 0 {
				return c
			}
		}
		return 0
	case reflect.Interface:
		at, av, aerr := t.Dynamic(a)
		bt, bv, berr := t.Dynamic(b)
		switch {
		case aerr != nil || berr != nil:
			return 0
		case at == nil && bt == nil:
			return 0
		case at == nil:
			return -1
		case bt == nil:
			return 1
		}
		// fmt orders different dynamic types by the address of their
		// type descriptors, which no program can rely on; by name here.
		if c := cmp.Compare(at.String(), bt.String()); c != 0 {
			return c
		}
		return compareKeys(at, av, bv)
	}
	return 0
}
