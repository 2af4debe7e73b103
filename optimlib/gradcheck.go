package optimlib

import (
	"fmt"
	"math"
)

// GradCheck is the result of CheckGrad: how far an objective's Grad is from a
// central-difference estimate of the gradient of its Func, coordinate by
// coordinate.
//
// The error of coordinate i is |a_i − n_i| / max(1, |a_i|, |n_i|), with a the
// analytic gradient and n the numeric one: a relative error where the
// gradient is larger than 1 and an absolute one where it is small, so that a
// check near a minimum (where both are ≈ 0) is not swamped by noise. With the
// ∛ε step a correct gradient of a smooth function typically gives 1e-12 to
// 1e-8; above 1e-4 the gradient is almost certainly wrong. A NaN in either
// gradient makes the error NaN, which counts as the worst.
type GradCheck struct {
	// MaxError is the largest error over the coordinates.
	MaxError float64
	// Index is the coordinate where it occurs (−1 for an empty x).
	Index int
	// Analytic is the objective's gradient at x.
	Analytic []float64
	// Numeric is the central-difference estimate at x.
	Numeric []float64
}

// CheckGrad compares obj.Grad at x with central differences of obj.Func
// (h_i = ∛ε·max(1, |x_i|)) and reports the worst coordinate. It costs one
// Grad call and 2n Func calls, and does not modify x.
func CheckGrad(obj Objective, x []float64) GradCheck {
	res := GradCheck{Index: -1}
	if obj == nil || len(x) == 0 {
		return res
	}
	res.Analytic = make([]float64, len(x))
	res.Numeric = make([]float64, len(x))
	obj.Grad(res.Analytic, x)
	centralDiff(obj.Func, res.Numeric, x, nil)
	for i := range x {
		a, n := res.Analytic[i], res.Numeric[i]
		e := math.Abs(a-n) / math.Max(1, math.Max(math.Abs(a), math.Abs(n)))
		worse := res.Index < 0 || (!math.IsNaN(res.MaxError) && (math.IsNaN(e) || e > res.MaxError))
		if worse {
			res.MaxError, res.Index = e, i
		}
	}
	return res
}

// Verdict reads the error: "looks right" below 1e-6, "suspicious" up to 1e-4,
// "wrong" above (or NaN), and "nothing checked" for an empty check.
func (c GradCheck) Verdict() string {
	switch {
	case c.Index < 0:
		return "nothing checked"
	case c.MaxError < 1e-6:
		return "looks right"
	case c.MaxError <= 1e-4:
		return "suspicious"
	}
	return "wrong"
}

// String summarizes the check, e.g.
// "gradient looks right: max error 3.1e-11 at x[1] (analytic 4, numeric 4)".
func (c GradCheck) String() string {
	if c.Index < 0 {
		return "gradient check: nothing checked"
	}
	return fmt.Sprintf("gradient %s: max error %.2g at x[%d] (analytic %.10g, numeric %.10g)",
		c.Verdict(), c.MaxError, c.Index, c.Analytic[c.Index], c.Numeric[c.Index])
}
