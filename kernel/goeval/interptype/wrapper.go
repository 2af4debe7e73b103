package interptype

import (
	"fmt"
	"reflect"

	"github.com/descentlab/descent/kernel/goeval/goprint"
)

// opaque is the type of an interpreted value held in an interpreter
// wrapper (interp._error, stdlib._fmt_Stringer, ...) whose own type cannot
// be told: yaegi keeps, for a struct value, only its last field there
// (getConcreteValue), but the wrapper's methods still call the value's
// methods. fmt's method calls go through them; printing the type or the
// structure is refused.
type opaque struct {
	w       reflect.Value // the wrapper
	methods *goprint.Methods
	what    string
}

func (u *Universe) opaqueOf(w reflect.Value) *opaque {
	o := &opaque{w: w, what: "an " + w.Type().Name()[1:] + " value"}
	m := &goprint.Methods{}
	call := func(name string) func(reflect.Value) string {
		f := w.FieldByName("W" + name)
		if !f.IsValid() || f.IsNil() {
			return nil
		}
		fn, ok := f.Interface().(func() string)
		if !ok {
			return nil
		}
		return func(reflect.Value) string { return fn() }
	}
	m.Error, m.String, m.GoString = call("Error"), call("String"), call("GoString")
	if f := w.FieldByName("WFormat"); f.IsValid() && !f.IsNil() {
		if fn, ok := f.Interface().(func(fmt.State, rune)); ok {
			m.Format = func(_ reflect.Value, s fmt.State, verb rune) { fn(s, verb) }
		}
	}
	o.methods = m
	return o
}

func (o *opaque) refuse() {
	panic(&goprint.Unsupported{Message: "fmt cannot print the type or the fields of this value: the interpreter keeps neither for a value of a cell struct type stored in a variable of an interface type such as error (only its methods work); print it with %v, or print the value from a variable of its own type"})
}

func (o *opaque) String() string            { o.refuse(); return "" }
func (o *opaque) Kind() reflect.Kind        { return reflect.Struct }
func (o *opaque) Elem() goprint.Type        { o.refuse(); return nil }
func (o *opaque) Key() goprint.Type         { o.refuse(); return nil }
func (o *opaque) NumField() int             { o.refuse(); return 0 }
func (o *opaque) Field(int) goprint.Field   { o.refuse(); return goprint.Field{} }
func (o *opaque) Methods() *goprint.Methods { return o.methods }
func (o *opaque) Dynamic(reflect.Value) (goprint.Type, reflect.Value, error) {
	o.refuse()
	return nil, reflect.Value{}, nil
}
