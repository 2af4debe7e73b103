package optimlib

import "math"

// Adagrad is torch.optim.Adagrad: each coordinate's step is divided by the
// root of the sum of all its past squared gradients, so steep coordinates slow
// down and flat ones keep moving. With t = 1, 2, ... the step number:
//
//	g  ← ∇f(x) + λ·x + λ₁·sign(x)
//	η̃ ← η / (1 + (t−1)·lr_decay)
//	S  ← S + g²                        (S₀ = InitialAccumulator)
//	x  ← x − η̃·g / (√S + ε)
//
// Defaults (NewAdagrad): LRDecay 0, InitialAccumulator 0, Eps ε = 1e-10,
// WeightDecay λ = 0, L1 λ₁ = 0, Maximize false; PyTorch's default lr is 1e-2.
//
// optax.adagrad differs: initial accumulator 0.1 and ε = 1e-7 inside the
// square root, √(S+ε). The effective step only shrinks, which is why Adagrad
// stalls on long runs (RMSprop and Adadelta forget old gradients instead).
// L1 is not in PyTorch.
type Adagrad struct {
	// LR is the learning rate η, used when Schedule is nil.
	LR float64
	// LRDecay divides the rate by 1 + (t−1)·LRDecay (default 0).
	LRDecay float64
	// InitialAccumulator is the starting value of S (default 0).
	InitialAccumulator float64
	// Eps is ε, added after the square root (default 1e-10).
	Eps float64
	// WeightDecay is the coupled L2 coefficient λ (default 0).
	WeightDecay float64
	// L1 is the L1 coefficient λ₁ (default 0).
	L1 float64
	// Maximize ascends f instead of descending it (default false).
	Maximize bool
	// Schedule, when non-nil, gives the learning rate of step t and LR is ignored.
	Schedule Schedule

	t   int
	sum []float64
}

// NewAdagrad returns torch.optim.Adagrad(lr) with its defaults (PyTorch's
// default lr is 1e-2).
func NewAdagrad(lr float64) *Adagrad { return &Adagrad{LR: lr, Eps: 1e-10} }

// Name returns e.g. "Adagrad(lr=0.01)".
func (o *Adagrad) Name() string {
	return optimizerName("Adagrad", o.LR, o.Schedule, nonDefault("lr_decay", o.LRDecay, 0),
		nonDefault("initial_accumulator", o.InitialAccumulator, 0), nonDefault("eps", o.Eps, 1e-10),
		nonDefault("weight_decay", o.WeightDecay, 0), nonDefault("l1", o.L1, 0), flag("maximize", o.Maximize))
}

// String returns Name, so that printing the optimizer shows its label.
func (o *Adagrad) String() string { return o.Name() }

// Reset sets the accumulator back to InitialAccumulator (at the next step)
// and the step count to 0.
func (o *Adagrad) Reset() { o.t, o.sum = 0, o.sum[:0] }

// LearningRate returns η for the next step, before the lr_decay factor.
func (o *Adagrad) LearningRate() float64 { return scheduledRate(o.LR, o.Schedule, o.t) }

// Accumulator returns a copy of the running sum of squared gradients S.
func (o *Adagrad) Accumulator() []float64 { return append([]float64(nil), o.sum...) }

// Step performs one torch.optim.Adagrad step in place.
func (o *Adagrad) Step(x, grad []float64) {
	if len(o.sum) != len(x) || o.t == 0 {
		o.t, o.sum = 0, filled(o.sum, len(x), o.InitialAccumulator)
	}
	n := commonLen(x, grad)
	step := o.t + 1
	clr := o.LearningRate() / (1 + float64(step-1)*o.LRDecay)
	x, grad, sum := x[:n], grad[:n], o.sum[:n]
	for i := range x {
		g := penalized(grad[i], x[i], o.WeightDecay, o.L1, o.Maximize)
		sum[i] += g * g
		x[i] += -clr * g / (math.Sqrt(sum[i]) + o.Eps)
	}
	o.t++
}
