package goprint

import (
	"reflect"
	"strings"
)

// validVerbs lists, for each basic kind, the verbs fmt formats it with; any
// other verb prints %!verb(type=value).
func validVerbs(k reflect.Kind) string {
	switch k {
	case reflect.Bool:
		return "tv"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "vdboOxXcqU"
	case reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return "vbgGxXfFeE"
	case reflect.String:
		return "vsxXq"
	}
	return ""
}

// leaf prints a value of a basic kind (number, string, boolean): fmt
// formats it, as a value of the predeclared type of its kind, with the
// same directive.
func (p *printer) leaf(t Type, v reflect.Value, ro bool, verb rune) {
	k := t.Kind()
	if !strings.ContainsRune(validVerbs(k), verb) {
		p.badVerb(t, v, ro, verb)
		return
	}
	p.leafValue(k, basicValue(k, v), verb)
}

// leafValue has fmt print x, a value of a predeclared type of kind k.
func (p *printer) leafValue(k reflect.Kind, x any, verb rune) {
	if verb == 'v' && (p.f.sharp || p.f.plus) && !p.f.sharpV && !p.f.plusV {
		// %v with the # or + flag of another verb (inside %!d(...)): fmt
		// formats the value as its kind's default verb with those flags.
		switch k {
		case reflect.Bool:
			verb = 't'
		case reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
			verb = 'g'
		case reflect.String:
			verb = 's'
		default:
			verb = 'd'
		}
	}
	p.delegate(verb, x)
}

// basicValue returns v as a value of the predeclared type of kind k.
func basicValue(k reflect.Kind, v reflect.Value) any {
	switch k {
	case reflect.Bool:
		return v.Bool()
	case reflect.Int:
		return int(v.Int())
	case reflect.Int8:
		return int8(v.Int())
	case reflect.Int16:
		return int16(v.Int())
	case reflect.Int32:
		return int32(v.Int())
	case reflect.Int64:
		return v.Int()
	case reflect.Uint:
		return uint(v.Uint())
	case reflect.Uint8:
		return uint8(v.Uint())
	case reflect.Uint16:
		return uint16(v.Uint())
	case reflect.Uint32:
		return uint32(v.Uint())
	case reflect.Uint64:
		return v.Uint()
	case reflect.Uintptr:
		return uintptr(v.Uint())
	case reflect.Float32:
		return float32(v.Float())
	case reflect.Float64:
		return v.Float()
	case reflect.Complex64:
		return complex64(v.Complex())
	case reflect.Complex128:
		return v.Complex()
	case reflect.String:
		return v.String()
	}
	return nil
}
