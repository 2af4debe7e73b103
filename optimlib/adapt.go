package optimlib

import "math"

// FuncGrader is an optional extension of Objective for objectives that compute
// f(x) and ∇f(x) more cheaply together than apart (shared subexpressions).
// FuncGrad writes ∇f(x) into grad and returns f(x). Run uses it, when the
// objective has it, instead of a Func call and a Grad call per step.
type FuncGrader interface {
	FuncGrad(grad, x []float64) float64
}

// cbrtEps is ∛ε for float64 (ε = 2⁻⁵²), the relative step that balances
// truncation error O(h²) against rounding error O(ε/h) in a central difference.
const cbrtEps = 6.055454452393343e-06

// FuncObjective turns plain Go functions into an Objective: F computes f(x)
// and G writes ∇f(x) into grad. When G is nil the gradient is estimated by
// central differences,
//
//	∂f/∂x_i ≈ (f(x + h_i·e_i) − f(x − h_i·e_i)) / (2h_i),   h_i = ∛ε·max(1, |x_i|)
//
// with ∛ε ≈ 6.06e-6, which balances the O(h²) truncation error against the
// O(ε/h) rounding error and gives about 10 correct digits on smooth functions.
// Each estimated gradient costs 2n calls of F. A nil F makes f and ∇f NaN.
//
// A FuncObjective keeps no state between calls (the numeric gradient takes
// its scratch buffer per call), so it is safe for concurrent use when F, G
// and H are.
type FuncObjective struct {
	// F returns f(x); it must not modify x.
	F func(x []float64) float64
	// G writes ∇f(x) into grad; nil means central differences.
	G func(grad, x []float64)
	// H, when set, writes ∇²f(x) into hess row by row (hess[i*d+j] =
	// ∂²f/∂x_i∂x_j) for the Newton methods; nil means they estimate it by
	// finite differences of the gradient.
	H func(hess, x []float64)
}

// FromFuncGrad returns the Objective with value f and gradient grad (gonum's
// signature: grad(dst, x) writes ∇f(x) into dst). A nil grad means central
// differences.
func FromFuncGrad(f func(x []float64) float64, grad func(grad, x []float64)) *FuncObjective {
	return &FuncObjective{F: f, G: grad}
}

// FromFunc returns the Objective with value f and a central-difference
// gradient (h_i = ∛ε·max(1, |x_i|)).
func FromFunc(f func(x []float64) float64) *FuncObjective { return &FuncObjective{F: f} }

// Func returns F(x), or NaN when F is nil.
func (o *FuncObjective) Func(x []float64) float64 {
	if o.F == nil {
		return math.NaN()
	}
	return o.F(x)
}

// Grad writes G(grad, x), or the central-difference estimate when G is nil.
func (o *FuncObjective) Grad(grad, x []float64) {
	switch {
	case o.G != nil:
		o.G(grad, x)
	case o.F == nil:
		for i := range grad {
			grad[i] = math.NaN()
		}
	default:
		buf := getScratch()
		putScratch(buf, centralDiff(o.F, grad, x, *buf))
	}
}

// Hess writes H(hess, x), or NaN when H is nil.
func (o *FuncObjective) Hess(hess, x []float64) {
	if o.H == nil {
		vecFillNaN(hess)
		return
	}
	o.H(hess, x)
}

// AnalyticHessian reports whether H is set.
func (o *FuncObjective) AnalyticHessian() bool { return o.H != nil }

// centralDiff writes the central-difference gradient of f at x into grad and
// returns the scratch buffer it used (a copy of x, so that x is never
// modified). The step actually taken, (x_i+h) − (x_i−h), is used as the
// divisor, which removes the rounding of x_i ± h from the estimate.
func centralDiff(f func([]float64) float64, grad, x, work []float64) []float64 {
	work = append(work[:0], x...)
	n := min(len(grad), len(x))
	for i := range n {
		xi := x[i]
		h := cbrtEps * math.Max(1, math.Abs(xi))
		up, down := xi+h, xi-h
		work[i] = up
		fUp := f(work)
		work[i] = down
		fDown := f(work)
		work[i] = xi
		grad[i] = (fUp - fDown) / (up - down)
	}
	return work
}
