package optimlib_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// mhHalfSquare is f(x) = x²/(2s²), the potential of N(0, s²).
func mhHalfSquare(s float64) optimlib.Objective {
	return optimlib.FromFuncGrad(func(x []float64) float64 { return x[0] * x[0] / (2 * s * s) },
		func(g, x []float64) { g[0] = x[0] / (s * s) })
}

// TestMHAcceptanceRate checks the acceptance rate of a random walk on a
// standard normal target against its closed form (2/π)·arctan(2/σ): with
// x ~ N(0,1) and x′ = x + σz, α = E[min(1, exp(−(x′² − x²)/2))], which
// integrates to that expression (0.8440 at σ = ½, 0.7048 at σ = 1). The rate
// must fall as σ grows.
func TestMHAcceptanceRate(t *testing.T) {
	target := mhHalfSquare(1)
	prev := 1.0
	for _, sigma := range []float64{0.25, 0.5, 1, 2.4, 5, 10} {
		res, err := optimlib.MetropolisHastings(target, []float64{0}, optimlib.MHConfig{MaxSteps: 200000, Scale: sigma, Seed: 5})
		if err != nil {
			t.Fatal(err)
		}
		want := 2 / math.Pi * math.Atan(2/sigma)
		if math.Abs(res.AcceptRate-want) > 0.01 {
			t.Errorf("σ=%g: acceptance %.4f, want %.4f", sigma, res.AcceptRate, want)
		}
		if res.AcceptRate >= prev {
			t.Errorf("σ=%g: acceptance %.4f did not fall (previous %.4f)", sigma, res.AcceptRate, prev)
		}
		prev = res.AcceptRate
	}
}

// TestMHMoments checks that the chain samples the target: mean and variance
// of N(0, s²) = exp(−x²/(2s²)), of the same at temperature T (variance T·s²),
// and of the uniform law on a box (f constant; mean ½, variance 1/12).
func TestMHMoments(t *testing.T) {
	flat := optimlib.FromFunc(func(x []float64) float64 { return 0 })
	tests := []struct {
		name      string
		obj       optimlib.Objective
		cfg       optimlib.MHConfig
		x0        float64
		mean, vr  float64
		tolM, tol float64
	}{
		{"N(0, 1)", mhHalfSquare(1), optimlib.MHConfig{Scale: 2.4}, 0, 0, 1, 0.03, 0.05},
		{"N(0, 9)", mhHalfSquare(3), optimlib.MHConfig{Scale: 7}, 5, 0, 9, 0.1, 0.05},
		{"N(0, 1) at T = 4", mhHalfSquare(1), optimlib.MHConfig{Scale: 5, Temperature: 4}, 0, 0, 4, 0.06, 0.05},
		{"uniform on [0, 1]", flat, optimlib.MHConfig{Scale: 0.5, Low: []float64{0}, High: []float64{1}}, 0.5, 0.5, 1.0 / 12, 0.01, 0.05},
	}
	for _, tc := range tests {
		cfg := tc.cfg
		cfg.MaxSteps, cfg.BurnIn, cfg.Seed = 400000, 1000, 9
		res, err := optimlib.MetropolisHastings(tc.obj, []float64{tc.x0}, cfg)
		if err != nil {
			t.Fatal(err)
		}
		mean, vr := res.Mean()[0], res.Variance()[0]
		if math.Abs(mean-tc.mean) > tc.tolM || math.Abs(vr-tc.vr) > tc.tol*tc.vr {
			t.Errorf("%s: mean %.4f, variance %.4f; want %g, %g", tc.name, mean, vr, tc.mean, tc.vr)
		}
		if res.SampleCount() != 400000-1000+1 {
			t.Errorf("%s: %d samples, want %d", tc.name, res.SampleCount(), 400000-1000+1)
		}
	}
}

// TestMHSamples checks the sample accessors on a short chain: with Stride 1
// the samples are the states at steps BurnIn..MaxSteps, and Mean is their
// average.
func TestMHSamples(t *testing.T) {
	res, err := optimlib.MetropolisHastings(mhHalfSquare(1), []float64{0.5}, optimlib.MHConfig{MaxSteps: 50, BurnIn: 10, Stride: 1, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	samples := res.Samples()
	coord := res.SampleCoord(0)
	if len(samples) != 41 || len(coord) != 41 || res.Trace.Len() != 51 {
		t.Fatalf("%d samples, %d coordinates, %d trace points; want 41, 41, 51", len(samples), len(coord), res.Trace.Len())
	}
	sum := 0.0
	for i, s := range samples {
		sum += s[0]
		if s[0] != coord[i] {
			t.Fatalf("sample %d: %g vs coordinate %g", i, s[0], coord[i])
		}
	}
	if m := res.Mean()[0]; math.Abs(m-sum/41) > 1e-14 {
		t.Errorf("Mean %g, average of the samples %g", m, sum/41)
	}
	// A repeated state is a rejection: counting changes gives Accepted.
	xs := res.Trace.Xs()
	moves := 0
	for k := 1; k < len(xs); k++ {
		if xs[k] != xs[k-1] {
			moves++
		}
	}
	if moves != res.Accepted {
		t.Errorf("%d moves in the chain, Accepted = %d", moves, res.Accepted)
	}
	if _, err := optimlib.MetropolisHastings(mhHalfSquare(1), []float64{0}, optimlib.MHConfig{BurnIn: -1}); err == nil {
		t.Error("negative BurnIn: no error")
	}
}

// TestBarkerCorrectionCDF checks the tabulated correction: N(0,1) + X_corr
// must have the logistic CDF σ(y) = 1/(1+e^{−y}) to within 1e-5 everywhere.
func TestBarkerCorrectionCDF(t *testing.T) {
	worst := 0.0
	for y := -25.0; y <= 25; y += 0.01 {
		worst = math.Max(worst, math.Abs(optimlib.BarkerCorrectionCDF(y)-1/(1+math.Exp(-y))))
	}
	if worst > 1e-5 {
		t.Errorf("largest CDF error %.3g, want ≤ 1e-5", worst)
	}
	t.Logf("largest CDF error of N(0,1) + X_corr against the logistic: %.3g", worst)
}

// TestBarkerCorrectionSamples checks the sampler: X_corr has mean 0 and
// variance π²/3 − 1 (the logistic's variance minus the normal's), and the
// test Δ + N(0,1) + X_corr > 0 accepts with probability σ(Δ), Barker's rule.
func TestBarkerCorrectionSamples(t *testing.T) {
	const n = 400000
	xs := optimlib.SampleBarkerCorrection(n, 1)
	mean, sq := 0.0, 0.0
	for _, x := range xs {
		mean += x
		sq += x * x
	}
	mean /= n
	vr := sq/n - mean*mean
	want := math.Pi*math.Pi/3 - 1
	// Standard errors: √(2.29/n) ≈ 0.0024 for the mean, and about
	// √((κ−1)/n)·2.29 ≈ 0.01 for the variance.
	if math.Abs(mean) > 0.01 || math.Abs(vr-want) > 0.04 {
		t.Errorf("X_corr: mean %.4f, variance %.4f; want 0, %.4f", mean, vr, want)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, delta := range []float64{-3, -1, 0, 0.5, 2} {
		accepted := 0
		for _, x := range xs {
			if delta+rng.NormFloat64()+x > 0 {
				accepted++
			}
		}
		p := 1 / (1 + math.Exp(-delta))
		se := math.Sqrt(p * (1 - p) / n)
		if got := float64(accepted) / n; math.Abs(got-p) > 4*se {
			t.Errorf("Δ=%g: accepted %.4f, Barker σ(Δ) = %.4f", delta, got, p)
		}
	}
	if optimlib.SampleBarkerCorrection(0, 1) != nil {
		t.Error("n = 0 should give nil")
	}
}

// mhGaussianMean is the model y_i ~ N(θ, 1) with a flat prior, written as a
// linear regression on a constant feature: ℓ_i = ½(θ − y_i)², so the
// posterior exp(−Σℓ_i) is N(ȳ, 1/N).
func mhGaussianMean(n int, seed uint64) (*optimlib.LinearRegression, float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	d := &optimlib.LinearRegression{}
	mean := 0.0
	for range n {
		y := 1 + rng.NormFloat64()
		d.X = append(d.X, []float64{1})
		d.Y = append(d.Y, y)
		mean += y
	}
	return d, mean / float64(n)
}

// TestMiniBatchMHMatchesPosterior checks that minibatch Barker MH samples the
// full-data posterior N(ȳ, 1/N) while using a fraction of the data per test.
func TestMiniBatchMHMatchesPosterior(t *testing.T) {
	const n = 1000
	d, ybar := mhGaussianMean(n, 3)
	sd := 1 / math.Sqrt(n)
	res, err := optimlib.MiniBatchMH(d, []float64{ybar}, optimlib.MiniBatchMHConfig{
		MaxSteps: 300000, Scale: 0.3 * sd, BatchSize: 50, BurnIn: 1000, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	mean, vr := res.Mean()[0], res.Variance()[0]
	// The chain's autocorrelation time at this small step is a few hundred
	// steps, so 3·10⁵ steps give about 10³ effective samples: the mean is
	// good to ≈ 0.03 sd, the variance to ≈ 5%.
	if math.Abs(mean-ybar) > 0.15*sd || math.Abs(vr-sd*sd) > 0.2*sd*sd {
		t.Errorf("mean %.5f (want %.5f), sd %.5f (want %.5f)", mean, ybar, math.Sqrt(vr), sd)
	}
	if res.MeanBatch > n/2 {
		t.Errorf("tests used %.0f examples on average, want well below N = %d", res.MeanBatch, n)
	}
	if res.Examples != int(math.Round(res.MeanBatch*float64(res.Steps))) || res.FuncEvals != 2*res.Examples {
		t.Errorf("Examples %d, MeanBatch %g, Steps %d, FuncEvals %d", res.Examples, res.MeanBatch, res.Steps, res.FuncEvals)
	}
	t.Logf("minibatch MH: mean batch %.1f of %d, full-data tests %d of %d, acceptance %.3f",
		res.MeanBatch, n, res.FullDataTests, res.Steps, res.AcceptRate)
}

// TestMiniBatchMHFullBatch checks the limit b = N: every test uses all the
// data (v = 0), and the chain still samples the posterior.
func TestMiniBatchMHFullBatch(t *testing.T) {
	d, ybar := mhGaussianMean(100, 5)
	sd := 0.1
	res, err := optimlib.MiniBatchMH(d, []float64{0}, optimlib.MiniBatchMHConfig{
		MaxSteps: 100000, Scale: 2 * sd, BatchSize: 100, BurnIn: 500, Seed: 6})
	if err != nil {
		t.Fatal(err)
	}
	if res.FullDataTests != res.Steps || res.MeanBatch != 100 {
		t.Errorf("full-data tests %d of %d, mean batch %g", res.FullDataTests, res.Steps, res.MeanBatch)
	}
	if mean, vr := res.Mean()[0], res.Variance()[0]; math.Abs(mean-ybar) > 0.05*sd*2 || math.Abs(vr-sd*sd) > 0.08*sd*sd {
		t.Errorf("mean %.4f (want %.4f), variance %.5f (want %.5f)", mean, ybar, vr, sd*sd)
	}
	if !math.IsNaN(res.Trace.Losses()[0]) || math.Abs(res.F-optimlib.TotalLoss(d).Func(res.X)) > 1e-9 {
		t.Errorf("trace losses should be NaN and F the total loss at X: %g", res.F)
	}
}

// TestMiniBatchMHErrors checks that bad input is an error.
func TestMiniBatchMHErrors(t *testing.T) {
	d, _ := mhGaussianMean(10, 1)
	tests := []struct {
		name string
		d    optimlib.Dataset
		th   []float64
		cfg  optimlib.MiniBatchMHConfig
	}{
		{"nil data", nil, []float64{0}, optimlib.MiniBatchMHConfig{Scale: 1}},
		{"wrong θ0", d, []float64{0, 0}, optimlib.MiniBatchMHConfig{Scale: 1}},
		{"no scale", d, []float64{0}, optimlib.MiniBatchMHConfig{}},
		{"bound above 1", d, []float64{0}, optimlib.MiniBatchMHConfig{Scale: 1, VarianceBound: 2}},
		{"negative steps", d, []float64{0}, optimlib.MiniBatchMHConfig{Scale: 1, MaxSteps: -1}},
	}
	for _, tc := range tests {
		if _, err := optimlib.MiniBatchMH(tc.d, tc.th, tc.cfg); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

// TestMiniBatchMHMatchesFullDataMH compares minibatch Barker MH with
// ordinary Metropolis–Hastings on the full data for a non-Gaussian
// posterior: logistic regression with a flat prior, N = 300, p = 2
// (posterior sd ≈ 0.15 per weight). The batch starts at m = 100, large
// enough for the central limit theorem on these skewed per-example
// differences (with m = 25 the posterior mean moves by half a standard
// deviation).
func TestMiniBatchMHMatchesFullDataMH(t *testing.T) {
	d, err := optimlib.NewLogisticRegression(300, []float64{1, -0.5}, 12)
	if err != nil {
		t.Fatal(err)
	}
	start := []float64{1, -0.5}
	full, err := optimlib.MetropolisHastings(optimlib.TotalLoss(d), start, optimlib.MHConfig{
		MaxSteps: 50000, Scale: 0.25, BurnIn: 1000, Seed: 1, Stride: 10})
	if err != nil {
		t.Fatal(err)
	}
	mini, err := optimlib.MiniBatchMH(d, start, optimlib.MiniBatchMHConfig{
		MaxSteps: 100000, Scale: 0.02, BatchSize: 100, BurnIn: 2000, Seed: 2, Stride: 10})
	if err != nil {
		t.Fatal(err)
	}
	fm, fv := full.Mean(), full.Variance()
	mm, mv := mini.Mean(), mini.Variance()
	for j := range 2 {
		sd := math.Sqrt(fv[j])
		// Monte Carlo standard errors: about 0.015 sd for the full chain's
		// mean, 0.04 sd and 6% of the variance for the slower minibatch chain.
		if math.Abs(mm[j]-fm[j]) > 0.25*sd || math.Abs(mv[j]-fv[j]) > 0.25*fv[j] {
			t.Errorf("w[%d]: minibatch mean %.4f var %.5f, full-data mean %.4f var %.5f", j, mm[j], mv[j], fm[j], fv[j])
		}
	}
	if mini.MeanBatch >= 150 {
		t.Errorf("mean batch %.0f of 300, want about 100", mini.MeanBatch)
	}
	t.Logf("full: mean %.4f %.4f var %.5f %.5f; minibatch: mean %.4f %.4f var %.5f %.5f, mean batch %.0f of 300",
		fm[0], fm[1], fv[0], fv[1], mm[0], mm[1], mv[0], mv[1], mini.MeanBatch)
}
