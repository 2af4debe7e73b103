package optimlib

import "fmt"

// EvalKind says what an evaluation recorded in Trace.Evals was for.
type EvalKind int

const (
	// EvalIterate is an evaluation at a point that became an iterate: the
	// start x_0, or the step a line search accepted.
	EvalIterate EvalKind = iota
	// EvalLineSearch is a trial step of a line search that was not accepted.
	EvalLineSearch
	// EvalTrial is another evaluation at a point that did not become an
	// iterate, such as a Nelder–Mead vertex or a rejected Newton step.
	EvalTrial
)

// String returns "iterate", "line search" or "trial".
func (k EvalKind) String() string {
	switch k {
	case EvalIterate:
		return "iterate"
	case EvalLineSearch:
		return "line search"
	case EvalTrial:
		return "trial"
	}
	return fmt.Sprintf("EvalKind(%d)", int(k))
}

// Evals returns the trace of every evaluation of the objective the run
// recorded, in order, or nil when the run evaluated only its iterates (the
// first-order optimizers). Methods that search (line searches, Nelder–Mead)
// record one point per evaluated x, with:
//
//   - the step column: the iteration k the evaluation belongs to (a line
//     search from x_k);
//   - the loss and gradient-norm columns: f and ‖∇f‖ at x (NaN when that
//     evaluation did not compute them);
//   - the learning-rate column: the trial step length α of the line search
//     (x = x_k + α·d_k), NaN for methods without one;
//   - Kinds: which evaluations became iterates and which were line-search
//     trials.
//
// Thinning keeps the evaluations of the iterations whose iterate the main
// trace keeps.
func (tr *Trace) Evals() *Trace {
	if tr == nil {
		return nil
	}
	return tr.evals
}

// Kinds returns, for an evaluation trace (see Evals), what each evaluation
// was for; nil for a trace of iterates.
func (tr *Trace) Kinds() []EvalKind {
	if tr == nil || tr.kinds == nil {
		return nil
	}
	return append([]EvalKind(nil), tr.kinds...)
}

// KindAt returns what evaluation i of an evaluation trace was for
// (EvalIterate for a trace of iterates or an index out of range).
func (tr *Trace) KindAt(i int) EvalKind {
	if tr == nil || i < 0 || i >= len(tr.kinds) {
		return EvalIterate
	}
	return tr.kinds[i]
}

// OfKind returns the points of an evaluation trace whose kind is k, as a
// new trace (with their kinds), e.g. tr.Evals().OfKind(EvalLineSearch) for
// the rejected line-search trials of a run.
func (tr *Trace) OfKind(k EvalKind) *Trace {
	out := NewTrace(tr.Dim())
	out.kinds = []EvalKind{}
	for i := range tr.Len() {
		if tr.KindAt(i) == k {
			out.Add(tr.steps[i], tr.xs[i*tr.dim:(i+1)*tr.dim], tr.losses[i], tr.gradNorms[i], tr.lrs[i])
			out.kinds = append(out.kinds, k)
		}
	}
	return out
}

// addEval appends an evaluation to an evaluation trace.
func (tr *Trace) addEval(step int, x []float64, f, gradNorm, alpha float64, kind EvalKind) {
	tr.Add(step, x, f, gradNorm, alpha)
	tr.kinds = append(tr.kinds, kind)
}

// keepSteps keeps the points whose step is a multiple of stride, in place.
func (tr *Trace) keepSteps(stride int) {
	n := 0
	for i := range tr.Len() {
		if tr.steps[i]%stride != 0 {
			continue
		}
		tr.steps[n] = tr.steps[i]
		copy(tr.xs[n*tr.dim:(n+1)*tr.dim], tr.xs[i*tr.dim:(i+1)*tr.dim])
		tr.losses[n], tr.gradNorms[n], tr.lrs[n] = tr.losses[i], tr.gradNorms[i], tr.lrs[i]
		if tr.kinds != nil {
			tr.kinds[n] = tr.kinds[i]
		}
		n++
	}
	tr.steps, tr.xs = tr.steps[:n], tr.xs[:n*tr.dim]
	tr.losses, tr.gradNorms, tr.lrs = tr.losses[:n], tr.gradNorms[:n], tr.lrs[:n]
	if tr.kinds != nil {
		tr.kinds = tr.kinds[:n]
	}
}
