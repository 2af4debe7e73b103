package symbolic

import "testing"

// BenchmarkRosenbrockValueGrad times f and ∇f of the Rosenbrock formula in
// one compiled program.
func BenchmarkRosenbrockValueGrad(b *testing.B) {
	p := rosenbrockProgram(b)
	x, g := []float64{-1.2, 1}, make([]float64, 2)
	b.ReportAllocs()
	for b.Loop() {
		p.EvalSplit(g, x)
	}
}

// BenchmarkRosenbrockByHand is the same computation written in Go.
func BenchmarkRosenbrockByHand(b *testing.B) {
	x := []float64{-1.2, 1}
	var sink float64
	for b.Loop() {
		f, gx, gy := rosenbrockByHand(x[0], x[1])
		sink += f + gx + gy
	}
	_ = sink
}

// BenchmarkParseAndDiff times parsing the Rosenbrock formula and building
// its gradient and Hessian.
func BenchmarkParseAndDiff(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		e, err := Parse(rosenbrockSource)
		if err != nil {
			b.Fatal(err)
		}
		e.Hessian()
	}
}
