package goprint

import (
	"errors"
	"fmt"
	"reflect"
)

// printArg prints a top-level operand of type t (nil: a nil interface) with
// run-time value v, as fmt's printArg does.
func (p *printer) printArg(t Type, v reflect.Value, verb rune) {
	if t != nil && t.Kind() == reflect.Interface {
		dt, dv, err := t.Dynamic(v)
		if err != nil {
			p.ambiguous(err, func(q *printer, ct Type, cv reflect.Value) { q.printArg(ct, cv, verb) })
			return
		}
		t, v = dt, dv
	}
	if t == nil {
		// fmt: %T and %v print <nil>, other verbs %!verb(<nil>).
		p.delegate(verb, nil)
		return
	}
	switch verb {
	case 'T':
		p.fmtS(t.String())
		return
	case 'p':
		p.fmtPointer(t, v, 'p')
		return
	}
	if t.Kind() == reflect.Slice && t.String() == "[]uint8" {
		// fmt prints a []byte operand itself ([]byte{...} under %#v).
		p.delegate(verb, v.Bytes())
		return
	}
	if !p.erroring && isPlain(t) {
		// An ordinary Go value: fmt prints it right. %w is fmt's only
		// verb that depends on the function (Errorf) it is called from.
		if verb == 'w' && p.wrapErrs && t.Methods().Error != nil {
			verb = 'v'
		}
		p.delegate(verb, v.Interface())
		return
	}
	if p.handleMethods(t, v, verb) {
		return
	}
	p.printValue(t, v, false, verb, 0)
}

// handleMethods calls the method fmt would call for verb (Format,
// GoString, Error, String), if the method set of t has it, and reports
// whether it did.
func (p *printer) handleMethods(t Type, v reflect.Value, verb rune) bool {
	if p.erroring {
		return false
	}
	m := t.Methods()
	if verb == 'w' {
		if !p.wrapErrs || m == nil || m.Error == nil {
			p.badVerb(t, v, false, 'w')
			return true
		}
		verb = 'v'
	}
	if m.empty() {
		return false
	}
	if m.Format != nil {
		p.call(t, v, verb, "Format", func() { m.Format(v, p, verb) })
		return true
	}
	if p.f.sharpV {
		if m.GoString != nil {
			p.call(t, v, verb, "GoString", func() { p.fmtS(m.GoString(v)) })
			return true
		}
		return false
	}
	switch verb {
	case 'v', 's', 'x', 'X', 'q':
		switch {
		case m.Error != nil:
			p.call(t, v, verb, "Error", func() { p.fmtString(m.Error(v), verb) })
			return true
		case m.String != nil:
			p.call(t, v, verb, "String", func() { p.fmtString(m.String(v), verb) })
			return true
		}
	}
	return false
}

// call runs a method as fmt does: a panic prints <nil> when the receiver
// is a nil pointer and %!verb(PANIC=Method method: value) otherwise. An
// *Unsupported panic is not the method's: it goes on.
func (p *printer) call(t Type, v reflect.Value, verb rune, method string, f func()) {
	if p.noCall {
		panic(errNoCall)
	}
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		if _, ok := r.(*Unsupported); ok {
			panic(r)
		}
		if t.Kind() == reflect.Pointer && v.IsNil() {
			p.str("<nil>")
			return
		}
		if p.panicking {
			panic(r)
		}
		saved := p.f
		p.f = flags{}
		p.str("%!")
		p.verbRune(verb)
		p.str("(PANIC=")
		p.str(method)
		p.str(" method: ")
		p.panicking = true
		p.printArg(panicType(r), reflect.ValueOf(r), 'v')
		p.panicking = false
		p.byte1(')')
		p.f = saved
	}()
	f()
}

// PanicType is the Type the printer gives the value a method panicked
// with. The interpreter may replace it to describe its own panic values.
var PanicType = func(r any) Type { return Of(reflect.TypeOf(r), true) }

func panicType(r any) Type {
	if r == nil {
		return nil
	}
	return PanicType(r)
}

// fmtString prints the result of an Error or String method with verb.
func (p *printer) fmtString(s string, verb rune) {
	p.leafValue(reflect.String, s, verb)
}

// printValue prints v, of type t, at the given depth (0 for a top-level
// operand); ro is set below an unexported field, where fmt does not call
// methods.
func (p *printer) printValue(t Type, v reflect.Value, ro bool, verb rune, depth int) {
	if t.Kind() == reflect.Interface {
		dt, dv, err := t.Dynamic(v)
		if err != nil {
			p.ambiguous(err, func(q *printer, ct Type, cv reflect.Value) { q.printValue(ct, cv, ro, verb, depth+1) })
			return
		}
		if dt == nil {
			if p.f.sharpV {
				p.str(t.String())
				p.str("(nil)")
			} else {
				p.str("<nil>")
			}
			return
		}
		p.printValue(dt, dv, ro, verb, depth+1)
		return
	}
	if depth > 0 && !ro && p.handleMethods(t, v, verb) {
		return
	}
	switch k := t.Kind(); k {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128, reflect.String:
		p.leaf(t, v, ro, verb)
	case reflect.Map:
		p.printMap(t, v, ro, verb, depth)
	case reflect.Struct:
		if p.f.sharpV {
			p.str(t.String())
		}
		p.byte1('{')
		for i := 0; i < t.NumField(); i++ {
			if i > 0 {
				p.sep()
			}
			f := t.Field(i)
			if (p.f.plusV || p.f.sharpV) && f.Name != "" {
				p.str(f.Name)
				p.byte1(':')
			}
			p.printValue(f.Type, v.Field(i), ro || !f.Exported, verb, depth+1)
		}
		p.byte1('}')
	case reflect.Array, reflect.Slice:
		p.printList(t, v, ro, verb, depth)
	case reflect.Pointer:
		if depth == 0 && !v.IsNil() {
			switch t.Elem().Kind() {
			case reflect.Array, reflect.Slice, reflect.Struct, reflect.Map:
				p.byte1('&')
				p.printValue(t.Elem(), v.Elem(), ro, verb, depth+1)
				return
			}
		}
		p.fmtPointer(t, v, verb)
	case reflect.Chan, reflect.Func, reflect.UnsafePointer:
		p.fmtPointer(t, v, verb)
	default:
		p.str("?")
		p.str(t.String())
		p.byte1('?')
	}
}

// sep writes the separator of elements and fields.
func (p *printer) sep() {
	if p.f.sharpV {
		p.str(", ")
	} else {
		p.byte1(' ')
	}
}

func (p *printer) printList(t Type, v reflect.Value, ro bool, verb rune, depth int) {
	switch verb {
	case 's', 'q', 'x', 'X':
		if t.Elem().Kind() == reflect.Uint8 {
			b := make([]byte, v.Len())
			for i := range b {
				b[i] = byte(v.Index(i).Uint())
			}
			p.delegate(verb, b)
			return
		}
	}
	if p.f.sharpV {
		p.str(t.String())
		if t.Kind() == reflect.Slice && v.IsNil() {
			p.str("(nil)")
			return
		}
		p.byte1('{')
	} else {
		p.byte1('[')
	}
	et := t.Elem()
	for i := 0; i < v.Len(); i++ {
		if i > 0 {
			p.sep()
		}
		p.printValue(et, v.Index(i), ro, verb, depth+1)
	}
	if p.f.sharpV {
		p.byte1('}')
	} else {
		p.byte1(']')
	}
}

func (p *printer) printMap(t Type, v reflect.Value, ro bool, verb rune, depth int) {
	if p.f.sharpV {
		p.str(t.String())
		if v.IsNil() {
			p.str("(nil)")
			return
		}
		p.byte1('{')
	} else {
		p.str("map[")
	}
	kt, vt := t.Key(), t.Elem()
	for i, e := range sortedEntries(kt, v) {
		if i > 0 {
			p.sep()
		}
		p.printValue(kt, e.key, ro, verb, depth+1)
		p.byte1(':')
		p.printValue(vt, e.value, ro, verb, depth+1)
	}
	if p.f.sharpV {
		p.byte1('}')
	} else {
		p.byte1(']')
	}
}

// fmtPointer prints a pointer, channel, function, map, slice or unsafe
// pointer as an address, as fmt does.
func (p *printer) fmtPointer(t Type, v reflect.Value, verb rune) {
	var u uint64
	switch v.Kind() {
	case reflect.Chan, reflect.Func, reflect.Map, reflect.Pointer, reflect.Slice, reflect.UnsafePointer:
		u = uint64(uintptr(v.UnsafePointer()))
	default:
		p.badVerb(t, v, false, verb)
		return
	}
	switch verb {
	case 'v':
		if p.f.sharpV {
			p.byte1('(')
			p.str(t.String())
			p.str(")(")
			if u == 0 {
				p.str("nil")
			} else {
				p.fmt0x64(u, true)
			}
			p.byte1(')')
		} else if u == 0 {
			p.padString("<nil>")
		} else {
			p.fmt0x64(u, !p.f.sharp)
		}
	case 'p':
		p.fmt0x64(u, !p.f.sharp)
	case 'b', 'o', 'd', 'x', 'X':
		p.delegate(verb, u)
	default:
		p.badVerb(t, v, false, verb)
	}
}

// badVerb writes %!verb(type=value) for an operand the verb does not
// apply to; t nil is a nil interface. No method is called inside.
func (p *printer) badVerb(t Type, v reflect.Value, ro bool, verb rune) {
	p.erroring = true
	p.str("%!")
	p.verbRune(verb)
	p.byte1('(')
	if t != nil {
		p.str(t.String())
		p.byte1('=')
		p.printValue(t, v, ro, 'v', 0)
	} else {
		p.str("<nil>")
	}
	p.byte1(')')
	p.erroring = false
}

// ambiguous prints a value whose type Dynamic could not tell: the same
// output under every candidate type, or a refusal.
func (p *printer) ambiguous(err error, render func(q *printer, t Type, v reflect.Value)) {
	var a *Ambiguous
	if !errors.As(err, &a) {
		panic(&Unsupported{Message: err.Error()})
	}
	var out []byte
	for i, c := range a.Candidates {
		b, called := p.candidate(c, a.Value, render)
		if called {
			panic(&Unsupported{Message: a.Why})
		}
		if i > 0 && string(b) != string(out) {
			panic(&Unsupported{Message: a.Why})
		}
		out = b
	}
	p.buf = append(p.buf, out...)
}

// candidate renders v as a value of type t in a copy of the printer, and
// reports whether that would call a method.
func (p *printer) candidate(t Type, v reflect.Value, render func(q *printer, t Type, v reflect.Value)) (out []byte, called bool) {
	q := *p
	q.buf = nil
	q.noCall = true
	defer func() {
		if r := recover(); r != nil {
			if r == errNoCall {
				called = true
				return
			}
			panic(r)
		}
	}()
	render(&q, t, v)
	return q.buf, false
}

// String, for a printer used as a fmt.State in messages.
func (p *printer) String() string { return string(p.buf) }

var _ fmt.State = (*printer)(nil)
