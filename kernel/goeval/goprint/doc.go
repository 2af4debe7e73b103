// Package goprint formats values exactly as package fmt formats them, for
// values whose run-time representation does not carry their Go type.
//
// The yaegi interpreter represents a value of a type declared in a cell by
// a value of the underlying type (a type Celsius float64 is a float64 at
// run time; a struct type is an unnamed reflect.StructOf type whose
// unexported field names gain an X prefix) and a value of an interface type
// by an interpreter-specific box. Handed to fmt, such values print their
// representation: %T says float64, %+v says {Xname:adam}, String methods
// of elements are not called. goprint prints a value from its
// representation (a reflect.Value) and a separate description of its Go
// type (a Type): type names, field names, method sets and the dynamic types
// of interface values come from the Type, the bytes from the value.
//
// The output is byte for byte what fmt prints for a real Go value of that
// type: the Print, Println and Printf rules (operand spacing, verbs, flags,
// width and precision, argument indexes, %!verb(...) errors, EXTRA and
// MISSING operands), Formatter, GoStringer, error and Stringer methods and
// when fmt calls them (not for %d, not through unexported fields, <nil>
// for a nil receiver that panics, %!v(PANIC=String method: ...)), %#v Go
// syntax, sorted map keys, pointers printed as &{...} at the top level only,
// byte slices under %s %q %x %X, and Errorf's %w. Basic values (numbers,
// strings, booleans) are formatted by fmt itself with the same directive, so
// their rendering is fmt's by construction.
//
// Where the type of a value cannot be known (see Dynamic), the printer
// prints it only when every candidate type prints the same; otherwise it
// panics with an *Unsupported error that says so, rather than print
// something Go would not.
package goprint
