package optimlib

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/optimize"
)

// LineSearchGD is gradient descent whose step length is chosen by a line
// search instead of a fixed learning rate (gonum's GradientDescent):
//
//	d_k = −∇f(x_k),   x_{k+1} = x_k + α_k·d_k
//
// where α_k satisfies the line search's conditions (see LineSearchRule),
// starting from gonum's QuadraticStepSize guess: 1/‖∇f(x_0)‖∞ at the first
// iteration, then the minimizer of the quadratic through f(x_{k−1}),
// f(x_k) and the slope at x_{k−1}, bounded to [0.001, 1]. Defaults
// (NewLineSearchGD): Armijo backtracking with C1 = 1e-4, Shrink = 0.5. It
// is a Searcher: run it with Run or Minimize.
type LineSearchGD struct {
	// LineSearch picks α_k (default: Armijo backtracking).
	LineSearch LineSearch

	alpha float64
}

// NewLineSearchGD returns gradient descent with gonum's backtracking
// (Armijo) line search.
func NewLineSearchGD() *LineSearchGD { return &LineSearchGD{alpha: math.NaN()} }

// Name returns e.g. "LineSearchGD(Armijo)".
func (o *LineSearchGD) Name() string {
	return "LineSearchGD(" + orDefault(o.LineSearch.label(), "Armijo") + ")"
}

// Reset forgets the last step length.
func (o *LineSearchGD) Reset() { o.alpha = math.NaN() }

// LearningRate returns the step length α of the last accepted step (NaN
// before a run).
func (o *LineSearchGD) LearningRate() float64 { return o.alpha }

// Step panics: a line search needs f; run LineSearchGD with Run or Minimize.
func (o *LineSearchGD) Step(x, grad []float64) { panic(searchStepPanic("LineSearchGD")) }

// NewSearch returns gonum's GradientDescent with the line search.
func (o *LineSearchGD) NewSearch() (Search, error) {
	ls, err := o.LineSearch.linesearcher(Armijo, 0.9)
	if err != nil {
		return nil, err
	}
	dir := &optimize.GradientDescent{StepSizer: &optimize.QuadraticStepSize{}}
	return newLineSearch(dir, ls, false, func(a float64) { o.alpha = a }), nil
}

// BFGS is the Broyden–Fletcher–Goldfarb–Shanno quasi-Newton method
// (gonum's BFGS): it keeps an estimate H_k of the inverse Hessian and
// updates it so that it maps the last change of gradient onto the last step
// (the secant condition H_{k+1}·y_k = s_k):
//
//	d_k = −H_k·∇f(x_k),   x_{k+1} = x_k + α_k·d_k
//	s_k = x_{k+1} − x_k,  y_k = ∇f(x_{k+1}) − ∇f(x_k),  ρ_k = 1/(y_kᵀs_k)
//	H_{k+1} = (I − ρ_k s_k y_kᵀ)·H_k·(I − ρ_k y_k s_kᵀ) + ρ_k s_k s_kᵀ
//
// The first step is −∇f scaled to unit length (α_0 = 1/‖∇f(x_0)‖); H_1
// starts from (y_0ᵀs_0 / y_0ᵀy_0)·I before its first update, and later line
// searches start at α = 1. On a quadratic with exact line searches it ends
// in at most d iterations. Defaults (NewBFGS): gonum's Bisection line search
// with C2 = 0.9. It is a Searcher: run it with Run or Minimize.
//
// scipy's BFGS differs in two things gonum's BFGS does not let one set: H
// starts from I without the rescaling, and each later line search starts at
// min(1, 2.02·(f(x_k) − f(x_{k−1}))/φ′(0)) instead of 1 (its first step,
// 1.01/‖∇f(x_0)‖, is within 1 % of gonum's). Its line search, Moré–Thuente
// with c1 = 1e-4 and c2 = 0.9, is LineSearch{Rule: StrongWolfe} here.
type BFGS struct {
	// LineSearch picks α_k (default: Bisection, C2 = 0.9).
	LineSearch LineSearch

	alpha float64
}

// NewBFGS returns BFGS with gonum's defaults.
func NewBFGS() *BFGS { return &BFGS{alpha: math.NaN()} }

// Name returns e.g. "BFGS" or "BFGS(strong Wolfe)".
func (o *BFGS) Name() string { return withParts("BFGS", o.LineSearch.label()) }

// Reset forgets the last step length.
func (o *BFGS) Reset() { o.alpha = math.NaN() }

// LearningRate returns the step length α of the last accepted step (NaN
// before a run).
func (o *BFGS) LearningRate() float64 { return o.alpha }

// Step panics: run BFGS with Run or Minimize.
func (o *BFGS) Step(x, grad []float64) { panic(searchStepPanic("BFGS")) }

// NewSearch returns gonum's BFGS with the line search.
func (o *BFGS) NewSearch() (Search, error) {
	ls, err := o.LineSearch.linesearcher(Bisection, 0.9)
	if err != nil {
		return nil, err
	}
	return newLineSearch(&optimize.BFGS{}, ls, false, func(a float64) { o.alpha = a }), nil
}

// LBFGS is limited-memory BFGS (gonum's LBFGS), scipy's default method:
// instead of the d×d matrix H_k it keeps the last Store pairs
// (s_i, y_i) and applies H_k to the gradient by the two-loop recursion,
// which is BFGS's update applied Store times to H⁰ = (s·y / y·y)·I from the
// latest pair:
//
//	d_k = −H_k·∇f(x_k),   x_{k+1} = x_k + α_k·d_k
//
// Memory and work per step are O(Store·d), so it scales to large d. The
// first step is −∇f scaled to unit length; later line searches start at
// α = 1. Defaults (NewLBFGS): Store 15, gonum's Bisection line search with
// C2 = 0.9. It is a Searcher: run it with Run or Minimize.
type LBFGS struct {
	// Store is the number of (s, y) pairs kept (default 15).
	Store int
	// LineSearch picks α_k (default: Bisection, C2 = 0.9).
	LineSearch LineSearch
	// FirstStep, when > 0, is the first trial step α_0 along −∇f(x_0)
	// instead of gonum's 1/‖∇f(x_0)‖ (a step of unit length): 1 tries the
	// full gradient step x_0 − ∇f(x_0), as L-BFGS-B does in a box.
	FirstStep float64

	alpha float64
}

// NewLBFGS returns L-BFGS with gonum's defaults.
func NewLBFGS() *LBFGS { return &LBFGS{Store: 15, alpha: math.NaN()} }

// Name returns e.g. "LBFGS(m=15)".
func (o *LBFGS) Name() string {
	return withParts("LBFGS", fmt.Sprintf("m=%d", o.store()), o.LineSearch.label(), nonDefault("first step", o.FirstStep, 0))
}

// store is Store with its default.
func (o *LBFGS) store() int {
	if o.Store <= 0 {
		return 15
	}
	return o.Store
}

// Reset forgets the last step length.
func (o *LBFGS) Reset() { o.alpha = math.NaN() }

// LearningRate returns the step length α of the last accepted step (NaN
// before a run).
func (o *LBFGS) LearningRate() float64 { return o.alpha }

// Step panics: run LBFGS with Run or Minimize.
func (o *LBFGS) Step(x, grad []float64) { panic(searchStepPanic("LBFGS")) }

// NewSearch returns gonum's LBFGS with the line search.
func (o *LBFGS) NewSearch() (Search, error) {
	if o.Store < 0 {
		return nil, fmt.Errorf("negative Store %d", o.Store)
	}
	ls, err := o.LineSearch.linesearcher(Bisection, 0.9)
	if err != nil {
		return nil, err
	}
	if o.FirstStep < 0 || math.IsNaN(o.FirstStep) || math.IsInf(o.FirstStep, 0) {
		return nil, fmt.Errorf("LBFGS FirstStep = %g, need a finite value ≥ 0", o.FirstStep)
	}
	dir := &firstStep{NextDirectioner: &optimize.LBFGS{Store: o.store()}, first: o.FirstStep}
	return newLineSearch(dir, ls, false, func(a float64) { o.alpha = a }), nil
}

// withParts formats "Kind(part, part)" from the non-empty parts, or "Kind".
func withParts(kind string, parts ...string) string {
	s := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if s != "" {
			s += ", "
		}
		s += p
	}
	if s == "" {
		return kind
	}
	return kind + "(" + s + ")"
}

// orDefault returns s, or def when s is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
