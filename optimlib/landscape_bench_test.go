package optimlib_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// BenchmarkLandscapes times one Func and one Grad call (Func+Grad), and one
// FuncGrad call, on every landscape at its start point.
func BenchmarkLandscapes(b *testing.B) {
	ls := append(optimlib.Landscapes(), optimlib.Rosenbrock(10), optimlib.Rastrigin(10), optimlib.Ackley(10))
	for _, l := range ls {
		x := append([]float64(nil), l.Start...)
		g := make([]float64, l.Dim)
		name := landscapeBenchName(l)
		b.Run(name+"/Func+Grad", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				l.Func(x)
				l.Grad(g, x)
			}
		})
		b.Run(name+"/FuncGrad", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				l.FuncGrad(g, x)
			}
		})
	}
}

// landscapeBenchName is the landscape's key with its dimension.
func landscapeBenchName(l *optimlib.Landscape) string {
	name := ""
	for _, r := range strings.ReplaceAll(l.Name, "π", "pi") {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			name += string(r)
		}
	}
	return name + "-" + strconv.Itoa(l.Dim) + "d"
}

// BenchmarkRosenbrockFormulaVsLandscape compares f and ∇f of the same
// Rosenbrock function as a compiled Formula and as the hand-written
// landscape.
func BenchmarkRosenbrockFormulaVsLandscape(b *testing.B) {
	f := optimlib.MustFormula("(1-x)*(1-x) + 100*math.Pow(y-x*x, 2)")
	l := optimlib.Rosenbrock(2)
	x, g := []float64{-1.2, 1}, make([]float64, 2)
	f.Grad(g, x)
	b.Run("formula/Func+Grad", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			f.Func(x)
			f.Grad(g, x)
		}
	})
	b.Run("formula/FuncGrad", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			f.FuncGrad(g, x)
		}
	})
	b.Run("landscape/Func+Grad", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			l.Func(x)
			l.Grad(g, x)
		}
	})
	b.Run("landscape/FuncGrad", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			l.FuncGrad(g, x)
		}
	})
}

// BenchmarkGrid times a 200×200 grid of the Rosenbrock landscape, the size
// of a contour figure.
func BenchmarkGrid(b *testing.B) {
	l := optimlib.Rosenbrock(2)
	b.ReportAllocs()
	for b.Loop() {
		l.Grid(200, 200, optimlib.Window{})
	}
}

// BenchmarkNewFormula times parsing and compiling a formula and deriving
// its gradient (the first Grad call).
func BenchmarkNewFormula(b *testing.B) {
	x, g := []float64{-1.2, 1}, make([]float64, 2)
	b.ReportAllocs()
	for b.Loop() {
		f := optimlib.MustFormula("(1-x)*(1-x) + 100*math.Pow(y-x*x, 2)")
		f.Grad(g, x)
	}
}
