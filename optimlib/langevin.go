package optimlib

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// SGLD is stochastic gradient Langevin dynamics (Welling & Teh 2011): a
// gradient step plus Gaussian noise scaled so that, as the steps shrink, the
// iterates become samples of the density exp(−f(x)) instead of converging to
// a minimum:
//
//	x ← x − (ε_t/2)·g + √ε_t·ξ,   ξ ~ N(0, I)
//	ε_t = A·(B + t)^(−γ)           (t = 0, 1, 2, ... since Reset)
//
// with g = ∇f(x) or an unbiased mini-batch estimate of it (RunMiniBatch with
// Sum: true samples the posterior of a Dataset). Welling & Teh need
// Σε_t = ∞ and Σε_t² < ∞, which holds for ½ < γ ≤ 1; γ = 0 gives a constant
// step, whose chain samples exp(−f) only up to a bias of order ε (for
// f = x²/(2s²) its variance is s²/(1 − ε/(4s²)) instead of s²).
//
// To sample exp(−f/T), run on f/T. LearningRate reports ε_t, the step of the
// dynamics (the gradient step is ε_t/2). Defaults (NewSGLD): B = 1, γ = 0.55.
// The noise comes from PCG(Seed), restarted by Reset, so a Run is
// reproducible.
type SGLD struct {
	// A scales the step size.
	A float64
	// B delays the decay (default 1; 0 counts as 1, since 0^−γ is infinite).
	B float64
	// Gamma is the decay exponent γ (default 0.55; 0 for a constant step).
	Gamma float64
	// Schedule, when non-nil, gives ε_t instead of A·(B+t)^−γ.
	Schedule Schedule
	// Seed seeds the noise.
	Seed uint64

	t, dim int
	rng    *rand.Rand
}

// NewSGLD returns SGLD with ε_t = a·(1 + t)^−0.55 and noise from PCG(seed).
func NewSGLD(a float64, seed uint64) *SGLD { return &SGLD{A: a, B: 1, Gamma: 0.55, Seed: seed} }

// Name returns e.g. "SGLD(a=0.1, b=1, γ=0.55)".
func (o *SGLD) Name() string {
	if o.Schedule != nil {
		return "SGLD(ε=" + scheduleLabel(o.Schedule) + ")"
	}
	return fmt.Sprintf("SGLD(a=%s, b=%s, γ=%s)", formatNumber(o.A), formatNumber(o.B), formatNumber(o.Gamma))
}

// Reset sets t back to 0 and restarts the noise from Seed.
func (o *SGLD) Reset() { o.t, o.dim, o.rng = 0, 0, nil }

// LearningRate returns ε_t for the next step.
func (o *SGLD) LearningRate() float64 {
	if o.Schedule != nil {
		return o.Schedule.LR(o.t)
	}
	if o.Gamma == 0 {
		return o.A
	}
	b := o.B
	if b == 0 {
		b = 1
	}
	return o.A * math.Pow(b+float64(o.t), -o.Gamma)
}

// Step performs x ← x − (ε/2)·grad + √ε·ξ in place.
func (o *SGLD) Step(x, grad []float64) {
	if len(x) != o.dim || o.rng == nil {
		o.t, o.dim, o.rng = 0, len(x), seededRand(o.Seed, streamNoise)
	}
	eps := o.LearningRate()
	half, sd := eps/2, math.Sqrt(math.Max(eps, 0))
	for i := range commonLen(x, grad) {
		x[i] += -half*grad[i] + sd*o.rng.NormFloat64()
	}
	o.t++
}

// NoisyGrad adds annealed Gaussian noise to the gradient before another
// optimizer's step (Neelakantan et al. 2015, optax.noisy_sgd):
//
//	g̃ = g + N(0, σ_t²·I),   σ_t² = σ₀²/(1 + t)^γ
//	x ← Inner.Step(x, g̃)
//
// The noise is large early, when it helps leave poor regions and saddles, and
// fades so that the run still converges. Defaults (NewNoisyGrad): Variance
// σ₀² = 0.01, Gamma γ = 0.55 (optax's, where σ₀² is called eta; the paper
// tries σ₀² ∈ {0.01, 0.3, 1}). The noise comes from PCG(Seed), restarted by
// Reset, which also resets Inner.
type NoisyGrad struct {
	// Inner is the optimizer that takes the noisy gradient.
	Inner Optimizer
	// Variance is the initial noise variance σ₀² (default 0.01): the
	// variance of each coordinate of the noise at step 0.
	Variance float64
	// Gamma is the decay exponent γ (default 0.55).
	Gamma float64
	// Seed seeds the noise.
	Seed uint64

	t, dim int
	rng    *rand.Rand
	noisy  []float64
}

// NewNoisyGrad wraps inner with gradient noise of variance 0.01/(1+t)^0.55
// drawn from PCG(seed).
func NewNoisyGrad(inner Optimizer, seed uint64) *NoisyGrad {
	return &NoisyGrad{Inner: inner, Variance: 0.01, Gamma: 0.55, Seed: seed}
}

// Name returns e.g. "NoisyGrad(GD(lr=0.1), σ₀²=0.01, γ=0.55)".
func (o *NoisyGrad) Name() string {
	return fmt.Sprintf("NoisyGrad(%s, σ₀²=%s, γ=%s)", innerName(o.Inner), formatNumber(o.Variance), formatNumber(o.Gamma))
}

// Reset resets Inner, sets t back to 0 and restarts the noise from Seed.
func (o *NoisyGrad) Reset() {
	if o.Inner != nil {
		o.Inner.Reset()
	}
	o.t, o.dim, o.rng = 0, 0, nil
}

// LearningRate returns Inner's learning rate.
func (o *NoisyGrad) LearningRate() float64 {
	if o.Inner == nil {
		return math.NaN()
	}
	return o.Inner.LearningRate()
}

// NoiseVariance returns σ_t² = σ₀²/(1 + t)^γ for the next step.
func (o *NoisyGrad) NoiseVariance() float64 { return o.Variance / math.Pow(1+float64(o.t), o.Gamma) }

// Step adds the noise to a copy of grad and lets Inner step with it.
func (o *NoisyGrad) Step(x, grad []float64) {
	if o.Inner == nil {
		return
	}
	if len(x) != o.dim || o.rng == nil {
		o.t, o.dim, o.rng = 0, len(x), seededRand(o.Seed, streamNoise)
	}
	sd := math.Sqrt(math.Max(o.NoiseVariance(), 0))
	o.noisy = append(o.noisy[:0], grad...)
	for i := range o.noisy {
		o.noisy[i] += sd * o.rng.NormFloat64()
	}
	o.Inner.Step(x, o.noisy)
	o.t++
}

// innerName is the Name of a wrapped optimizer ("<nil>" when missing).
func innerName(o Optimizer) string {
	if o == nil {
		return "<nil>"
	}
	return o.Name()
}
