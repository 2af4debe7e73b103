package optimlib

// ProximalGD is proximal gradient descent (ISTA) for f(x) + λ₁‖x‖₁ + (λ₂/2)‖x‖²:
// a gradient step on the smooth f, then the exact minimization of the
// penalty near the result (the proximal map, a soft threshold):
//
//	v ← x − η·∇f(x)
//	x ← sign(v)·max(|v| − ηλ₁, 0) / (1 + ηλ₂)
//
// Unlike a subgradient step, the soft threshold sets a coordinate to exactly
// 0 whenever |v| ≤ ηλ₁, so the lasso's sparse solutions appear as true zeros.
// With η ≤ 1/L (L the Lipschitz constant of ∇f) F decreases at every step and
// converges at rate O(1/k), linearly when f is strongly convex.
//
// The gradient it is given must be the smooth part's, ∇f (use
// Penalized.Smooth, or the unpenalized objective): the penalties L1 and L2
// are applied by the proximal map, not through the gradient. Defaults
// (NewProximalGD): L1 = λ₁ as given, L2 = 0, no schedule.
type ProximalGD struct {
	// LR is the learning rate η, used when Schedule is nil.
	LR float64
	// L1 is λ₁, the weight of ‖x‖₁ applied by the soft threshold.
	L1 float64
	// L2 is λ₂, the weight of (1/2)‖x‖² applied by the proximal map (default 0).
	L2 float64
	// Schedule, when non-nil, gives the learning rate of step t and LR is ignored.
	Schedule Schedule

	t, dim int
}

// NewProximalGD returns ISTA with learning rate lr and L1 weight l1.
func NewProximalGD(lr, l1 float64) *ProximalGD { return &ProximalGD{LR: lr, L1: l1} }

// Name returns e.g. "ProximalGD(lr=0.1, l1=0.5)".
func (o *ProximalGD) Name() string {
	return optimizerName("ProximalGD", o.LR, o.Schedule, nonDefault("l1", o.L1, 0), nonDefault("l2", o.L2, 0))
}

// Reset sets the step count back to 0.
func (o *ProximalGD) Reset() { o.t, o.dim = 0, 0 }

// LearningRate returns η for the next step.
func (o *ProximalGD) LearningRate() float64 { return scheduledRate(o.LR, o.Schedule, o.t) }

// Step performs x ← prox_{η·penalty}(x − η·grad) in place.
func (o *ProximalGD) Step(x, grad []float64) {
	if len(x) != o.dim {
		o.t, o.dim = 0, len(x)
	}
	lr := o.LearningRate()
	thr, shrink := lr*o.L1, 1/(1+lr*o.L2)
	for i := range commonLen(x, grad) {
		x[i] = softThreshold(x[i]-lr*grad[i], thr) * shrink
	}
	o.t++
}
