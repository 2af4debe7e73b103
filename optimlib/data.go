package optimlib

import "math"

// Dataset is a finite-sum problem: N examples, each with its own loss ℓ_i(w)
// of the same parameter vector w ∈ R^p. The full-data loss is their mean,
//
//	L(w) = (1/N) Σ_i ℓ_i(w),
//
// and stochastic methods estimate ∇L from a few examples at a time (see
// MiniBatch). ExampleGrad writes ∇ℓ_i(w) into grad (len(grad) == NumParams()),
// overwriting it; neither method may modify w or keep either slice.
//
// The built-in datasets (NewLinearRegression, NewLogisticRegression,
// NewTwoMoons, NewMixturePosterior) are plain structs with exported fields and
// no scratch state, so one dataset may be shared by concurrent runs. A
// student can implement Dataset in a cell.
type Dataset interface {
	// Len returns the number of examples N.
	Len() int
	// NumParams returns the dimension p of the parameter vector w.
	NumParams() int
	// ExampleLoss returns ℓ_i(w) for 0 ≤ i < N.
	ExampleLoss(i int, w []float64) float64
	// ExampleGrad writes ∇ℓ_i(w) into grad.
	ExampleGrad(grad []float64, i int, w []float64)
}

// DataObjective is the full-data loss of a Dataset as an Objective:
//
//	f(w) = (1/N) Σ_i ℓ_i(w)    (default: the mean)
//	f(w) = Σ_i ℓ_i(w)          (Sum: the total)
//
// The mean is what training minimizes; the total is the negative
// log-posterior −log p(w | data) when ℓ_i = −log p(x_i | w) − (1/N)·log p(w),
// the form that SGLD and Metropolis–Hastings sample from (see
// NewMixturePosterior). Both have the same minimizers.
//
// Each evaluation costs N example evaluations. A DataObjective keeps no state
// between calls (Grad and FuncGrad take their scratch buffer per call), so it
// is safe for concurrent use when its Dataset is, as the built-in ones are.
type DataObjective struct {
	// Data is the dataset.
	Data Dataset
	// Sum selects the total Σℓ_i instead of the mean (default false).
	Sum bool
}

// FullBatch returns the mean full-data loss (1/N)Σℓ_i(w) of d as an Objective.
func FullBatch(d Dataset) *DataObjective { return &DataObjective{Data: d} }

// TotalLoss returns the summed loss Σℓ_i(w) of d as an Objective (the negative
// log-posterior of a Bayesian model, see DataObjective).
func TotalLoss(d Dataset) *DataObjective { return &DataObjective{Data: d, Sum: true} }

// scale is the factor applied to Σℓ_i: 1/N for the mean, 1 for the total.
func (o *DataObjective) scale() float64 {
	if o.Sum {
		return 1
	}
	return 1 / float64(o.Data.Len())
}

// Func returns f(w); NaN for a nil or empty dataset.
func (o *DataObjective) Func(w []float64) float64 {
	if o.Data == nil || o.Data.Len() == 0 {
		return math.NaN()
	}
	s := 0.0
	for i := range o.Data.Len() {
		s += o.Data.ExampleLoss(i, w)
	}
	return s * o.scale()
}

// Grad writes ∇f(w) into grad; NaN for a nil or empty dataset.
func (o *DataObjective) Grad(grad, w []float64) {
	if o.Data == nil || o.Data.Len() == 0 {
		vecFillNaN(grad)
		return
	}
	clear(grad)
	buf := getScratch()
	putScratch(buf, sumExampleGrads(o.Data, grad, w, *buf, 0, o.Data.Len(), nil))
	vecScale(grad, o.scale())
}

// FuncGrad writes ∇f(w) into grad and returns f(w), in one pass over the data.
func (o *DataObjective) FuncGrad(grad, w []float64) float64 {
	if o.Data == nil || o.Data.Len() == 0 {
		vecFillNaN(grad)
		return math.NaN()
	}
	clear(grad)
	buf := getScratch()
	work := zeroed(*buf, len(grad))
	s := 0.0
	for i := range o.Data.Len() {
		s += o.Data.ExampleLoss(i, w)
		o.Data.ExampleGrad(work, i, w)
		vecAdd(grad, work)
	}
	putScratch(buf, work)
	c := o.scale()
	vecScale(grad, c)
	return s * c
}

// sumExampleGrads adds Σ ∇ℓ_i(w) into grad over the examples idx[lo:hi] (or
// i = lo..hi−1 when idx is nil), using work as scratch; it returns work.
func sumExampleGrads(d Dataset, grad, w, work []float64, lo, hi int, idx []int) []float64 {
	work = zeroed(work, len(grad))
	for k := lo; k < hi; k++ {
		i := k
		if idx != nil {
			i = idx[k]
		}
		d.ExampleGrad(work, i, w)
		vecAdd(grad, work)
	}
	return work
}
