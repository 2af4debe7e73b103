package optimlib

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// DefaultMaxSteps is the step limit of a RunConfig whose MaxSteps is 0.
const DefaultMaxSteps = 1000

// errBudgetTooSmall is wrapped by the error of a run whose budget cannot pay
// for its start.
var errBudgetTooSmall = errors.New("the budget cannot pay for the start")

// DefaultDivergeAbove is the |f| bound of a RunConfig whose DivergeAbove is 0
// (or negative).
const DefaultDivergeAbove = 1e100

// RunConfig is the full form of a run: the stop rules, what to record, and
// how to watch or cancel it. The zero value runs DefaultMaxSteps steps,
// stops early only on divergence, and records every step.
//
// At each step k = 0, 1, 2, ... the run evaluates f(x_k) and ∇f(x_k), records
// the point if it is due, checks the stop rules in the order below, and only
// then lets the optimizer step to x_{k+1}. So a run that stops at step k has
// taken k steps, and its final point x_k has been evaluated and recorded.
//
//  1. Divergence: f or ‖∇f‖ is NaN or ±Inf, or |f| > DivergeAbove.
//  2. Gradient tolerance: ‖∇f(x_k)‖ ≤ GradTol (only when GradTol > 0).
//  3. Plateau (only when Patience > 0): f(x_k) improves on the best value so
//     far, f_best, when f_best − f(x_k) > PlateauTol + PlateauRelTol·max(|f(x_k)|, |f_best|);
//     the run stops after Patience steps in a row without an improvement.
//     This is gonum's FunctionConverge rule. With both tolerances 0 any strict
//     decrease counts. PlateauTol is absolute, in the units of f; PlateauRelTol
//     is relative to |f|, which suits losses far from 0 but becomes meaningless
//     near f = 0 and misleads where f < 0 (for example on Styblinski–Tang or
//     the six-hump camel), so prefer PlateauTol there. PyTorch's
//     ReduceLROnPlateau uses one or the other (threshold_mode "abs" or "rel").
//  4. Callback: every CallbackEvery steps, Callback(k, x_k, f(x_k)); false stops.
//  5. Max steps: k = MaxSteps.
//  6. Budget (only when MaxEvals > 0): evaluating x_{k+1} would take the
//     cost past MaxEvals (see Cost: a first-order step costs 1 + c, the f
//     and ∇f evaluations at the new point).
//  7. Interruption: Context done, or the SetInterrupt hook returns true;
//     checked about every millisecond (see SetInterrupt), not every step.
//
// Methods that search along lines or over a simplex (LBFGS, BFGS, CG,
// Newton, DampedNewton, NelderMead, LineSearchGD; see Searcher) follow the
// same rules with k counting their major iterations: the divergence,
// gradient, plateau, callback and step rules are checked at each new
// iterate, the budget before each evaluation, so that a search stops
// before an evaluation it cannot pay for.
type RunConfig struct {
	// MaxSteps is the most optimizer steps to take (0: DefaultMaxSteps, or
	// when MaxEvals is set as many as the budget allows).
	MaxSteps int
	// GradTol stops the run once ‖∇f‖ ≤ GradTol (0: off).
	GradTol float64
	// Patience stops the run after this many steps without improvement (0: off).
	Patience int
	// PlateauTol is the absolute improvement that counts (default 0).
	PlateauTol float64
	// PlateauRelTol is the improvement, relative to |f|, that counts (default 0).
	PlateauRelTol float64
	// DivergeAbove is the |f| beyond which the run counts as diverged
	// (0 or less: DefaultDivergeAbove; +Inf: only NaN and ±Inf count).
	DivergeAbove float64
	// Stride records every Stride-th step (steps 0, Stride, 2·Stride, ...)
	// plus the final one. 0 (automatic) records every step until the trace
	// holds 10,000 points, then drops every other point and doubles the
	// stride, and so on: a run of any length keeps between 5,000 and 10,000
	// evenly spaced points (in high dimension fewer, about 10⁶ coordinates).
	Stride int
	// Callback, when non-nil, is called with the step index, the current point
	// and f at every CallbackEvery-th step; returning false stops the run. x is
	// the run's own slice: read it, do not keep or modify it.
	Callback func(step int, x []float64, f float64) bool
	// CallbackEvery is the number of steps between callbacks (0: every step).
	CallbackEvery int
	// Context, when non-nil, cancels the run when it is done.
	Context context.Context
	// KeepState continues from the optimizer's current state (velocity,
	// moments, step count, hence schedule position) instead of calling Reset
	// first. Searchers always start afresh.
	KeepState bool
	// MaxEvals is the budget: the most the run may spend on evaluations, by
	// the rule of Cost (0: no budget). The run stops (StopBudget) at the last
	// point it could pay for and never spends more; a budget too small to
	// evaluate x0 is an error.
	MaxEvals int
}

// runSteps is the step limit of cfg: MaxSteps, DefaultMaxSteps when it is
// 0, or no limit when a budget bounds the run instead.
func runSteps(cfg RunConfig) int {
	switch {
	case cfg.MaxSteps > 0:
		return cfg.MaxSteps
	case cfg.MaxEvals > 0:
		return math.MaxInt
	}
	return DefaultMaxSteps
}

// traceMaxPoints and traceMaxCoords bound an automatically thinned trace.
const (
	traceMaxPoints = 10000
	traceMaxCoords = 1000000
	// tracePreallocPoints and tracePreallocCoords bound what a run reserves
	// up front (at most 8 MB of coordinates); a longer trace grows as it goes.
	tracePreallocPoints = 1 << 16
	tracePreallocCoords = 1 << 20
)

// Minimize runs opt on obj from x0 for steps steps (or until it diverges) and
// returns the result; it is Run with RunConfig{MaxSteps: steps} for a
// notebook cell. Bad input gives a Result with Reason StopFailed and Err set
// rather than an error value.
//
//	res := optimlib.Minimize(obj, optimlib.NewAdam(0.01), []float64{-1.5, 2}, 2000)
func Minimize(obj Objective, opt Optimizer, x0 []float64, steps int) *Result {
	res, err := Run(obj, opt, x0, RunConfig{MaxSteps: steps})
	if err != nil && res == nil {
		return &Result{Reason: StopFailed, Err: err, Trace: NewTrace(len(x0))}
	}
	return res
}

// Run runs opt on obj from x0 under the rules of cfg (see RunConfig) and
// returns the final point, the reason it stopped and the trace. x0 is not
// modified. Unless cfg.KeepState is set, opt.Reset() is called first.
//
// Stopping, diverging and being interrupted are results, not errors: err is
// non-nil only when the run cannot start (nil objective or optimizer, empty
// x0, negative MaxSteps or MaxEvals, a budget smaller than the cost of
// evaluating x0, a searcher with bad settings) or when the objective or
// optimizer panics; in the latter case the partial Result (Reason
// StopFailed, Err set) is returned too.
func Run(obj Objective, opt Optimizer, x0 []float64, cfg RunConfig) (res *Result, err error) {
	switch {
	case obj == nil:
		return nil, errors.New("optimlib.Run: nil objective")
	case opt == nil:
		return nil, errors.New("optimlib.Run: nil optimizer")
	case len(x0) == 0:
		return nil, errors.New("optimlib.Run: empty starting point x0")
	case cfg.MaxSteps < 0:
		return nil, fmt.Errorf("optimlib.Run: negative MaxSteps %d", cfg.MaxSteps)
	case cfg.MaxEvals < 0:
		return nil, fmt.Errorf("optimlib.Run: negative MaxEvals %d", cfg.MaxEvals)
	}
	if s, ok := opt.(Searcher); ok {
		return runSearch(obj, s, x0, cfg)
	}
	r := newRunner(obj, opt, x0, cfg)
	if cfg.MaxEvals > 0 && r.stepCost > cfg.MaxEvals {
		return nil, fmt.Errorf("optimlib.Run: MaxEvals %d is less than the cost %d of one evaluation of f and ∇f: %w", cfg.MaxEvals, r.stepCost, errBudgetTooSmall)
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("optimlib.Run: panic at step %d of %s: %v", r.k, r.name, p)
			res = r.failure(err)
		}
	}()
	r.name = opt.Name()
	if !cfg.KeepState {
		opt.Reset()
	}
	reason, detail := r.loop()
	return r.result(reason, detail), nil
}

// runner is the state of one run.
type runner struct {
	name string // the optimizer's Name at the start
	obj  Objective
	fg   FuncGrader
	opt  Optimizer
	cfg  RunConfig
	x, g []float64

	maxSteps, stride, every int
	thinAt                  int // automatic stride: thin when the trace reaches it (0: fixed stride)
	bound                   float64
	trace                   *Trace

	k        int
	f, gn2   float64 // f(x_k) and ‖∇f(x_k)‖²
	evals    int
	stepCost int // the cost of evaluating f and ∇f at one point

	bestX []float64
	bestF float64
}

func newRunner(obj Objective, opt Optimizer, x0 []float64, cfg RunConfig) *runner {
	n := len(x0)
	r := &runner{obj: obj, opt: opt, cfg: cfg, x: append([]float64(nil), x0...), g: make([]float64, n)}
	r.fg, _ = obj.(FuncGrader)
	r.stepCost = 1 + gradCost(obj, n)
	r.bestX, r.bestF = append([]float64(nil), x0...), math.NaN()
	r.maxSteps = runSteps(cfg)
	switch b := cfg.DivergeAbove; {
	case b > math.MaxFloat64:
		r.bound = math.MaxFloat64 // only NaN and ±Inf
	case b > 0:
		r.bound = b
	default:
		r.bound = DefaultDivergeAbove
	}
	r.every = max(cfg.CallbackEvery, 1)
	r.stride = cfg.Stride
	if r.stride <= 0 {
		r.stride = 1
		r.thinAt = max(min(traceMaxPoints, traceMaxCoords/n), 100) &^ 1 // even
	}
	steps := r.maxSteps
	if cfg.MaxEvals > 0 {
		steps = min(steps, cfg.MaxEvals/r.stepCost)
	}
	points := min(steps/r.stride, tracePreallocPoints, max(64, tracePreallocCoords/n)) + 2
	if r.thinAt > 0 {
		points = min(points, r.thinAt+1)
	}
	r.trace = newTraceCap(n, points)
	return r
}

// record appends the current point to the trace.
func (r *runner) record() {
	r.trace.Add(r.k, r.x, r.f, math.Sqrt(r.gn2), r.opt.LearningRate())
}

// loop steps until a rule stops the run and returns the rule with its detail.
// The hot path keeps everything in locals; r.k, r.f, r.gn2 and r.evals are
// stored for record, result and the panic handler.
func (r *runner) loop() (StopReason, string) {
	cfg := &r.cfg
	x, g, obj, fg, opt := r.x, r.g, r.obj, r.fg, r.opt
	bound := r.bound
	tol2 := -1.0
	if cfg.GradTol > 0 {
		tol2 = cfg.GradTol * cfg.GradTol
	}
	poll := newPoller(cfg.Context)
	best, bad := 0.0, 0
	nextRecord, nextCallback := 0, 0
	bestX, bestF := r.bestX, math.Inf(1)
	budgetSteps := math.MaxInt // the last step whose point the budget pays for
	if cfg.MaxEvals > 0 {
		budgetSteps = cfg.MaxEvals/r.stepCost - 1
	}
	defer func() { r.bestF = bestF }()
	for k := 0; ; k++ {
		r.k = k
		var f float64
		if fg != nil {
			f = fg.FuncGrad(g, x)
		} else {
			f = obj.Func(x)
			obj.Grad(g, x)
		}
		gn2 := 0.0
		for _, v := range g {
			gn2 += v * v
		}
		r.f, r.gn2, r.evals = f, gn2, k+1
		if f < bestF {
			bestF = f
			copy(bestX, x)
		}
		if k == nextRecord {
			r.record()
			nextRecord += r.stride
			if r.thinAt > 0 && r.trace.Len() >= r.thinAt {
				// Steps 0, s, 2s, ... are recorded, so the even entries are
				// the multiples of 2s, and nextRecord is one of them.
				r.trace.keepEven()
				r.stride *= 2
			}
		}
		// NaN fails every comparison; bound is finite, so ±Inf fails too.
		if !(math.Abs(f) <= bound) || !(gn2 <= math.MaxFloat64) {
			return StopDiverged, fmt.Sprintf("f = %.4g, ‖∇f‖ = %.4g at step %d", f, math.Sqrt(gn2), k)
		}
		if gn2 <= tol2 {
			return StopGradTol, fmt.Sprintf("‖∇f‖ = %.3g ≤ %.3g", math.Sqrt(gn2), cfg.GradTol)
		}
		if cfg.Patience > 0 {
			if k == 0 || best-f > cfg.PlateauTol+cfg.PlateauRelTol*math.Max(math.Abs(f), math.Abs(best)) {
				best, bad = f, 0
			} else if bad++; bad >= cfg.Patience {
				return StopPlateau, fmt.Sprintf("no improvement on f = %.6g for %d steps", best, bad)
			}
		}
		if cfg.Callback != nil && k == nextCallback {
			if !cfg.Callback(k, x, f) {
				return StopCallback, fmt.Sprintf("at step %d", k)
			}
			nextCallback += r.every
		}
		if k >= r.maxSteps {
			return StopMaxSteps, ""
		}
		if k >= budgetSteps {
			return StopBudget, fmt.Sprintf("cost %d of MaxEvals %d, one more step costs %d", (k+1)*r.stepCost, cfg.MaxEvals, r.stepCost)
		}
		if k >= poll.next {
			if stop, why := poll.check(k); stop {
				return StopInterrupted, why
			}
		}
		opt.Step(x, g)
	}
}

// result builds the Result of a run stopped at step r.k, recording the final
// point if the stride skipped it.
func (r *runner) result(reason StopReason, detail string) *Result {
	if r.trace.StepAt(r.trace.Len()-1) != r.k && r.evals > r.k {
		r.record()
	}
	return &Result{
		Optimizer: r.opt.Name(),
		X:         append([]float64(nil), r.x...),
		F:         r.f,
		GradNorm:  math.Sqrt(r.gn2),
		Steps:     r.k,
		FuncEvals: r.evals,
		GradEvals: r.evals,
		Cost:      r.evals * r.stepCost,
		BestX:     r.bestPoint(),
		BestF:     r.bestValue(),
		Reason:    reason,
		Detail:    detail,
		Trace:     r.trace,
	}
}

// bestPoint returns a copy of the best point evaluated (x when none has a
// value that compares, e.g. all NaN).
func (r *runner) bestPoint() []float64 {
	if math.IsNaN(r.bestF) || math.IsInf(r.bestF, 1) {
		return append([]float64(nil), r.x...)
	}
	return append([]float64(nil), r.bestX...)
}

// bestValue returns the lowest f evaluated (f of the final point when none
// compares).
func (r *runner) bestValue() float64 {
	if math.IsNaN(r.bestF) || math.IsInf(r.bestF, 1) {
		return r.f
	}
	return r.bestF
}

// failure builds the Result of a run stopped by a panic at step r.k without
// calling the objective or the optimizer again: the trace keeps the points
// recorded before the panic.
func (r *runner) failure(err error) *Result {
	return &Result{
		Optimizer: r.name,
		X:         append([]float64(nil), r.x...),
		F:         r.f,
		GradNorm:  math.Sqrt(r.gn2),
		Steps:     r.k,
		FuncEvals: r.evals,
		GradEvals: r.evals,
		Cost:      r.evals * r.stepCost,
		BestX:     r.bestPoint(),
		BestF:     r.bestValue(),
		Reason:    StopFailed,
		Detail:    err.Error(),
		Trace:     r.trace,
		Err:       err,
	}
}

// autoStride is a fixed stride that keeps about traceMaxPoints points of a
// run of maxSteps steps (about traceMaxCoords coordinates in high
// dimension), for loops that know their length in advance; Run itself thins
// its trace as it goes instead (see RunConfig.Stride).
func autoStride(maxSteps, dim int) int {
	points := max(min(traceMaxPoints, traceMaxCoords/max(dim, 1)), 100)
	stride := max(maxSteps, 0) / points
	if maxSteps%points > 0 {
		stride++
	}
	return max(stride, 1)
}
