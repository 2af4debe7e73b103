package goprint

import (
	"fmt"
	"reflect"
	"sync"
)

// Of returns the Type of compiled Go type t, read from reflect: its values
// are ordinary Go values. With plain true the Type is Plain, and the
// printer hands top-level operands of it to fmt; with plain false the
// printer formats them itself (tests use that to compare it with fmt).
func Of(t reflect.Type, plain bool) Type {
	if t == nil {
		return nil
	}
	key := reflectKey{t, plain}
	if c, ok := reflectTypes.Load(key); ok {
		return c.(*reflectType)
	}
	rt := &reflectType{t: t, plain: plain}
	c, _ := reflectTypes.LoadOrStore(key, rt)
	return c.(*reflectType)
}

type reflectKey struct {
	t     reflect.Type
	plain bool
}

var reflectTypes sync.Map // reflectKey -> *reflectType

type reflectType struct {
	t     reflect.Type
	plain bool

	once    sync.Once
	methods *Methods
}

var (
	formatterType = reflect.TypeFor[fmt.Formatter]()
	goStringer    = reflect.TypeFor[fmt.GoStringer]()
	errorType     = reflect.TypeFor[error]()
	stringerType  = reflect.TypeFor[fmt.Stringer]()
)

func (r *reflectType) String() string     { return r.t.String() }
func (r *reflectType) Kind() reflect.Kind { return r.t.Kind() }
func (r *reflectType) Elem() Type         { return Of(r.t.Elem(), r.plain) }
func (r *reflectType) Key() Type          { return Of(r.t.Key(), r.plain) }
func (r *reflectType) NumField() int      { return r.t.NumField() }
func (r *reflectType) Plain() bool        { return r.plain }

func (r *reflectType) Field(i int) Field {
	f := r.t.Field(i)
	return Field{Name: f.Name, Exported: f.IsExported(), Type: Of(f.Type, r.plain)}
}

func (r *reflectType) Methods() *Methods {
	r.once.Do(func() {
		m := &Methods{}
		if r.t.Implements(formatterType) {
			m.Format = func(v reflect.Value, s fmt.State, verb rune) { v.Interface().(fmt.Formatter).Format(s, verb) }
		}
		if r.t.Implements(goStringer) {
			m.GoString = func(v reflect.Value) string { return v.Interface().(fmt.GoStringer).GoString() }
		}
		if r.t.Implements(errorType) {
			m.Error = func(v reflect.Value) string { return v.Interface().(error).Error() }
		}
		if r.t.Implements(stringerType) {
			m.String = func(v reflect.Value) string { return v.Interface().(fmt.Stringer).String() }
		}
		r.methods = m
	})
	return r.methods
}

func (r *reflectType) Dynamic(v reflect.Value) (Type, reflect.Value, error) {
	if v.IsNil() {
		return nil, reflect.Value{}, nil
	}
	e := v.Elem()
	return Of(e.Type(), r.plain), e, nil
}
