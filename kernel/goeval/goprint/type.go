package goprint

import (
	"fmt"
	"reflect"
)

// Type describes a Go type as fmt needs to know it. The run-time value the
// printer is given with a Type may have a different representation (see
// the package documentation): the printer reads it through reflect with the
// structure the Type describes.
type Type interface {
	// String is the type as %T prints it: main.Celsius, []main.P,
	// struct { Name string; Age int }.
	String() string
	// Kind is the kind of the Go type (reflect.Interface for an interface
	// type). The run-time value of an interface type is decoded by Dynamic;
	// for every other kind the run-time value has that kind.
	Kind() reflect.Kind
	// Elem is the element type of an array, channel, map, pointer or slice.
	Elem() Type
	// Key is the key type of a map.
	Key() Type
	// NumField and Field describe the fields of a struct, in the order of
	// the fields of its run-time value.
	NumField() int
	Field(i int) Field
	// Methods returns the methods of the type's method set that fmt uses.
	Methods() *Methods
	// Dynamic returns the dynamic type and value of v, a run-time value of
	// this interface type; a nil Type for a nil interface value. It
	// returns an *Ambiguous error when the value could be of several types,
	// and any other error when its type cannot be told.
	Dynamic(v reflect.Value) (Type, reflect.Value, error)
}

// Plain is implemented by Types whose run-time values are ordinary Go
// values of exactly that type, holding nothing the interpreter represents
// differently: fmt prints them right by itself. A Type that does not
// implement Plain is not plain.
type Plain interface {
	Plain() bool
}

// Field is a struct field.
type Field struct {
	// Name is the field name as written in the source; for an embedded
	// field, the name of its type.
	Name string
	// Exported reports whether the name is exported. fmt does not call the
	// methods of values reached through unexported fields.
	Exported bool
	Type     Type
}

// Methods holds the methods of a method set that fmt calls; a nil func is a
// method the set does not have. Each is called with a run-time value of the
// type whose method set it belongs to. A method that the set has but that
// cannot be called should panic with an *Unsupported error: the printer lets
// that panic through, while it turns any other panic of a method into fmt's
// %!v(PANIC=...) text.
type Methods struct {
	Format   func(v reflect.Value, s fmt.State, verb rune)
	GoString func(v reflect.Value) string
	Error    func(v reflect.Value) string
	String   func(v reflect.Value) string
}

func (m *Methods) empty() bool {
	return m == nil || m.Format == nil && m.GoString == nil && m.Error == nil && m.String == nil
}

// Ambiguous is the error Dynamic returns when a run-time value could be of
// any of several types. The printer prints the value if it prints the same
// under every candidate without calling a method, and refuses otherwise.
type Ambiguous struct {
	Candidates []Type
	// Value is the run-time value as each candidate reads it.
	Value reflect.Value
	// Why says why the type cannot be told, for the refusal message.
	Why string
}

func (a *Ambiguous) Error() string { return a.Why }

// Unsupported is the panic value of the printer (and of Methods) when it
// cannot print a value as Go would. The message names the construct and
// says what to write instead.
type Unsupported struct {
	Message string
}

func (u *Unsupported) Error() string { return u.Message }

// Value is an operand: a run-time value with the Go type it has. A nil Type
// is a nil interface operand (fmt.Println(nil)).
type Value struct {
	Type  Type
	Value reflect.Value
}

func isPlain(t Type) bool {
	p, ok := t.(Plain)
	return ok && p.Plain()
}
