package symbols

import (
	"fmt"
	"reflect"

	"github.com/descentlab/descent/kernel/display"
)

// richTypes are the interfaces the interpreter tries, in order, when a cell
// passes a value to a display function taking `any`. A value of a type
// declared in a cell shows its methods to compiled code only through such an
// interface wrapper, and only the first interface the type implements is
// used: a type with both HTML and Markdown methods is shown as HTML.
var richTypes = []reflect.Type{
	reflect.TypeOf((*display.HTMLer)(nil)).Elem(),
	reflect.TypeOf((*display.Markdowner)(nil)).Elem(),
	reflect.TypeOf((*display.SVGer)(nil)).Elem(),
	reflect.TypeOf((*display.LaTeXer)(nil)).Elem(),
	reflect.TypeOf((*display.PNGer)(nil)).Elem(),
	reflect.TypeOf((*display.JSONer)(nil)).Elem(),
	reflect.TypeOf((*fmt.Stringer)(nil)).Elem(),
}

// init registers richTypes for the display functions that take `any`, under
// the "." key where the interpreter looks for such tables.
func init() {
	Symbols["."] = map[string]reflect.Value{
		"MapTypes": reflect.ValueOf(map[reflect.Value][]reflect.Type{
			reflect.ValueOf(display.Show):   richTypes,
			reflect.ValueOf(display.Bundle): richTypes,
		}),
	}
}
