package optimlib

import (
	"errors"
	"fmt"
)

// GradNoiseVariance returns the variance of the mini-batch gradient estimate
// of the mean loss at w, for batches of batchSize examples drawn without
// replacement (as MiniBatch draws them), computed exactly from all N example
// gradients:
//
//	V(B) = E‖ĝ_B(w) − ∇L(w)‖² = (N − B)/(N − 1) · S²/B,
//	S²   = (1/N)·Σ_i ‖∇ℓ_i(w) − ∇L(w)‖²
//
// (the trace of the covariance matrix of ĝ_B). It falls as 1/B for B ≪ N and
// reaches 0 at B = N: this is the noise that makes SGD wander near a minimum
// and the reason a larger batch allows a larger learning rate. For the
// estimate of the total Σℓ_i (MiniBatch.Sum) multiply by N². It costs 2N
// example gradients and O(p) memory. It fails on a nil or empty dataset, a w
// of the wrong length, a batch size outside 1..N, or when the dataset panics.
func GradNoiseVariance(d Dataset, w []float64, batchSize int) (v float64, err error) {
	defer recoverInto(&err, "optimlib.GradNoiseVariance")
	n, err := checkNoiseArgs("GradNoiseVariance", d, w, batchSize)
	if err != nil {
		return 0, err
	}
	if batchSize == n {
		return 0, nil
	}
	// Two passes (the mean gradient, then the spread around it) keep the
	// memory at O(p) for any N.
	p := len(w)
	mean, g := make([]float64, p), make([]float64, p)
	for i := range n {
		d.ExampleGrad(g, i, w)
		vecAdd(mean, g)
	}
	vecScale(mean, 1/float64(n))
	s2 := 0.0
	for i := range n {
		d.ExampleGrad(g, i, w)
		dev := vecDist(g, mean)
		s2 += dev * dev
	}
	s2 /= float64(n)
	return float64(n-batchSize) / float64(n-1) * s2 / float64(batchSize), nil
}

// SampleGradNoiseVariance estimates the same variance as GradNoiseVariance by
// simulation: it draws `draws` random batches of batchSize examples without
// replacement (from PCG(seed)) and averages ‖ĝ_B(w) − ∇L(w)‖². It agrees with
// GradNoiseVariance up to the Monte Carlo error (relative standard error about
// √(2/draws) when the noise is roughly Gaussian), which makes it a check of
// the formula and a way to measure the noise of an estimator you wrote
// yourself. It costs N + draws·B example gradients and fails like
// GradNoiseVariance, or when draws < 1.
func SampleGradNoiseVariance(d Dataset, w []float64, batchSize, draws int, seed uint64) (v float64, err error) {
	defer recoverInto(&err, "optimlib.SampleGradNoiseVariance")
	n, err := checkNoiseArgs("SampleGradNoiseVariance", d, w, batchSize)
	if err != nil {
		return 0, err
	}
	if draws < 1 {
		return 0, fmt.Errorf("optimlib.SampleGradNoiseVariance: draws = %d, need at least 1", draws)
	}
	full := make([]float64, len(w))
	(&DataObjective{Data: d}).Grad(full, w)
	rng := seededRand(seed, streamBatch)
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	est := make([]float64, len(w))
	var work []float64
	total := 0.0
	for range draws {
		// A partial Fisher–Yates shuffle puts a uniform random batch of
		// batchSize distinct examples in perm[:batchSize].
		for i := range batchSize {
			j := i + rng.IntN(n-i)
			perm[i], perm[j] = perm[j], perm[i]
		}
		clear(est)
		work = sumExampleGrads(d, est, w, work, 0, batchSize, perm)
		vecScale(est, 1/float64(batchSize))
		dist := vecDist(est, full)
		total += dist * dist
	}
	return total / float64(draws), nil
}

// checkNoiseArgs validates the arguments of the noise functions and returns N.
func checkNoiseArgs(name string, d Dataset, w []float64, batchSize int) (int, error) {
	if d == nil || d.Len() == 0 {
		return 0, errors.New("optimlib." + name + ": nil or empty dataset")
	}
	n := d.Len()
	switch {
	case len(w) != d.NumParams():
		return 0, fmt.Errorf("optimlib.%s: w has %d entries, the dataset has %d parameters", name, len(w), d.NumParams())
	case batchSize < 1 || batchSize > n:
		return 0, fmt.Errorf("optimlib.%s: batch size %d outside 1..%d", name, batchSize, n)
	}
	return n, nil
}
