package interptype

import (
	"fmt"
	"reflect"

	"github.com/descentlab/descent/kernel/goeval/goprint"
)

var (
	formatterType = reflect.TypeFor[fmt.Formatter]()
	goStringer    = reflect.TypeFor[fmt.GoStringer]()
	errorType     = reflect.TypeFor[error]()
	stringerType  = reflect.TypeFor[fmt.Stringer]()
	stateType     = reflect.TypeFor[fmt.State]()
)

// binType describes a compiled type. Its values are ordinary Go values,
// except that an interface value inside may hold an interpreted value.
type binType struct {
	u         *Universe
	t         reflect.Type
	plain     bool
	slot      slotKind
	ifaceMeth []string
	methods   *goprint.Methods
}

// bin returns the description of compiled type t. u.mu is held.
func (u *Universe) bin(t reflect.Type) *binType {
	if b, ok := u.bins[t]; ok {
		return b
	}
	b := &binType{u: u, t: t}
	u.bins[t] = b
	b.plain = !holdsInterface(t, map[reflect.Type]bool{})
	if t.Kind() == reflect.Interface {
		switch {
		case t.NumMethod() == 0:
			b.slot = slotAny
		case t == errorType:
			b.slot, b.ifaceMeth = slotError, []string{"Error"}
		default:
			b.slot = slotIface
			for i := 0; i < t.NumMethod(); i++ {
				b.ifaceMeth = append(b.ifaceMeth, t.Method(i).Name)
			}
		}
	}
	m := &goprint.Methods{}
	if t.Implements(formatterType) {
		m.Format = func(v reflect.Value, s fmt.State, verb rune) { v.Interface().(fmt.Formatter).Format(s, verb) }
	}
	if t.Implements(goStringer) {
		m.GoString = func(v reflect.Value) string { return v.Interface().(fmt.GoStringer).GoString() }
	}
	if t.Implements(errorType) {
		m.Error = func(v reflect.Value) string { return v.Interface().(error).Error() }
	}
	if t.Implements(stringerType) {
		m.String = func(v reflect.Value) string { return v.Interface().(fmt.Stringer).String() }
	}
	b.methods = m
	return b
}

// holdsInterface reports whether a value of type t may hold an interface
// value, which may be an interpreted one.
func holdsInterface(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.Interface:
		return true
	case reflect.Array, reflect.Slice, reflect.Pointer, reflect.Map, reflect.Chan:
		if t.Kind() == reflect.Map && holdsInterface(t.Key(), seen) {
			return true
		}
		return holdsInterface(t.Elem(), seen)
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if holdsInterface(t.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

// Compiled returns the compiled type b describes.
func (b *binType) Compiled() reflect.Type { return b.t }

func (b *binType) String() string     { return b.t.String() }
func (b *binType) Kind() reflect.Kind { return b.t.Kind() }
func (b *binType) Plain() bool        { return b.plain }
func (b *binType) NumField() int      { return b.t.NumField() }
func (b *binType) Methods() *goprint.Methods {
	return b.methods
}

func (b *binType) Elem() goprint.Type { return b.u.Compiled(b.t.Elem()) }
func (b *binType) Key() goprint.Type  { return b.u.Compiled(b.t.Key()) }

func (b *binType) Field(i int) goprint.Field {
	f := b.t.Field(i)
	return goprint.Field{Name: f.Name, Exported: f.IsExported(), Type: b.u.Compiled(f.Type)}
}

func (b *binType) Dynamic(v reflect.Value) (goprint.Type, reflect.Value, error) {
	return b.u.dynamic(b.slot, b.ifaceMeth, v)
}
