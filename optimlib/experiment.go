package optimlib

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Trial is one run of a randomized method for a given seed: everything
// random in it must come from that seed, so that the same seed gives the same
// Result. Trials of an experiment run concurrently, so a Trial must not
// share mutable state with other trials: make per-trial optimizers and
// MiniBatch estimators inside it (objectives that are safe for concurrent
// use, as this package's are — see Objective — and datasets may be
// shared).
type Trial func(seed uint64) *Result

// SuccessRule decides whether a run succeeded from its final point and value.
type SuccessRule func(x []float64, f float64) bool

// NearPoint is the success rule "the final x is within r of center":
// ‖x − center‖ ≤ r.
func NearPoint(center []float64, r float64) SuccessRule {
	c := append([]float64(nil), center...)
	return func(x []float64, f float64) bool {
		return len(x) == len(c) && vecDist(x, c) <= r
	}
}

// NearGlobalMin is the success rule "the final x is within r of a global
// minimum of l" (any of them, when there are several).
func NearGlobalMin(l *Landscape, r float64) SuccessRule {
	var centers [][]float64
	for _, m := range l.Minima {
		if m.Kind == GlobalMin {
			centers = append(centers, append([]float64(nil), m.X...))
		}
	}
	return func(x []float64, f float64) bool {
		for _, c := range centers {
			if len(x) == len(c) && vecDist(x, c) <= r {
				return true
			}
		}
		return false
	}
}

// BelowF is the success rule "the final f is at most target".
func BelowF(target float64) SuccessRule {
	return func(x []float64, f float64) bool { return f <= target }
}

// ExperimentConfig configures RunExperiment. The zero value runs 100 seeds
// (0, 1, ..., 99) on all cores, without a success rule.
type ExperimentConfig struct {
	// Seeds is the number of trials (0: 100).
	Seeds int
	// FirstSeed is the seed of the first trial; trial i uses FirstSeed + i.
	FirstSeed uint64
	// Workers is the number of goroutines (0: runtime.GOMAXPROCS(0), and never
	// more than that).
	Workers int
	// Success decides which runs count as successes (nil: none do, and the
	// success rate is NaN).
	Success SuccessRule
	// KeepResults keeps every trial's full Result (with its trace) in
	// Experiment.Results, for plotting; otherwise only the Outcomes are kept.
	KeepResults bool
	// Context, when non-nil, stops the experiment when done: trials not yet
	// started are skipped (the SetInterrupt hook does the same).
	Context context.Context
	// MaxEvals is the budget of every trial (see Cost). Compare hands it to
	// each contestant's trial, so that all methods get the same budget;
	// RunExperiment only checks it. Either way a trial whose Result.Cost
	// exceeds it counts as failed (0: no budget; Compare requires one).
	MaxEvals int
}

// Outcome is what an experiment keeps of one trial.
type Outcome struct {
	// Seed is the trial's seed.
	Seed uint64
	// X is the final point.
	X []float64
	// F is the final value (NaN when the trial did not run or failed).
	F float64
	// Steps, FuncEvals, GradEvals and HessEvals count the trial's steps and
	// evaluations.
	Steps, FuncEvals, GradEvals, HessEvals int
	// Cost is the trial's Result.Cost (see Cost).
	Cost int
	// Reason is why the trial stopped (StopInterrupted for a skipped trial).
	Reason StopReason
	// Ran reports whether the trial ran (false when the experiment was
	// interrupted before it started).
	Ran bool
	// Success is the success rule's verdict.
	Success bool
	// Err is set when the trial panicked or returned nil.
	Err error
}

// Evals returns the trial's Cost, its evaluations counted by the rule of
// Cost (FuncEvals + GradEvals when the gradient is analytic).
func (o Outcome) Evals() int { return o.Cost }

// Experiment is the outcome of RunExperiment: one Outcome per seed, in seed
// order, and a summary over the trials that ran and did not fail.
type Experiment struct {
	// Outcomes holds one entry per seed, in seed order.
	Outcomes []Outcome
	// Results holds each trial's Result when KeepResults was set.
	Results []*Result
	// Ran is the number of trials that ran; Failed the number of those that
	// panicked, returned nil or returned a Result with Err set (they count as
	// unsuccessful and are left out of the f and evaluation statistics).
	Ran, Failed int
	// Successes counts the successful trials.
	Successes int
	// SuccessRate is Successes/Ran (NaN without a success rule or without
	// trials).
	SuccessRate float64
	// MedianF, BestF and WorstF summarize the final values (NaN ignored).
	MedianF, BestF, WorstF float64
	// MedianEvals and MeanEvals summarize the trials' Cost (see Cost).
	MedianEvals, MeanEvals float64
	// Interrupted reports that some trials were skipped.
	Interrupted bool
}

// RunExperiment runs trial once for each of cfg.Seeds seeds, FirstSeed,
// FirstSeed+1, ..., spread over Workers goroutines (at most GOMAXPROCS), and
// summarizes the outcomes:
//
//	success rate = #{i : Success(x_i, f_i)} / #trials
//	median f, best f, worst f, median and mean evaluations
//
// The outcome of seed s depends only on trial(s), never on the number of
// workers or the order in which trials finish: the same seeds give a
// bit-identical Experiment whatever the parallelism. A trial that panics, or
// that costs more than cfg.MaxEvals, is recorded as failed (Err set) and the
// others go on. err is non-nil only for bad input (nil trial, negative
// Seeds, Workers or MaxEvals).
//
// Trials are independent, so two cores run an experiment about twice as fast
// as one. Recording a full trace per trial costs time and memory that the
// experiment throws away unless KeepResults is set: give the trials a large
// Stride (for example MaxSteps/10) when only the final points matter.
func RunExperiment(trial Trial, cfg ExperimentConfig) (*Experiment, error) {
	switch {
	case trial == nil:
		return nil, errors.New("optimlib.RunExperiment: nil trial")
	case cfg.Seeds < 0:
		return nil, fmt.Errorf("optimlib.RunExperiment: negative Seeds %d", cfg.Seeds)
	case cfg.Workers < 0:
		return nil, fmt.Errorf("optimlib.RunExperiment: negative Workers %d", cfg.Workers)
	case cfg.MaxEvals < 0:
		return nil, fmt.Errorf("optimlib.RunExperiment: negative MaxEvals %d", cfg.MaxEvals)
	}
	if cfg.Seeds == 0 {
		cfg.Seeds = 100
	}
	procs := runtime.GOMAXPROCS(0)
	workers := cfg.Workers
	if workers == 0 || workers > procs {
		workers = procs
	}
	workers = min(workers, cfg.Seeds)
	exp := &Experiment{Outcomes: make([]Outcome, cfg.Seeds)}
	if cfg.KeepResults {
		exp.Results = make([]*Result, cfg.Seeds)
	}
	var next atomic.Int64
	var stopped atomic.Bool
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= cfg.Seeds {
					return
				}
				seed := cfg.FirstSeed + uint64(i)
				if stopped.Load() || experimentCancelled(cfg.Context) {
					stopped.Store(true)
					exp.Outcomes[i] = Outcome{Seed: seed, F: math.NaN(), Reason: StopInterrupted}
					continue
				}
				res, out := runTrial(trial, seed, cfg.Success, cfg.MaxEvals)
				exp.Outcomes[i] = out
				if cfg.KeepResults {
					exp.Results[i] = res
				}
			}
		}()
	}
	wg.Wait()
	exp.summarize(cfg.Success != nil)
	return exp, nil
}

// experimentCancelled reports whether the context is done or an interrupt was
// requested.
func experimentCancelled(ctx context.Context) bool {
	if ctx != nil && ctx.Err() != nil {
		return true
	}
	return interruptRequested()
}

// runTrial runs one trial, turning a panic, a nil result or a cost over
// maxEvals (when > 0) into a failed outcome.
func runTrial(trial Trial, seed uint64, success SuccessRule, maxEvals int) (res *Result, out Outcome) {
	out = Outcome{Seed: seed, F: math.NaN(), Ran: true}
	defer func() {
		if p := recover(); p != nil {
			res = nil
			out = Outcome{Seed: seed, F: math.NaN(), Ran: true, Reason: StopFailed,
				Err: fmt.Errorf("optimlib.RunExperiment: trial with seed %d panicked: %v", seed, p)}
		}
	}()
	res = trial(seed)
	if res == nil {
		out.Reason = StopFailed
		out.Err = fmt.Errorf("optimlib.RunExperiment: trial with seed %d returned nil", seed)
		return nil, out
	}
	out.X = append([]float64(nil), res.X...)
	out.F = res.F
	out.Steps, out.FuncEvals, out.GradEvals, out.HessEvals = res.Steps, res.FuncEvals, res.GradEvals, res.HessEvals
	out.Cost = res.Cost
	out.Reason, out.Err = res.Reason, res.Err
	if maxEvals > 0 && res.Cost > maxEvals && out.Err == nil {
		out.Err = fmt.Errorf("optimlib.RunExperiment: trial with seed %d cost %d, over the budget MaxEvals %d", seed, res.Cost, maxEvals)
	}
	if success != nil {
		out.Success = success(out.X, out.F)
	}
	return res, out
}

// summarize fills the summary fields from the outcomes, in seed order.
func (e *Experiment) summarize(haveRule bool) {
	var fs, evals []float64
	for _, o := range e.Outcomes {
		if !o.Ran {
			e.Interrupted = true
			continue
		}
		e.Ran++
		if o.Err != nil {
			e.Failed++
			continue
		}
		if o.Success {
			e.Successes++
		}
		if !math.IsNaN(o.F) {
			fs = append(fs, o.F)
		}
		evals = append(evals, float64(o.Evals()))
	}
	e.SuccessRate = math.NaN()
	if haveRule && e.Ran > 0 {
		e.SuccessRate = float64(e.Successes) / float64(e.Ran)
	}
	e.MedianF, e.BestF, e.WorstF = math.NaN(), math.NaN(), math.NaN()
	if len(fs) > 0 {
		e.MedianF = experimentMedian(fs)
		e.BestF, e.WorstF = slices.Min(fs), slices.Max(fs)
	}
	e.MedianEvals, e.MeanEvals = math.NaN(), math.NaN()
	if len(evals) > 0 {
		e.MedianEvals = experimentMedian(evals)
		sum := 0.0
		for _, v := range evals {
			sum += v
		}
		e.MeanEvals = sum / float64(len(evals))
	}
}

// experimentMedian returns the median of v (the mean of the two middle values for an
// even count); v is sorted in place.
func experimentMedian(v []float64) float64 {
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

// FinalF returns the final f of every trial, in seed order (NaN for trials
// that did not run or failed), for a histogram.
func (e *Experiment) FinalF() []float64 {
	out := make([]float64, len(e.Outcomes))
	for i, o := range e.Outcomes {
		out[i] = o.F
	}
	return out
}

// FinalCoord returns coordinate j of every trial's final point, in seed order
// (NaN where there is none).
func (e *Experiment) FinalCoord(j int) []float64 {
	out := make([]float64, len(e.Outcomes))
	for i, o := range e.Outcomes {
		out[i] = math.NaN()
		if j >= 0 && j < len(o.X) {
			out[i] = o.X[j]
		}
	}
	return out
}

// String summarizes the experiment in one line, e.g.
// "100 seeds: success 87/100 (87%), median f -0.3054 (best -0.3054, worst 0.2941), median evals 2001".
func (e *Experiment) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d seeds", len(e.Outcomes))
	if e.Ran != len(e.Outcomes) {
		fmt.Fprintf(&b, " (%d ran)", e.Ran)
	}
	b.WriteString(":")
	if !math.IsNaN(e.SuccessRate) {
		fmt.Fprintf(&b, " success %d/%d (%.0f%%),", e.Successes, e.Ran, 100*e.SuccessRate)
	}
	fmt.Fprintf(&b, " median f %.4g (best %.4g, worst %.4g), median evals %.0f", e.MedianF, e.BestF, e.WorstF, e.MedianEvals)
	if e.Failed > 0 {
		fmt.Fprintf(&b, ", %d failed", e.Failed)
	}
	if e.Interrupted {
		b.WriteString(", interrupted")
	}
	return b.String()
}

// AnnealTrial returns the Trial "Anneal(obj, x0, cfg) with cfg.Seed = seed",
// for RunExperiment. obj is shared by the trials, so it must be safe for
// concurrent use (built-in landscapes are).
func AnnealTrial(obj Objective, x0 []float64, cfg AnnealConfig) Trial {
	start := append([]float64(nil), x0...)
	return func(seed uint64) *Result {
		c := cfg
		c.Seed = seed
		res, err := Anneal(obj, start, c)
		if res == nil {
			return failedResult(err)
		}
		return &res.Result
	}
}

// RestartTrial returns the Trial "Restarts(obj, newOpt(), x0, cfg) with
// cfg.Seed = seed", for RunExperiment. newOpt must return a fresh optimizer
// for each call (trials run concurrently); obj must be safe for concurrent
// use.
func RestartTrial(obj Objective, newOpt func() Optimizer, x0 []float64, cfg RestartConfig) Trial {
	start := append([]float64(nil), x0...)
	return func(seed uint64) *Result {
		c := cfg
		c.Seed = seed
		res, err := Restarts(obj, newOpt(), start, c)
		if res == nil {
			return failedResult(err)
		}
		return &res.Result
	}
}
