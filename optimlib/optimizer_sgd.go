package optimlib

// SGD is torch.optim.SGD: gradient descent with PyTorch's heavy-ball momentum,
// dampening and optional Nesterov momentum, step for step as PyTorch does it:
//
//	g ← ∇f(x) + λ·x + λ₁·sign(x)
//	b ← g                      on the first step (not dampened)
//	b ← μ·b + (1−τ)·g          afterwards
//	d ← g + μ·b  if Nesterov,  d ← b  otherwise
//	x ← x − η·d
//
// With Momentum μ = 0 it is plain GD (d = g). Defaults (NewSGD): Momentum 0,
// Dampening τ = 0, Nesterov false, WeightDecay λ = 0, L1 λ₁ = 0, Maximize
// false; NewNesterov sets μ = 0.9 and Nesterov. optax.sgd(momentum, nesterov)
// is the same method.
//
// This is not the lesson's form v ← βv − ηg; x ← x + v (see Momentum): the two
// agree while η is constant (v = −η·b) and part ways once a schedule changes
// η, because here the new η multiplies the whole accumulated buffer b at once.
//
// Nesterov: the update x ← x − η(g + μb) is Sutskever's look-ahead method
// v ← μv − η∇f(x + μv); x ← x + v, rewritten so that the stored point is the
// look-ahead point x + μv and only one gradient per step is needed. Keras
// (w ← w + μv − ηg) and CS231n (x += −μ·v_prev + (1+μ)·v) store the same point.
// PyTorch refuses Nesterov with μ = 0 or τ ≠ 0; here the formula is simply
// applied (with μ = 0 it is GD).
//
// Maximize negates ∇f before the penalties. L1 is not in PyTorch.
type SGD struct {
	// LR is the learning rate η, used when Schedule is nil.
	LR float64
	// Momentum is the heavy-ball coefficient μ (default 0).
	Momentum float64
	// Dampening τ scales the gradient added to the buffer by 1−τ (default 0).
	Dampening float64
	// Nesterov selects the look-ahead update d = g + μb (default false).
	Nesterov bool
	// WeightDecay is the coupled L2 coefficient λ (default 0).
	WeightDecay float64
	// L1 is the L1 coefficient λ₁ (default 0).
	L1 float64
	// Maximize ascends f instead of descending it (default false).
	Maximize bool
	// Schedule, when non-nil, gives the learning rate of step t and LR is ignored.
	Schedule Schedule

	t int
	b []float64
}

// NewSGD returns torch.optim.SGD(lr) with momentum 0; set Momentum (and
// Nesterov, Dampening) to add PyTorch's heavy-ball momentum.
func NewSGD(lr float64) *SGD { return &SGD{LR: lr} }

// NewNesterov returns torch.optim.SGD(lr, momentum=0.9, nesterov=True).
func NewNesterov(lr float64) *SGD { return &SGD{LR: lr, Momentum: 0.9, Nesterov: true} }

// Name returns e.g. "SGD(lr=0.1, momentum=0.9)" or "Nesterov(lr=0.1, momentum=0.9)".
func (o *SGD) Name() string {
	kind := "SGD"
	if o.Nesterov {
		kind = "Nesterov"
	}
	return optimizerName(kind, o.LR, o.Schedule, nonDefault("momentum", o.Momentum, 0),
		nonDefault("dampening", o.Dampening, 0), nonDefault("weight_decay", o.WeightDecay, 0),
		nonDefault("l1", o.L1, 0), flag("maximize", o.Maximize))
}

// String returns Name, so that printing the optimizer shows its label.
func (o *SGD) String() string { return o.Name() }

// Reset empties the momentum buffer and sets the step count back to 0.
func (o *SGD) Reset() { o.t, o.b = 0, o.b[:0] }

// LearningRate returns η for the next step.
func (o *SGD) LearningRate() float64 { return scheduledRate(o.LR, o.Schedule, o.t) }

// Buffer returns a copy of the momentum buffer b (nil before the first step).
func (o *SGD) Buffer() []float64 { return append([]float64(nil), o.b...) }

// Step performs one torch.optim.SGD step in place.
func (o *SGD) Step(x, grad []float64) {
	if len(o.b) != len(x) || o.t == 0 {
		o.t, o.b = 0, zeroed(o.b, len(x))
	}
	n := commonLen(x, grad)
	lr := o.LearningRate()
	mu, keep := o.Momentum, 1-o.Dampening
	first := o.t == 0
	x, grad, b := x[:n], grad[:n], o.b[:n]
	for i := range x {
		g := penalized(grad[i], x[i], o.WeightDecay, o.L1, o.Maximize)
		d := g
		if mu != 0 {
			if first {
				b[i] = g
			} else {
				b[i] = mu*b[i] + keep*g
			}
			if o.Nesterov {
				d = g + mu*b[i]
			} else {
				d = b[i]
			}
		}
		x[i] -= lr * d
	}
	o.t++
}
