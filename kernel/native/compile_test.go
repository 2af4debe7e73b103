package native

import (
	"context"
	"errors"
	"fmt"
	"go/constant"
	"reflect"
	"strings"
	"testing"
)

// stdFinder finds the standard packages the tests use.
func stdFinder(name string) (string, bool) {
	p, ok := map[string]string{"math": "math", "fmt": "fmt", "strings": "strings", "slices": "slices", "errors": "errors"}[name]
	return p, ok
}

const sampleCell = `         
// rosen is Rosenbrock's function.
func rosen(x []float64) float64 { return (1-x[0])*(1-x[0]) + 100*math.Pow(x[1]-x[0]*x[0], 2) }

type point struct{ X, Y float64 }

func (p point) String() string { return fmt.Sprintf("(%g, %g)", p.X, p.Y) }

var calls int

func count() int { calls++; return calls }

const (
	steps = 1000
	rate  = 0.5
	name  = "gd"
	big float32 = 2
)

func Map[T any](xs []T, f func(T) T) []T { return xs }
`

func TestCompileCellExportsItsDeclarations(t *testing.T) {
	b := testBuilder(t)
	c, err := b.CompileCell(context.Background(), sampleCell, stdFinder, nil)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(c.Funcs, c.Types, c.Vars, c.Consts, c.Generic) != "[rosen count] [point] [calls] [big name rate steps] [Map]" {
		t.Errorf("names: %v %v %v %v %v", c.Funcs, c.Types, c.Vars, c.Consts, c.Generic)
	}
	// Rosenbrock at (0.5, 0.5): 0.25 + 100*0.0625.
	got := c.Symbols["rosen"].Call([]reflect.Value{reflect.ValueOf([]float64{0.5, 0.5})})[0].Float()
	if got != 0.25+100*0.0625 {
		t.Errorf("rosen = %v", got)
	}
	pt := reflect.New(c.Symbols["point"].Type().Elem()).Elem()
	pt.Field(0).SetFloat(1.5)
	if s := fmt.Sprint(pt.Interface()); s != "(1.5, 0)" {
		t.Errorf("fmt of a compiled value = %q", s)
	}
	if s := fmt.Sprintf("%T", pt.Interface()); s != "main.point" {
		t.Errorf("%%T = %q, want main.point", s)
	}
	c.Symbols["count"].Call(nil)
	if n := c.Symbols["calls"].Elem().Int(); n != 1 {
		t.Errorf("calls through the pointer = %d after one count()", n)
	}
	if v, ok := c.Symbols["steps"].Interface().(constant.Value); !ok || v.String() != "1000" {
		t.Errorf("untyped steps = %#v", c.Symbols["steps"].Interface())
	}
	if v, ok := c.Symbols["big"].Interface().(float32); !ok || v != 2 {
		t.Errorf("typed big = %#v", c.Symbols["big"].Interface())
	}
}

func TestCompileErrorsPointAtTheCell(t *testing.T) {
	b := testBuilder(t)
	for _, tc := range []struct {
		cell string
		line int
		msg  string
	}{
		{"\nfunc f() int {\n\treturn undefinedName\n}\n", 3, "undefined: undefinedName"},
		{"\nfunc f() int { return 1 }\nx := 3\n", 3, "declarations only"},
		{"\nfunc main() {}\n", 2, "cannot declare main"},
		{"\nimport \"example.com/not/there\"\nvar _ = there.X\n", 2, "%go get"},
		{"%%compile extra\nfunc f() {}\n", 1, "takes no arguments"},
	} {
		_, err := b.CompileCell(context.Background(), strings.Replace(tc.cell, "%%compile", "         ", 1), stdFinder, nil)
		var ce *CompileError
		if !errors.As(err, &ce) {
			t.Errorf("%q: error %v, want a CompileError", tc.cell, err)
			continue
		}
		if ce.Line != tc.line || !strings.Contains(ce.Msg, tc.msg) {
			t.Errorf("%q: got line %d %q, want line %d and %q", tc.cell, ce.Line, ce.Msg, tc.line, tc.msg)
		}
	}
}

func TestCompileCellWritesInterfaceWrappers(t *testing.T) {
	b := testBuilder(t)
	c, err := b.CompileCell(context.Background(), `
type scorer interface {
	Score(xs []float64, opts ...string) (float64, error)
	fmt.Stringer
}

type named interface {
	scorer
	Name() string
}

type number interface{ ~int | ~float64 }

func total(s scorer, xs []float64) float64 { v, _ := s.Score(xs); return v }
`, stdFinder, nil)
	if err != nil {
		t.Fatal(err)
	}
	w, ok := c.Symbols["_named"]
	if !ok || c.Symbols["_scorer"] == (reflect.Value{}) {
		t.Fatalf("no wrappers in %v", c.Symbols)
	}
	if _, ok := c.Symbols["_number"]; ok {
		t.Error("a type constraint got a wrapper")
	}
	// The wrapper implements the interface: fill its functions as the
	// interpreter would and call the compiled function with it.
	wt := w.Type().Elem()
	var fields []string
	for i := range wt.NumField() {
		fields = append(fields, wt.Field(i).Name)
	}
	if fmt.Sprint(fields) != "[IValue WScore WString WName]" {
		t.Errorf("wrapper fields %v", fields)
	}
	ws := reflect.New(c.Symbols["_scorer"].Type().Elem()).Elem()
	ws.FieldByName("WScore").Set(reflect.ValueOf(func(xs []float64, _ ...string) (float64, error) { return xs[0] * 10, nil }))
	got := c.Symbols["total"].Call([]reflect.Value{ws, reflect.ValueOf([]float64{4})})[0].Float()
	if got != 40 {
		t.Errorf("total through the wrapper = %v", got)
	}
}

// TestCompiledCellIsGo uses what the interpreter cannot: generic inference,
// min and max, slices.Sort, errors.As on a cell's error type.
func TestCompiledCellIsGo(t *testing.T) {
	b := testBuilder(t)
	c, err := b.CompileCell(context.Background(), `
func mapped[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}

type tooBig struct{ n int }

func (e *tooBig) Error() string { return fmt.Sprint(e.n, " is too big") }

func check(n int) error { return fmt.Errorf("check: %w", &tooBig{n}) }

func summary(xs []float64) string {
	ys := slices.Clone(xs)
	slices.Sort(ys)
	strs := mapped(ys, func(x float64) string { return fmt.Sprint(x) })
	var tb *tooBig
	as := errors.As(check(7), &tb)
	return fmt.Sprint(strs, min(ys[0], -1), max(3, 9, 4), as, tb.n)
}
`, stdFinder, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := c.Symbols["summary"].Call([]reflect.Value{reflect.ValueOf([]float64{3, 1, 2})})[0].String()
	if want := "[1 2 3] -1 9 true 7"; got != want {
		t.Errorf("summary = %q, want %q (what go run prints for the same code)", got, want)
	}
}
