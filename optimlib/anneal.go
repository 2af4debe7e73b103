package optimlib

import (
	"context"
	"fmt"
	"math"
)

// AnnealConfig configures Anneal. The zero value uses the defaults.
type AnnealConfig struct {
	// MaxSteps is the number of proposals (0: DefaultMaxSteps, or when
	// MaxEvals is set as many as the budget allows, at most 100·MaxEvals).
	MaxSteps int
	// MaxEvals is the budget in evaluations of f, the start's included
	// (0: none; see Cost). A proposal outside Low/High is rejected without
	// evaluating f, so it counts as a step but costs nothing.
	MaxEvals int
	// Cooling gives the temperature T_k of proposal k (nil:
	// NewExponentialCooling(1, 0.99)).
	Cooling Cooling
	// Scale is the proposal step σ: x′ = x + σ·N(0, I) (0: 0.1). Pick it
	// about the size of the basins to hop between.
	Scale float64
	// Low and High, when set (each of length len(x0)), bound the search: a
	// proposal outside the box is rejected without evaluating f (and costs
	// nothing).
	Low, High []float64
	// Seed seeds the proposals and the acceptance draws.
	Seed uint64
	// Stride records every Stride-th step plus the last (0: automatic, as for
	// Run: every step until the trace holds 10,000 points, then every other
	// one, and so on).
	Stride int
	// AcceptWindow is the number of recent proposals over which the recorded
	// acceptance rate is measured (0: 100).
	AcceptWindow int
	// Callback, when non-nil, is called with the step, the chain's current
	// point and its f every CallbackEvery steps (0: every step); false stops.
	Callback func(step int, x []float64, f float64) bool
	// CallbackEvery is the number of steps between callbacks.
	CallbackEvery int
	// Context, when non-nil, cancels the run when done (so does the
	// SetInterrupt hook).
	Context context.Context
}

// AnnealResult is the outcome of Anneal.
//
// The embedded Result holds the best point visited (X = BestX, F = BestF),
// the number of proposals (Steps), the evaluations of f (FuncEvals = Cost;
// GradEvals is 0, and GradNorm is NaN: annealing uses no gradient) and the
// stop reason; Final is where the chain ended. Its Trace follows the chain:
// the current point and its f at each recorded step, with NaN in the
// gradient-norm and learning-rate columns; Temperatures and AcceptRates are
// the matching columns for the temperature and the acceptance rate.
type AnnealResult struct {
	Result
	// Final is the chain's final state (the best point visited is X and
	// BestX).
	Final []float64
	// FinalF is f(Final).
	FinalF float64
	// Accepted is the number of accepted proposals.
	Accepted int
	// AcceptRate is Accepted/Steps.
	AcceptRate float64
	// Temperatures holds T_k at each trace point.
	Temperatures []float64
	// AcceptRates holds, at each trace point, the fraction of the last
	// AcceptWindow proposals that were accepted (NaN at step 0).
	AcceptRates []float64
}

// Anneal minimizes obj by simulated annealing from x0: a random walk that
// always accepts a downhill move and accepts an uphill one with a probability
// that falls as the temperature is lowered (Kirkpatrick et al. 1983):
//
//	x′ = x_k + σ·ξ,   ξ ~ N(0, I)
//	Δ = f(x′) − f(x_k)
//	x_{k+1} = x′ with probability min(1, exp(−Δ/T_k)), else x_k
//
// Early on (T large compared with the barriers) it crosses barriers freely;
// as T → 0 it becomes a greedy local search. The result's X is the best point
// ever visited, Final where the chain ended. Defaults: MaxSteps
// DefaultMaxSteps (1000), no budget, Cooling T_k = 1·0.99ᵏ, Scale σ = 0.1,
// AcceptWindow 100, Seed 0.
//
// Stopping at MaxSteps, by the callback or by interruption is a result, not
// an error: err is non-nil only for bad input (nil obj, empty x0, negative
// MaxSteps, bad Scale or bounds, f(x0) NaN) or when f panics; in that case the
// partial result (Reason StopFailed) is returned too.
func Anneal(obj Objective, x0 []float64, cfg AnnealConfig) (res *AnnealResult, err error) {
	if cfg.MaxSteps < 0 || cfg.MaxEvals < 0 {
		return nil, fmt.Errorf("optimlib.Anneal: negative MaxSteps %d or MaxEvals %d", cfg.MaxSteps, cfg.MaxEvals)
	}
	cfg.MaxSteps = chainSteps(cfg.MaxSteps, cfg.MaxEvals, DefaultMaxSteps)
	if cfg.Cooling == nil {
		cfg.Cooling = NewExponentialCooling(1, 0.99)
	}
	if cfg.Scale == 0 {
		cfg.Scale = 0.1
	}
	if cfg.AcceptWindow <= 0 {
		cfg.AcceptWindow = 100
	}
	m, err := newMetropolis("Anneal", obj, x0, cfg.Scale, cfg.Low, cfg.High, cfg.Seed, cfg.AcceptWindow)
	if err != nil {
		return nil, err
	}
	if err := safeStart(m, "Anneal"); err != nil {
		return nil, err
	}
	loop := newChainLoop(cfg.MaxSteps, cfg.Stride, autoThinAt(len(x0), traceMaxPoints, traceMaxCoords),
		cfg.CallbackEvery, cfg.Callback, cfg.Context)
	loop.budget = m.budget(cfg.MaxEvals)
	points := loop.tracePoints(len(x0))
	out := &AnnealResult{Temperatures: make([]float64, 0, points), AcceptRates: make([]float64, 0, points)}
	out.Optimizer = fmt.Sprintf("Anneal(%s, σ=%s)", coolingLabel(cfg.Cooling), formatNumber(cfg.Scale))
	out.Trace = newTraceCap(len(x0), points)
	temp := &temperatureCache{cooling: cfg.Cooling, k: -1}
	best := append([]float64(nil), m.x...)
	bestF := m.f
	k := 0
	finish := func(reason StopReason, detail string) *AnnealResult {
		if out.Trace.Len() == 0 || out.Trace.StepAt(out.Trace.Len()-1) != k {
			if reason == StopFailed {
				temp = &temperatureCache{cooling: CoolingFunc(func(int) float64 { return math.NaN() }), k: -1}
			}
			recordAnneal(out, m, temp, k)
		}
		out.X, out.F, out.GradNorm = best, bestF, math.NaN()
		out.BestX, out.BestF = append([]float64(nil), best...), bestF
		out.Steps, out.FuncEvals, out.Cost = m.proposed, m.evals, m.evals
		out.Reason, out.Detail = reason, detail
		out.Final, out.FinalF = append([]float64(nil), m.x...), m.f
		out.Accepted = m.accepted
		out.AcceptRate = float64(m.accepted) / float64(max(m.proposed, 1))
		return out
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("optimlib.Anneal: f or the cooling panicked at step %d: %v", k, p)
			res = finish(StopFailed, err.Error())
			res.Err = err
		}
	}()
	reason, detail := loop.run(
		func() ([]float64, float64) { return m.x, m.f },
		func(step int) int { k = step; recordAnneal(out, m, temp, step); return out.Trace.Len() },
		func() {
			out.Trace.keepEven()
			out.Temperatures = keepEvenFloats(out.Temperatures)
			out.AcceptRates = keepEvenFloats(out.AcceptRates)
		},
		func(step int) {
			m.step(temp.at(step))
			k = step + 1
			if m.f < bestF {
				bestF = m.f
				copy(best, m.x)
			}
		})
	return finish(reason, detail), nil
}

// recordAnneal appends the chain's state after k proposals to the result's columns.
func recordAnneal(out *AnnealResult, m *metropolis, temp *temperatureCache, k int) {
	out.Trace.Add(k, m.x, m.f, math.NaN(), math.NaN())
	out.Temperatures = append(out.Temperatures, temp.at(k))
	out.AcceptRates = append(out.AcceptRates, m.window.rate())
}

// temperatureCache remembers the last T_k, which is asked for twice at a
// recorded step (for the record and for the proposal). For exponential
// cooling it tracks αᵏ with one multiplication per step (equal to
// math.Pow(α, k) up to rounding) instead of a Pow call per step.
type temperatureCache struct {
	cooling Cooling
	k       int
	t       float64
	pow     power
}

// at returns T_k.
func (c *temperatureCache) at(k int) float64 {
	if k == c.k {
		return c.t
	}
	c.k = k
	if e, ok := c.cooling.(*ExponentialCooling); ok && k >= 0 {
		c.t = e.T0 * c.pow.at(e.Alpha, k)
	} else {
		c.t = c.cooling.Temp(k)
	}
	return c.t
}
