package optimlib

import "sync/atomic"

// CountingObjective wraps an Objective and counts how often f and ∇f are
// evaluated, for experiments that compare methods by cost rather than by
// steps. The counters are atomic, so one CountingObjective may be shared by
// concurrent runs. It always implements FuncGrader: a FuncGrad call counts one
// f and one ∇f evaluation and is forwarded to the wrapped objective's
// FuncGrad when it has one.
type CountingObjective struct {
	// Objective is the wrapped objective.
	Objective Objective

	funcs, grads atomic.Int64
}

// Count returns obj wrapped in a CountingObjective with both counters at 0.
func Count(obj Objective) *CountingObjective { return &CountingObjective{Objective: obj} }

// Func counts one evaluation of f and returns f(x).
func (c *CountingObjective) Func(x []float64) float64 {
	c.funcs.Add(1)
	return c.Objective.Func(x)
}

// Grad counts one evaluation of ∇f and writes ∇f(x) into grad.
func (c *CountingObjective) Grad(grad, x []float64) {
	c.grads.Add(1)
	c.Objective.Grad(grad, x)
}

// FuncGrad counts one evaluation of each, writes ∇f(x) into grad and returns f(x).
func (c *CountingObjective) FuncGrad(grad, x []float64) float64 {
	c.funcs.Add(1)
	c.grads.Add(1)
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

// ResetCounts sets both counters back to 0.
func (c *CountingObjective) ResetCounts() {
	c.funcs.Store(0)
	c.grads.Store(0)
}
