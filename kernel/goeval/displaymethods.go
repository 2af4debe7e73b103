package goeval

import (
	"fmt"
	"go/token"
	"reflect"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/goprint"
)

// kernel/display shows a value richly through its methods HTML, Markdown,
// SVG, LaTeX, PNG, GIF and JSON, which compiled code cannot see on the
// values of cells' types (YAEGI_BUGS.md, 8). They are registered with the
// type like String (celltypes.go), and the value of a cell's last
// expression whose type has one reaches the kernel as a *displayValue,
// which hands them to display.Bundle through DisplayMethod, a method
// display looks for by name.

// displayMethodResults maps each display method to the kind of its result.
var displayMethodResults = map[string]reflect.Kind{
	"HTML": reflect.String, "Markdown": reflect.String, "SVG": reflect.String, "LaTeX": reflect.String,
	"PNG": reflect.Slice, "GIF": reflect.Slice,
	"JSON": reflect.Interface,
}

// printedAs is a value of a cell's type as the print sites give it for the
// cell's Out value (*PrintedValue, *CellValueError).
type printedAs interface {
	PrintedAs() (goprint.Type, reflect.Value)
}

// displayValue is a value of a cell's type with display methods: it prints
// as the value it embeds and finds those methods for display.Bundle.
type displayValue struct {
	printedAs
	d *dynTypes
}

// Format formats the value as the value it embeds formats.
func (d *displayValue) Format(s fmt.State, verb rune) {
	fmt.Fprintf(s, fmt.FormatString(s, verb), d.printedAs)
}

// withDisplayMethods returns x, a cell's Out value, as a *displayValue
// when its type has a display method; ok is false otherwise.
func (s *dynTypes) withDisplayMethods(x any) (d *displayValue, ok bool) {
	p, ok := x.(printedAs)
	if !ok {
		return nil, false
	}
	for name := range displayMethodResults {
		if _, _, ok := s.displayMethod(p, name); ok {
			return &displayValue{printedAs: p, d: s}, true
		}
	}
	return nil, false
}

// DisplayMethod returns the display method called name of the value, bound
// to it, as func() string (HTML, Markdown, SVG, LaTeX), func() []byte
// (PNG, GIF) or func() any (JSON); ok is false when the value's method set
// lacks it, and for a nil pointer, whose methods are not called.
func (d *displayValue) DisplayMethod(name string) (method any, ok bool) {
	kind := displayMethodResults[name]
	fn, arg, ok := d.d.displayMethod(d.printedAs, name)
	if !ok || fn.Type().NumOut() != 1 || fn.Type().Out(0).Kind() != kind {
		return nil, false
	}
	call := func() reflect.Value { return fn.Call([]reflect.Value{arg})[0] }
	switch kind {
	case reflect.String:
		return func() string { return call().String() }, true
	case reflect.Slice:
		return func() []byte { return call().Bytes() }, true
	}
	return func() any {
		r := call()
		if r.IsNil() {
			return nil
		}
		return r.Elem().Interface()
	}, true
}

// displayMethod finds the registered display method name of a value of a
// cell's type, and the argument to call it with: a pointer's method set
// holds the value receiver's methods, a value's lacks the pointer
// receiver's.
func (s *dynTypes) displayMethod(p printedAs, name string) (fn, arg reflect.Value, ok bool) {
	if _, known := displayMethodResults[name]; !known {
		return reflect.Value{}, reflect.Value{}, false
	}
	t, v := p.PrintedAs()
	if t == nil || !v.IsValid() {
		return reflect.Value{}, reflect.Value{}, false
	}
	ptr := t.Kind() == reflect.Pointer
	if ptr {
		if t = t.Elem(); t == nil || v.Kind() != reflect.Pointer || v.IsNil() {
			return reflect.Value{}, reflect.Value{}, false
		}
	}
	typeName, isMain := strings.CutPrefix(typeString(t), "main.")
	if !isMain || !token.IsIdentifier(typeName) {
		return reflect.Value{}, reflect.Value{}, false
	}
	fn, onPtr := s.version(typeName).method(name, ptr)
	if !fn.IsValid() || fn.Type().NumIn() != 1 {
		return reflect.Value{}, reflect.Value{}, false
	}
	arg = v
	if ptr && !onPtr {
		arg = v.Elem()
	}
	in := fn.Type().In(0)
	switch {
	case arg.Type().AssignableTo(in):
	case arg.Type().ConvertibleTo(in):
		arg = arg.Convert(in)
	default:
		return reflect.Value{}, reflect.Value{}, false
	}
	return fn, arg, true
}

// typeString is t as %T prints it, or "" for a type that cannot be told (a
// value the interpreter keeps in a wrapper of an interface: its String
// panics).
func typeString(t goprint.Type) (s string) {
	defer func() {
		if recover() != nil {
			s = ""
		}
	}()
	return t.String()
}
