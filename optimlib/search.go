package optimlib

import (
	"gonum.org/v1/gonum/optimize"
)

// Searcher is an Optimizer that evaluates the objective itself between its
// iterates, to search along a line (LineSearchGD, BFGS, LBFGS, CG,
// DampedNewton), to solve for a Newton step (Newton) or to move a simplex
// (NelderMead). It cannot step from a gradient alone, so its Step panics:
// run it with Run or Minimize, which recognize it and drive its Search under
// the same RunConfig, Result, Trace, callback, budget and interruption as
// any other optimizer. Wrap any gonum.org/v1/gonum/optimize method with
// NewGonum.
type Searcher interface {
	Optimizer
	// NewSearch returns a fresh search configured from the optimizer's
	// fields.
	NewSearch() (Search, error)
}

// Search is one run of a Searcher, spoken in gonum/optimize's reverse
// communication (the protocol of optimize.LinesearchMethod): Init and
// Iterate return the next Operation for the caller to carry out on loc —
// an evaluation of loc.X (FuncEvaluation, GradEvaluation, HessEvaluation,
// or'ed together), MajorIteration when loc holds the next iterate with the
// values Needs asks for, NoOperation, or MethodDone when the method has
// ended the search (its error, if any, says why).
type Search interface {
	// Needs reports whether the method needs ∇f and ∇²f at its iterates.
	Needs() (grad, hess bool)
	// Init starts the search from loc, which holds x_0 with f and, as
	// Needs asks, ∇f and ∇²f there.
	Init(loc *optimize.Location) (optimize.Operation, error)
	// Iterate continues once the last operation has been carried out on loc.
	Iterate(loc *optimize.Location) (optimize.Operation, error)
	// StepLength returns the step length α of the point of the last
	// operation along the current search direction (NaN for methods
	// without one).
	StepLength() float64
	// Close ends the search and releases what it holds.
	Close()
}

// searchStepPanic is the message of Step on a Searcher.
func searchStepPanic(name string) string {
	return "optimlib." + name + ".Step: " + name + " evaluates f itself between iterates and cannot step from a gradient alone; run it with optimlib.Run or optimlib.Minimize"
}

// searcherGradTol is gonum's default gradient threshold (∞-norm) for its
// local methods, which Run applies to searchers when RunConfig.GradTol is 0.
const searcherGradTol = 1e-12

// searcherPatience and searcherPlateauTol are gonum's default convergence
// rule (FunctionConverge{Absolute: 1e-10, Iterations: 100}), which Run
// applies to searchers when RunConfig.Patience is 0.
const (
	searcherPatience   = 100
	searcherPlateauTol = 1e-10
)
