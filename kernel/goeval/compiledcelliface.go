package goeval

import (
	"reflect"
	"strings"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// A variable of an interface type declared in a cell is the interpreter's
// own representation, and the interpreter converts a value of a compiled
// type to it only where the value's type is written (var l Lener = buf),
// never out of an interface: x.(Lener) on an any holding a *bytes.Buffer
// finds no method, and its comma-ok form is false (YAEGI_BUGS.md 34).
// The rewritten assertion (see ifaceLiteral) asks this hook before it
// fails; a compiled value that has the interface's methods is refused
// rather than reported missing them.

// compiledIntoCellIface is the CompiledIntoCellIface hook: it refuses the
// assertion or type switch case written construct when the value in box
// is of a compiled type whose method set holds those of h, an interface
// type of the cells, and returns otherwise (the value truly is not one).
func (s *dynTypes) compiledIntoCellIface(box []any, h int, construct string) {
	d := s.dynamicOf(box)
	if !d.v.IsValid() || d.ct != nil || d.guess {
		return
	}
	t, in := s.typeOf(h), s.inferer()
	if !s.implements(d, t, in) {
		return
	}
	iface := strings.ReplaceAll(cellNames{in: in}.typeString(t, reflect.Value{}), "main.", "")
	panic(&refusal{msg: construct + " cannot hold a " + d.typeName() + ": the interpreter cannot convert a value of a compiled type taken out of an interface to " +
		iface + ", an interface type written in a cell; assert to the concrete type (.(" + d.typeName() + ")) or to a compiled interface with those methods, " +
		"assign the value where its type is written (var v " + iface + " = y, y a " + d.typeName() + "), or only test it (_, ok := x.(" + iface + "))"})
}

// implementsOK is the ImplementsOK hook, for _, ok := x.(I) with I an
// interface type of the cells: only whether the value has I's methods is
// wanted, which needs no conversion, so a compiled value is answered
// too. It refuses when the answer depends on a type the interpreter did
// not keep.
func (s *dynTypes) implementsOK(h int, box []any) (any, bool) {
	d := s.dynamicOf(box)
	t, in := s.typeOf(h), s.inferer()
	ps := s.possible(d)
	var first match
	for i, p := range ps {
		m := s.matchOf(p, t, in)
		if m == unknownMatch || i > 0 && m != first {
			refuseDoubt("the type assertion .("+strings.ReplaceAll(cellNames{in: in}.typeString(t, reflect.Value{}), "main.", "")+")", ps,
				"assert the value before it goes into the interface or through compiled code")
		}
		first = m
	}
	return nil, first == isMatch
}

// compiledHasMethods reports whether compiled type rt has the methods of
// interface type t of the cells, with their signatures, as Go's
// assertion requires (a Len() string is not a Len() int).
func compiledHasMethods(rt reflect.Type, t typeinfer.Type, in *typeinfer.Inferer) bool {
	names := cellNames{in: in}
	for _, m := range in.Members(t) {
		if m.Kind != "method" {
			continue
		}
		rm, ok := rt.MethodByName(m.Name)
		if !ok {
			return false
		}
		if names.typeString(m.Type, reflect.Value{}) != withoutReceiver(rm.Type).String() {
			return false
		}
	}
	return true
}

// withoutReceiver is the type of a method of a compiled type, whose
// first parameter is the receiver, as the interface writes it.
func withoutReceiver(ft reflect.Type) reflect.Type {
	var ins, outs []reflect.Type
	for i := 1; i < ft.NumIn(); i++ {
		ins = append(ins, ft.In(i))
	}
	for i := 0; i < ft.NumOut(); i++ {
		outs = append(outs, ft.Out(i))
	}
	return reflect.FuncOf(ins, outs, ft.IsVariadic())
}
