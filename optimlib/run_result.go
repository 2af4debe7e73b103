package optimlib

import (
	"fmt"
	"strings"
)

// StopReason says which rule ended a run.
type StopReason int

const (
	// StopNone is the zero value: the run has not stopped (or never started).
	StopNone StopReason = iota
	// StopMaxSteps: the run took all RunConfig.MaxSteps steps.
	StopMaxSteps
	// StopGradTol: ‖∇f(x)‖ fell to RunConfig.GradTol or below.
	StopGradTol
	// StopPlateau: f did not improve for RunConfig.Patience steps ("stuck").
	StopPlateau
	// StopDiverged: f or ‖∇f‖ became NaN or ±Inf, or |f| exceeded
	// RunConfig.DivergeAbove.
	StopDiverged
	// StopInterrupted: the context was cancelled or the interrupt hook (see
	// SetInterrupt) fired.
	StopInterrupted
	// StopCallback: the callback returned false.
	StopCallback
	// StopFailed: the run could not start (bad input) or the objective or
	// optimizer panicked; Result.Err says why.
	StopFailed
	// StopBudget: the next evaluation would have exceeded the budget
	// MaxEvals (see Cost); the run ends at the last point it evaluated.
	StopBudget
	// StopMethod: a method that searches ended the search by its own
	// test: its line search failed or made no progress, its direction was
	// not a descent direction, its Hessian was singular, or it reports
	// convergence. Near a minimum this is how such methods usually end, as
	// rounding hides any further decrease; Detail says which.
	StopMethod
)

// String returns a short lower-case name, e.g. "gradient tolerance".
func (r StopReason) String() string {
	switch r {
	case StopNone:
		return "not stopped"
	case StopMaxSteps:
		return "max steps"
	case StopGradTol:
		return "gradient tolerance"
	case StopPlateau:
		return "plateau"
	case StopDiverged:
		return "diverged"
	case StopInterrupted:
		return "interrupted"
	case StopCallback:
		return "stopped by callback"
	case StopFailed:
		return "failed"
	case StopBudget:
		return "budget spent"
	case StopMethod:
		return "stopped by the method"
	}
	return fmt.Sprintf("StopReason(%d)", int(r))
}

// Result is what a run returns: where it stopped, why, and how it got there.
type Result struct {
	// Optimizer is the optimizer's Name.
	Optimizer string
	// X is the final point (a copy owned by the Result).
	X []float64
	// F is f(X).
	F float64
	// GradNorm is ‖∇f(X)‖.
	GradNorm float64
	// Steps is the number of optimizer steps taken.
	Steps int
	// FuncEvals, GradEvals and HessEvals count the evaluations of f, ∇f and
	// ∇²f the run made. A first-order run evaluates f and ∇f once per step
	// and once more at the final point (Steps + 1 each); methods that search
	// evaluate more often than they step.
	FuncEvals, GradEvals, HessEvals int
	// Cost is the cost of those evaluations in units of one f evaluation,
	// by the rule stated on Cost; it never exceeds a budget MaxEvals.
	Cost int
	// BestX is the best point the run evaluated (its lowest f among the
	// points it steps through; a copy owned by the Result) and BestF its f.
	// For descent it is usually X; for samplers and noisy methods it is the
	// point to report as the optimum found.
	BestX []float64
	BestF float64
	// Reason is the rule that stopped the run.
	Reason StopReason
	// Detail explains the reason with numbers, e.g. "‖∇f‖ = 8.7e-09 ≤ 1e-08".
	Detail string
	// Trace is the recorded path; its last point is always the final one.
	Trace *Trace
	// Err is set when Reason is StopFailed.
	Err error
}

// String summarizes the result in one line, e.g.
// "Adam(lr=0.01): gradient tolerance after 812 steps (‖∇f‖ = 9.9e-09 ≤ 1e-08), f = 2.3e-17 at [1 1]".
func (r *Result) String() string {
	if r == nil {
		return "<nil Result>"
	}
	var b strings.Builder
	if r.Optimizer != "" {
		b.WriteString(r.Optimizer)
		b.WriteString(": ")
	}
	b.WriteString(r.Reason.String())
	if r.Reason == StopFailed {
		if r.Err != nil {
			b.WriteString(": ")
			b.WriteString(r.Err.Error())
		}
		return b.String()
	}
	fmt.Fprintf(&b, " after %d steps", r.Steps)
	if r.Detail != "" {
		fmt.Fprintf(&b, " (%s)", r.Detail)
	}
	fmt.Fprintf(&b, ", f = %.6g at %s", r.F, formatPoint(r.X))
	return b.String()
}
