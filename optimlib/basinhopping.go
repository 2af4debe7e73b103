package optimlib

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// BasinHoppingConfig configures BasinHopping. The zero value uses the
// defaults, which are scipy.optimize.basinhopping's.
type BasinHoppingConfig struct {
	// Local is the local minimizer run after every hop (nil: L-BFGS whose
	// first step is the full gradient step, LBFGS{Store: 15, FirstStep: 1},
	// as scipy's L-BFGS-B starts in a box). Any Optimizer works; a method
	// that searches (LBFGS, BFGS, Newton, NelderMead) finds each minimum in
	// far fewer evaluations than a fixed-rate descent. A Local set here is
	// used by one search at a time: give concurrent trials their own.
	Local Optimizer
	// LocalRun holds the stop rules of each local run (zero value: GradTol
	// 1e-5, scipy's gtol for L-BFGS-B, and the method's defaults otherwise).
	// Its MaxEvals, when set, caps each local run; KeepState is ignored.
	LocalRun RunConfig
	// MaxHops is the number of hops after the first local run (0: 100, or
	// when MaxEvals is set as many as the budget allows).
	MaxHops int
	// MaxEvals is the budget of the whole search, local runs included (0:
	// none; see Cost). The search ends when a local run spends the rest.
	MaxEvals int
	// Temperature is T of the Metropolis test on the minima (0: 1; a
	// negative T accepts only improvements).
	Temperature float64
	// StepSize is the initial hop size s: every coordinate moves by
	// U(−s, s) (0: 0.5).
	StepSize float64
	// AdaptEvery is the number of hops between step-size adjustments (0:
	// 50; negative: never adjust).
	AdaptEvery int
	// TargetAccept is the acceptance rate the adjustments aim at (0: 0.5).
	TargetAccept float64
	// StepFactor is the factor of an adjustment (0: 0.9): s ← s/StepFactor
	// when the acceptance rate so far is above TargetAccept, s ← s·StepFactor
	// otherwise.
	StepFactor float64
	// Low and High, when set (each of length len(x0)), bound the search:
	// hops land inside the box (clipped to it) and a local minimum outside
	// it is rejected.
	Low, High []float64
	// Seed seeds the hops and the acceptance draws.
	Seed uint64
	// Callback, when non-nil, is called after every hop with the hop index
	// (0 for the first local run), the current minimum and its f; false
	// stops the search.
	Callback func(hop int, x []float64, f float64) bool
	// Context, when non-nil, cancels the search when done (so does the
	// SetInterrupt hook); a local run in progress stops too.
	Context context.Context
}

// Hop is one hop of BasinHopping: from the current minimum to a perturbed
// start, down to a local minimum, accepted or not.
type Hop struct {
	// From is the current minimum the hop left.
	From []float64
	// Start is the perturbed point the local run started from.
	Start []float64
	// Minimum is where the local run ended, and F its f.
	Minimum []float64
	F       float64
	// Accepted reports whether Minimum became the current minimum.
	Accepted bool
	// StepSize is the hop size s used.
	StepSize float64
	// Cost is the cost of the local run (see Cost).
	Cost int
	// Local is the local run's stop reason.
	Local StopReason
}

// BasinHoppingResult is the outcome of BasinHopping.
//
// The embedded Result holds the lowest local minimum found (X = BestX,
// F = BestF), the number of hops (Steps), the evaluations and cost of all
// the local runs together, and the stop reason; GradNorm is ‖∇f(X)‖ when the
// local method computes it. Its Trace has one point per hop: the current
// minimum and its f after hop k (k = 0 for the first local run), with the
// hop size in the learning-rate column; Hops and Runs keep every hop and
// local run for figures.
type BasinHoppingResult struct {
	Result
	// Final is the current minimum at the end and FinalF its f.
	Final  []float64
	FinalF float64
	// Hops holds every hop in order (Hops[0] is the first local run, from
	// x0, with From = Start = x0).
	Hops []Hop
	// Runs holds the local runs in the order of Hops, with their traces.
	Runs []*Result
	// Accepted counts the accepted hops; AcceptRate is Accepted/Steps.
	Accepted   int
	AcceptRate float64
	// StepSize is the hop size at the end.
	StepSize float64
}

// Minima returns the local minimum of every hop, for a scatter plot.
func (r *BasinHoppingResult) Minima() [][]float64 {
	out := make([][]float64, len(r.Hops))
	for i, h := range r.Hops {
		out[i] = append([]float64(nil), h.Minimum...)
	}
	return out
}

// BasinHopping is the global method of Wales & Doye (1997), as
// scipy.optimize.basinhopping runs it: a Metropolis walk over local minima.
// From the current minimum x it hops to a random point, runs the local
// minimizer from there, and accepts the new minimum by the Metropolis rule:
//
//	x′ = x + u,  u_i ~ U(−s, s)            (clipped into Low/High)
//	m′ = Local run from x′,   Δ = f(m′) − f(x)
//	x ← m′ with probability min(1, exp(−Δ/T)) (never when m′ is out of bounds)
//
// and every AdaptEvery hops it adjusts s towards the TargetAccept
// acceptance rate (s ← s/StepFactor above it, s·StepFactor below). Because
// every proposal is a local minimum, the walk sees a staircase landscape:
// barriers inside a basin cost nothing, and T only has to be comparable
// with the differences between neighbouring minima. The result's X is the
// lowest minimum found. Defaults (scipy's): Local L-BFGS, LocalRun GradTol
// 1e-5, MaxHops 100, T = 1, s = 0.5, AdaptEvery 50, TargetAccept 0.5,
// StepFactor 0.9, Seed 0. The default L-BFGS starts each local run with the
// full gradient step x′ − ∇f(x′), as L-BFGS-B does when every coordinate is
// bounded: on a rugged landscape that first step lands in another basin,
// often a much lower one, and the curvature it measures over that distance
// is the landscape's large-scale one, which sends the next steps towards
// the global structure's minimum. This is why scipy's basinhopping with
// L-BFGS-B in a box escapes Rastrigin's many minima in a few hops; with a
// unit-length first step it rarely does.
//
// Stopping by MaxHops, MaxEvals, the callback or interruption is a result;
// err is non-nil for bad input (nil obj, empty x0, bad bounds or
// parameters, a budget that cannot pay for the first local run) or when
// the objective or the local method panics (the partial result is returned
// too).
func BasinHopping(obj Objective, x0 []float64, cfg BasinHoppingConfig) (res *BasinHoppingResult, err error) {
	b, err := newBasinHopper(obj, x0, cfg)
	if err != nil {
		return nil, err
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("optimlib.BasinHopping: panic at hop %d: %v", len(b.out.Hops), p)
			res = b.finish(StopFailed, err.Error())
			res.Err = err
		}
	}()
	reason, detail, err := b.run()
	res = b.finish(reason, detail)
	if err != nil {
		res.Err = err
	}
	return res, err
}

// basinHopper is the state of one BasinHopping search.
type basinHopper struct {
	obj   Objective
	cfg   BasinHoppingConfig
	local Optimizer
	run0  RunConfig
	rng   *rand.Rand
	out   *BasinHoppingResult

	x, bestX       []float64
	f, bestF, gn   float64
	step           float64
	temp           float64
	hops, accepted int
	poll           poller
}

// newBasinHopper validates the input and applies the defaults.
func newBasinHopper(obj Objective, x0 []float64, cfg BasinHoppingConfig) (*basinHopper, error) {
	n := len(x0)
	switch {
	case obj == nil:
		return nil, errors.New("optimlib.BasinHopping: nil objective")
	case n == 0:
		return nil, errors.New("optimlib.BasinHopping: empty starting point x0")
	case cfg.MaxHops < 0 || cfg.MaxEvals < 0:
		return nil, fmt.Errorf("optimlib.BasinHopping: negative MaxHops %d or MaxEvals %d", cfg.MaxHops, cfg.MaxEvals)
	case (cfg.Low != nil && len(cfg.Low) != n) || (cfg.High != nil && len(cfg.High) != n):
		return nil, fmt.Errorf("optimlib.BasinHopping: bounds of length %d/%d for a point of length %d", len(cfg.Low), len(cfg.High), n)
	case cfg.StepSize < 0 || math.IsNaN(cfg.StepSize) || math.IsInf(cfg.StepSize, 0):
		return nil, fmt.Errorf("optimlib.BasinHopping: StepSize %g, need a finite value > 0", cfg.StepSize)
	case cfg.TargetAccept < 0 || cfg.TargetAccept >= 1 || math.IsNaN(cfg.TargetAccept):
		return nil, fmt.Errorf("optimlib.BasinHopping: TargetAccept %g, need 0 < TargetAccept < 1", cfg.TargetAccept)
	case cfg.StepFactor < 0 || cfg.StepFactor >= 1 || math.IsNaN(cfg.StepFactor):
		return nil, fmt.Errorf("optimlib.BasinHopping: StepFactor %g, need 0 < StepFactor < 1", cfg.StepFactor)
	case math.IsNaN(cfg.Temperature):
		return nil, errors.New("optimlib.BasinHopping: Temperature is NaN")
	}
	for i := range n {
		if cfg.Low != nil && cfg.High != nil && !(cfg.Low[i] <= cfg.High[i]) {
			return nil, fmt.Errorf("optimlib.BasinHopping: Low[%d] = %g > High[%d] = %g", i, cfg.Low[i], i, cfg.High[i])
		}
	}
	if cfg.MaxHops == 0 {
		cfg.MaxHops = 100
		if cfg.MaxEvals > 0 {
			cfg.MaxHops = math.MaxInt
		}
	}
	if cfg.StepSize == 0 {
		cfg.StepSize = 0.5
	}
	if cfg.AdaptEvery == 0 {
		cfg.AdaptEvery = 50
	}
	if cfg.TargetAccept == 0 {
		cfg.TargetAccept = 0.5
	}
	if cfg.StepFactor == 0 {
		cfg.StepFactor = 0.9
	}
	temp := cfg.Temperature
	if temp == 0 {
		temp = 1
	}
	local := cfg.Local
	if local == nil {
		local = &LBFGS{Store: 15, FirstStep: 1, alpha: math.NaN()}
	}
	run := cfg.LocalRun
	run.KeepState = false
	run.Context = cfg.Context
	if run.GradTol == 0 {
		run.GradTol = 1e-5
	}
	if run.Stride == 0 {
		run.Stride = 1
	}
	b := &basinHopper{obj: obj, cfg: cfg, local: local, run0: run, rng: seededRand(cfg.Seed, streamChain),
		step: cfg.StepSize, temp: temp, poll: newPoller(cfg.Context)}
	b.out = &BasinHoppingResult{}
	b.out.Optimizer = fmt.Sprintf("BasinHopping(%s, T=%s)", local.Name(), formatNumber(temp))
	b.out.Trace = NewTrace(n)
	b.x = append([]float64(nil), x0...)
	b.f, b.bestF, b.gn = math.NaN(), math.NaN(), math.NaN()
	return b, nil
}

// run performs the first local run and the hops.
func (b *basinHopper) run() (StopReason, string, error) {
	cfg := &b.cfg
	first, reason, detail, err := b.localRun(b.x, 0)
	if err != nil {
		return StopFailed, err.Error(), err
	}
	if first == nil {
		return reason, detail, nil
	}
	b.x, b.f, b.gn = append([]float64(nil), first.X...), first.F, first.GradNorm
	b.bestX, b.bestF = append([]float64(nil), first.X...), first.F
	if !b.inBounds(first.X) {
		b.bestF = math.Inf(1)
	}
	b.out.Hops[0].Accepted = true
	b.record(0, true)
	if stop, r, d := b.afterHop(0, first); stop {
		return r, d, nil
	}
	proposal := make([]float64, len(b.x))
	for hop := 1; ; hop++ {
		if hop > cfg.MaxHops {
			return StopMaxSteps, "", nil
		}
		if hop >= b.poll.next {
			if stop, why := b.poll.check(hop); stop {
				return StopInterrupted, why, nil
			}
		}
		if cfg.AdaptEvery > 0 && hop > 1 && (hop-1)%cfg.AdaptEvery == 0 {
			// scipy's AdaptiveStepsize: the acceptance rate over all hops so far.
			if float64(b.accepted)/float64(b.hops) > cfg.TargetAccept {
				b.step /= cfg.StepFactor
			} else {
				b.step *= cfg.StepFactor
			}
		}
		for i, v := range b.x {
			p := v + b.step*(2*b.rng.Float64()-1)
			if cfg.Low != nil {
				p = math.Max(p, cfg.Low[i])
			}
			if cfg.High != nil {
				p = math.Min(p, cfg.High[i])
			}
			proposal[i] = p
		}
		res, reason, detail, err := b.localRun(proposal, hop)
		if err != nil {
			return StopFailed, err.Error(), err
		}
		if res == nil {
			return reason, detail, nil
		}
		b.hops++
		accept := b.inBounds(res.X) && metropolisAccept(res.F-b.f, b.temp, b.rng)
		if accept {
			b.accepted++
			b.x, b.f, b.gn = append(b.x[:0], res.X...), res.F, res.GradNorm
			if res.F < b.bestF {
				b.bestX, b.bestF = append(b.bestX[:0], res.X...), res.F
			}
		}
		h := &b.out.Hops[len(b.out.Hops)-1]
		h.Accepted = accept
		b.record(hop, accept)
		if stop, r, d := b.afterHop(hop, res); stop {
			return r, d, nil
		}
	}
}

// afterHop checks the callback and the budget after hop.
func (b *basinHopper) afterHop(hop int, res *Result) (bool, StopReason, string) {
	if b.cfg.Callback != nil && !b.cfg.Callback(hop, b.x, b.f) {
		return true, StopCallback, fmt.Sprintf("at hop %d", hop)
	}
	if res.Reason == StopInterrupted {
		return true, StopInterrupted, res.Detail
	}
	if b.cfg.MaxEvals > 0 && res.Reason == StopBudget && b.searchBudget() {
		return true, StopBudget, fmt.Sprintf("cost %d of MaxEvals %d after %d hops", b.out.Cost, b.cfg.MaxEvals, hop)
	}
	return false, StopNone, ""
}

// searchBudget reports whether the last local run was limited by what was
// left of the search's budget rather than by LocalRun.MaxEvals.
func (b *basinHopper) searchBudget() bool {
	left := b.cfg.MaxEvals - (b.out.Cost - b.out.Hops[len(b.out.Hops)-1].Cost)
	return b.run0.MaxEvals == 0 || left <= b.run0.MaxEvals
}

// localRun runs the local method from start and records the hop. It
// returns a nil result with a reason when the budget cannot pay for the run.
func (b *basinHopper) localRun(start []float64, hop int) (*Result, StopReason, string, error) {
	run := b.run0
	if b.cfg.MaxEvals > 0 {
		left := b.cfg.MaxEvals - b.out.Cost
		if left <= 0 {
			return nil, StopBudget, fmt.Sprintf("cost %d of MaxEvals %d after %d hops", b.out.Cost, b.cfg.MaxEvals, hop-1), nil
		}
		if run.MaxEvals == 0 || left < run.MaxEvals {
			run.MaxEvals = left
		}
	}
	res, err := Run(b.obj, b.local, start, run)
	if res == nil {
		if errors.Is(err, errBudgetTooSmall) && hop > 0 {
			return nil, StopBudget, fmt.Sprintf("cost %d of MaxEvals %d after %d hops: the rest cannot pay for a local run", b.out.Cost, b.cfg.MaxEvals, hop-1), nil
		}
		return nil, StopFailed, "", fmt.Errorf("optimlib.BasinHopping: local run at hop %d: %w", hop, err)
	}
	o := b.out
	o.FuncEvals += res.FuncEvals
	o.GradEvals += res.GradEvals
	o.HessEvals += res.HessEvals
	o.Cost += res.Cost
	o.Runs = append(o.Runs, res)
	from := b.x
	if hop == 0 {
		from = start
	}
	o.Hops = append(o.Hops, Hop{From: append([]float64(nil), from...), Start: append([]float64(nil), start...),
		Minimum: append([]float64(nil), res.X...), F: res.F, StepSize: b.step, Cost: res.Cost, Local: res.Reason})
	if err != nil {
		return nil, StopFailed, "", fmt.Errorf("optimlib.BasinHopping: local run at hop %d: %w", hop, err)
	}
	return res, StopNone, "", nil
}

// inBounds reports whether x is inside Low/High.
func (b *basinHopper) inBounds(x []float64) bool {
	for i, v := range x {
		if (b.cfg.Low != nil && v < b.cfg.Low[i]) || (b.cfg.High != nil && v > b.cfg.High[i]) {
			return false
		}
	}
	return true
}

// record appends the current minimum after hop to the trace.
func (b *basinHopper) record(hop int, _ bool) {
	b.out.Trace.Add(hop, b.x, b.f, b.gn, b.step)
}

// finish builds the result.
func (b *basinHopper) finish(reason StopReason, detail string) *BasinHoppingResult {
	o := b.out
	o.Steps, o.Reason, o.Detail = b.hops, reason, detail
	o.Accepted, o.StepSize = b.accepted, b.step
	o.AcceptRate = float64(b.accepted) / float64(max(b.hops, 1))
	o.Final, o.FinalF = append([]float64(nil), b.x...), b.f
	switch {
	case b.bestX != nil && !math.IsInf(b.bestF, 1):
		o.X, o.F = append([]float64(nil), b.bestX...), b.bestF
	default:
		o.X, o.F = append([]float64(nil), b.x...), b.f
	}
	o.GradNorm = math.NaN()
	for i := len(o.Hops) - 1; i >= 0; i-- {
		if o.Hops[i].F == o.F && equalPoints(o.Hops[i].Minimum, o.X) {
			o.GradNorm = o.Runs[i].GradNorm
			break
		}
	}
	o.BestX, o.BestF = append([]float64(nil), o.X...), o.F
	return o
}

// equalPoints reports whether a and b are the same point.
func equalPoints(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// BasinHoppingTrial returns the Trial "BasinHopping(obj, x0, cfg) with
// cfg.Seed = seed", for RunExperiment. cfg.Local is shared by the trials,
// which run concurrently, so leave it nil (each trial makes its own LBFGS)
// or use BasinHoppingContestant with a constructor.
func BasinHoppingTrial(obj Objective, x0 []float64, cfg BasinHoppingConfig) Trial {
	start := append([]float64(nil), x0...)
	return func(seed uint64) *Result {
		c := cfg
		c.Seed = seed
		res, err := BasinHopping(obj, start, c)
		if res == nil {
			return failedResult(err)
		}
		return &res.Result
	}
}

// BasinHoppingContestant enters BasinHopping(obj, x0, cfg) in Compare with
// the seed and the budget; newLocal, when non-nil, makes each trial's local
// minimizer (cfg.Local is ignored then).
func BasinHoppingContestant(name string, obj Objective, x0 []float64, cfg BasinHoppingConfig, newLocal func() Optimizer) Contestant {
	start := append([]float64(nil), x0...)
	return Contestant{Name: name, Trial: func(seed uint64, maxEvals int) *Result {
		c := cfg
		c.Seed, c.MaxEvals = seed, maxEvals
		if newLocal != nil {
			c.Local = newLocal()
		}
		res, err := BasinHopping(obj, start, c)
		if res == nil {
			return failedResult(err)
		}
		return &res.Result
	}}
}
