package optimlib

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/optimize"
)

// LineSearchRule names a line search, the rule that picks the step length
// α along a descent direction d from x: the trial points are x + α·d and
// φ(α) = f(x + α·d).
type LineSearchRule int

const (
	// DefaultLineSearch is the line search gonum pairs with the method (the
	// method's doc comment says which).
	DefaultLineSearch LineSearchRule = iota
	// Armijo is backtracking (gonum's Backtracking): start from the method's
	// initial step and multiply α by Shrink until the sufficient decrease
	// (Armijo) condition φ(α) ≤ φ(0) + C1·α·φ′(0) holds. Needs f only at the
	// trial points. It does not ensure the curvature condition yᵀs > 0 that
	// BFGS and L-BFGS need to keep their Hessian estimate positive definite,
	// so with them a run may end on a direction that is not a descent
	// direction (StopMethod).
	Armijo
	// StrongWolfe is the Moré–Thuente line search (gonum's MoreThuente),
	// which brackets and interpolates until the strong Wolfe conditions hold:
	// φ(α) ≤ φ(0) + C1·α·φ′(0) and |φ′(α)| ≤ C2·|φ′(0)|. Evaluates f and ∇f
	// at every trial point.
	StrongWolfe
	// Bisection is gonum's Bisection: it doubles α until the minimum is
	// bracketed, then bisects until f decreases and the curvature condition
	// |φ′(α)| ≤ C2·|φ′(0)| holds (no sufficient-decrease constant).
	Bisection
)

// String returns "default", "Armijo", "strong Wolfe" or "bisection".
func (r LineSearchRule) String() string {
	switch r {
	case DefaultLineSearch:
		return "default"
	case Armijo:
		return "Armijo"
	case StrongWolfe:
		return "strong Wolfe"
	case Bisection:
		return "bisection"
	}
	return fmt.Sprintf("LineSearchRule(%d)", int(r))
}

// LineSearch chooses and tunes the line search of a line-search method.
// The zero value is the method's default (gonum's choice for it), with
// gonum's constants.
type LineSearch struct {
	// Rule is the line search (DefaultLineSearch: the method's).
	Rule LineSearchRule
	// C1 is the sufficient-decrease constant of Armijo and StrongWolfe
	// (0: 1e-4).
	C1 float64
	// C2 is the curvature constant of StrongWolfe and Bisection (0: 0.9; CG
	// uses 0.1 by default, for the more exact search it needs).
	C2 float64
	// Shrink is Armijo's backtracking factor (0: 0.5).
	Shrink float64
}

// label describes the line search for a Name, "" for the default.
func (l LineSearch) label() string {
	if l.Rule == DefaultLineSearch {
		return ""
	}
	s := l.Rule.String()
	for _, p := range []string{nonDefault("c1", l.C1, 0), nonDefault("c2", l.C2, 0), nonDefault("shrink", l.Shrink, 0)} {
		if p != "" {
			s += ", " + p
		}
	}
	return s
}

// linesearcher returns the gonum line search for l, with def standing in
// for DefaultLineSearch and curvature the default C2 of the method.
func (l LineSearch) linesearcher(def LineSearchRule, curvature float64) (optimize.Linesearcher, error) {
	switch {
	case l.C1 < 0 || l.C1 >= 1 || math.IsNaN(l.C1):
		return nil, fmt.Errorf("line search C1 = %g, need 0 < C1 < 1 (0 for the default)", l.C1)
	case l.C2 < 0 || l.C2 >= 1 || math.IsNaN(l.C2):
		return nil, fmt.Errorf("line search C2 = %g, need 0 < C2 < 1 (0 for the default)", l.C2)
	case l.Shrink < 0 || l.Shrink >= 1 || math.IsNaN(l.Shrink):
		return nil, fmt.Errorf("line search Shrink = %g, need 0 < Shrink < 1 (0 for the default)", l.Shrink)
	case l.C1 != 0 && l.C2 != 0 && l.C1 >= l.C2:
		return nil, fmt.Errorf("line search C1 = %g ≥ C2 = %g, need C1 < C2", l.C1, l.C2)
	}
	rule := l.Rule
	if rule == DefaultLineSearch {
		rule = def
	}
	c2 := l.C2
	if c2 == 0 {
		c2 = curvature
	}
	switch rule {
	case Armijo:
		return &optimize.Backtracking{DecreaseFactor: l.C1, ContractionFactor: l.Shrink}, nil
	case StrongWolfe:
		// gonum's MoreThuente takes a DecreaseFactor of 0 as 0, not 1e-4.
		c1 := l.C1
		if c1 == 0 {
			c1 = 1e-4
		}
		return &optimize.MoreThuente{DecreaseFactor: c1, CurvatureFactor: c2}, nil
	case Bisection:
		return &optimize.Bisection{CurvatureFactor: c2}, nil
	}
	return nil, fmt.Errorf("unknown line search rule %d", int(rule))
}

// lineSearch is a Search made of a gonum NextDirectioner and Linesearcher,
// glued by gonum's LinesearchMethod. It records the trial step lengths and
// reports the accepted one to its optimizer.
type lineSearch struct {
	ls     optimize.LinesearchMethod
	steps  *stepRecorder
	hess   bool
	accept func(alpha float64) // called with α at each major iteration
}

// newLineSearch returns the search of dir with line search l.
func newLineSearch(dir optimize.NextDirectioner, l optimize.Linesearcher, hess bool, accept func(float64)) *lineSearch {
	rec := &stepRecorder{inner: l, step: math.NaN()}
	return &lineSearch{ls: optimize.LinesearchMethod{NextDirectioner: dir, Linesearcher: rec}, steps: rec, hess: hess, accept: accept}
}

// Needs reports ∇f, and ∇²f for Newton's method.
func (s *lineSearch) Needs() (grad, hess bool) { return true, s.hess }

// Init starts the first line search.
func (s *lineSearch) Init(loc *optimize.Location) (optimize.Operation, error) {
	return s.ls.Init(loc)
}

// Iterate continues the line search, or starts the next one.
func (s *lineSearch) Iterate(loc *optimize.Location) (optimize.Operation, error) {
	op, err := s.ls.Iterate(loc)
	if op == optimize.MajorIteration && s.accept != nil {
		s.accept(s.steps.step)
	}
	if errors.Is(err, optimize.ErrNoProgress) {
		err = fmt.Errorf("%w (the trial step no longer changes x)", err)
	}
	return op, err
}

// StepLength returns the trial step length α of the last evaluation.
func (s *lineSearch) StepLength() float64 { return s.steps.step }

// Close does nothing: the search holds no goroutine.
func (s *lineSearch) Close() {}

// firstStep passes a NextDirectioner through, replacing the step length of
// its first direction (when first > 0).
type firstStep struct {
	optimize.NextDirectioner
	first float64
}

// InitDirection returns the inner method's first direction with the step
// length first.
func (f *firstStep) InitDirection(loc *optimize.Location, dir []float64) float64 {
	step := f.NextDirectioner.InitDirection(loc, dir)
	if f.first > 0 {
		return f.first
	}
	return step
}

// stepRecorder passes a line search through, remembering the step length
// of the last trial point.
type stepRecorder struct {
	inner optimize.Linesearcher
	step  float64
}

// Init starts a line search at step.
func (r *stepRecorder) Init(value, derivative, step float64) optimize.Operation {
	r.step = step
	return r.inner.Init(value, derivative, step)
}

// Iterate forwards to the line search and remembers a new trial step.
func (r *stepRecorder) Iterate(value, derivative float64) (optimize.Operation, float64, error) {
	op, step, err := r.inner.Iterate(value, derivative)
	if err == nil && op != optimize.MajorIteration {
		r.step = step
	}
	return op, step, err
}
