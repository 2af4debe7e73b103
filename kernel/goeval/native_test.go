package goeval

import (
	"context"
	"errors"
	"fmt"
	"go/constant"
	"reflect"
	"strings"
	"testing"

	"github.com/traefik/yaegi/interp"
)

// The compiled cells of these tests are ordinary compiled Go of this test
// binary, handed over as a plugin's symbol table would be.

type nativePoint struct{ X, Y float64 }

func (p nativePoint) String() string { return fmt.Sprintf("P(%g,%g)", p.X, p.Y) }

type nativePoint2 struct{ X, Y, Z float64 }

var nativeCount int
var nativeCount2 int

func nativeDouble(x float64) float64 { return 2 * x }
func nativeTriple(x float64) float64 { return 3 * x }

// nativeApply is compiled code that receives a function.
func nativeApply(f func(float64) float64, x float64) float64 { return f(x) }

// isNativeDouble reports whether f is nativeDouble itself, not an
// interpreted function calling it.
func isNativeDouble(f func(float64) float64) bool {
	return reflect.ValueOf(f).Pointer() == reflect.ValueOf(nativeDouble).Pointer()
}

func firstCompiledCell() CompiledCell {
	return CompiledCell{
		Path: "example.org/compiled/c1",
		Symbols: map[string]reflect.Value{
			"double": reflect.ValueOf(nativeDouble),
			"apply":  reflect.ValueOf(nativeApply),
			"isNat":  reflect.ValueOf(isNativeDouble),
			"point":  reflect.ValueOf((*nativePoint)(nil)),
			"steps":  reflect.ValueOf(constant.MakeInt64(10)),
			"count":  reflect.ValueOf(&nativeCount),
			"bump":   reflect.ValueOf(func() { nativeCount++ }),
		},
		Funcs: []string{"double", "apply", "isNat", "bump"}, Types: []string{"point"}, Consts: []string{"steps"}, Vars: []string{"count"},
	}
}

func TestBindCompiledDeclarations(t *testing.T) {
	nativeCount = 0
	s := newSession(t, Options{})
	if err := s.e.BindCompiled(context.Background(), firstCompiledCell()); err != nil {
		t.Fatal(err)
	}
	s.script([]step{
		{"double(4)", "8"},
		{"apply(double, 5)", "10"},
		{"isNat(double)", "true"},
		{`fmt.Sprint(point{1, 2})`, "P(1,2)"},
		{"var f32 float32 = steps\nf32", "10"},
		{"bump()\ncount", "1"},
		{"count = 40\nbump()\ncount", "41"},
		{"count++\nfunc readCount() int { return count }\nreadCount()", "42"},
		{"p := &count\n*p = 7\nbump()\nreadCount()", "8"},
		{"func twice(x float64) float64 { return double(double(x)) }\ntwice(1)", "4"},
	})
	if nativeCount != 8 {
		t.Errorf("the compiled variable is %d, want 8 (written by the cells)", nativeCount)
	}
	if vs := s.e.CompiledVariables(); fmt.Sprint(vs) != "[{count int}]" {
		t.Errorf("CompiledVariables = %v", vs)
	}
}

func TestBindCompiledAgainReplacesTheNames(t *testing.T) {
	nativeCount, nativeCount2 = 0, 0
	s := newSession(t, Options{})
	if err := s.e.BindCompiled(context.Background(), firstCompiledCell()); err != nil {
		t.Fatal(err)
	}
	s.run("func twice(x float64) float64 { return double(double(x)) }\nfunc readCount() int { return count }\nfunc mk() point { return point{X: 1, Y: 2} }")
	second := CompiledCell{
		Path: "example.org/compiled/c2",
		Symbols: map[string]reflect.Value{
			"double": reflect.ValueOf(nativeTriple),
			"point":  reflect.ValueOf((*nativePoint2)(nil)),
			"count":  reflect.ValueOf(&nativeCount2),
		},
		Funcs: []string{"double"}, Types: []string{"point"}, Vars: []string{"count"},
	}
	nativeCount2 = 5
	if err := s.e.BindCompiled(context.Background(), second); err != nil {
		t.Fatal(err)
	}
	s.script([]step{
		{"double(1)", "3"},
		{"twice(1)", "9"},
		{"readCount()", "5"},
		{"count", "5"},
		{`fmt.Sprint(mk())`, "{1 2 0}"}, // the new type: three fields, no String method
	})
	// An interpreted declaration takes the name back.
	s.script([]step{{"count := \"mine\"\ncount", "mine"}, {"readCount := 1\nreadCount", "1"}})
}

func TestResetForgetsCompiledNames(t *testing.T) {
	s := newSession(t, Options{})
	if err := s.e.BindCompiled(context.Background(), firstCompiledCell()); err != nil {
		t.Fatal(err)
	}
	if err := s.e.Reset(); err != nil {
		t.Fatal(err)
	}
	if ce := s.fail("double(1)"); !strings.Contains(ce.Message, "undefined") {
		t.Errorf("after Reset: %v", ce)
	}
	s.script([]step{{"count := 3\ncount", "3"}})
}

func TestImportResolverLoadsPackagesOnDemand(t *testing.T) {
	s := newSession(t, Options{})
	asked := []string{}
	s.e.SetImportResolver(func(_ context.Context, p string) (interp.Exports, error) {
		asked = append(asked, p)
		if p == "example.org/lazy" {
			return interp.Exports{"example.org/lazy/lazy": {"Answer": reflect.ValueOf(func() int { return 42 })}}, nil
		}
		return nil, errors.New("no module provides " + p)
	})
	s.script([]step{{"import \"example.org/lazy\"\nlazy.Answer()", "42"}, {"lazy.Answer() + 1", "43"}})
	ce := s.fail("import \"example.org/missing\"")
	if !strings.Contains(ce.Message, "no module provides example.org/missing") || ce.Line != 1 {
		t.Errorf("error = %v", ce)
	}
	if err := s.e.Reset(); err != nil {
		t.Fatal(err)
	}
	s.script([]step{{"lazy.Answer()", "42"}}) // importable after a reset, by its name too
	if fmt.Sprint(asked) != "[example.org/lazy example.org/missing]" {
		t.Errorf("resolver asked for %v", asked)
	}
	if p, ok := s.e.PackagePath("lazy"); !ok || p != "example.org/lazy" {
		t.Errorf("PackagePath(lazy) = %q, %v", p, ok)
	}
}

// TestCompiledVariablesInDeferredCalls: a deferred call copies its
// arguments when the defer runs, also those that are compiled variables.
func TestCompiledVariablesInDeferredCalls(t *testing.T) {
	nativeCount = 0
	s := newSession(t, Options{})
	if err := s.e.BindCompiled(context.Background(), firstCompiledCell()); err != nil {
		t.Fatal(err)
	}
	s.run(`func show() string {
	out := ""
	func() {
		defer func(n int) { out = fmt.Sprint(n) }(count)
		count = 9
	}()
	return out + " " + fmt.Sprint(count)
}`)
	s.script([]step{{"count = 4\nshow()", "4 9"}})
}

// TestYaegiCannotAssignCompiledVariables reproduces the interpreter defect
// that makes compiled variables go through pointers (see native.go). When
// it fails, yaegi assigns compiled variables and the rewrite can go.
func TestYaegiCannotAssignCompiledVariables(t *testing.T) {
	var v int
	var s []float64
	i := interp.New(interp.Options{})
	if err := i.Use(interp.Exports{"p/p": {"V": reflect.ValueOf(&v).Elem(), "S": reflect.ValueOf(&s).Elem()}}); err != nil {
		t.Fatal(err)
	}
	if _, err := i.Eval(`import "p"`); err != nil {
		t.Fatal(err)
	}
	_, err := i.Eval(`p.V = 1`)
	if err == nil || !strings.Contains(err.Error(), "cannot assign to") || v != 0 {
		t.Errorf("p.V = 1: err %v, v = %d: the interpreter now assigns compiled variables", err, v)
	}
	if _, err := i.Eval(`p.S = []float64{1}`); err != nil || s != nil {
		t.Errorf("p.S = []float64{1}: err %v, s = %v: the interpreter now assigns compiled variables", err, s)
	}
}
