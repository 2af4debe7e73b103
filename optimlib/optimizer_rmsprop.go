package optimlib

import "math"

// RMSprop is torch.optim.RMSprop: each coordinate's step is divided by a
// running root-mean-square of its recent gradients (Hinton's lecture 6e):
//
//	g ← ∇f(x) + λ·x + λ₁·sign(x)
//	v ← α·v + (1−α)·g²
//	ṽ ← v                            (Centered: ḡ ← α·ḡ + (1−α)·g,  ṽ ← v − ḡ²)
//	if μ > 0:  b ← μ·b + g/(√ṽ + ε);  x ← x − η·b
//	else:      x ← x − η·g/(√ṽ + ε)
//
// Defaults (NewRMSprop): Alpha α = 0.99, Eps ε = 1e-8, Momentum μ = 0,
// Centered false, WeightDecay λ = 0, L1 λ₁ = 0, Maximize false; PyTorch's
// default lr is 1e-2.
//
// ε is added outside the square root. optax.rmsprop puts it inside, √(v+ε),
// and uses decay 0.9; TensorFlow and gorgonia (decay 0.999) also differ, so
// "RMSprop" trajectories from different libraries do not match. L1 is not in
// PyTorch.
type RMSprop struct {
	// LR is the learning rate η, used when Schedule is nil.
	LR float64
	// Alpha is the smoothing constant α of the squared-gradient average (default 0.99).
	Alpha float64
	// Eps is ε, added after the square root (default 1e-8).
	Eps float64
	// Momentum is μ of the optional momentum buffer (default 0).
	Momentum float64
	// Centered divides by an estimate of the gradient's variance instead of its
	// second moment (default false).
	Centered bool
	// WeightDecay is the coupled L2 coefficient λ (default 0).
	WeightDecay float64
	// L1 is the L1 coefficient λ₁ (default 0).
	L1 float64
	// Maximize ascends f instead of descending it (default false).
	Maximize bool
	// Schedule, when non-nil, gives the learning rate of step t and LR is ignored.
	Schedule Schedule

	t          int
	sq, gm, mb []float64
}

// NewRMSprop returns torch.optim.RMSprop(lr) with its defaults (PyTorch's
// default lr is 1e-2).
func NewRMSprop(lr float64) *RMSprop { return &RMSprop{LR: lr, Alpha: 0.99, Eps: 1e-8} }

// Name returns e.g. "RMSprop(lr=0.01)".
func (o *RMSprop) Name() string {
	return optimizerName("RMSprop", o.LR, o.Schedule, nonDefault("alpha", o.Alpha, 0.99),
		nonDefault("eps", o.Eps, 1e-8), nonDefault("momentum", o.Momentum, 0), flag("centered", o.Centered),
		nonDefault("weight_decay", o.WeightDecay, 0), nonDefault("l1", o.L1, 0), flag("maximize", o.Maximize))
}

// String returns Name, so that printing the optimizer shows its label.
func (o *RMSprop) String() string { return o.Name() }

// Reset zeroes the running averages and buffer and sets the step count to 0.
func (o *RMSprop) Reset() { o.t, o.sq = 0, o.sq[:0] }

// LearningRate returns η for the next step.
func (o *RMSprop) LearningRate() float64 { return scheduledRate(o.LR, o.Schedule, o.t) }

// SquareAverage returns a copy of the running average of squared gradients v.
func (o *RMSprop) SquareAverage() []float64 { return append([]float64(nil), o.sq...) }

// Step performs one torch.optim.RMSprop step in place.
func (o *RMSprop) Step(x, grad []float64) {
	if len(o.sq) != len(x) || o.t == 0 {
		o.t = 0
		o.sq = zeroed(o.sq, len(x))
		o.gm = zeroed(o.gm, len(x))
		o.mb = zeroed(o.mb, len(x))
	}
	n := commonLen(x, grad)
	lr := o.LearningRate()
	alpha, keep := o.Alpha, 1-o.Alpha
	x, grad, sq, gm, mb := x[:n], grad[:n], o.sq[:n], o.gm[:n], o.mb[:n]
	for i := range x {
		g := penalized(grad[i], x[i], o.WeightDecay, o.L1, o.Maximize)
		sq[i] = sq[i]*alpha + keep*g*g
		var avg float64
		if o.Centered {
			gm[i] = lerp(gm[i], g, keep)
			avg = math.Sqrt(sq[i] - gm[i]*gm[i])
		} else {
			avg = math.Sqrt(sq[i])
		}
		avg += o.Eps
		if o.Momentum > 0 {
			mb[i] = mb[i]*o.Momentum + g/avg
			x[i] -= lr * mb[i]
		} else {
			x[i] += -lr * g / avg
		}
	}
	o.t++
}
