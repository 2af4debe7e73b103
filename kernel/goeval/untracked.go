package goeval

import (
	"reflect"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// The interpreter does not always record the type of a value of a cell's
// defined type stored in an interface: never for a type without methods
// (type Weekday int, type Vec []float64), and not for a value of a type
// with methods converted with any(x), returned as a function's interface
// result or taken out of compiled code (YAEGI_BUGS.md, 8 and 15). Such a
// value is, to the interpreter, a value of its underlying type, so a type
// switch case or an assertion to the cell's type would take a plain int
// for a Weekday. When the value in the interface has the type's
// representation and no record of its type, the hooks refuse instead of
// guessing. A value whose type was recorded, a value of another
// representation (a string tested against case Weekday), and struct types
// no other type of the cells shares are told apart and never refused.

// untrackedCase returns the name of the cell type t (or "*" and the name,
// for a pointer to one) when d has t's representation but may be of
// another type with the same representation; "" when the test is sound.
func (s *dynTypes) untrackedCase(d dynValue, t typeinfer.Type, in *typeinfer.Inferer) (string, *cellType) {
	if !d.v.IsValid() || (d.ct != nil && d.itype.IsValid()) {
		return "", nil
	}
	name, ptr, ok := cellNames{in: in}.cellNamed(t)
	if !ok {
		return "", nil
	}
	ct := s.version(name)
	if ct == nil || !s.cells.sharedRepresentation(ct) {
		return "", nil
	}
	rt := ct.rt
	if ptr {
		rt = reflect.PointerTo(rt)
	}
	if d.v.Type() != rt {
		return "", nil
	}
	if ptr {
		return "*" + name, ct
	}
	return name, ct
}

// refuseUntracked panics with a refusal when the type switch case or
// asserted type t cannot be told from another type for value d (see
// untrackedCase).
func (s *dynTypes) refuseUntracked(d dynValue, t typeinfer.Type, in *typeinfer.Inferer, assertion bool) {
	name, ct := s.untrackedCase(d, t, in)
	if name == "" {
		return
	}
	construct := "a type switch with case " + name
	instead := "switch on the value before it goes into the interface"
	if assertion {
		construct = "the type assertion .(" + name + ")"
		instead = "use the value before it goes into the interface"
	}
	why := "the interpreter keeps no type with a " + ct.name + " (a type without methods) stored in an interface"
	fix := "give " + ct.name + " a method (the interpreter then keeps its type where it can), or " + instead
	if len(ct.methodSet) != 0 {
		why = "a " + ct.name + " converted with any(...), returned as an interface result or kept by compiled code loses its type in the interpreter" +
			" and is stored as its underlying type"
		fix = instead + ", or keep it in a variable of an interface type of the cells rather than returning it"
	}
	panic(&refusal{msg: construct + " cannot be checked: " + why + ", so a " + ct.name +
		" there cannot be told from a value of type " + d.v.Type().String() + ": " + fix})
}

// assertChecked is the AssertType hook, for x.(T) outside type switches:
// assert, refusing first when the value may not be of T although it has
// T's representation (see refuseUntracked).
func (s *dynTypes) assertChecked(h int, box []any) any {
	s.refuseUntracked(s.dynamicOf(box), s.typeOf(h), s.inferer(), true)
	return s.assert(h, box)
}
