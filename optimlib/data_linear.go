package optimlib

import (
	"errors"
	"fmt"
)

// LinearRegression is least squares on examples (x_i, y_i), x_i ∈ R^p:
//
//	ℓ_i(w) = ½·(x_i·w − y_i)²,   ∇ℓ_i(w) = (x_i·w − y_i)·x_i
//
// so the mean loss is L(w) = ‖Xw − y‖²/(2N), whose minimizer solves the
// normal equations X'X·w = X'y. Build one with NewLinearRegression (synthetic
// data with known weights) or fill X and Y yourself; a constant column of
// ones in X gives an intercept.
type LinearRegression struct {
	// X holds the feature rows x_i (N rows of p entries).
	X [][]float64
	// Y holds the targets y_i.
	Y []float64
	// TrueW is the weight vector the data were generated with (nil when X and
	// Y were filled by hand).
	TrueW []float64
	// Noise is the standard deviation of the noise added to y.
	Noise float64
}

// NewLinearRegression draws n examples y_i = x_i·trueW + Noise·ε_i with
// features x_ij ~ N(0, 1) and ε_i ~ N(0, 1), from the generator PCG(seed).
// p = len(trueW). It fails when n < 1, trueW is empty or noise < 0.
func NewLinearRegression(n int, trueW []float64, noise float64, seed uint64) (*LinearRegression, error) {
	switch {
	case n < 1:
		return nil, fmt.Errorf("optimlib.NewLinearRegression: n = %d examples, need at least 1", n)
	case len(trueW) == 0:
		return nil, errors.New("optimlib.NewLinearRegression: empty trueW")
	case noise < 0:
		return nil, fmt.Errorf("optimlib.NewLinearRegression: negative noise %g", noise)
	}
	rng := seededRand(seed, streamData)
	d := &LinearRegression{X: make([][]float64, n), Y: make([]float64, n),
		TrueW: append([]float64(nil), trueW...), Noise: noise}
	for i := range n {
		x := make([]float64, len(trueW))
		for j := range x {
			x[j] = rng.NormFloat64()
		}
		d.X[i] = x
		d.Y[i] = vecDot(x, trueW) + noise*rng.NormFloat64()
	}
	return d, nil
}

// Len returns the number of examples N.
func (d *LinearRegression) Len() int { return min(len(d.X), len(d.Y)) }

// NumParams returns p, the length of the first feature row (0 without data).
func (d *LinearRegression) NumParams() int {
	if len(d.X) == 0 {
		return 0
	}
	return len(d.X[0])
}

// ExampleLoss returns ½(x_i·w − y_i)².
func (d *LinearRegression) ExampleLoss(i int, w []float64) float64 {
	r := vecDot(d.X[i], w) - d.Y[i]
	return 0.5 * r * r
}

// ExampleGrad writes (x_i·w − y_i)·x_i into grad.
func (d *LinearRegression) ExampleGrad(grad []float64, i int, w []float64) {
	x := d.X[i]
	r := vecDot(x, w) - d.Y[i]
	for j := range grad {
		grad[j] = r * x[j]
	}
}
