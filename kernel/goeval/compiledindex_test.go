package goeval

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/traefik/yaegi/interp"
)

// A fake compiled library shaped like the parts of optimlib that cells
// index into: a struct with slice fields and a method returning []float64.
type libPoint struct{ X []float64 }

type libWell struct{ Minima, Saddles []libPoint }

type libTrace struct{ xs []float64 }

// Xs returns the trace's iterates.
func (t libTrace) Xs() []float64 { return t.xs }

type libResult struct {
	X     []float64
	Trace libTrace
}

func libExports() interp.Exports {
	return interp.Exports{"example.org/lib/lib": {
		"Point":  reflect.ValueOf((*libPoint)(nil)),
		"Well":   reflect.ValueOf((*libWell)(nil)),
		"Result": reflect.ValueOf((*libResult)(nil)),
		"DoubleWell": reflect.ValueOf(func(a float64) libWell {
			return libWell{Minima: []libPoint{{X: []float64{-1, 0}}, {X: []float64{1, 0}}}, Saddles: []libPoint{{X: []float64{a, 0}}}}
		}),
		"Run": reflect.ValueOf(func(x0 float64) (libResult, error) {
			if x0 < 0 {
				return libResult{}, errors.New("negative start")
			}
			return libResult{X: []float64{x0 / 2, 1}, Trace: libTrace{xs: []float64{x0, x0 / 2}}}, nil
		}),
		"Counts": reflect.ValueOf(func() map[string]int { return map[string]int{"a": 1} }),
		"Name":   reflect.ValueOf(func() string { return "descent" }),
		"Pair":   reflect.ValueOf(func() [2]float64 { return [2]float64{5, 6} }),
	}}
}

func newLibSession(t *testing.T) *session {
	return newSession(t, Options{Exports: []interp.Exports{libExports()}, Preload: []string{"example.org/lib", "fmt", "strconv"}})
}

// A top-level := whose right side indexes a value of a compiled type keeps
// its exact type. Expectations: DoubleWell(0.3) has one saddle at (0.3, 0)
// and minima at (-1, 0), (1, 0); Run(4) gives X = [2 1] and a trace [4 2].
func TestDefineFromCompiledIndex(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
	}{
		{"nested field and index", []step{
			{"well := lib.DoubleWell(0.3)", ""},
			{"barrier := well.Saddles[0].X[0]", ""},
			{`fmt.Sprintf("%T %v", barrier, barrier)`, "float64 0.3"},
		}},
		{"same cell", []step{{"well := lib.DoubleWell(0.3)\nbarrier := well.Saddles[0].X[0]\nbarrier", "0.3"}}},
		{"method result then index", []step{
			{"res, err := lib.Run(4)", ""},
			{"xs := res.Trace.Xs(); first := xs[0]\nfmt.Sprintf(\"%T %v %v\", first, first, err)", "float64 4 <nil>"},
		}},
		{"struct element keeps its compiled type", []step{
			{"well := lib.DoubleWell(0.3)", ""},
			{"v := 0.0\nm0 := well.Minima[0]", ""},
			{`fmt.Sprintf("%T %v", m0, m0.X)`, "goeval.libPoint [-1 0]"},
		}},
		{"multi-value globals used by a func called from a loop", []step{
			{"res, err := lib.Run(4)\nfunc half() float64 { return res.X[0] }", ""},
			{"out := \"\"\nfor i := 0; i < 2; i++ { out += fmt.Sprint(half(), err, \" \") }\nout", "2 <nil> 2 <nil> "},
			{"n, perr := strconv.Atoi(\"7\")\nfunc seven() int { return n }", ""},
			{"(func() string { return fmt.Sprint(seven(), perr) })()", "7 <nil>"},
		}},
		{"field of a multi-value result", []step{
			{"res, _ := lib.Run(4)", ""},
			{"v := res.X[0]\nv", "2"},
		}},
		{"index inside arithmetic", []step{
			{"res, _ := lib.Run(4)", ""},
			{"y := res.X[0]*3 + 1\ny", "7"},
			{"z := -res.X[1]\nz", "-1"},
		}},
		{"two values", []step{
			{"well := lib.DoubleWell(0.3)\nres, _ := lib.Run(4)", ""},
			{"a, b := res.X[0], well.Minima[1]\nfmt.Sprint(a, b.X)", "2 [1 0]"},
		}},
		{"comma ok from a compiled map", []step{
			{"counts := lib.Counts()", ""},
			{`n, ok := counts["a"]` + "\nfmt.Sprint(n, ok)", "1 true"},
			{`c := counts["b"]` + "\nc", "0"},
		}},
		{"string, array and pointer to array", []step{
			{"s := lib.Name(); p := lib.Pair(); pp := &p", ""},
			{"b := s[1]; e := p[1]; f := pp[0]\nfmt.Sprint(b, e, f)", "101 6 5"},
		}},
		{"var without a type", []step{
			{"res, _ := lib.Run(4)", ""},
			{"var last = res.X[1]\nlast", "1"},
		}},
		{"variable stays assignable and usable in functions", []step{
			{"well := lib.DoubleWell(0.3)\nbarrier := well.Saddles[0].X[0]", ""},
			{"barrier = 2.5\nfunc twice() float64 { return 2 * barrier }\ntwice()", "5"},
		}},
		{"redefinition with another type", []step{
			{"res, _ := lib.Run(4)\nv := res.X[0]", ""},
			{"well := lib.DoubleWell(0.3)\nv := well.Minima[0]\nfmt.Sprintf(\"%T\", v)", "goeval.libPoint"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			newLibSession(t).script(tc.steps)
		})
	}
}

// An interpreted type whose values carry a compiled type (type Celsius
// float64) must not lose its name through the rewrite.
func TestDefineIndexKeepsInterpretedTypes(t *testing.T) {
	s := newLibSession(t)
	s.script([]step{
		{"type Celsius float64\nfunc (c Celsius) F() float64 { return float64(c)*9/5 + 32 }", ""},
		{"temps := []Celsius{100, 0}", ""},
		{"t0 := temps[0]\nt0.F()", "212"},
	})
}

// A multi-value := inside a top-level compound statement.
func TestDefineInsideTopLevelBlocks(t *testing.T) {
	tests := []struct {
		name, cell, want string
	}{
		{"for body", "out := \"\"\nfor i := 0; i < 2; i++ { v, err := strconv.Atoi(\"12\"); out += fmt.Sprint(v+i, err, \";\") }\nout", "12 <nil>;13 <nil>;"},
		{"if with init", "got := 0\nif v, err := strconv.Atoi(\"7\"); err == nil { got = v }\ngot", "7"},
		{"if body and else", "got := \"\"\nif len(got) > 0 { } else { v, err := strconv.Atoi(\"x\"); got = fmt.Sprint(v, err != nil) }\ngot", "0 true"},
		{"switch", "kind := \"\"\nswitch v, err := strconv.Atoi(\"3\"); {\ncase err != nil:\n\tkind = \"bad\"\ncase v > 2:\n\tw, _ := strconv.Atoi(\"40\")\n\tkind = fmt.Sprint(\"big \", v+w)\n}\nkind", "big 43"},
		{"nested loops", "sum := 0\nfor i := 0; i < 3; i++ {\n\tfor j := 0; j < 2; j++ {\n\t\tv, _ := strconv.Atoi(fmt.Sprint(i*10 + j))\n\t\tsum += v\n\t}\n}\nsum", "63"},
		{"range over a slice with res, err", "total := 0.0\nfor _, x0 := range []float64{4, -1, 2} {\n\tres, err := lib.Run(x0)\n\tif err != nil { continue }\n\ttotal += res.X[0]\n}\ntotal", "3"},
		{"labelled continue", "n := 0\nouter:\nfor i := 0; i < 3; i++ {\n\tfor j := 0; j < 3; j++ {\n\t\tv, _ := strconv.Atoi(\"1\")\n\t\tif j == 1 { continue outer }\n\t\tn += v\n\t}\n}\nn", "3"},
		{"labelled break", "n := 0\nloop:\nfor {\n\tv, _ := strconv.Atoi(\"5\")\n\tn += v\n\tif n > 12 { break loop }\n}\nn", "15"},
		{"plain block", "r := 0\n{\n\tv, _ := strconv.Atoi(\"9\")\n\tr = v\n}\nr", "9"},
		{"select", "ch := make(chan int, 1)\nch <- 4\ngot := 0\nselect {\ncase v, ok := <-ch:\n\tw, _ := strconv.Atoi(\"1\")\n\tif ok { got = v + w }\n}\ngot", "5"},
		{"goto stays at the top level", "k := 0\nagain:\nk++\nif k < 3 { goto again }\nk", "3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := newLibSession(t).value(tc.cell); got != tc.want {
				t.Fatalf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// The variables of an if header stay inside the if, as in Go.
func TestIfHeaderVariablesStayLocal(t *testing.T) {
	s := newLibSession(t)
	ce := s.fail("if v, err := strconv.Atoi(\"7\"); err == nil { _ = v }\nv")
	if ce.Line != 2 || !strings.Contains(ce.Message, "undefined: v") {
		t.Fatalf("got line %d %q, want line 2 undefined: v", ce.Line, ce.Message)
	}
}

// Errors and panics in a wrapped statement point at the cell's lines.
func TestWrappedStatementPositions(t *testing.T) {
	s := newLibSession(t)
	ce := s.fail("x := 1\nfor i := 0; i < 2; i++ {\n\tv, err := strconv.Atoi(\"1\")\n\t_ = err\n\tx += v + nope\n}")
	if ce.Kind != KindCompile || ce.Line != 5 || ce.Col != 11 || !strings.Contains(ce.Message, "undefined: nope") {
		t.Fatalf("compile error: got %v at %d:%d %q", ce.Kind, ce.Line, ce.Col, ce.Message)
	}
	// A run-time error is reported at the line of the top-level statement
	// that was running, as for any statement.
	ce = s.fail("xs := []int{1}\nfor i := 0; i < 3; i++ {\n\tv, _ := strconv.Atoi(\"0\")\n\t_ = xs[i+v]\n}")
	if ce.Kind != KindRuntime || ce.Line != 2 || !strings.Contains(ce.Message, "index out of range") {
		t.Fatalf("run-time error: got %v at line %d %q", ce.Kind, ce.Line, ce.Message)
	}
}
