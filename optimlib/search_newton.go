package optimlib

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Newton is Newton's method: it jumps to the stationary point of the
// quadratic model of f at x_k,
//
//	x_{k+1} = x_k − η·[∇²f(x_k)]⁻¹·∇f(x_k)
//
// with η = LR (1: the pure method). On a quadratic with a positive definite
// Hessian one step lands on the minimum, whatever its condition number;
// near a minimum it converges quadratically (the number of correct digits
// doubles per step). It solves ∇f = 0 without looking at f, so it is drawn
// as much to a saddle point or a maximum as to a minimum, and where the
// Hessian is indefinite its step can go uphill: DampedNewton is the version
// that handles that. A singular Hessian ends the run (StopMethod).
//
// The Hessian is the objective's own when it has one (a Landscape, a
// Formula, FromFuncGrad with H: see Hesser), otherwise, or when
// FiniteDifferences is set, forward differences of ∇f (gonum's
// fd.Jacobian, symmetrized), which cost d gradient evaluations. Defaults
// (NewNewton): LR 1. It is a Searcher: run it with Run or Minimize.
type Newton struct {
	// LR is the step factor η (default 1; 0 counts as 1).
	LR float64
	// FiniteDifferences estimates the Hessian from ∇f even when the
	// objective has one.
	FiniteDifferences bool
}

// NewNewton returns the pure Newton method (η = 1).
func NewNewton() *Newton { return &Newton{LR: 1} }

// Name returns "Newton", with the step factor when it is not 1.
func (o *Newton) Name() string {
	return withParts("Newton", nonDefault("lr", o.lr(), 1), flag("finite differences", o.FiniteDifferences))
}

// lr is LR with its default.
func (o *Newton) lr() float64 {
	if o.LR == 0 {
		return 1
	}
	return o.LR
}

// Reset does nothing: Newton's method keeps no state between steps.
func (o *Newton) Reset() {}

// LearningRate returns the step factor η.
func (o *Newton) LearningRate() float64 { return o.lr() }

// Step panics: Newton needs the Hessian; run it with Run or Minimize.
func (o *Newton) Step(x, grad []float64) { panic(searchStepPanic("Newton")) }

// NewSearch returns the Newton iteration.
func (o *Newton) NewSearch() (Search, error) {
	if lr := o.lr(); !(lr > 0) || math.IsInf(lr, 0) {
		return nil, fmt.Errorf("Newton step factor LR = %g, need a finite value > 0", o.LR)
	}
	return &newtonSearch{lr: o.lr()}, nil
}

// newtonSearch steps to x − η·H⁻¹g, evaluates f, ∇f and ∇²f there, and
// declares it the next iterate.
type newtonSearch struct {
	lr        float64
	evaluated bool // the last operation was the evaluation of a step
	d         mat.VecDense
}

// Needs reports ∇f and ∇²f.
func (s *newtonSearch) Needs() (grad, hess bool) { return true, true }

// Init takes the first step.
func (s *newtonSearch) Init(loc *optimize.Location) (optimize.Operation, error) { return s.step(loc) }

// Iterate declares an evaluated step the next iterate, or takes the next
// step from an iterate.
func (s *newtonSearch) Iterate(loc *optimize.Location) (optimize.Operation, error) {
	if s.evaluated {
		s.evaluated = false
		return optimize.MajorIteration, nil
	}
	return s.step(loc)
}

// step moves loc.X to x − η·H⁻¹g.
func (s *newtonSearch) step(loc *optimize.Location) (optimize.Operation, error) {
	g := mat.NewVecDense(len(loc.X), append([]float64(nil), loc.Gradient...))
	if err := s.d.SolveVec(loc.Hessian, g); err != nil {
		var cond mat.Condition
		if errors.As(err, &cond) {
			return optimize.NoOperation, fmt.Errorf("the Hessian is singular to working precision (condition number %.3g)", float64(cond))
		}
		return optimize.NoOperation, fmt.Errorf("the Hessian is singular: %w", err)
	}
	for i := range loc.X {
		loc.X[i] -= s.lr * s.d.AtVec(i)
	}
	s.evaluated = true
	return optimize.FuncEvaluation | optimize.GradEvaluation | optimize.HessEvaluation, nil
}

// StepLength returns η.
func (s *newtonSearch) StepLength() float64 { return s.lr }

// Close does nothing.
func (s *newtonSearch) Close() {}

// DampedNewton is Newton's method made safe for non-convex functions
// (gonum's Newton, Nocedal & Wright's Algorithm 3.3): the Hessian is
// modified until it is positive definite, and the step is damped by a line
// search:
//
//	H_k = ∇²f(x_k) + τ_k·I,   d_k = −H_k⁻¹·∇f(x_k),   x_{k+1} = x_k + α_k·d_k
//
// τ_k = 0 when ∇²f(x_k) has a positive diagonal and a Cholesky factor;
// otherwise τ starts from −min_i ∂²f/∂x_i² + 0.001 (or from the last τ) and
// is multiplied by Increase (to at least 0.001) until H_k has one, giving up
// after 20 tries for d_k = −∇f(x_k).
// d_k is always a descent direction, so it is never drawn to a saddle point
// or a maximum, and α_k = 1 (the pure Newton step) is tried first, so near a
// minimum it converges as fast as Newton. Large τ turns the step into a
// short gradient step (−∇f/τ). The Hessian is taken as for Newton.
// Defaults (NewDampedNewton): Increase 5, gonum's Bisection line search
// with C2 = 0.9. It is a Searcher: run it with Run or Minimize.
type DampedNewton struct {
	// Increase is the factor by which τ grows (default 5; must be > 1).
	Increase float64
	// LineSearch picks α_k (default: Bisection, C2 = 0.9).
	LineSearch LineSearch
	// FiniteDifferences estimates the Hessian from ∇f even when the
	// objective has one.
	FiniteDifferences bool

	alpha float64
}

// NewDampedNewton returns gonum's modified Newton method with its defaults.
func NewDampedNewton() *DampedNewton { return &DampedNewton{Increase: 5, alpha: math.NaN()} }

// Name returns e.g. "DampedNewton".
func (o *DampedNewton) Name() string {
	inc := ""
	if o.Increase != 0 {
		inc = nonDefault("increase", o.Increase, 5)
	}
	return withParts("DampedNewton", inc, o.LineSearch.label(), flag("finite differences", o.FiniteDifferences))
}

// Reset forgets the last step length.
func (o *DampedNewton) Reset() { o.alpha = math.NaN() }

// LearningRate returns the step length α of the last accepted step (NaN
// before a run).
func (o *DampedNewton) LearningRate() float64 { return o.alpha }

// Step panics: run DampedNewton with Run or Minimize.
func (o *DampedNewton) Step(x, grad []float64) { panic(searchStepPanic("DampedNewton")) }

// NewSearch returns gonum's Newton with the line search.
func (o *DampedNewton) NewSearch() (Search, error) {
	inc := o.Increase
	if inc == 0 {
		inc = 5
	}
	if !(inc > 1) || math.IsInf(inc, 0) {
		return nil, fmt.Errorf("DampedNewton Increase = %g, need a finite value > 1", o.Increase)
	}
	ls, err := o.LineSearch.linesearcher(Bisection, 0.9)
	if err != nil {
		return nil, err
	}
	return newLineSearch(&optimize.Newton{Increase: inc}, ls, true, func(a float64) { o.alpha = a }), nil
}
