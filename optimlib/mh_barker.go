package optimlib

//go:generate go run mh_barker_gen.go

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// barkerCorrection samples the correction variable X_corr of the minibatch
// Barker test (Seita, Pan, Chen & Canny 2017): a distribution C such that
// Z + X_corr, with Z ~ N(0, 1) independent, has approximately the standard
// logistic distribution.
//
// An exact C does not exist (the logistic is not a Gaussian convolved with a
// probability distribution), so the table in mh_barker_table.go holds the
// best discrete approximation on atoms −12, −11.9, …, 12: the non-negative
// weights, summing to 1, that minimize the squared error between the CDF of
// Z + X_corr and the logistic CDF σ(y) = 1/(1+e^{−y}) over y in [−16, 16]. The
// largest error of that CDF is about 6e-6 (checked by the tests), which is
// the largest error of the resulting acceptance probability; Var(X_corr) =
// 2.2898 ≈ π²/3 − 1, as it must be since Var(logistic) = π²/3.
type barkerCorrection struct {
	cdf []float64
}

// newBarkerCorrection builds the cumulative weights of the table.
func newBarkerCorrection() *barkerCorrection {
	c := &barkerCorrection{cdf: make([]float64, len(barkerWeights))}
	s := 0.0
	for j, w := range barkerWeights {
		s += w
		c.cdf[j] = s
	}
	c.cdf[len(c.cdf)-1] = 1
	return c
}

// sample draws X_corr by inverse transform: u ∈ (0, 1], then the first atom
// whose cumulative weight reaches u (always an atom of positive weight).
func (c *barkerCorrection) sample(rng *rand.Rand) float64 {
	u := 1 - rng.Float64()
	j := sort.SearchFloat64s(c.cdf, u)
	return -barkerHalfWidth + barkerStep*float64(min(j, len(c.cdf)-1))
}

// BarkerCorrectionCDF returns P(Z + X_corr ≤ y) for Z ~ N(0, 1) and the
// tabulated correction variable X_corr of the minibatch Barker test,
//
//	Σ_j c_j·Φ(y − x_j),
//
// which approximates the logistic CDF σ(y) = 1/(1 + e^{−y}) to within about
// 6e-6 everywhere. Plot it against σ, or its difference, to see how good the
// approximation is.
func BarkerCorrectionCDF(y float64) float64 {
	s := 0.0
	for j, w := range barkerWeights {
		if w != 0 {
			s += w * normalCDF(y-(-barkerHalfWidth+barkerStep*float64(j)))
		}
	}
	return s
}

// SampleBarkerCorrection returns n draws of the correction variable X_corr
// (see BarkerCorrectionCDF) from the generator PCG(seed), for a histogram;
// nil for n ≤ 0.
func SampleBarkerCorrection(n int, seed uint64) []float64 {
	if n <= 0 {
		return nil
	}
	c := newBarkerCorrection()
	rng := seededRand(seed, streamNoise)
	out := make([]float64, n)
	for i := range out {
		out[i] = c.sample(rng)
	}
	return out
}

// normalCDF returns Φ(z), the standard normal CDF.
func normalCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

// MiniBatchMHConfig configures MiniBatchMH. Scale must be set; the other
// fields have defaults.
type MiniBatchMHConfig struct {
	// MaxSteps is the number of proposals (0: 10,000).
	MaxSteps int
	// Scale is the proposal step σ (required). It must be small compared with
	// the posterior's width for the test to work on small batches: the
	// variance of the estimated log ratio grows like N²σ²/b.
	Scale float64
	// BatchSize is the first batch size m of each test (0: min(100, N));
	// the batch doubles until the variance condition holds.
	BatchSize int
	// VarianceBound is the bound the estimated variance of the log ratio
	// must fall below, in (0, 1] (0: 1, the paper's value).
	VarianceBound float64
	// BurnIn is the number of first steps whose states are not samples.
	BurnIn int
	// Stride records every Stride-th state (0: automatic, as for
	// MetropolisHastings).
	Stride int
	// Seed seeds the proposals, the batches and the test's noise.
	Seed uint64
	// AcceptWindow is the number of recent proposals over which the recorded
	// acceptance rate is measured (0: 100).
	AcceptWindow int
	// Callback, when non-nil, is called with the step and the current state
	// every CallbackEvery steps (f is NaN: the full loss is not computed);
	// false stops the chain.
	Callback func(step int, x []float64, f float64) bool
	// CallbackEvery is the number of steps between callbacks.
	CallbackEvery int
	// Context, when non-nil, cancels the chain when done.
	Context context.Context
}

// MiniBatchMHResult is the outcome of MiniBatchMH: an MHResult (samples,
// acceptance) plus the cost of the tests. The trace's loss column is NaN,
// since the point of the method is never to evaluate the full loss; F is
// computed once, at the final state.
type MiniBatchMHResult struct {
	MHResult
	// MeanBatch is the average number of examples a test used.
	MeanBatch float64
	// FullDataTests is the number of tests that needed all N examples.
	FullDataTests int
	// Examples is the total number of examples used (each costs two
	// evaluations of ℓ_i, at the current and the proposed state).
	Examples int
}

// MiniBatchMH samples the posterior p(θ | data) ∝ exp(−Σ_i ℓ_i(θ)) of a
// Dataset (see DataObjective: ℓ_i carries 1/N of the prior) with the
// minibatch Metropolis–Hastings test of Seita et al. (2017), which decides
// each proposal from a small batch of examples and still samples the right
// distribution, up to a tabulated approximation.
//
// Barker's acceptance rule accepts θ′ with probability σ(Δ), σ the logistic
// function and Δ = Σ_i (ℓ_i(θ) − ℓ_i(θ′)) the log ratio of the posterior at θ′
// and θ; equivalently, it accepts when Δ + X_log > 0 with X_log ~ Logistic.
// On a batch β of b examples drawn without replacement,
//
//	Δ* = (N/b)·Σ_{i∈β} (ℓ_i(θ) − ℓ_i(θ′))      is Δ + (about) N(0, v),
//	v  = N²·s²/b·(1 − b/N)                       (s² the batch's sample variance)
//
// by the central limit theorem. Once v < VarianceBound ≤ 1 (the batch
// doubles from m until it does, up to all N examples, where v = 0), the test
// adds X_nc ~ N(0, 1 − v), making the noise N(0, 1), and the correction
// X_corr, making it logistic:
//
//	accept θ′  ⇔  Δ* + X_nc + X_corr > 0
//
// Two approximations remain. X_corr is tabulated so that N(0, 1) + X_corr
// matches the logistic CDF to about 6e-6 (see BarkerCorrectionCDF). And the
// batch noise must be close to Gaussian, which the central limit theorem
// gives only for batches large enough given the skewness of the
// per-example differences: on the logistic-regression posterior of the
// tests (N = 300 to 500) batches of about 40 examples shift the posterior
// mean by half a standard deviation, batches of 100 to 200 by a few
// hundredths. Keep BatchSize at 100 or more. The condition v < 1 is what
// makes the correction possible at all: a noise variance above 1 cannot be
// topped up to N(0, 1). Barker's rule accepts less often than Metropolis'
// min(1, e^Δ), but it admits this correction.
//
// The variance condition needs b ≳ N²·Var_i(ℓ_i(θ) − ℓ_i(θ′)), and that
// variance grows like the squared step σ², so the saving over full-data MH
// is large only for proposal steps well below the posterior's width: on the
// Gaussian-mean test (N = 1,000, σ = 0.3 posterior sd) a test uses 12% of
// the data on average.
//
// Defaults: MaxSteps 10,000, BatchSize min(100, N), VarianceBound 1, every
// state kept, Seed 0. err is non-nil only for bad input (nil or empty
// dataset, θ0 of the wrong length, Scale not > 0, VarianceBound outside
// (0, 1], negative counts) or when ℓ_i panics (partial result, StopFailed).
func MiniBatchMH(d Dataset, theta0 []float64, cfg MiniBatchMHConfig) (res *MiniBatchMHResult, err error) {
	switch {
	case d == nil || d.Len() == 0:
		return nil, errors.New("optimlib.MiniBatchMH: nil or empty dataset")
	case len(theta0) != d.NumParams():
		return nil, fmt.Errorf("optimlib.MiniBatchMH: θ0 has %d entries, the dataset has %d parameters", len(theta0), d.NumParams())
	case !(cfg.Scale > 0) || math.IsInf(cfg.Scale, 0):
		return nil, fmt.Errorf("optimlib.MiniBatchMH: Scale = %g; set the proposal step σ > 0, small against the posterior width", cfg.Scale)
	case cfg.VarianceBound < 0 || cfg.VarianceBound > 1:
		return nil, fmt.Errorf("optimlib.MiniBatchMH: VarianceBound %g outside (0, 1]", cfg.VarianceBound)
	case cfg.MaxSteps < 0 || cfg.BurnIn < 0 || cfg.BatchSize < 0:
		return nil, fmt.Errorf("optimlib.MiniBatchMH: negative MaxSteps, BurnIn or BatchSize (%d, %d, %d)", cfg.MaxSteps, cfg.BurnIn, cfg.BatchSize)
	}
	n := d.Len()
	if cfg.MaxSteps == 0 {
		cfg.MaxSteps = 10000
	}
	if cfg.BatchSize == 0 {
		cfg.BatchSize = 100
	}
	if cfg.VarianceBound == 0 {
		cfg.VarianceBound = 1
	}
	if cfg.AcceptWindow <= 0 {
		cfg.AcceptWindow = 100
	}
	t := &barkerTest{data: d, n: n, first: min(max(cfg.BatchSize, 2), n), bound: cfg.VarianceBound,
		rng: seededRand(cfg.Seed, streamChain), corr: newBarkerCorrection(), perm: make([]int, n)}
	for i := range t.perm {
		t.perm[i] = i
	}
	theta := append([]float64(nil), theta0...)
	prop := make([]float64, len(theta))
	window := newAcceptWindow(cfg.AcceptWindow)
	out := &MiniBatchMHResult{}
	out.BurnIn = cfg.BurnIn
	out.Optimizer = fmt.Sprintf("MiniBatchMH(σ=%s, m=%d)", formatNumber(cfg.Scale), t.first)
	loop := newChainLoop(cfg.MaxSteps, cfg.Stride, autoThinAt(len(theta), chainMaxPoints, chainMaxCoords),
		cfg.CallbackEvery, cfg.Callback, cfg.Context)
	points := loop.tracePoints(len(theta))
	out.Trace = newTraceCap(len(theta), points)
	out.AcceptRates = make([]float64, 0, points)
	k := 0
	recordState := func(step int) {
		out.Trace.Add(step, theta, math.NaN(), math.NaN(), math.NaN())
		out.AcceptRates = append(out.AcceptRates, window.rate())
	}
	finish := func(reason StopReason, detail string) *MiniBatchMHResult {
		if out.Trace.Len() == 0 || out.Trace.StepAt(out.Trace.Len()-1) != k {
			recordState(k)
		}
		out.X, out.F, out.GradNorm = append([]float64(nil), theta...), math.NaN(), math.NaN()
		out.Steps, out.FuncEvals = t.tests, 2*t.examples
		out.Reason, out.Detail = reason, detail
		out.AcceptRate = float64(out.Accepted) / float64(max(t.tests, 1))
		out.MeanBatch = float64(t.examples) / float64(max(t.tests, 1))
		out.FullDataTests, out.Examples = t.fullTests, t.examples
		return out
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("optimlib.MiniBatchMH: a loss panicked at step %d: %v", k, p)
			res = finish(StopFailed, err.Error())
			res.Err = err
		}
	}()
	if cfg.BurnIn == 0 {
		out.stats.add(theta)
	}
	reason, detail := loop.run(
		func() ([]float64, float64) { return theta, math.NaN() },
		func(step int) int { k = step; recordState(step); return out.Trace.Len() },
		out.thin,
		func(step int) {
			for i, v := range theta {
				prop[i] = v + cfg.Scale*t.rng.NormFloat64()
			}
			ok := t.accept(theta, prop)
			if ok {
				theta, prop = prop, theta
				out.Accepted++
			}
			window.add(ok)
			k = step + 1
			if k >= cfg.BurnIn {
				out.stats.add(theta)
			}
		})
	res = finish(reason, detail)
	res.F = TotalLoss(d).Func(res.X)
	return res, nil
}

// barkerTest is the state of the minibatch Barker test: the data, the batch
// schedule, the random order and the counters.
type barkerTest struct {
	data                       Dataset
	n, first                   int
	bound                      float64
	rng                        *rand.Rand
	corr                       *barkerCorrection
	perm                       []int
	tests, examples, fullTests int
}

// accept runs one test of θ′ = prop against θ = cur.
func (t *barkerTest) accept(cur, prop []float64) bool {
	t.tests++
	var mean, m2 float64 // running mean and sum of squared deviations (Welford)
	b, target := 0, t.first
	variance := 0.0
	for {
		// A partial Fisher–Yates shuffle extends the batch with examples
		// not yet in it, uniformly at random.
		for ; b < target; b++ {
			j := b + t.rng.IntN(t.n-b)
			t.perm[b], t.perm[j] = t.perm[j], t.perm[b]
			i := t.perm[b]
			diff := t.data.ExampleLoss(i, cur) - t.data.ExampleLoss(i, prop)
			delta := diff - mean
			mean += delta / float64(b+1)
			m2 += delta * (diff - mean)
		}
		if b == t.n {
			variance = 0
			t.fullTests++
			break
		}
		s2 := m2 / float64(b-1)
		nf := float64(t.n)
		variance = nf * nf * s2 / float64(b) * (1 - float64(b)/nf)
		if variance < t.bound {
			break
		}
		target = min(2*b, t.n)
	}
	t.examples += b
	estimate := float64(t.n) * mean
	noise := math.Sqrt(1-variance)*t.rng.NormFloat64() + t.corr.sample(t.rng)
	if math.IsNaN(estimate) {
		return false
	}
	return estimate+noise > 0
}
