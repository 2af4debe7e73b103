package optimlib

import (
	"context"
	"fmt"
	"math"
)

// MHConfig configures MetropolisHastings. The zero value uses the defaults.
type MHConfig struct {
	// MaxSteps is the number of proposals (0: 10,000, or when MaxEvals is
	// set as many as the budget allows, at most 100·MaxEvals).
	MaxSteps int
	// MaxEvals is the budget in evaluations of f, the start's included
	// (0: none; see Cost). A proposal outside Low/High costs nothing.
	MaxEvals int
	// Scale is the proposal step σ of the Gaussian random walk (0: 1).
	Scale float64
	// Temperature is T in the target exp(−f(x)/T) (0: 1).
	Temperature float64
	// BurnIn is the number of first steps whose states are not samples
	// (default 0).
	BurnIn int
	// Stride records every Stride-th state in the trace (thinning). 0 records
	// every state until the trace holds 262,144 points (fewer in high
	// dimension, about 2·10⁶ coordinates), then every other one, and so on.
	// Mean and Variance use every state whatever the stride.
	Stride int
	// Low and High, when set, restrict the target to a box: proposals
	// outside it are rejected without evaluating f (and cost nothing).
	Low, High []float64
	// Seed seeds the proposals and the acceptance draws.
	Seed uint64
	// AcceptWindow is the number of recent proposals over which the recorded
	// acceptance rate is measured (0: 100).
	AcceptWindow int
	// Callback, when non-nil, is called with the step, the current state and
	// its f every CallbackEvery steps (0: every step); false stops the chain.
	Callback func(step int, x []float64, f float64) bool
	// CallbackEvery is the number of steps between callbacks.
	CallbackEvery int
	// Context, when non-nil, cancels the chain when done (so does the
	// SetInterrupt hook).
	Context context.Context
}

// MHResult is the outcome of a Metropolis–Hastings chain.
//
// The embedded Result holds the final state (X = Final, F = FinalF), the
// best state visited (BestX, BestF), the number of proposals (Steps), the
// evaluations (FuncEvals = Cost), and the stop reason; GradNorm is NaN. Its
// Trace is the chain: the state and its f at every Stride-th step, burn-in
// included, with NaN in the gradient-norm and learning-rate columns. The
// samples are the trace points at steps ≥ BurnIn.
type MHResult struct {
	Result
	// Final is the chain's final state (also X: a sampler reports where it
	// is, the best state visited is BestX).
	Final []float64
	// FinalF is f(Final).
	FinalF float64
	// BurnIn is the number of first steps excluded from the samples.
	BurnIn int
	// Accepted is the number of accepted proposals (burn-in included).
	Accepted int
	// AcceptRate is Accepted/Steps.
	AcceptRate float64
	// AcceptRates holds, at each trace point, the fraction of the last
	// AcceptWindow proposals that were accepted (NaN at step 0).
	AcceptRates []float64

	stats sampleStats
}

// MetropolisHastings samples the density p(x) ∝ exp(−f(x)/T) with a Gaussian
// random-walk Metropolis chain (the proposal is symmetric, so the Hastings
// ratio is 1):
//
//	x′ = x_k + σ·ξ,   ξ ~ N(0, I)
//	x_{k+1} = x′ with probability α = min(1, exp(−(f(x′) − f(x_k))/T)), else x_k
//
// A rejected proposal repeats the current state in the chain, which is what
// makes the chain's long-run distribution exactly p. The proposal scale σ
// trades acceptance for step length: a small σ accepts almost every move but
// crawls, a large σ jumps far but is mostly rejected. For a 1-D standard
// normal target the stationary acceptance rate is (2/π)·arctan(2/σ) (0.70 at
// σ = 1, 0.44 at σ = 2.4, the optimum for one dimension; in high dimension
// the optimum is about 0.234). The result's X is the final state; BestX is
// the best state visited. Defaults: MaxSteps 10,000, no budget, Scale 1,
// Temperature 1, BurnIn 0, every state kept, Seed 0.
//
// err is non-nil only for bad input (as for Anneal, or a negative BurnIn,
// or a Temperature ≤ 0) or when f panics; the partial result then has
// Reason StopFailed.
func MetropolisHastings(obj Objective, x0 []float64, cfg MHConfig) (res *MHResult, err error) {
	switch {
	case cfg.MaxSteps < 0:
		return nil, fmt.Errorf("optimlib.MetropolisHastings: negative MaxSteps %d", cfg.MaxSteps)
	case cfg.MaxEvals < 0:
		return nil, fmt.Errorf("optimlib.MetropolisHastings: negative MaxEvals %d", cfg.MaxEvals)
	case cfg.BurnIn < 0:
		return nil, fmt.Errorf("optimlib.MetropolisHastings: negative BurnIn %d", cfg.BurnIn)
	case cfg.Temperature < 0:
		return nil, fmt.Errorf("optimlib.MetropolisHastings: negative Temperature %g", cfg.Temperature)
	}
	cfg.MaxSteps = chainSteps(cfg.MaxSteps, cfg.MaxEvals, 10000)
	if cfg.Scale == 0 {
		cfg.Scale = 1
	}
	if cfg.Temperature == 0 {
		cfg.Temperature = 1
	}
	if cfg.AcceptWindow <= 0 {
		cfg.AcceptWindow = 100
	}
	m, err := newMetropolis("MetropolisHastings", obj, x0, cfg.Scale, cfg.Low, cfg.High, cfg.Seed, cfg.AcceptWindow)
	if err != nil {
		return nil, err
	}
	if err := safeStart(m, "MetropolisHastings"); err != nil {
		return nil, err
	}
	out := &MHResult{BurnIn: cfg.BurnIn}
	out.Optimizer = fmt.Sprintf("MetropolisHastings(σ=%s, T=%s)", formatNumber(cfg.Scale), formatNumber(cfg.Temperature))
	loop := newChainLoop(cfg.MaxSteps, cfg.Stride, autoThinAt(len(x0), chainMaxPoints, chainMaxCoords),
		cfg.CallbackEvery, cfg.Callback, cfg.Context)
	loop.budget = m.budget(cfg.MaxEvals)
	points := loop.tracePoints(len(x0))
	out.Trace = newTraceCap(len(x0), points)
	out.AcceptRates = make([]float64, 0, points)
	best := append([]float64(nil), m.x...)
	bestF := m.f
	k := 0
	recordState := func(step int) {
		out.Trace.Add(step, m.x, m.f, math.NaN(), math.NaN())
		out.AcceptRates = append(out.AcceptRates, m.window.rate())
	}
	finish := func(reason StopReason, detail string) *MHResult {
		if out.Trace.Len() == 0 || out.Trace.StepAt(out.Trace.Len()-1) != k {
			recordState(k)
		}
		out.X, out.F, out.GradNorm = append([]float64(nil), m.x...), m.f, math.NaN()
		out.Final, out.FinalF = append([]float64(nil), m.x...), m.f
		out.BestX, out.BestF = best, bestF
		out.Steps, out.FuncEvals, out.Cost = m.proposed, m.evals, m.evals
		out.Reason, out.Detail = reason, detail
		out.Accepted = m.accepted
		out.AcceptRate = float64(m.accepted) / float64(max(m.proposed, 1))
		return out
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("optimlib.MetropolisHastings: f panicked at step %d: %v", k, p)
			res = finish(StopFailed, err.Error())
			res.Err = err
		}
	}()
	if cfg.BurnIn == 0 {
		out.stats.add(m.x)
	}
	reason, detail := loop.run(
		func() ([]float64, float64) { return m.x, m.f },
		func(step int) int { k = step; recordState(step); return out.Trace.Len() },
		out.thin,
		func(step int) {
			m.step(cfg.Temperature)
			k = step + 1
			if m.f < bestF {
				bestF = m.f
				copy(best, m.x)
			}
			if k >= cfg.BurnIn {
				out.stats.add(m.x)
			}
		})
	return finish(reason, detail), nil
}

// Samples returns copies of the sampled states: the trace points at steps
// ≥ BurnIn.
func (r *MHResult) Samples() [][]float64 {
	var out [][]float64
	for i := range r.Trace.Len() {
		if r.Trace.StepAt(i) >= r.BurnIn {
			out = append(out, r.Trace.Point(i))
		}
	}
	return out
}

// SampleCoord returns coordinate j of every sample, for a histogram (nil when
// j is out of range).
func (r *MHResult) SampleCoord(j int) []float64 {
	col := r.Trace.Coord(j)
	if col == nil {
		return nil
	}
	var out []float64
	for i, v := range col {
		if r.Trace.StepAt(i) >= r.BurnIn {
			out = append(out, v)
		}
	}
	return out
}

// Mean returns the mean of each coordinate over every state at steps
// ≥ BurnIn (recorded or thinned away; NaN without samples).
func (r *MHResult) Mean() []float64 {
	mean, _ := r.stats.moments(r.Trace.Dim())
	return mean
}

// Variance returns the variance (1/n)·Σ(x − mean)² of each coordinate over
// every state at steps ≥ BurnIn (NaN without samples). Successive states are
// correlated, so its precision is that of n/τ independent samples, τ the
// autocorrelation time.
func (r *MHResult) Variance() []float64 {
	_, variance := r.stats.moments(r.Trace.Dim())
	return variance
}

// SampleCount returns the number of states at steps ≥ BurnIn, the n of Mean
// and Variance.
func (r *MHResult) SampleCount() int { return r.stats.count }

// thin halves the trace and its acceptance column.
func (r *MHResult) thin() {
	r.Trace.keepEven()
	r.AcceptRates = keepEvenFloats(r.AcceptRates)
}

// chainMaxPoints and chainMaxCoords bound an automatically thinned chain.
const (
	chainMaxPoints = 1 << 18
	chainMaxCoords = 1 << 21
)
