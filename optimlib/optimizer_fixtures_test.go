package optimlib_test

import (
	"math"
	"testing"
)

// diagQuad is f(x) = ½·Σ λ_i·x_i², whose gradient is λ_i·x_i and whose Hessian
// eigenvalues are the λ_i.
type diagQuad struct{ lambda []float64 }

func (q diagQuad) Func(x []float64) float64 {
	s := 0.0
	for i, l := range q.lambda {
		s += 0.5 * l * x[i] * x[i]
	}
	return s
}

func (q diagQuad) Grad(grad, x []float64) {
	for i, l := range q.lambda {
		grad[i] = l * x[i]
	}
}

// rosenbrock2 is f(x, y) = 100(y − x²)² + (1 − x)², minimum f(1, 1) = 0.
type rosenbrock2 struct{}

func (rosenbrock2) Func(p []float64) float64 {
	x, y := p[0], p[1]
	a, b := y-x*x, 1-x
	return 100*a*a + b*b
}

func (rosenbrock2) Grad(g, p []float64) {
	x, y := p[0], p[1]
	a := y - x*x
	g[0] = -400*x*a - 2*(1-x)
	g[1] = 200 * a
}

// rosenbrock2FG is rosenbrock2 with a combined FuncGrad, as a compiled
// landscape would provide it.
type rosenbrock2FG struct{ rosenbrock2 }

func (rosenbrock2FG) FuncGrad(g, p []float64) float64 {
	x, y := p[0], p[1]
	a, b := y-x*x, 1-x
	g[0] = -400*x*a - 2*b
	g[1] = 200 * a
	return 100*a*a + b*b
}

// closeTo reports whether got is within tol of want, relatively when |want| > 1.
func closeTo(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// assertClose fails t when got is not within tol of want.
func assertClose(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if !closeTo(got, want, tol) {
		t.Errorf("%s = %.17g, want %.17g (tol %g)", what, got, want, tol)
	}
}
