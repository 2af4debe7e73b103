package optimlib

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Contestant is one method entered in Compare: a name and a trial that runs
// the method once with the given seed and spends at most maxEvals (see
// Cost), typically by setting MaxEvals in its config. Like a Trial it must
// make its own optimizer and other mutable state, since trials run
// concurrently.
type Contestant struct {
	// Name labels the method in the comparison.
	Name string
	// Trial runs the method with a seed and a budget.
	Trial func(seed uint64, maxEvals int) *Result
}

// Comparison is the outcome of Compare: one Experiment per contestant, in
// the order given, all at the same budget.
type Comparison struct {
	// MaxEvals is the budget every trial had.
	MaxEvals int
	// Names are the contestants' names.
	Names []string
	// Experiments holds each contestant's experiment.
	Experiments []*Experiment
}

// Compare runs every contestant for cfg.Seeds seeds (FirstSeed, FirstSeed+1,
// ...) with the same budget cfg.MaxEvals, which it hands to each trial and
// checks afterwards (a trial that costs more counts as failed), and judges
// all of them by cfg.Success: the question "which method escapes best for
// the same cost" in one call.
//
//	cmp, err := optimlib.Compare(optimlib.ExperimentConfig{Seeds: 100, MaxEvals: 300, Success: inBasin},
//		optimlib.BasinHoppingContestant("basin hopping", land, x0, optimlib.BasinHoppingConfig{}),
//		optimlib.AnnealContestant("annealing", land, x0, optimlib.AnnealConfig{Scale: 0.5}))
//	fmt.Println(cmp)
//
// err is non-nil for bad input (no contestant, a nil trial or an empty or
// repeated name, MaxEvals ≤ 0) and for what RunExperiment rejects.
func Compare(cfg ExperimentConfig, contestants ...Contestant) (*Comparison, error) {
	if len(contestants) == 0 {
		return nil, errors.New("optimlib.Compare: no contestants")
	}
	if cfg.MaxEvals <= 0 {
		return nil, fmt.Errorf("optimlib.Compare: MaxEvals %d, need the budget every trial gets (> 0)", cfg.MaxEvals)
	}
	seen := map[string]bool{}
	for i, c := range contestants {
		switch {
		case c.Trial == nil:
			return nil, fmt.Errorf("optimlib.Compare: contestant %d (%q) has no Trial", i, c.Name)
		case c.Name == "":
			return nil, fmt.Errorf("optimlib.Compare: contestant %d has no Name", i)
		case seen[c.Name]:
			return nil, fmt.Errorf("optimlib.Compare: two contestants named %q", c.Name)
		}
		seen[c.Name] = true
	}
	out := &Comparison{MaxEvals: cfg.MaxEvals}
	for _, c := range contestants {
		budget, trial := cfg.MaxEvals, c.Trial
		exp, err := RunExperiment(func(seed uint64) *Result { return trial(seed, budget) }, cfg)
		if err != nil {
			return nil, fmt.Errorf("optimlib.Compare: %s: %w", c.Name, err)
		}
		out.Names = append(out.Names, c.Name)
		out.Experiments = append(out.Experiments, exp)
		if exp.Interrupted {
			break
		}
	}
	return out, nil
}

// Experiment returns the experiment of the contestant called name (nil if
// there is none).
func (c *Comparison) Experiment(name string) *Experiment {
	for i, n := range c.Names {
		if n == name {
			return c.Experiments[i]
		}
	}
	return nil
}

// SuccessRates returns each contestant's success rate in percent, in order,
// for a bar chart.
func (c *Comparison) SuccessRates() []float64 {
	out := make([]float64, len(c.Experiments))
	for i, e := range c.Experiments {
		out[i] = 100 * e.SuccessRate
	}
	return out
}

// String prints one line per contestant: its name and its experiment's
// summary, e.g.
//
//	budget 300 evaluations per trial
//	basin hopping  100 seeds: success 98/100 (98%), median f 1.2e-12 (...), median evals 297
func (c *Comparison) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "budget %d evaluations per trial", c.MaxEvals)
	width := 0
	for _, n := range c.Names {
		width = max(width, len([]rune(n)))
	}
	for i, n := range c.Names {
		fmt.Fprintf(&b, "\n%s%s  %v", n, strings.Repeat(" ", width-len([]rune(n))), c.Experiments[i])
	}
	return b.String()
}

// RunContestant enters Run(obj, newOpt(seed), x0, cfg) with cfg.MaxEvals set
// to the budget. newOpt must return a fresh optimizer per call.
func RunContestant(name string, obj Objective, newOpt func(seed uint64) Optimizer, x0 []float64, cfg RunConfig) Contestant {
	start := append([]float64(nil), x0...)
	return Contestant{Name: name, Trial: func(seed uint64, maxEvals int) *Result {
		c := cfg
		c.MaxEvals = maxEvals
		if newOpt == nil {
			return failedResult(errors.New("optimlib.RunContestant: nil newOpt"))
		}
		res, err := Run(obj, newOpt(seed), start, c)
		if res == nil {
			return failedResult(err)
		}
		return res
	}}
}

// AnnealContestant enters Anneal(obj, x0, cfg) with the seed and the budget.
func AnnealContestant(name string, obj Objective, x0 []float64, cfg AnnealConfig) Contestant {
	start := append([]float64(nil), x0...)
	return Contestant{Name: name, Trial: func(seed uint64, maxEvals int) *Result {
		c := cfg
		c.Seed, c.MaxEvals = seed, maxEvals
		res, err := Anneal(obj, start, c)
		if res == nil {
			return failedResult(err)
		}
		return &res.Result
	}}
}

// MHContestant enters MetropolisHastings(obj, x0, cfg) with the seed and
// the budget. Its result is the chain's final state (X), as for
// MetropolisHastings; a success rule that wants the best state visited must
// use a trial of its own that returns BestX.
func MHContestant(name string, obj Objective, x0 []float64, cfg MHConfig) Contestant {
	start := append([]float64(nil), x0...)
	return Contestant{Name: name, Trial: func(seed uint64, maxEvals int) *Result {
		c := cfg
		c.Seed, c.MaxEvals = seed, maxEvals
		res, err := MetropolisHastings(obj, start, c)
		if res == nil {
			return failedResult(err)
		}
		return &res.Result
	}}
}

// RestartContestant enters Restarts(obj, newOpt(), x0, cfg) with the seed
// and the budget (cfg.MaxEvals, for the whole search).
func RestartContestant(name string, obj Objective, newOpt func() Optimizer, x0 []float64, cfg RestartConfig) Contestant {
	start := append([]float64(nil), x0...)
	return Contestant{Name: name, Trial: func(seed uint64, maxEvals int) *Result {
		c := cfg
		c.Seed, c.MaxEvals = seed, maxEvals
		if newOpt == nil {
			return failedResult(errors.New("optimlib.RestartContestant: nil newOpt"))
		}
		res, err := Restarts(obj, newOpt(), start, c)
		if res == nil {
			return failedResult(err)
		}
		return &res.Result
	}}
}

// failedResult is the Result of a trial that could not run.
func failedResult(err error) *Result {
	if err == nil {
		err = errors.New("no result")
	}
	return &Result{Reason: StopFailed, Err: err, F: math.NaN(), BestF: math.NaN()}
}
