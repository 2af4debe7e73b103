package optimlib

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/optimize"
)

// CGVariant names the formula for β_k of nonlinear conjugate gradient.
type CGVariant int

const (
	// HestenesStiefel: β = ∇f_{k+1}ᵀy_k / d_kᵀy_k (gonum's default).
	HestenesStiefel CGVariant = iota
	// FletcherReeves: β = ‖∇f_{k+1}‖² / ‖∇f_k‖².
	FletcherReeves
	// PolakRibiere: β = max(0, ∇f_{k+1}ᵀy_k / ‖∇f_k‖²) (PR+).
	PolakRibiere
	// DaiYuan: β = ‖∇f_{k+1}‖² / d_kᵀy_k.
	DaiYuan
	// HagerZhang: β = (y_k − 2d_k‖y_k‖²/d_kᵀy_k)ᵀ∇f_{k+1} / d_kᵀy_k.
	HagerZhang
)

// String returns the variant's name, e.g. "Hestenes–Stiefel".
func (v CGVariant) String() string {
	switch v {
	case HestenesStiefel:
		return "Hestenes–Stiefel"
	case FletcherReeves:
		return "Fletcher–Reeves"
	case PolakRibiere:
		return "Polak–Ribière"
	case DaiYuan:
		return "Dai–Yuan"
	case HagerZhang:
		return "Hager–Zhang"
	}
	return fmt.Sprintf("CGVariant(%d)", int(v))
}

// gonum returns gonum's implementation of the variant.
func (v CGVariant) gonum() (optimize.CGVariant, error) {
	switch v {
	case HestenesStiefel:
		return &optimize.HestenesStiefel{}, nil
	case FletcherReeves:
		return &optimize.FletcherReeves{}, nil
	case PolakRibiere:
		return &optimize.PolakRibierePolyak{}, nil
	case DaiYuan:
		return &optimize.DaiYuan{}, nil
	case HagerZhang:
		return &optimize.HagerZhang{}, nil
	}
	return nil, fmt.Errorf("unknown CG variant %d", int(v))
}

// CG is nonlinear conjugate gradient (gonum's CG): each direction is the
// negative gradient plus a multiple of the previous direction,
//
//	d_0 = −∇f(x_0),   d_k = −∇f(x_k) + β_k·d_{k−1},   x_{k+1} = x_k + α_k·d_k
//	y_{k−1} = ∇f(x_k) − ∇f(x_{k−1}),  β_k by the Variant
//
// restarting with d_k = −∇f(x_k) every 6·d iterations, when successive
// gradients are far from orthogonal (∇f_kᵀ∇f_{k−1} ≤ −0.9·‖∇f_k‖‖∇f_{k−1}‖),
// when β_k = 0 or when d_k is not a descent direction. On a quadratic with
// exact line searches it is the linear conjugate gradient method and ends in
// at most d iterations, remembering only one vector. The first trial step
// is gonum's FirstOrderStepSize guess (1/‖∇f(x_0)‖∞, then the step that
// repeats the last first-order decrease, bounded to [0.001, 1]). Defaults
// (NewCG): Hestenes–Stiefel, strong Wolfe line search (Moré–Thuente) with
// C1 = 1e-4 and C2 = 0.1. It is a Searcher: run it with Run or Minimize.
type CG struct {
	// Variant is the formula for β (default HestenesStiefel).
	Variant CGVariant
	// LineSearch picks α_k (default: strong Wolfe with C2 = 0.1).
	LineSearch LineSearch

	alpha float64
}

// NewCG returns nonlinear CG with gonum's defaults.
func NewCG() *CG { return &CG{alpha: math.NaN()} }

// Name returns e.g. "CG(Hestenes–Stiefel)".
func (o *CG) Name() string { return withParts("CG", o.Variant.String(), o.LineSearch.label()) }

// Reset forgets the last step length.
func (o *CG) Reset() { o.alpha = math.NaN() }

// LearningRate returns the step length α of the last accepted step (NaN
// before a run).
func (o *CG) LearningRate() float64 { return o.alpha }

// Step panics: run CG with Run or Minimize.
func (o *CG) Step(x, grad []float64) { panic(searchStepPanic("CG")) }

// NewSearch returns gonum's CG with the variant and the line search.
func (o *CG) NewSearch() (Search, error) {
	v, err := o.Variant.gonum()
	if err != nil {
		return nil, err
	}
	ls, err := o.LineSearch.linesearcher(StrongWolfe, 0.1)
	if err != nil {
		return nil, err
	}
	dir := &optimize.CG{Variant: v, InitialStep: &optimize.FirstOrderStepSize{},
		IterationRestartFactor: 6, AngleRestartThreshold: -0.9}
	return newLineSearch(dir, ls, false, func(a float64) { o.alpha = a }), nil
}
