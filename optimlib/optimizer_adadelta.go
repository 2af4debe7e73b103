package optimlib

import "math"

// Adadelta is torch.optim.Adadelta (Zeiler 2012): RMSprop whose step size is
// itself a running RMS of past steps, so the units of Δx match those of x:
//
//	g ← ∇f(x) + λ·x + λ₁·sign(x)
//	v ← ρ·v + (1−ρ)·g²
//	Δ ← √(u + ε) / √(v + ε) · g
//	u ← ρ·u + (1−ρ)·Δ²
//	x ← x − η·Δ
//
// Defaults (NewAdadelta): Rho ρ = 0.9, Eps ε = 1e-6, WeightDecay λ = 0,
// L1 λ₁ = 0, Maximize false. PyTorch's default lr is 1.0, the paper's method
// (which has no learning rate at all); use NewAdadelta(1) to get it. Here ε sits
// inside both square roots, as in the paper and in PyTorch. L1 is not in
// PyTorch.
type Adadelta struct {
	// LR is the learning rate η multiplying Δ, used when Schedule is nil.
	LR float64
	// Rho is the decay ρ of both running averages (default 0.9).
	Rho float64
	// Eps is ε, added inside both square roots (default 1e-6).
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
	v, u []float64
}

// NewAdadelta returns torch.optim.Adadelta(lr) with its defaults (PyTorch's
// default lr is 1.0).
func NewAdadelta(lr float64) *Adadelta { return &Adadelta{LR: lr, Rho: 0.9, Eps: 1e-6} }

// Name returns e.g. "Adadelta(lr=1)".
func (o *Adadelta) Name() string {
	return optimizerName("Adadelta", o.LR, o.Schedule, nonDefault("rho", o.Rho, 0.9), nonDefault("eps", o.Eps, 1e-6),
		nonDefault("weight_decay", o.WeightDecay, 0), nonDefault("l1", o.L1, 0), flag("maximize", o.Maximize))
}

// String returns Name, so that printing the optimizer shows its label.
func (o *Adadelta) String() string { return o.Name() }

// Reset zeroes both running averages and sets the step count to 0.
func (o *Adadelta) Reset() { o.t, o.v = 0, o.v[:0] }

// LearningRate returns η for the next step.
func (o *Adadelta) LearningRate() float64 { return scheduledRate(o.LR, o.Schedule, o.t) }

// Step performs one torch.optim.Adadelta step in place.
func (o *Adadelta) Step(x, grad []float64) {
	if len(o.v) != len(x) || o.t == 0 {
		o.t, o.v, o.u = 0, zeroed(o.v, len(x)), zeroed(o.u, len(x))
	}
	n := commonLen(x, grad)
	lr := o.LearningRate()
	rho, keep, eps := o.Rho, 1-o.Rho, o.Eps
	x, grad, v, u := x[:n], grad[:n], o.v[:n], o.u[:n]
	for i := range x {
		g := penalized(grad[i], x[i], o.WeightDecay, o.L1, o.Maximize)
		v[i] = v[i]*rho + keep*g*g
		delta := math.Sqrt(u[i]+eps) / math.Sqrt(v[i]+eps) * g
		u[i] = u[i]*rho + keep*delta*delta
		x[i] -= lr * delta
	}
	o.t++
}
