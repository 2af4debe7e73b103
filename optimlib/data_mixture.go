package optimlib

import (
	"fmt"
	"math"
)

// MixturePosterior is the two-parameter Gaussian-mixture model of Welling &
// Teh (2011, §5.1), the demo of SGLD and of minibatch Metropolis–Hastings:
//
//	θ₁ ~ N(0, σ₁²),  θ₂ ~ N(0, σ₂²),
//	x_i ~ ½·N(θ₁, σ_x²) + ½·N(θ₁ + θ₂, σ_x²)
//
// Swapping the two components maps (θ₁, θ₂) to (θ₁ + θ₂, −θ₂) with the same
// likelihood, so the posterior can be bimodal: for the paper's data
// (θ = (0, 1), N = 100) its modes lie near (0, 1) and (1, −1), and the loss
// below is non-convex with two basins. Whether a draw of 100 points shows the
// two modes depends on the draw: about half do, the others give one mode near
// θ₂ ≈ 0. NewMixturePosterior(100, 7) is bimodal, with minima of TotalLoss
// near (0.01, 0.98) and (0.98, −0.96). Each example carries 1/N of the prior,
//
//	ℓ_i(θ) = −log p(x_i | θ) − (1/N)·log p(θ),
//
// so that TotalLoss(d) is exactly −log p(θ, x) (constants included) and
// exp(−TotalLoss) is proportional to the posterior, the target of SGLD and
// Metropolis–Hastings; FullBatch(d) is that divided by N.
type MixturePosterior struct {
	// X holds the observations x_i.
	X []float64
	// Theta is the parameter the data were drawn with (nil when X was filled
	// by hand).
	Theta []float64
	// VarX is the component variance σ_x² (2 in the paper).
	VarX float64
	// PriorVar holds σ₁² and σ₂² (10 and 1 in the paper); +Inf makes that
	// prior flat (no prior term for that parameter).
	PriorVar [2]float64
}

// NewMixturePosterior draws n observations from the model with the paper's
// settings: θ = (0, 1), σ_x² = 2, σ₁² = 10, σ₂² = 1 (the paper uses
// n = 100), from the generator PCG(seed). It fails when n < 1.
func NewMixturePosterior(n int, seed uint64) (*MixturePosterior, error) {
	if n < 1 {
		return nil, fmt.Errorf("optimlib.NewMixturePosterior: n = %d observations, need at least 1", n)
	}
	d := &MixturePosterior{X: make([]float64, n), Theta: []float64{0, 1}, VarX: 2, PriorVar: [2]float64{10, 1}}
	rng := seededRand(seed, streamData)
	sd := math.Sqrt(d.VarX)
	for i := range d.X {
		mean := d.Theta[0]
		if rng.Float64() < 0.5 {
			mean += d.Theta[1]
		}
		d.X[i] = mean + sd*rng.NormFloat64()
	}
	return d, nil
}

// Len returns the number of observations N.
func (d *MixturePosterior) Len() int { return len(d.X) }

// NumParams returns 2: θ = (θ₁, θ₂).
func (d *MixturePosterior) NumParams() int { return 2 }

// ExampleLoss returns −log p(x_i | θ) − (1/N)·log p(θ).
func (d *MixturePosterior) ExampleLoss(i int, theta []float64) float64 {
	a, b := d.exponents(i, theta)
	m := math.Max(a, b)
	logLik := math.Log(0.5) - 0.5*math.Log(2*math.Pi*d.VarX) + m + math.Log(math.Exp(a-m)+math.Exp(b-m))
	return -logLik + d.negLogPrior(theta)/float64(len(d.X))
}

// ExampleGrad writes ∇ℓ_i(θ) into grad: with r the posterior probability that
// x_i came from the second component,
//
//	∂ℓ_i/∂θ₁ = −[(1−r)(x_i−θ₁) + r(x_i−θ₁−θ₂)]/σ_x² + θ₁/(N σ₁²)
//	∂ℓ_i/∂θ₂ = −r(x_i−θ₁−θ₂)/σ_x² + θ₂/(N σ₂²)
func (d *MixturePosterior) ExampleGrad(grad []float64, i int, theta []float64) {
	a, b := d.exponents(i, theta)
	r := logisticCDF(b - a)
	x := d.X[i]
	e1, e2 := x-theta[0], x-theta[0]-theta[1]
	n := float64(len(d.X))
	grad[0] = -((1-r)*e1+r*e2)/d.VarX + priorSlope(theta[0], d.PriorVar[0])/n
	grad[1] = -r*e2/d.VarX + priorSlope(theta[1], d.PriorVar[1])/n
}

// exponents returns the Gaussian exponents −(x−μ)²/(2σ_x²) of the two
// components at observation i.
func (d *MixturePosterior) exponents(i int, theta []float64) (float64, float64) {
	x := d.X[i]
	e1, e2 := x-theta[0], x-theta[0]-theta[1]
	return -e1 * e1 / (2 * d.VarX), -e2 * e2 / (2 * d.VarX)
}

// negLogPrior returns −log p(θ), constants included; flat priors add 0.
func (d *MixturePosterior) negLogPrior(theta []float64) float64 {
	s := 0.0
	for j, v := range d.PriorVar {
		if math.IsInf(v, 1) {
			continue
		}
		s += theta[j]*theta[j]/(2*v) + 0.5*math.Log(2*math.Pi*v)
	}
	return s
}

// priorSlope returns θ/σ², the derivative of θ²/(2σ²) (0 for a flat prior).
func priorSlope(theta, variance float64) float64 {
	if math.IsInf(variance, 1) {
		return 0
	}
	return theta / variance
}
