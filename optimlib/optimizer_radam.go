package optimlib

import "math"

// RAdam is torch.optim.RAdam (Liu et al. 2019): Adam whose adaptive step is
// switched on only once the variance of v is tractable, and then scaled by a
// rectification factor r_t; before that it takes plain momentum steps. With
// t = 1, 2, ... the step number and m₀ = v₀ = 0:
//
//	g   ← ∇f(x) + λ·x + λ₁·sign(x)     (Decoupled: x ← x − η·λ·x instead of + λ·x)
//	m   ← β₁·m + (1−β₁)·g,   v ← β₂·v + (1−β₂)·g²,   m̂ = m/(1−β₁ᵗ)
//	ρ∞  = 2/(1−β₂) − 1,      ρ_t = ρ∞ − 2t·β₂ᵗ/(1−β₂ᵗ)
//	if ρ_t > 5:  r_t = √((ρ_t−4)(ρ_t−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρ_t)),  l_t = √(1−β₂ᵗ)/(√v + ε)
//	             x ← x − η·m̂·l_t·r_t
//	else:        x ← x − η·m̂
//
// With the default β₂ = 0.999 the first five steps are momentum steps
// (ρ_t ≤ 5 for t ≤ 5). Defaults (NewRAdam): Beta1 β₁ = 0.9, Beta2 β₂ = 0.999,
// Eps ε = 1e-8, WeightDecay λ = 0, L1 λ₁ = 0, Decoupled false, Maximize false;
// PyTorch's default lr is 1e-3. The paper's reference code switches at ρ_t > 4
// and some ports use 4; PyTorch uses 5, as here. L1 is not in PyTorch.
type RAdam struct {
	// LR is the learning rate η, used when Schedule is nil.
	LR float64
	// Beta1 is the decay β₁ of the first-moment average m (default 0.9).
	Beta1 float64
	// Beta2 is the decay β₂ of the second-moment average v (default 0.999).
	Beta2 float64
	// Eps is ε, added after the square root (default 1e-8).
	Eps float64
	// WeightDecay is the L2 coefficient λ, coupled unless Decoupled (default 0).
	WeightDecay float64
	// L1 is the L1 coefficient λ₁ (default 0).
	L1 float64
	// Decoupled applies weight decay as x ← x − ηλx, AdamW style (default false).
	Decoupled bool
	// Maximize ascends f instead of descending it (default false).
	Maximize bool
	// Schedule, when non-nil, gives the learning rate of step t and LR is ignored.
	Schedule Schedule

	t      int
	m, v   []float64
	p1, p2 power
}

// NewRAdam returns torch.optim.RAdam(lr) with its defaults (PyTorch's default
// lr is 1e-3).
func NewRAdam(lr float64) *RAdam { return &RAdam{LR: lr, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8} }

// Name returns e.g. "RAdam(lr=0.001)".
func (o *RAdam) Name() string {
	return optimizerName("RAdam", o.LR, o.Schedule, nonDefault("beta1", o.Beta1, 0.9), nonDefault("beta2", o.Beta2, 0.999),
		nonDefault("eps", o.Eps, 1e-8), nonDefault("weight_decay", o.WeightDecay, 0), nonDefault("l1", o.L1, 0),
		flag("decoupled", o.Decoupled), flag("maximize", o.Maximize))
}

// String returns Name, so that printing the optimizer shows its label.
func (o *RAdam) String() string { return o.Name() }

// Reset zeroes the moment estimates and sets the step count to 0.
func (o *RAdam) Reset() { o.t, o.m = 0, o.m[:0] }

// LearningRate returns η for the next step.
func (o *RAdam) LearningRate() float64 { return scheduledRate(o.LR, o.Schedule, o.t) }

// Rectified reports whether step t (1-based) takes the rectified adaptive
// step, that is whether ρ_t > 5 for the current Beta2.
func (o *RAdam) Rectified(t int) bool {
	_, ok := radamRect(o.Beta2, t, math.Pow(o.Beta2, float64(t)))
	return ok
}

// radamRect returns r_t and whether ρ_t > 5, given b2t = β₂ᵗ.
func radamRect(b2 float64, t int, b2t float64) (float64, bool) {
	rhoInf := 2/(1-b2) - 1
	rhoT := rhoInf - 2*float64(t)*b2t/(1-b2t)
	if !(rhoT > 5) {
		return 0, false
	}
	num := (rhoT - 4) * (rhoT - 2) * rhoInf
	den := (rhoInf - 4) * (rhoInf - 2) * rhoT
	return math.Sqrt(num / den), true
}

// Step performs one torch.optim.RAdam step in place.
func (o *RAdam) Step(x, grad []float64) {
	if len(o.m) != len(x) || o.t == 0 {
		o.t = 0
		o.m, o.v = zeroed(o.m, len(x)), zeroed(o.v, len(x))
	}
	n := commonLen(x, grad)
	lr := o.LearningRate()
	step := o.t + 1
	b1, b2 := o.Beta1, o.Beta2
	bc1 := 1 - o.p1.at(b1, step)
	b2t := o.p2.at(b2, step)
	bc2 := 1 - b2t
	rect, adaptive := radamRect(b2, step, b2t)
	bc2Sqrt := math.Sqrt(bc2)
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
		mhat := m[i] / bc1
		if adaptive {
			x[i] -= mhat * lr * (bc2Sqrt / (math.Sqrt(v[i]) + o.Eps)) * rect
		} else {
			x[i] -= mhat * lr
		}
	}
	o.t++
}
