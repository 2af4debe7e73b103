package optimlib

// Objective is a differentiable function of a point x in R^n, the thing every
// optimizer in this package minimizes.
//
// The method set matches gonum.org/v1/gonum/optimize: Func returns f(x), and
// Grad writes ∇f(x) into grad (len(grad) == len(x)) without keeping either
// slice. Implementations must not modify x.
type Objective interface {
	Func(x []float64) float64
	Grad(grad, x []float64)
}
