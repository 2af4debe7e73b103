package optimlib

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/optimize"
)

// searchRun is the state of Run driving a Searcher.
type searchRun struct {
	name   string
	obj    Objective
	search Search
	cfg    RunConfig
	ev     *evaluator
	loc    *optimize.Location

	needGrad, needHess bool

	maxSteps, stride, thinAt, every int
	bound                           float64
	trace                           *Trace

	k                        int
	x                        []float64 // the current iterate x_k
	f, gn2                   float64
	bestX                    []float64
	bestF                    float64
	plateauBest              float64
	bad                      int
	patience                 int
	plateauTol               float64
	nextRecord, nextCallback int
	poll                     poller
	evalsSeen                int
	evalCap                  int // the most evaluations the trace keeps
}

// runSearch is Run for a Searcher.
func runSearch(obj Objective, s Searcher, x0 []float64, cfg RunConfig) (res *Result, err error) {
	r := &searchRun{name: s.Name(), obj: obj, cfg: cfg}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("optimlib.Run: panic at step %d of %s: %v", r.k, r.name, p)
			res = r.result(StopFailed, err.Error())
			res.Err = err
		}
		if r.search != nil {
			r.search.Close()
		}
	}()
	search, err := s.NewSearch()
	if err != nil {
		return nil, fmt.Errorf("optimlib.Run: %s: %w", r.name, err)
	}
	r.search = search
	r.needGrad, r.needHess = search.Needs()
	forceFD := false
	if n, ok := s.(*DampedNewton); ok {
		forceFD = n.FiniteDifferences
	} else if n, ok := s.(*Newton); ok {
		forceFD = n.FiniteDifferences
	}
	r.init(x0, forceFD)
	op := optimize.FuncEvaluation
	if r.needGrad {
		op |= optimize.GradEvaluation
	}
	if r.needHess {
		op |= optimize.HessEvaluation
	}
	if c := r.ev.cost(op, r.loc); cfg.MaxEvals > 0 && c > cfg.MaxEvals {
		return nil, fmt.Errorf("optimlib.Run: MaxEvals %d is less than the cost %d of evaluating the start for %s: %w", cfg.MaxEvals, c, r.name, errBudgetTooSmall)
	}
	reason, detail := r.loop(op)
	return r.result(reason, detail), nil
}

// init sets up the run from x0.
func (r *searchRun) init(x0 []float64, forceFD bool) {
	n := len(x0)
	cfg := &r.cfg
	r.ev = newEvaluator(r.obj, n, forceFD)
	r.loc = &optimize.Location{X: append([]float64(nil), x0...)}
	r.x = append([]float64(nil), x0...)
	r.bestX, r.bestF = append([]float64(nil), x0...), math.Inf(1)
	r.f, r.gn2 = math.NaN(), math.NaN()
	r.maxSteps = runSteps(*cfg)
	switch b := cfg.DivergeAbove; {
	case b > math.MaxFloat64:
		r.bound = math.MaxFloat64
	case b > 0:
		r.bound = b
	default:
		r.bound = DefaultDivergeAbove
	}
	r.patience, r.plateauTol = cfg.Patience, cfg.PlateauTol
	if r.patience == 0 {
		r.patience, r.plateauTol = searcherPatience, searcherPlateauTol
	}
	r.every = max(cfg.CallbackEvery, 1)
	r.stride = cfg.Stride
	if r.stride <= 0 {
		r.stride = 1
		r.thinAt = max(min(traceMaxPoints, traceMaxCoords/n), 100) &^ 1
	}
	points := min(r.maxSteps/r.stride, 62) + 2 // a trace grows as it goes
	r.trace = newTraceCap(n, points)
	r.evalCap = 4 * max(min(traceMaxPoints, traceMaxCoords/n), 100)
	r.trace.evals = newTraceCap(n, 4*points)
	r.trace.evals.kinds = make([]EvalKind, 0, 4*points)
	r.poll = newPoller(cfg.Context)
}

// loop evaluates the start with op, then follows the search until a rule
// stops it.
func (r *searchRun) loop(op optimize.Operation) (StopReason, string) {
	cfg := &r.cfg
	r.ev.eval(op, r.loc)
	r.recordEval(op, EvalIterate)
	if reason, detail, stop := r.iterate(); stop {
		return reason, detail
	}
	op, err := r.search.Init(r.loc)
	for {
		if err != nil {
			return r.methodStop(err)
		}
		switch {
		case op == optimize.MajorIteration:
			r.k++
			r.markIterate()
			if reason, detail, stop := r.iterate(); stop {
				return reason, detail
			}
		case op == optimize.MethodDone:
			return r.methodStop(nil)
		case op == optimize.NoOperation:
		case op&(optimize.FuncEvaluation|optimize.GradEvaluation|optimize.HessEvaluation) == op:
			if c := r.ev.cost(op, r.loc); cfg.MaxEvals > 0 && r.ev.spent()+c > cfg.MaxEvals {
				return StopBudget, fmt.Sprintf("cost %d of MaxEvals %d, the next evaluation costs %d", r.ev.spent(), cfg.MaxEvals, c)
			}
			r.ev.eval(op, r.loc)
			r.recordEval(op, EvalTrial)
			r.evalsSeen++
			if r.evalsSeen >= r.poll.next {
				if stop, why := r.poll.check(r.evalsSeen); stop {
					return StopInterrupted, why
				}
			}
		default:
			return StopFailed, fmt.Sprintf("%s asked for operation %v", r.name, op)
		}
		op, err = r.search.Iterate(r.loc)
	}
}

// methodStop turns the end of a search into a stop reason.
func (r *searchRun) methodStop(err error) (StopReason, string) {
	if err == nil {
		return StopMethod, "the method reports convergence"
	}
	var status methodStatus
	if errors.As(err, &status) && status.status == optimize.GradientThreshold {
		return StopGradTol, "‖∇f‖∞ below the method's threshold"
	}
	return StopMethod, err.Error()
}

// iterate takes loc as the iterate x_k: it records it and checks the stop
// rules (see RunConfig).
func (r *searchRun) iterate() (StopReason, string, bool) {
	cfg := &r.cfg
	loc, k := r.loc, r.k
	copy(r.x, loc.X)
	r.f = loc.F
	r.gn2 = math.NaN()
	if r.needGrad && len(loc.Gradient) == len(loc.X) {
		r.gn2 = floats.Dot(loc.Gradient, loc.Gradient)
	}
	if r.f < r.bestF {
		r.bestF = r.f
		copy(r.bestX, r.x)
	}
	if k > 0 && r.trace.Len() > 0 && r.trace.StepAt(r.trace.Len()-1) == k-1 {
		r.trace.lrs[r.trace.Len()-1] = r.search.StepLength()
	}
	if k == r.nextRecord {
		r.trace.Add(k, r.x, r.f, math.Sqrt(r.gn2), math.NaN())
		r.nextRecord += r.stride
		if r.thinAt > 0 && r.trace.Len() >= r.thinAt {
			r.trace.keepEven()
			r.stride *= 2
			r.trace.evals.keepSteps(r.stride)
		}
	}
	if !(math.Abs(r.f) <= r.bound) || (r.needGrad && !(r.gn2 <= math.MaxFloat64)) {
		return StopDiverged, fmt.Sprintf("f = %.4g, ‖∇f‖ = %.4g at step %d", r.f, math.Sqrt(r.gn2), k), true
	}
	if r.needGrad {
		if cfg.GradTol > 0 && r.gn2 <= cfg.GradTol*cfg.GradTol {
			return StopGradTol, fmt.Sprintf("‖∇f‖ = %.3g ≤ %.3g", math.Sqrt(r.gn2), cfg.GradTol), true
		}
		if cfg.GradTol == 0 {
			if inf := floats.Norm(loc.Gradient, math.Inf(1)); inf < searcherGradTol {
				return StopGradTol, fmt.Sprintf("‖∇f‖∞ = %.3g < %g (gonum's default)", inf, searcherGradTol), true
			}
		}
	}
	if r.patience > 0 {
		f, best := r.f, r.plateauBest
		if k == 0 || best-f > r.plateauTol+cfg.PlateauRelTol*math.Max(math.Abs(f), math.Abs(best)) {
			r.plateauBest, r.bad = f, 0
		} else if r.bad++; r.bad >= r.patience {
			return StopPlateau, fmt.Sprintf("no improvement on f = %.6g for %d steps", best, r.bad), true
		}
	}
	if cfg.Callback != nil && k == r.nextCallback {
		if !cfg.Callback(k, r.x, r.f) {
			return StopCallback, fmt.Sprintf("at step %d", k), true
		}
		r.nextCallback += r.every
	}
	if k >= r.maxSteps {
		return StopMaxSteps, "", true
	}
	if k >= r.poll.next {
		if stop, why := r.poll.check(k); stop {
			return StopInterrupted, why, true
		}
	}
	return StopNone, "", false
}

// recordEval records the evaluation op just made at loc.X, merging it with
// the previous record when it was at the same point (a gradient completing
// a function value).
func (r *searchRun) recordEval(op optimize.Operation, kind EvalKind) {
	ev := r.trace.evals
	if r.k%r.stride != 0 || ev.Len() >= r.evalCap {
		return
	}
	loc := r.loc
	f, gn := math.NaN(), math.NaN()
	if op&optimize.FuncEvaluation != 0 {
		f = loc.F
	}
	if op&optimize.GradEvaluation != 0 {
		gn = floats.Norm(loc.Gradient, 2)
	}
	alpha := r.search.StepLength()
	switch {
	case kind == EvalIterate:
		alpha = math.NaN()
	case !math.IsNaN(alpha):
		kind = EvalLineSearch
	}
	n := ev.Len()
	if n > 0 && ev.steps[n-1] == r.k && slices.Equal(ev.xs[(n-1)*ev.dim:n*ev.dim], loc.X) {
		if !math.IsNaN(f) {
			ev.losses[n-1] = f
		}
		if !math.IsNaN(gn) {
			ev.gradNorms[n-1] = gn
		}
		return
	}
	ev.addEval(r.k, loc.X, f, gn, alpha, kind)
}

// markIterate marks the evaluation at the new iterate x_k (the last one at
// that point, made by the search from x_{k−1}) as EvalIterate.
func (r *searchRun) markIterate() {
	ev := r.trace.evals
	for i := ev.Len() - 1; i >= 0 && ev.steps[i] >= r.k-1; i-- {
		if slices.Equal(ev.xs[i*ev.dim:(i+1)*ev.dim], r.loc.X) {
			ev.kinds[i] = EvalIterate
			return
		}
	}
}

// result builds the Result, recording the final iterate if the stride
// skipped it.
func (r *searchRun) result(reason StopReason, detail string) *Result {
	if r.trace == nil {
		return &Result{Optimizer: r.name, Reason: reason, Detail: detail, F: math.NaN(), GradNorm: math.NaN(), BestF: math.NaN()}
	}
	if r.trace.Len() > 0 && r.trace.StepAt(r.trace.Len()-1) != r.k && !math.IsNaN(r.f) {
		r.trace.Add(r.k, r.x, r.f, math.Sqrt(r.gn2), math.NaN())
	}
	bestX, bestF := append([]float64(nil), r.bestX...), r.bestF
	if math.IsInf(bestF, 1) {
		bestX, bestF = append([]float64(nil), r.x...), r.f
	}
	return &Result{
		Optimizer: r.name,
		X:         append([]float64(nil), r.x...),
		F:         r.f,
		GradNorm:  math.Sqrt(r.gn2),
		Steps:     r.k,
		FuncEvals: r.ev.funcs,
		GradEvals: r.ev.grads,
		HessEvals: r.ev.hesses,
		Cost:      r.ev.spent(),
		BestX:     bestX,
		BestF:     bestF,
		Reason:    reason,
		Detail:    detail,
		Trace:     r.trace,
	}
}

// methodStatus is the error of a gonum method that ended with a status
// and no error of its own.
type methodStatus struct{ status optimize.Status }

// Error names the status.
func (s methodStatus) Error() string { return "the method ended with status " + s.status.String() }
