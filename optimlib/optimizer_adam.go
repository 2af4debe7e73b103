package optimlib

import "math"

// Adam is torch.optim.Adam, and with its flags AMSGrad and AdamW
// (torch.optim.AdamW, decoupled weight decay). With t = 1, 2, ... the step
// number and m₀ = v₀ = 0:
//
//	g ← ∇f(x) + λ·x + λ₁·sign(x)       (Decoupled: g ← ∇f(x) + λ₁·sign(x), x ← x − η·λ·x)
//	m ← β₁·m + (1−β₁)·g
//	v ← β₂·v + (1−β₂)·g²
//	x ← x − η/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)
//
// AMSGrad keeps v̄ ← max(v̄, v) over the raw v and uses √v̄ in place of √v.
//
// Defaults (NewAdam): Beta1 β₁ = 0.9, Beta2 β₂ = 0.999, Eps ε = 1e-8,
// WeightDecay λ = 0 (coupled L2), L1 λ₁ = 0, AMSGrad false, Decoupled false,
// Maximize false; PyTorch's default lr is 1e-3. NewAdamW sets Decoupled and
// λ = 1e-2 (PyTorch's AdamW default); NewAMSGrad sets AMSGrad.
//
// Where others differ: the paper and optax write the same step with bias-
// corrected m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ) and x ← x − η·m̂/(√v̂ + ε), equal up
// to rounding. optax.adamw's default weight decay is 1e-4, not 1e-2.
// optax.amsgrad takes the maximum over the bias-corrected v̂, PyTorch (and
// this type) over the raw v, so the two AMSGrads differ for small t. Coupled
// L2 is divided by √v like the rest of the gradient, which is why AdamW
// decouples it. L1 is not in PyTorch.
type Adam struct {
	// LR is the learning rate η, used when Schedule is nil.
	LR float64
	// Beta1 is the decay β₁ of the first-moment average m (default 0.9).
	Beta1 float64
	// Beta2 is the decay β₂ of the second-moment average v (default 0.999).
	Beta2 float64
	// Eps is ε, added after the square root (default 1e-8).
	Eps float64
	// WeightDecay is λ: coupled L2 (added to g), or decoupled when Decoupled
	// is set (default 0; 1e-2 from NewAdamW).
	WeightDecay float64
	// L1 is the L1 coefficient λ₁, always added to g (default 0).
	L1 float64
	// AMSGrad uses the running maximum of v (default false).
	AMSGrad bool
	// Decoupled applies weight decay as x ← x − ηλx before the step, as AdamW
	// does (default false).
	Decoupled bool
	// Maximize ascends f instead of descending it (default false).
	Maximize bool
	// Schedule, when non-nil, gives the learning rate of step t and LR is ignored.
	Schedule Schedule

	t          int
	m, v, vmax []float64
	p1, p2     power
}

// NewAdam returns torch.optim.Adam(lr) with its defaults (PyTorch's default
// lr is 1e-3).
func NewAdam(lr float64) *Adam { return &Adam{LR: lr, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8} }

// NewAdamW returns torch.optim.AdamW(lr): Adam with decoupled weight decay
// λ = 1e-2, x ← x − lr·λ·x before each Adam step.
func NewAdamW(lr float64) *Adam {
	o := NewAdam(lr)
	o.Decoupled, o.WeightDecay = true, 1e-2
	return o
}

// NewAMSGrad returns torch.optim.Adam(lr, amsgrad=True).
func NewAMSGrad(lr float64) *Adam {
	o := NewAdam(lr)
	o.AMSGrad = true
	return o
}

// Name returns e.g. "Adam(lr=0.001)", "AdamW(lr=0.001)" or "AMSGrad(lr=0.001)".
func (o *Adam) Name() string {
	kind, wd, ams := "Adam", 0.0, o.AMSGrad
	switch {
	case o.Decoupled:
		kind, wd = "AdamW", 1e-2
	case o.AMSGrad:
		kind, ams = "AMSGrad", false
	}
	return optimizerName(kind, o.LR, o.Schedule, nonDefault("beta1", o.Beta1, 0.9), nonDefault("beta2", o.Beta2, 0.999),
		nonDefault("eps", o.Eps, 1e-8), nonDefault("weight_decay", o.WeightDecay, wd), nonDefault("l1", o.L1, 0),
		flag("amsgrad", ams), flag("maximize", o.Maximize))
}

// String returns Name, so that printing the optimizer shows its label.
func (o *Adam) String() string { return o.Name() }

// Reset zeroes the moment estimates and sets the step count to 0.
func (o *Adam) Reset() { o.t, o.m = 0, o.m[:0] }

// LearningRate returns η for the next step.
func (o *Adam) LearningRate() float64 { return scheduledRate(o.LR, o.Schedule, o.t) }

// Moments returns copies of the first and second moment averages m and v.
func (o *Adam) Moments() (m, v []float64) {
	return append([]float64(nil), o.m...), append([]float64(nil), o.v...)
}

// Step performs one Adam (or AdamW, AMSGrad) step in place.
func (o *Adam) Step(x, grad []float64) {
	if len(o.m) != len(x) || o.t == 0 {
		o.t = 0
		o.m, o.v, o.vmax = zeroed(o.m, len(x)), zeroed(o.v, len(x)), zeroed(o.vmax, len(x))
	}
	n := commonLen(x, grad)
	lr := o.LearningRate()
	step := o.t + 1
	b1, b2 := o.Beta1, o.Beta2
	stepSize := lr / (1 - o.p1.at(b1, step))
	bc2Sqrt := math.Sqrt(1 - o.p2.at(b2, step))
	wd, decay := o.WeightDecay, 1.0
	if o.Decoupled {
		wd, decay = 0, 1-lr*o.WeightDecay
	}
	x, grad, m, v, vmax := x[:n], grad[:n], o.m[:n], o.v[:n], o.vmax[:n]
	for i := range x {
		g := penalized(grad[i], x[i], wd, o.L1, o.Maximize)
		if decay != 1 {
			x[i] *= decay
		}
		m[i] = lerp(m[i], g, 1-b1)
		v[i] = v[i]*b2 + (1-b2)*g*g
		vi := v[i]
		if o.AMSGrad {
			vmax[i] = max(vmax[i], vi)
			vi = vmax[i]
		}
		x[i] += -stepSize * m[i] / (math.Sqrt(vi)/bc2Sqrt + o.Eps)
	}
	o.t++
}
