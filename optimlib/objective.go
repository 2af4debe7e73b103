package optimlib

// Objective is a differentiable function of a point x in R^n, the thing every
// optimizer in this package minimizes.
//
// The method set matches gonum.org/v1/gonum/optimize: Func returns f(x), and
// Grad writes ∇f(x) into grad (len(grad) == len(x)) without keeping either
// slice. Implementations must not modify x.
//
// Concurrency: RunExperiment, Compare and the contestants run their trials
// in parallel goroutines (ExperimentConfig.Workers), and trials commonly
// share one Objective, so an Objective handed to them must be safe for
// concurrent use: Func and Grad may be called from several goroutines at
// once, and must keep no state between calls that one call could change
// under another (take scratch space per call). Every objective of this
// package is safe in that sense (landscapes, Formula, FuncObjective when its
// functions are, DataObjective and Penalized when what they wrap is,
// CountingObjective), except MiniBatch, whose batch sequence is state:
// make one per trial.
type Objective interface {
	Func(x []float64) float64
	Grad(grad, x []float64)
}
