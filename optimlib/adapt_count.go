package optimlib

import "sync/atomic"

// CountingObjective wraps an Objective and counts how often f, ∇f and ∇²f
// are evaluated, for experiments that compare methods by cost rather than by
// steps. The counters are atomic, so one CountingObjective may be shared by
// concurrent runs. It always implements FuncGrader: a FuncGrad call counts one
// f and one ∇f evaluation and is forwarded to the wrapped objective's
// FuncGrad when it has one. It reports the wrapped objective's
// AnalyticGradient and AnalyticHessian, so a run on it costs what a run on
// the objective itself costs, and Cost applies the same rule (see Cost).
type CountingObjective struct {
	// Objective is the wrapped objective.
	Objective Objective

	funcs, grads, hesses atomic.Int64
	dim                  atomic.Int64
}

// Count returns obj wrapped in a CountingObjective with every counter at 0.
func Count(obj Objective) *CountingObjective { return &CountingObjective{Objective: obj} }

// Func counts one evaluation of f and returns f(x).
func (c *CountingObjective) Func(x []float64) float64 {
	c.funcs.Add(1)
	c.dim.Store(int64(len(x)))
	return c.Objective.Func(x)
}

// Grad counts one evaluation of ∇f and writes ∇f(x) into grad.
func (c *CountingObjective) Grad(grad, x []float64) {
	c.grads.Add(1)
	c.dim.Store(int64(len(x)))
	c.Objective.Grad(grad, x)
}

// FuncGrad counts one evaluation of each, writes ∇f(x) into grad and returns f(x).
func (c *CountingObjective) FuncGrad(grad, x []float64) float64 {
	c.funcs.Add(1)
	c.grads.Add(1)
	c.dim.Store(int64(len(x)))
	if fg, ok := c.Objective.(FuncGrader); ok {
		return fg.FuncGrad(grad, x)
	}
	c.Objective.Grad(grad, x)
	return c.Objective.Func(x)
}

// FuncEvals returns the number of evaluations of f so far.
func (c *CountingObjective) FuncEvals() int { return int(c.funcs.Load()) }

// GradEvals returns the number of evaluations of ∇f so far.
func (c *CountingObjective) GradEvals() int { return int(c.grads.Load()) }

// HessEvals returns the number of evaluations of ∇²f so far.
func (c *CountingObjective) HessEvals() int { return int(c.hesses.Load()) }

// Cost returns the cost of the evaluations so far under the rule of Cost,
// with the dimension of the last point evaluated.
func (c *CountingObjective) Cost() int {
	return Cost(c.Objective, int(c.dim.Load()), c.FuncEvals(), c.GradEvals(), c.HessEvals())
}

// ResetCounts sets every counter back to 0.
func (c *CountingObjective) ResetCounts() {
	c.funcs.Store(0)
	c.grads.Store(0)
	c.hesses.Store(0)
}
