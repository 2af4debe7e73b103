package optimlib

import (
	"errors"
	"fmt"
	"math"
)

// LogisticRegression is binary classification with labels y_i ∈ {0, 1} and
// the cross-entropy (negative log-likelihood) loss of p(y=1|x) = σ(x·w):
//
//	ℓ_i(w) = log(1 + e^{z_i}) − y_i·z_i,   z_i = x_i·w
//	∇ℓ_i(w) = (σ(z_i) − y_i)·x_i,          σ(z) = 1/(1 + e^{−z})
//
// The loss is convex; it has a finite minimizer unless the classes are
// linearly separable (then ‖w‖ grows without bound). Build one with
// NewLogisticRegression, NewTwoMoons, or fill X and Labels yourself; a
// constant first feature of 1 gives an intercept.
type LogisticRegression struct {
	// X holds the feature rows x_i.
	X [][]float64
	// Labels holds y_i, 0 or 1.
	Labels []float64
	// TrueW is the weight vector the labels were drawn with (nil for two
	// moons or data filled by hand).
	TrueW []float64
}

// NewLogisticRegression draws n examples with features x_ij ~ N(0, 1) and
// labels y_i ~ Bernoulli(σ(x_i·trueW)) from the generator PCG(seed).
// p = len(trueW). It fails when n < 1 or trueW is empty.
func NewLogisticRegression(n int, trueW []float64, seed uint64) (*LogisticRegression, error) {
	switch {
	case n < 1:
		return nil, fmt.Errorf("optimlib.NewLogisticRegression: n = %d examples, need at least 1", n)
	case len(trueW) == 0:
		return nil, errors.New("optimlib.NewLogisticRegression: empty trueW")
	}
	rng := seededRand(seed, streamData)
	d := &LogisticRegression{X: make([][]float64, n), Labels: make([]float64, n),
		TrueW: append([]float64(nil), trueW...)}
	for i := range n {
		x := make([]float64, len(trueW))
		for j := range x {
			x[j] = rng.NormFloat64()
		}
		d.X[i] = x
		if rng.Float64() < logisticCDF(vecDot(x, trueW)) {
			d.Labels[i] = 1
		}
	}
	return d, nil
}

// NewTwoMoons draws the two interleaved half circles of scikit-learn's
// make_moons: n/2 points (cos t, sin t) with label 0 and the rest
// (1 − cos t, ½ − sin t) with label 1, t evenly spaced in [0, π], plus
// N(0, noise²) jitter on each coordinate, from PCG(seed). Each row of X is
// (1, x₁, x₂): the constant 1 is the intercept feature, so a linear
// classifier has p = 3 parameters and cannot separate the moons exactly.
// It fails when n < 2 or noise < 0.
func NewTwoMoons(n int, noise float64, seed uint64) (*LogisticRegression, error) {
	switch {
	case n < 2:
		return nil, fmt.Errorf("optimlib.NewTwoMoons: n = %d points, need at least 2", n)
	case noise < 0:
		return nil, fmt.Errorf("optimlib.NewTwoMoons: negative noise %g", noise)
	}
	rng := seededRand(seed, streamData)
	d := &LogisticRegression{X: make([][]float64, n), Labels: make([]float64, n)}
	outer := n / 2
	inner := n - outer
	for i := range n {
		var x1, x2, label float64
		if i < outer {
			t := math.Pi * float64(i) / float64(max(outer-1, 1))
			x1, x2 = math.Cos(t), math.Sin(t)
		} else {
			t := math.Pi * float64(i-outer) / float64(max(inner-1, 1))
			x1, x2, label = 1-math.Cos(t), 0.5-math.Sin(t), 1
		}
		x1 += noise * rng.NormFloat64()
		x2 += noise * rng.NormFloat64()
		d.X[i] = []float64{1, x1, x2}
		d.Labels[i] = label
	}
	return d, nil
}

// Len returns the number of examples N.
func (d *LogisticRegression) Len() int { return min(len(d.X), len(d.Labels)) }

// NumParams returns p, the length of the first feature row (0 without data).
func (d *LogisticRegression) NumParams() int {
	if len(d.X) == 0 {
		return 0
	}
	return len(d.X[0])
}

// ExampleLoss returns log(1 + e^z) − y·z with z = x_i·w, computed without
// overflow.
func (d *LogisticRegression) ExampleLoss(i int, w []float64) float64 {
	z := vecDot(d.X[i], w)
	return softplusStable(z) - d.Labels[i]*z
}

// ExampleGrad writes (σ(x_i·w) − y_i)·x_i into grad.
func (d *LogisticRegression) ExampleGrad(grad []float64, i int, w []float64) {
	x := d.X[i]
	r := logisticCDF(vecDot(x, w)) - d.Labels[i]
	for j := range grad {
		grad[j] = r * x[j]
	}
}

// Accuracy returns the fraction of examples whose label the rule
// "predict 1 when x_i·w > 0" gets right.
func (d *LogisticRegression) Accuracy(w []float64) float64 {
	n := d.Len()
	if n == 0 {
		return math.NaN()
	}
	right := 0
	for i := range n {
		pred := 0.0
		if vecDot(d.X[i], w) > 0 {
			pred = 1
		}
		if pred == d.Labels[i] {
			right++
		}
	}
	return float64(right) / float64(n)
}

// logisticCDF returns σ(z) = 1/(1 + e^{−z}) without overflow.
func logisticCDF(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// softplusStable returns log(1 + e^z) without overflow.
func softplusStable(z float64) float64 {
	return math.Max(z, 0) + math.Log1p(math.Exp(-math.Abs(z)))
}
