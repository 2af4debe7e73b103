package optimlib

import "math"

// Penalized adds an elastic-net penalty to an objective:
//
//	F(x) = f(x) + λ₁‖x‖₁ + (λ₂/2)‖x‖²
//
// L1 = λ₁ > 0 alone is the lasso (sparse solutions), L2 = λ₂ > 0 alone is
// ridge regression / weight decay, both together the elastic net. Build one
// with Lasso, Ridge or ElasticNet.
//
// Grad returns ∇f(x) + λ₂x + λ₁s with s the minimum-norm subgradient of
// ‖x‖₁: s_i = sign(x_i) where x_i ≠ 0, and where x_i = 0 the element of
// [−1, 1] that cancels as much of the smooth part q_i = ∂f/∂x_i as it can,
// so that the i-th entry is sign(q_i)·max(|q_i| − λ₁, 0). This is the
// steepest-descent direction of F, and its norm is 0 exactly at a minimizer,
// so GradTol works as a stopping rule. A plain (sub)gradient method still
// only hovers around 0 in a sparse coordinate, crossing it at every step;
// ProximalGD lands on exact zeros (see Prox).
//
// Penalized keeps no scratch state: it is safe for concurrent use when f is.
type Penalized struct {
	// Objective is the smooth part f.
	Objective Objective
	// L1 is λ₁ ≥ 0.
	L1 float64
	// L2 is λ₂ ≥ 0.
	L2 float64
}

// Lasso returns f(x) + λ‖x‖₁.
func Lasso(f Objective, lambda float64) *Penalized { return &Penalized{Objective: f, L1: lambda} }

// Ridge returns f(x) + (λ/2)‖x‖², whose gradient ∇f + λx is what coupled
// weight decay adds.
func Ridge(f Objective, lambda float64) *Penalized { return &Penalized{Objective: f, L2: lambda} }

// ElasticNet returns glmnet's elastic net with strength λ and mixing α ∈ [0, 1]:
//
//	f(x) + λ·(α‖x‖₁ + (1−α)/2·‖x‖²)
//
// so L1 = αλ and L2 = (1−α)λ; α = 1 is the lasso, α = 0 ridge.
func ElasticNet(f Objective, lambda, alpha float64) *Penalized {
	return &Penalized{Objective: f, L1: alpha * lambda, L2: (1 - alpha) * lambda}
}

// Func returns f(x) + λ₁‖x‖₁ + (λ₂/2)‖x‖².
func (p *Penalized) Func(x []float64) float64 {
	return p.Objective.Func(x) + p.Penalty(x)
}

// Penalty returns λ₁‖x‖₁ + (λ₂/2)‖x‖², the penalty alone.
func (p *Penalized) Penalty(x []float64) float64 {
	l1, l2 := 0.0, 0.0
	for _, v := range x {
		l1 += math.Abs(v)
		l2 += v * v
	}
	return p.L1*l1 + 0.5*p.L2*l2
}

// Grad writes ∇f(x) + λ₂x + λ₁s into grad, with s the minimum-norm
// subgradient of ‖x‖₁ described on Penalized.
func (p *Penalized) Grad(grad, x []float64) {
	p.Objective.Grad(grad, x)
	for i := range min(len(grad), len(x)) {
		q := grad[i] + p.L2*x[i]
		switch {
		case x[i] > 0:
			q += p.L1
		case x[i] < 0:
			q -= p.L1
		default:
			q = softThreshold(q, p.L1)
		}
		grad[i] = q
	}
}

// Smooth returns the differentiable part f(x) + (λ₂/2)‖x‖², the objective to
// hand to Run together with the optimizer from Prox.
func (p *Penalized) Smooth() *Penalized {
	return &Penalized{Objective: p.Objective, L2: p.L2}
}

// Prox returns the proximal gradient method for this penalty with learning
// rate lr: a ProximalGD whose L1 is λ₁. Run it on Smooth(), not on p:
//
//	res := optimlib.Minimize(pen.Smooth(), pen.Prox(0.1), x0, 500)
//
// (The trace then records the smooth loss; add pen.Penalty(x) for F.)
func (p *Penalized) Prox(lr float64) *ProximalGD { return &ProximalGD{LR: lr, L1: p.L1} }

// softThreshold returns the proximal map of t·|·| at v, sign(v)·max(|v| − t, 0).
func softThreshold(v, t float64) float64 {
	switch {
	case v > t:
		return v - t
	case v < -t:
		return v + t
	}
	return 0
}
