package optimlib

// Momentum is gradient descent with a velocity, in the form the lesson (and
// Keras, CS231n, gorgonia) writes it:
//
//	v ← β·v − η·g
//	x ← x + v,        g = ∇f(x) + λ·x + λ₁·sign(x),  v₀ = 0
//
// Defaults (NewMomentum): Beta β = 0.9, WeightDecay λ = 0, L1 λ₁ = 0,
// Maximize false.
//
// PyTorch and optax write momentum differently (see SGD):
//
//	b ← μ·b + g
//	x ← x − η·b
//
// With a constant η the two are the same method (v = −η·b) and give the same
// trajectory. They differ when η changes: here v keeps the velocity built up
// with the old η and forgets it over about 1/(1−β) steps, while SGD rescales
// the whole buffer b by the new η at once. On f = x²/2 from x₀ = 1 with
// β = 0.9 and η = 0.1 for two steps, then 0.01, this form reaches
// x₅ ≈ 0.2471 and SGD x₅ ≈ 0.6367.
//
// On a quadratic, momentum converges iff 0 < ηλ_i < 2+2β for every Hessian
// eigenvalue λ_i (0 ≤ β < 1). The best choice (Goh 2017) is
// η = (2/(√λ_min+√λ_max))², β = ((√κ−1)/(√κ+1))², giving the rate √β.
type Momentum struct {
	// LR is the learning rate η, used when Schedule is nil.
	LR float64
	// Beta is the momentum coefficient β (default 0.9).
	Beta float64
	// WeightDecay is the coupled L2 coefficient λ (default 0).
	WeightDecay float64
	// L1 is the L1 coefficient λ₁ (default 0).
	L1 float64
	// Maximize ascends f instead of descending it (default false).
	Maximize bool
	// Schedule, when non-nil, gives the learning rate of step t and LR is ignored.
	Schedule Schedule

	t int
	v []float64
}

// NewMomentum returns the lesson's momentum method v ← βv − lr·∇f; x ← x + v
// with β = 0.9.
func NewMomentum(lr float64) *Momentum { return &Momentum{LR: lr, Beta: 0.9} }

// Name returns e.g. "Momentum(lr=0.1, beta=0.9)".
func (o *Momentum) Name() string {
	return optimizerName("Momentum", o.LR, o.Schedule, "beta="+formatNumber(o.Beta),
		nonDefault("weight_decay", o.WeightDecay, 0), nonDefault("l1", o.L1, 0), flag("maximize", o.Maximize))
}

// String returns Name, so that printing the optimizer shows its label.
func (o *Momentum) String() string { return o.Name() }

// Reset sets the velocity to zero and the step count to 0.
func (o *Momentum) Reset() { o.t, o.v = 0, o.v[:0] }

// LearningRate returns η for the next step.
func (o *Momentum) LearningRate() float64 { return scheduledRate(o.LR, o.Schedule, o.t) }

// Velocity returns a copy of the velocity v (nil before the first step).
func (o *Momentum) Velocity() []float64 { return append([]float64(nil), o.v...) }

// Step performs v ← βv − ηg; x ← x + v in place.
func (o *Momentum) Step(x, grad []float64) {
	if len(o.v) != len(x) || o.t == 0 {
		o.t, o.v = 0, zeroed(o.v, len(x))
	}
	n := commonLen(x, grad)
	lr := o.LearningRate()
	x, grad, v := x[:n], grad[:n], o.v[:n]
	for i := range x {
		g := penalized(grad[i], x[i], o.WeightDecay, o.L1, o.Maximize)
		v[i] = o.Beta*v[i] - lr*g
		x[i] += v[i]
	}
	o.t++
}
