package symbols

import (
	"testing"
)

// The target: gradient descent on a formula objective runs at least
// 20x faster than on the same objective written as Go funcs in a cell, since
// every call from compiled code back into the interpreter costs ~1 µs. Both
// runs go through the interpreter the way a cell does (optimlib.Minimize
// called from interpreted code); only the objective differs.
//
//	go test -run '^$' -bench 'GDOn' -benchtime 5x ./kernel/preload/symbols
//
// Compare the two ns/op figures of one run: their ratio is the speed-up.

const gdSteps = 20000

func benchmarkGD(b *testing.B, setup string) {
	i, _ := newInterp(b)
	eval(b, i, `import "fmt"`, `import "math"`, `import "github.com/descentlab/descent/optimlib"`, setup)
	b.ResetTimer()
	for range b.N {
		eval(b, i, `r := optimlib.Minimize(obj, optimlib.NewGD(0.001), []float64{-1.5, 2}, 20000); _ = r`)
	}
	b.StopTimer()
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*gdSteps), "ns/step")
}

func BenchmarkGDOnFormula(b *testing.B) {
	benchmarkGD(b, `obj := optimlib.MustFormula("(1-x)*(1-x) + 100*math.Pow(y-x*x, 2)")`)
}

func BenchmarkGDOnCellFuncs(b *testing.B) {
	benchmarkGD(b, `
f := func(v []float64) float64 { x, y := v[0], v[1]; return (1-x)*(1-x) + 100*math.Pow(y-x*x, 2) }
g := func(grad, v []float64) { x, y := v[0], v[1]; grad[0] = -2*(1-x) - 400*x*(y-x*x); grad[1] = 200*(y-x*x) }
obj := optimlib.FromFuncGrad(f, g)`)
}

// TestFormulaAndCellFuncsAgree makes sure the benchmark compares the same
// objective: both give the same point after the same steps.
func TestFormulaAndCellFuncsAgree(t *testing.T) {
	i, out := newInterp(t)
	eval(t, i, `import "fmt"`, `import "math"`, `import "github.com/descentlab/descent/optimlib"`,
		`form := optimlib.MustFormula("(1-x)*(1-x) + 100*math.Pow(y-x*x, 2)")`,
		`f := func(v []float64) float64 { x, y := v[0], v[1]; return (1-x)*(1-x) + 100*math.Pow(y-x*x, 2) }`,
		`g := func(grad, v []float64) { x, y := v[0], v[1]; grad[0] = -2*(1-x) - 400*x*(y-x*x); grad[1] = 200*(y-x*x) }`,
		`a := optimlib.Minimize(form, optimlib.NewGD(0.001), []float64{-1.5, 2}, 500)`,
		`c := optimlib.Minimize(optimlib.FromFuncGrad(f, g), optimlib.NewGD(0.001), []float64{-1.5, 2}, 500)`,
		`fmt.Println(math.Abs(a.X[0]-c.X[0]) < 1e-9 && math.Abs(a.X[1]-c.X[1]) < 1e-9, a.Steps == c.Steps)`)
	if got := out.String(); got != "true true\n" {
		t.Errorf("formula and cell funcs disagree: %q", got)
	}
}
