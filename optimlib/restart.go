package optimlib

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// StartSampler draws starting points for Restarts: Sample fills x with one
// point, using rng for every random number. The built-in samplers are
// UniformStarts and NormalStarts; StartFunc adapts a function from a cell.
type StartSampler interface {
	Sample(x []float64, rng *rand.Rand)
}

// StartFunc adapts a plain func(x []float64, rng *rand.Rand) to StartSampler.
type StartFunc func(x []float64, rng *rand.Rand)

// Sample calls f(x, rng).
func (f StartFunc) Sample(x []float64, rng *rand.Rand) { f(x, rng) }

// UniformStarts draws each coordinate uniformly from a window:
//
//	x_i ~ U[Low_i, High_i]
//
// A coordinate beyond len(Low) or len(High) reuses their last entry, so
// one-entry bounds apply to every coordinate.
type UniformStarts struct {
	// Low and High are the window's corners.
	Low, High []float64
}

// NewUniformStarts returns the sampler of the box [low, high].
func NewUniformStarts(low, high []float64) *UniformStarts {
	return &UniformStarts{Low: append([]float64(nil), low...), High: append([]float64(nil), high...)}
}

// UniformStartsIn returns the sampler of a landscape window in dim
// dimensions: x in [XMin, XMax] and, from the second coordinate on, y in
// [YMin, YMax] for dim = 2, or x's range for every coordinate when dim > 2
// (the convention of Landscape.Domain).
func UniformStartsIn(w Window, dim int) *UniformStarts {
	if dim == 2 {
		return &UniformStarts{Low: []float64{w.XMin, w.YMin}, High: []float64{w.XMax, w.YMax}}
	}
	return &UniformStarts{Low: []float64{w.XMin}, High: []float64{w.XMax}}
}

// Sample fills x with a uniform point of the box.
func (s *UniformStarts) Sample(x []float64, rng *rand.Rand) {
	for i := range x {
		lo, hi := boundAt(s.Low, i), boundAt(s.High, i)
		x[i] = lo + (hi-lo)*rng.Float64()
	}
}

// NormalStarts draws starts around a centre:
//
//	x_i ~ N(Mean_i, Std²)
//
// A coordinate beyond len(Mean) reuses its last entry (0 when Mean is empty).
type NormalStarts struct {
	// Mean is the centre.
	Mean []float64
	// Std is the standard deviation of every coordinate.
	Std float64
}

// Sample fills x with a Gaussian point.
func (s *NormalStarts) Sample(x []float64, rng *rand.Rand) {
	for i := range x {
		x[i] = boundAt(s.Mean, i) + s.Std*rng.NormFloat64()
	}
}

// boundAt returns b[i], the last entry of b beyond its end, or 0 for an
// empty b.
func boundAt(b []float64, i int) float64 {
	switch {
	case len(b) == 0:
		return 0
	case i < len(b):
		return b[i]
	}
	return b[len(b)-1]
}

// RestartConfig configures Restarts.
type RestartConfig struct {
	// Starts is the number of runs, the one from x0 included (0: 10).
	Starts int
	// Sampler draws the other starting points (required).
	Sampler StartSampler
	// Seed seeds the sampler.
	Seed uint64
	// Run holds each run's stop rules, stride and context (see RunConfig);
	// KeepState is ignored: each run starts with a freshly Reset optimizer.
	// Its MaxEvals, when set, is the budget of each run.
	Run RunConfig
	// MaxEvals is the budget of the whole search (0: none; see Cost): each
	// run gets what is left, and the search ends when a run spends the
	// rest or what is left cannot pay for the next start.
	MaxEvals int
}

// RestartResult is the outcome of Restarts: every run, and the best one.
//
// The embedded Result is the best run's (X, F, GradNorm, Reason, Detail and
// Trace), except that Steps, FuncEvals, GradEvals, HessEvals and Cost add up
// all the runs (the cost of the whole search), BestX and BestF are the best
// point any run evaluated, and Reason says why the search ended early when
// it did: StopInterrupted, StopCallback (a run's callback returned false)
// or StopBudget (MaxEvals spent). Runs and Starts keep every run for
// plotting.
type RestartResult struct {
	Result
	// Runs holds each run's result, in order (Runs[0] starts from x0).
	Runs []*Result
	// Starts holds each run's starting point.
	Starts [][]float64
	// Best is the index of the run with the lowest final f (−1 if every run
	// ended with a NaN f).
	Best int
}

// Finals returns the final point of every run, for a scatter plot.
func (r *RestartResult) Finals() [][]float64 {
	out := make([][]float64, len(r.Runs))
	for i, run := range r.Runs {
		out[i] = append([]float64(nil), run.X...)
	}
	return out
}

// Restarts runs opt from several starting points and keeps the best result,
// the simplest escape from a local minimum:
//
//	x⁽⁰⁾ = x0,   x⁽ʲ⁾ ~ Sampler for j = 1, ..., Starts−1
//	run j:  Run(obj, opt, x⁽ʲ⁾, cfg.Run)
//	best:   argmin_j f(final point of run j)
//
// If each run lands in the global basin with probability p, the best of n
// runs misses it with probability (1−p)ⁿ. With a nil x0 every start is
// drawn. Defaults: Starts 10, Seed 0; Sampler is required.
//
// The runs are sequential (use RunExperiment to spread seeds over cores).
// A run stopped by its callback or by interruption ends the search, and
// with MaxEvals so does a run that spends the rest of the budget. err is
// non-nil for bad input (nil obj or opt, no sampler, negative Starts or
// MaxEvals, an x0 of length 0 when no dimension is known, a budget that
// cannot pay for the first start), when a run panics (the partial result is
// returned too) or when the sampler panics.
func Restarts(obj Objective, opt Optimizer, x0 []float64, cfg RestartConfig) (res *RestartResult, err error) {
	defer recoverInto(&err, "optimlib.Restarts: the sampler")
	switch {
	case obj == nil:
		return nil, errors.New("optimlib.Restarts: nil objective")
	case opt == nil:
		return nil, errors.New("optimlib.Restarts: nil optimizer")
	case cfg.Sampler == nil:
		return nil, errors.New("optimlib.Restarts: no Sampler for the starting points")
	case cfg.Starts < 0:
		return nil, fmt.Errorf("optimlib.Restarts: negative Starts %d", cfg.Starts)
	case cfg.MaxEvals < 0:
		return nil, fmt.Errorf("optimlib.Restarts: negative MaxEvals %d", cfg.MaxEvals)
	}
	if cfg.Starts == 0 {
		cfg.Starts = 10
	}
	dim := len(x0)
	if dim == 0 {
		dim = restartDim(cfg.Sampler)
		if dim == 0 {
			return nil, errors.New("optimlib.Restarts: no x0 and no dimension from the sampler; give x0")
		}
	}
	rng := seededRand(cfg.Seed, streamStarts)
	run := cfg.Run
	run.KeepState = false
	out := &RestartResult{Best: -1}
	out.BestF = math.NaN()
	var firstErr error
	ended, endDetail := StopNone, ""
	for j := range cfg.Starts {
		start := make([]float64, dim)
		if j == 0 && x0 != nil {
			copy(start, x0)
		} else {
			cfg.Sampler.Sample(start, rng)
		}
		searchBudget := false // the run's budget is what is left of the search's
		if cfg.MaxEvals > 0 {
			left := cfg.MaxEvals - out.Cost
			if left <= 0 {
				ended, endDetail = StopBudget, fmt.Sprintf("cost %d of MaxEvals %d after %d of %d runs", out.Cost, cfg.MaxEvals, j, cfg.Starts)
				break
			}
			run.MaxEvals, searchBudget = left, true
			if cfg.Run.MaxEvals > 0 && cfg.Run.MaxEvals < left {
				run.MaxEvals, searchBudget = cfg.Run.MaxEvals, false
			}
		}
		r, runErr := Run(obj, opt, start, run)
		if r == nil {
			if errors.Is(runErr, errBudgetTooSmall) && j > 0 {
				ended, endDetail = StopBudget, fmt.Sprintf("cost %d of MaxEvals %d after %d of %d runs: the rest cannot pay for a start", out.Cost, cfg.MaxEvals, j, cfg.Starts)
				break
			}
			return nil, fmt.Errorf("optimlib.Restarts: run %d: %w", j, runErr)
		}
		out.Runs = append(out.Runs, r)
		out.Starts = append(out.Starts, start)
		out.Steps += r.Steps
		out.FuncEvals += r.FuncEvals
		out.GradEvals += r.GradEvals
		out.HessEvals += r.HessEvals
		out.Cost += r.Cost
		if !math.IsNaN(r.F) && (out.Best < 0 || r.F < out.Runs[out.Best].F) {
			out.Best = j
		}
		if !math.IsNaN(r.BestF) && !(r.BestF >= out.BestF) {
			out.BestX, out.BestF = r.BestX, r.BestF
		}
		if runErr != nil {
			firstErr = fmt.Errorf("optimlib.Restarts: run %d: %w", j, runErr)
			break
		}
		switch {
		case r.Reason == StopInterrupted, r.Reason == StopCallback:
			ended, endDetail = r.Reason, fmt.Sprintf("after %d of %d runs: %s", j+1, cfg.Starts, r.Detail)
		case r.Reason == StopBudget && searchBudget:
			ended, endDetail = StopBudget, fmt.Sprintf("cost %d of MaxEvals %d after %d of %d runs", out.Cost, cfg.MaxEvals, j+1, cfg.Starts)
		}
		if ended != StopNone {
			break
		}
	}
	best := out.Runs[max(out.Best, 0)]
	steps, fe, ge, he, cost := out.Steps, out.FuncEvals, out.GradEvals, out.HessEvals, out.Cost
	bestX, bestF := out.BestX, out.BestF
	out.Result = *best
	out.Steps, out.FuncEvals, out.GradEvals, out.HessEvals, out.Cost = steps, fe, ge, he, cost
	if bestX != nil {
		out.BestX, out.BestF = append([]float64(nil), bestX...), bestF
	}
	out.Optimizer = fmt.Sprintf("Restarts(%d× %s)", cfg.Starts, opt.Name())
	if ended != StopNone {
		out.Reason, out.Detail = ended, endDetail
	}
	return out, firstErr
}

// restartDim guesses the dimension from a built-in sampler's bounds.
func restartDim(s StartSampler) int {
	switch v := s.(type) {
	case *UniformStarts:
		return max(len(v.Low), len(v.High))
	case *NormalStarts:
		return len(v.Mean)
	}
	return 0
}
