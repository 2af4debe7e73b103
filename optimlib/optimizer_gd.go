package optimlib

// GD is plain gradient descent with a fixed (or scheduled) step:
//
//	x ← x − η·g,   g = ∇f(x) + λ·x + λ₁·sign(x)
//
// Defaults (NewGD): WeightDecay λ = 0, L1 λ₁ = 0, Maximize false. It is
// torch.optim.SGD with momentum=0 and optax.sgd without momentum.
//
// On a quadratic with Hessian eigenvalues λ_i each eigen-coordinate is
// multiplied by (1 − ηλ_i) per step: GD converges iff 0 < η < 2/λ_max, and the
// best fixed rate η = 2/(λ_min+λ_max) contracts by (κ−1)/(κ+1), κ = λ_max/λ_min.
//
// WeightDecay adds the gradient of (λ/2)‖x‖² (coupled L2, as in PyTorch); L1
// adds λ₁·sign(x), the subgradient of λ₁‖x‖₁ (not in PyTorch; sign(0) = 0).
// Maximize ascends f instead: g = −∇f(x) before the penalties.
type GD struct {
	// LR is the learning rate η, used when Schedule is nil.
	LR float64
	// WeightDecay is the coupled L2 coefficient λ (default 0).
	WeightDecay float64
	// L1 is the L1 coefficient λ₁ (default 0).
	L1 float64
	// Maximize ascends f instead of descending it (default false).
	Maximize bool
	// Schedule, when non-nil, gives the learning rate of step t and LR is ignored.
	Schedule Schedule

	t   int
	dim int
}

// NewGD returns plain gradient descent x ← x − lr·∇f(x). torch.optim.SGD has no
// default lr today (it used to be 1e-3).
func NewGD(lr float64) *GD { return &GD{LR: lr} }

// Name returns e.g. "GD(lr=0.1)".
func (o *GD) Name() string {
	return optimizerName("GD", o.LR, o.Schedule,
		nonDefault("weight_decay", o.WeightDecay, 0), nonDefault("l1", o.L1, 0), flag("maximize", o.Maximize))
}

// String returns Name, so that printing the optimizer shows its label.
func (o *GD) String() string { return o.Name() }

// Reset sets the step count back to 0.
func (o *GD) Reset() { o.t, o.dim = 0, 0 }

// LearningRate returns η for the next step.
func (o *GD) LearningRate() float64 { return scheduledRate(o.LR, o.Schedule, o.t) }

// Step performs x ← x − η·g in place.
func (o *GD) Step(x, grad []float64) {
	if len(x) != o.dim {
		o.t, o.dim = 0, len(x)
	}
	n := commonLen(x, grad)
	lr := o.LearningRate()
	x, grad = x[:n], grad[:n]
	for i := range x {
		g := penalized(grad[i], x[i], o.WeightDecay, o.L1, o.Maximize)
		x[i] -= lr * g
	}
	o.t++
}
