package optimlib

// AnalyticGrader is an optional extension of Objective: AnalyticGradient
// reports whether Grad computes ∇f exactly, by a formula, for about the
// price of one evaluation of f. It decides what a gradient costs (see Cost).
// Landscapes, formulas, datasets and FromFuncGrad with a gradient report
// true; FromFunc (numerical gradient) and any objective without the method
// count as numerical.
type AnalyticGrader interface {
	AnalyticGradient() bool
}

// Hesser is an optional extension of Objective for objectives that know
// their Hessian: Hess writes ∇²f(x) into hess row by row (hess[i*d+j] is
// ∂²f/∂x_i∂x_j, len(hess) = d·d), and AnalyticHessian reports whether it can
// (a wrapper reports what the objective it wraps can). Newton methods use
// Hess when AnalyticHessian is true and estimate the Hessian by finite
// differences of ∇f otherwise. Landscapes and formulas derive it
// symbolically.
type Hesser interface {
	Hess(hess, x []float64)
	AnalyticHessian() bool
}

// Cost returns the cost of a run that evaluated f funcEvals times, ∇f
// gradEvals times and ∇²f (the objective's own Hess) hessEvals times, on a
// point of dim coordinates. It is the one rule by which every Result
// reports its Cost and every MaxEvals budget is counted, in units of one
// evaluation of f:
//
//	cost = funcEvals + c·gradEvals + hessEvals,
//	c = 1      when obj reports an analytic gradient (AnalyticGrader),
//	c = dim+1  otherwise (what a forward-difference gradient costs in calls of f).
//
// A combined f-and-∇f call (FuncGrader) counts one of each. A Hessian from
// the objective's Hess costs 1; a Hessian estimated by finite differences
// is not a Hess call: it costs the dim gradient evaluations it makes, which
// are counted in gradEvals. A proposal that a method rejects without
// evaluating f (outside the bounds of Anneal, MetropolisHastings or
// BasinHopping) costs nothing.
func Cost(obj Objective, dim, funcEvals, gradEvals, hessEvals int) int {
	return funcEvals + gradCost(obj, dim)*gradEvals + hessEvals
}

// gradCost is the cost of one gradient evaluation under the rule of Cost.
func gradCost(obj Objective, dim int) int {
	if a, ok := obj.(AnalyticGrader); ok && a.AnalyticGradient() {
		return 1
	}
	return dim + 1
}

// hesserOf returns obj's Hesser when it has an analytic Hessian.
func hesserOf(obj Objective) Hesser {
	if h, ok := obj.(Hesser); ok && h.AnalyticHessian() {
		return h
	}
	return nil
}

// AnalyticGradient reports true: a landscape's gradient is written out.
func (l *Landscape) AnalyticGradient() bool { return l.g != nil || l.fg != nil }

// AnalyticHessian reports true: Hess derives ∇²f from Formula.
func (l *Landscape) AnalyticHessian() bool { return true }

// AnalyticGradient reports true: ∇f is derived symbolically.
func (f *Formula) AnalyticGradient() bool { return true }

// AnalyticHessian reports true: ∇²f is derived symbolically.
func (f *Formula) AnalyticHessian() bool { return true }

// AnalyticGradient reports whether G is set (otherwise ∇f is estimated by
// central differences).
func (o *FuncObjective) AnalyticGradient() bool { return o.G != nil }

// AnalyticGradient reports true: example gradients are exact.
func (o *DataObjective) AnalyticGradient() bool { return true }

// AnalyticGradient reports true: a batch gradient is exact for its batch.
func (m *MiniBatch) AnalyticGradient() bool { return true }

// AnalyticGradient reports what the smooth part reports: the penalty's
// gradient is exact.
func (p *Penalized) AnalyticGradient() bool {
	a, ok := p.Objective.(AnalyticGrader)
	return ok && a.AnalyticGradient()
}

// AnalyticGradient reports what the wrapped objective reports.
func (c *CountingObjective) AnalyticGradient() bool {
	a, ok := c.Objective.(AnalyticGrader)
	return ok && a.AnalyticGradient()
}

// AnalyticHessian reports whether the wrapped objective has an analytic
// Hessian.
func (c *CountingObjective) AnalyticHessian() bool { return hesserOf(c.Objective) != nil }

// Hess counts one evaluation of ∇²f and writes it into hess (NaN when the
// wrapped objective has no analytic Hessian).
func (c *CountingObjective) Hess(hess, x []float64) {
	c.hesses.Add(1)
	if h := hesserOf(c.Objective); h != nil {
		h.Hess(hess, x)
		return
	}
	vecFillNaN(hess)
}
