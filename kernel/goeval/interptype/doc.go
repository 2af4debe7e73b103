// Package interptype tells the Go type of the values of the yaegi
// interpreter (v0.16.1), for printing them as Go prints them (package
// goprint).
//
// The interpreter keeps the types of its values in its own structures
// (itype), not in the values: a value of a cell type Celsius float64 is a
// float64, a struct value has an unnamed reflect.StructOf type, and a value
// of an interface type is a float64, an interpreter box (valueInterface)
// holding the node that made it, or a wrapper of a compiled interface
// (interp._error, stdlib._fmt_Stringer), depending on how it got there. The
// interpreter exports none of this. This package reads it, read only,
// through reflect: the static types of compiled code (the nodes of a
// compiled program), the named types of package main (its scope) and the
// type recorded in a box. Layout checks that the structures it reads are
// there; the package's tests fail on a yaegi whose layout differs.
//
// A Universe describes the types of one interpreter as goprint.Types: type
// names as %T prints them, fields as written, method sets as Go defines
// them (yaegi's own check ignores the difference between value and pointer
// receivers), and the dynamic type of interface values. When the
// interpreter has dropped the type of a value (a Weekday stored in an any
// is an int), the candidates are the types of compiled code with that
// representation; the printer prints the value if they all print alike and
// refuses otherwise.
//
// Methods are called through funcs that interpreted code registers (see
// Universe.Register): compiled code cannot call an interpreted method
// itself.
package interptype
