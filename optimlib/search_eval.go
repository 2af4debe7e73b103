package optimlib

import (
	"slices"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// evaluator carries out the evaluation operations of a search on an
// objective, counting what it evaluates under the rule of Cost.
type evaluator struct {
	obj   Objective
	fg    FuncGrader
	hess  Hesser // nil: finite differences of ∇f
	dim   int
	gcost int

	funcs, grads, hesses int

	// The last gradient evaluated and where, the origin of a
	// finite-difference Hessian at the same point.
	gradX, gradV []float64
	hasGrad      bool
	flat         []float64
	jac          *mat.Dense
}

// newEvaluator returns an evaluator of obj in dim dimensions; forceFD
// estimates the Hessian by finite differences even when obj has one.
func newEvaluator(obj Objective, dim int, forceFD bool) *evaluator {
	e := &evaluator{obj: obj, dim: dim, gcost: gradCost(obj, dim)}
	e.fg, _ = obj.(FuncGrader)
	if !forceFD {
		e.hess = hesserOf(obj)
	}
	return e
}

// cost returns the cost of carrying out op at loc.
func (e *evaluator) cost(op optimize.Operation, loc *optimize.Location) int {
	c := 0
	if op&optimize.FuncEvaluation != 0 {
		c++
	}
	if op&optimize.GradEvaluation != 0 {
		c += e.gcost
	}
	if op&optimize.HessEvaluation != 0 {
		if e.hess != nil {
			c++
		} else {
			c += e.dim * e.gcost
			if op&optimize.GradEvaluation == 0 && !e.gradAt(loc.X) {
				c += e.gcost // the origin gradient
			}
		}
	}
	return c
}

// spent returns the cost so far.
func (e *evaluator) spent() int { return e.funcs + e.gcost*e.grads + e.hesses }

// gradAt reports whether the last gradient evaluated was at x.
func (e *evaluator) gradAt(x []float64) bool { return e.hasGrad && slices.Equal(e.gradX, x) }

// eval carries out op at loc.X, filling loc.F, loc.Gradient and loc.Hessian.
func (e *evaluator) eval(op optimize.Operation, loc *optimize.Location) {
	x := loc.X
	f, g := op&optimize.FuncEvaluation != 0, op&optimize.GradEvaluation != 0
	if g && len(loc.Gradient) != e.dim {
		loc.Gradient = make([]float64, e.dim)
	}
	switch {
	case f && g && e.fg != nil:
		loc.F = e.fg.FuncGrad(loc.Gradient, x)
		e.funcs++
		e.grads++
	default:
		if f {
			loc.F = e.obj.Func(x)
			e.funcs++
		}
		if g {
			e.obj.Grad(loc.Gradient, x)
			e.grads++
		}
	}
	if g {
		e.gradX = append(e.gradX[:0], x...)
		e.gradV = append(e.gradV[:0], loc.Gradient...)
		e.hasGrad = true
	}
	if op&optimize.HessEvaluation != 0 {
		if loc.Hessian == nil || loc.Hessian.SymmetricDim() != e.dim {
			loc.Hessian = mat.NewSymDense(e.dim, nil)
		}
		e.evalHess(loc.Hessian, x)
	}
}

// evalHess writes ∇²f(x) into h: the objective's Hess, or forward
// differences of ∇f symmetrized, (J + Jᵀ)/2 with J_ij ≈ (∂_i f(x + h·e_j) − ∂_i f(x))/h.
func (e *evaluator) evalHess(h *mat.SymDense, x []float64) {
	n := e.dim
	if e.hess != nil {
		if len(e.flat) != n*n {
			e.flat = make([]float64, n*n)
		}
		e.hess.Hess(e.flat, x)
		e.hesses++
		for i := range n {
			for j := i; j < n; j++ {
				h.SetSym(i, j, (e.flat[i*n+j]+e.flat[j*n+i])/2)
			}
		}
		return
	}
	if !e.gradAt(x) {
		if len(e.gradV) != n {
			e.gradV = make([]float64, n)
		}
		e.obj.Grad(e.gradV, x)
		e.grads++
		e.gradX = append(e.gradX[:0], x...)
		e.hasGrad = true
	}
	if e.jac == nil {
		e.jac = mat.NewDense(n, n, nil)
	}
	origin := append([]float64(nil), e.gradV...)
	grad := func(y, p []float64) {
		e.obj.Grad(y, p)
		e.grads++
	}
	fd.Jacobian(e.jac, grad, x, &fd.JacobianSettings{Formula: fd.Forward, OriginValue: origin})
	for i := range n {
		for j := i; j < n; j++ {
			h.SetSym(i, j, (e.jac.At(i, j)+e.jac.At(j, i))/2)
		}
	}
}
