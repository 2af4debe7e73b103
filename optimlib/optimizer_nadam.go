package optimlib

import "math"

// NAdam is torch.optim.NAdam (Dozat 2016): Adam with Nesterov momentum and a
// momentum schedule μ_t that warms β₁ up over the first few hundred steps.
// With t = 1, 2, ... the step number, ψ = MomentumDecay and m₀ = v₀ = 0:
//
//	g   ← ∇f(x) + λ·x + λ₁·sign(x)     (Decoupled: x ← x − η·λ·x instead of + λ·x)
//	μ_t ← β₁·(1 − ½·0.96^(t·ψ))
//	m   ← β₁·m + (1−β₁)·g
//	v   ← β₂·v + (1−β₂)·g²
//	d   ← √(v/(1−β₂ᵗ)) + ε
//	x   ← x − η·(1−μ_t)/(1 − ∏_{i≤t} μ_i) · g/d − η·μ_{t+1}/(1 − ∏_{i≤t+1} μ_i) · m/d
//
// Defaults (NewNAdam): Beta1 β₁ = 0.9, Beta2 β₂ = 0.999, Eps ε = 1e-8,
// MomentumDecay ψ = 4e-3, WeightDecay λ = 0, L1 λ₁ = 0, Decoupled false,
// Maximize false; PyTorch's default lr is 2e-3.
//
// optax.nadam is a different method: Adam with a Nesterov term
// β₁·m/(1−β₁^(t+1)) + (1−β₁)·g/(1−β₁ᵗ) and no μ_t schedule, so its trajectories
// do not match PyTorch's NAdam. L1 is not in PyTorch.
type NAdam struct {
	// LR is the learning rate η, used when Schedule is nil.
	LR float64
	// Beta1 is the decay β₁ of the first-moment average m (default 0.9).
	Beta1 float64
	// Beta2 is the decay β₂ of the second-moment average v (default 0.999).
	Beta2 float64
	// Eps is ε, added after the square root (default 1e-8).
	Eps float64
	// MomentumDecay is ψ in the momentum schedule μ_t (default 4e-3).
	MomentumDecay float64
	// WeightDecay is the L2 coefficient λ, coupled unless Decoupled (default 0).
	WeightDecay float64
	// L1 is the L1 coefficient λ₁ (default 0).
	L1 float64
	// Decoupled applies weight decay as x ← x − ηλx, NAdamW style (default false).
	Decoupled bool
	// Maximize ascends f instead of descending it (default false).
	Maximize bool
	// Schedule, when non-nil, gives the learning rate of step t and LR is ignored.
	Schedule Schedule

	t      int
	m, v   []float64
	muProd float64
	p2     power
	next   muCache
}

// muCache remembers μ_{t+1} from step t, so that step t+1 reuses it as its μ_t
// (the same value PyTorch recomputes) and each step evaluates one power.
type muCache struct {
	step       int
	beta1, psi float64
	mu         float64
}

// momentum returns μ_step = β₁(1 − ½·0.96^(step·ψ)).
func (c *muCache) momentum(beta1, psi float64, step int) float64 {
	if c.step == step && c.beta1 == beta1 && c.psi == psi {
		return c.mu
	}
	return beta1 * (1 - 0.5*math.Pow(0.96, float64(step)*psi))
}

// NewNAdam returns torch.optim.NAdam(lr) with its defaults (PyTorch's default
// lr is 2e-3).
func NewNAdam(lr float64) *NAdam {
	return &NAdam{LR: lr, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, MomentumDecay: 4e-3}
}

// Name returns e.g. "NAdam(lr=0.002)".
func (o *NAdam) Name() string {
	return optimizerName("NAdam", o.LR, o.Schedule, nonDefault("beta1", o.Beta1, 0.9), nonDefault("beta2", o.Beta2, 0.999),
		nonDefault("eps", o.Eps, 1e-8), nonDefault("momentum_decay", o.MomentumDecay, 4e-3),
		nonDefault("weight_decay", o.WeightDecay, 0), nonDefault("l1", o.L1, 0), flag("decoupled", o.Decoupled),
		flag("maximize", o.Maximize))
}

// String returns Name, so that printing the optimizer shows its label.
func (o *NAdam) String() string { return o.Name() }

// Reset zeroes the moment estimates and the μ product and sets the step count to 0.
func (o *NAdam) Reset() { o.t, o.m = 0, o.m[:0] }

// LearningRate returns η for the next step.
func (o *NAdam) LearningRate() float64 { return scheduledRate(o.LR, o.Schedule, o.t) }

// Step performs one torch.optim.NAdam step in place.
func (o *NAdam) Step(x, grad []float64) {
	if len(o.m) != len(x) || o.t == 0 {
		o.t, o.muProd = 0, 1
		o.m, o.v = zeroed(o.m, len(x)), zeroed(o.v, len(x))
	}
	n := commonLen(x, grad)
	lr := o.LearningRate()
	step := o.t + 1
	b1, b2 := o.Beta1, o.Beta2
	bc2 := 1 - o.p2.at(b2, step)
	mu := o.next.momentum(b1, o.MomentumDecay, step)
	muNext := o.next.momentum(b1, o.MomentumDecay, step+1)
	o.next = muCache{step: step + 1, beta1: b1, psi: o.MomentumDecay, mu: muNext}
	o.muProd *= mu
	muProdNext := o.muProd * muNext
	cg := -lr * (1 - mu) / (1 - o.muProd)
	cm := (-lr * muNext) / (1 - muProdNext)
	wd, decay := o.WeightDecay, 1.0
	if o.Decoupled {
		wd, decay = 0, 1-lr*o.WeightDecay
	}
	x, grad, m, v := x[:n], grad[:n], o.m[:n], o.v[:n]
	for i := range x {
		g := penalized(grad[i], x[i], wd, o.L1, o.Maximize)
		if decay != 1 {
			x[i] *= decay
		}
		m[i] = lerp(m[i], g, 1-b1)
		v[i] = v[i]*b2 + (1-b2)*g*g
		d := math.Sqrt(v[i]/bc2) + o.Eps
		x[i] += cg * g / d
		x[i] += cm * m[i] / d
	}
	o.t++
}
