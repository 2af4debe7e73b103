package optimlib

import "math"

// Adamax is torch.optim.Adamax (Kingma & Ba 2015, §7.1): Adam with the
// infinity norm in place of the root-mean-square. With t = 1, 2, ... the step
// number and m₀ = u₀ = 0:
//
//	g ← ∇f(x) + λ·x + λ₁·sign(x)
//	m ← β₁·m + (1−β₁)·g
//	u ← max(β₂·u, |g| + ε)
//	x ← x − η/(1−β₁ᵗ) · m/u
//
// Defaults (NewAdamax): Beta1 β₁ = 0.9, Beta2 β₂ = 0.999, Eps ε = 1e-8,
// WeightDecay λ = 0, L1 λ₁ = 0, Maximize false; PyTorch's default lr is 2e-3.
// The paper has no ε (u ← max(β₂u, |g|)); PyTorch adds it inside the max so
// that u > 0, and optax.adamax adds it to u in the denominator instead. L1 is
// not in PyTorch.
type Adamax struct {
	// LR is the learning rate η, used when Schedule is nil.
	LR float64
	// Beta1 is the decay β₁ of the first-moment average m (default 0.9).
	Beta1 float64
	// Beta2 is the decay β₂ of the infinity-norm estimate u (default 0.999).
	Beta2 float64
	// Eps is ε, added to |g| inside the max (default 1e-8).
	Eps float64
	// WeightDecay is the coupled L2 coefficient λ (default 0).
	WeightDecay float64
	// L1 is the L1 coefficient λ₁ (default 0).
	L1 float64
	// Maximize ascends f instead of descending it (default false).
	Maximize bool
	// Schedule, when non-nil, gives the learning rate of step t and LR is ignored.
	Schedule Schedule

	t    int
	m, u []float64
	p1   power
}

// NewAdamax returns torch.optim.Adamax(lr) with its defaults (PyTorch's
// default lr is 2e-3).
func NewAdamax(lr float64) *Adamax { return &Adamax{LR: lr, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8} }

// Name returns e.g. "Adamax(lr=0.002)".
func (o *Adamax) Name() string {
	return optimizerName("Adamax", o.LR, o.Schedule, nonDefault("beta1", o.Beta1, 0.9), nonDefault("beta2", o.Beta2, 0.999),
		nonDefault("eps", o.Eps, 1e-8), nonDefault("weight_decay", o.WeightDecay, 0), nonDefault("l1", o.L1, 0),
		flag("maximize", o.Maximize))
}

// String returns Name, so that printing the optimizer shows its label.
func (o *Adamax) String() string { return o.Name() }

// Reset zeroes m and u and sets the step count to 0.
func (o *Adamax) Reset() { o.t, o.m = 0, o.m[:0] }

// LearningRate returns η for the next step.
func (o *Adamax) LearningRate() float64 { return scheduledRate(o.LR, o.Schedule, o.t) }

// Step performs one torch.optim.Adamax step in place.
func (o *Adamax) Step(x, grad []float64) {
	if len(o.m) != len(x) || o.t == 0 {
		o.t = 0
		o.m, o.u = zeroed(o.m, len(x)), zeroed(o.u, len(x))
	}
	n := commonLen(x, grad)
	lr := o.LearningRate()
	b1, b2 := o.Beta1, o.Beta2
	clr := lr / (1 - o.p1.at(b1, o.t+1))
	x, grad, m, u := x[:n], grad[:n], o.m[:n], o.u[:n]
	for i := range x {
		g := penalized(grad[i], x[i], o.WeightDecay, o.L1, o.Maximize)
		m[i] = lerp(m[i], g, 1-b1)
		u[i] = max(u[i]*b2, math.Abs(g)+o.Eps)
		x[i] += -clr * m[i] / u[i]
	}
	o.t++
}
