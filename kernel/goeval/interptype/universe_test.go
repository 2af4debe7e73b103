package interptype_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/goeval/goprint"
	"github.com/descentlab/descent/kernel/goeval/interptype"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// The types below are declared twice: compiled here, and interpreted (the
// same source, in decls) in package main of an interpreter. What the
// Universe reads of the interpreted ones must be what reflect says of the
// compiled ones: the spelling (%T) with main for this package, and, for
// method sets, whether String is in the set of T and of *T.

type ID int
type Base struct{ ID int }

func (b Base) String() string { return "base" }

type PBase struct{ N int }

func (b *PBase) String() string { return "pbase" }

type Other struct{ M int }

func (o Other) String() string { return "other" }

type ByValue struct{ Base }     // String promoted from a value receiver
type ByPointer struct{ *PBase } // promoted through an embedded pointer
type PtrOnly struct{ PBase }    // *PBase's String: only in *PtrOnly's set
type Deep struct{ ByValue }     // depth 2
type Ambiguous struct {         // two Strings at depth 1: none
	Base
	Other
}
type Shadowed struct { // a field at depth 0 hides depth 1
	Base
	String int
}
type Own struct{ ByValue } // its own method wins over depth 2

func (o Own) String() string { return "own" }

type Shape interface{ Area() float64 }
type Sq struct{ S float64 }

func (s Sq) Area() float64 { return s.S }

type Pt struct{ X, Y float64 }

const decls = `
type ID int
type Base struct{ ID int }

func (b Base) String() string { return "base" }

type PBase struct{ N int }

func (b *PBase) String() string { return "pbase" }

type Other struct{ M int }

func (o Other) String() string { return "other" }

type ByValue struct{ Base }
type ByPointer struct{ *PBase }
type PtrOnly struct{ PBase }
type Deep struct{ ByValue }
type Ambiguous struct {
	Base
	Other
}
type Shadowed struct {
	Base
	String int
}
type Own struct{ ByValue }

func (o Own) String() string { return "own" }

type Shape interface{ Area() float64 }
type Sq struct{ S float64 }

func (s Sq) Area() float64 { return s.S }

type Pt struct{ X, Y float64 }
`

// site is what the marker returns; the program calls its Use method.
type site struct{}

func (site) Use(...any) {}

// operandTypes compiles exprs as the operands of one print call in an
// interpreter that has decls, and returns their types as read.
func operandTypes(t *testing.T, exprs []string) []goprint.Type {
	t.Helper()
	in := interp.New(interp.Options{})
	if err := in.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	at := func(int) site { return site{} }
	if err := in.Use(interp.Exports{"marker/marker": {"At": reflect.ValueOf(at)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := in.Eval(`import "marker"`); err != nil {
		t.Fatal(err)
	}
	if _, err := in.Eval(decls); err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, x := range exprs {
		args = append(args, "interface{}("+x+")")
	}
	prog, err := in.Compile("func main() { marker.At(1).Use(" + strings.Join(args, ", ") + ") }")
	if err != nil {
		t.Fatal(err)
	}
	u := interptype.NewUniverse()
	sites := u.ReadProgram(prog, reflect.ValueOf(at))
	types, ok := sites[1]
	if !ok || len(types) != len(exprs) {
		t.Fatalf("read sites %v, want site 1 with %d operands", sites, len(exprs))
	}
	return types
}

func TestTypesSpellAsReflect(t *testing.T) {
	cases := []struct {
		expr     string
		compiled any
	}{
		{"ID(1)", ID(1)},
		{"Base{}", Base{}},
		{"&Base{}", &Base{}},
		{"[]*Base{}", []*Base{}},
		{"map[ID][]Sq{}", map[ID][]Sq{}},
		{"[3]ByValue{}", [3]ByValue{}},
		{"&[]Own{}", &[]Own{}},
		{"make(chan (<-chan ID))", make(chan (<-chan ID))},
		{"func(x ID, ys ...Sq) (Shape, error) { return nil, nil }", func(x ID, ys ...Sq) (Shape, error) { return nil, nil }},
		{"struct {\n\tA ID\n\tb []Sq `label:\"b\"`\n}{}", struct {
			A ID
			b []Sq `label:"b"`
		}{}},
		{"[]Shape{}", []Shape{}},
		{"[]interface{ Area() float64 }{}", []interface{ Area() float64 }{}},
		{"[]any{}", []any{}},
		{"[]error{}", []error{}},
	}
	var exprs []string
	for _, c := range cases {
		exprs = append(exprs, c.expr)
	}
	types := operandTypes(t, exprs)
	for i, c := range cases {
		want := strings.ReplaceAll(reflect.TypeOf(c.compiled).String(), "interptype_test.", "main.")
		if types[i] == nil {
			t.Errorf("%s: no type read", c.expr)
			continue
		}
		if got := types[i].String(); got != want {
			t.Errorf("%s: spelled %q, want %q", c.expr, got, want)
		}
		if got, want := types[i].Kind(), reflect.TypeOf(c.compiled).Kind(); got != want {
			t.Errorf("%s: kind %s, want %s", c.expr, got, want)
		}
	}
}

func TestMethodSetsAsReflect(t *testing.T) {
	cases := []struct {
		expr     string
		compiled any
	}{
		{"Base{}", Base{}}, {"&Base{}", &Base{}},
		{"PBase{}", PBase{}}, {"&PBase{}", &PBase{}},
		{"ByValue{}", ByValue{}}, {"&ByValue{}", &ByValue{}},
		{"ByPointer{}", ByPointer{}}, {"&ByPointer{}", &ByPointer{}},
		{"PtrOnly{}", PtrOnly{}}, {"&PtrOnly{}", &PtrOnly{}},
		{"Deep{}", Deep{}}, {"&Deep{}", &Deep{}},
		{"Ambiguous{}", Ambiguous{}}, {"&Ambiguous{}", &Ambiguous{}},
		{"Shadowed{}", Shadowed{}}, {"&Shadowed{}", &Shadowed{}},
		{"Own{}", Own{}}, {"&Own{}", &Own{}},
		{"Sq{}", Sq{}}, {"ID(0)", ID(0)},
	}
	var exprs []string
	for _, c := range cases {
		exprs = append(exprs, c.expr)
	}
	types := operandTypes(t, exprs)
	for i, c := range cases {
		_, want := reflect.TypeOf(c.compiled).MethodByName("String")
		m := types[i].Methods()
		if got := m != nil && m.String != nil; got != want {
			t.Errorf("%s: String in the method set: %v, want %v", c.expr, got, want)
		}
	}
}

// A value stored in an interface without its type is matched against the
// types of the code that can be stored so (a type with methods only where
// the code converts it explicitly, any(Base{})); a unique candidate is its
// type, several are ambiguous.
func TestBareValuesInInterfaces(t *testing.T) {
	types := operandTypes(t, []string{"[]any{Pt{}, ID(1), any(Base{})}"})
	elem := types[0].Elem()
	if elem.Kind() != reflect.Interface {
		t.Fatalf("element of []any has kind %s", elem.Kind())
	}
	for _, c := range []struct {
		v    any
		want string
	}{
		{struct{ X, Y float64 }{2, 3}, "main.Pt"},
		{struct{ ID int }{2}, "main.Base"},
	} {
		x := c.v
		dt, _, err := elem.Dynamic(reflect.ValueOf(&x).Elem())
		if err != nil || dt == nil || dt.String() != c.want {
			t.Errorf("bare %T: type %v (%v), want %s", c.v, dt, err, c.want)
		}
	}
	x := any(1)
	_, _, err := elem.Dynamic(reflect.ValueOf(&x).Elem())
	var amb *goprint.Ambiguous
	if err == nil || !asAmbiguous(err, &amb) || len(amb.Candidates) != 2 {
		t.Errorf("bare int with type ID about: %v, want an ambiguity between int and main.ID", err)
	}
}

func asAmbiguous(err error, a **goprint.Ambiguous) bool {
	x, ok := err.(*goprint.Ambiguous)
	*a = x
	return ok
}
