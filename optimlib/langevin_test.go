package optimlib_test

import (
	"math"
	"slices"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// langevinSpread returns the variance across the coordinates of x around
// mean 0 (the coordinates are independent chains).
func langevinSpread(x []float64) (mean, variance float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	for _, v := range x {
		variance += (v - mean) * (v - mean)
	}
	return mean, variance / float64(len(x))
}

// TestSGLDFiniteTimeVariance runs 20,000 independent SGLD chains (the
// coordinates of one run) on f = Σx_i²/(2s²) from 0 and compares their
// spread after T steps with the exact recursion: each coordinate follows
// x ← (1 − ε_t/(2s²))·x + √ε_t·ξ, so v_{t+1} = (1 − ε_t/(2s²))²·v_t + ε_t.
func TestSGLDFiniteTimeVariance(t *testing.T) {
	const dim, s2 = 20000, 4.0
	obj := optimlib.FromFuncGrad(nil, func(g, x []float64) {
		for i, v := range x {
			g[i] = v / s2
		}
	})
	tests := []struct {
		name  string
		opt   *optimlib.SGLD
		steps int
	}{
		{"decaying", &optimlib.SGLD{A: 0.5, B: 2, Gamma: 0.55, Seed: 1}, 60},
		{"constant", &optimlib.SGLD{A: 0.2, Seed: 2}, 300},
	}
	for _, tc := range tests {
		x := make([]float64, dim)
		g := make([]float64, dim)
		v := 0.0
		tc.opt.Reset()
		for range tc.steps {
			eps := tc.opt.LearningRate()
			c := 1 - eps/(2*s2)
			v = c*c*v + eps
			obj.Grad(g, x)
			tc.opt.Step(x, g)
		}
		mean, got := langevinSpread(x)
		// Sample variance of 20,000 normals: relative standard error √(2/20000) = 1%.
		if math.Abs(got-v) > 0.04*v || math.Abs(mean) > 4*math.Sqrt(v/dim) {
			t.Errorf("%s: spread %.4f (mean %.4f), recursion gives %.4f", tc.name, got, mean, v)
		}
	}
}

// TestSGLDSamplesGaussian checks that SGLD on L = x²/(2s²) samples
// N(0, s²). The coordinates of one run are 2,000 independent chains; after a
// burn-in, the ε-weighted averages of x and x² over steps and chains
// (Welling & Teh's estimator for a decaying step) must match mean 0 and
// variance s². A constant large step shows the bias derived on SGLD: the
// stationary variance is s²/(1 − ε/(4s²)).
func TestSGLDSamplesGaussian(t *testing.T) {
	const dim, s2 = 2000, 2.0
	target := optimlib.FromFuncGrad(
		func(x []float64) float64 {
			f := 0.0
			for _, v := range x {
				f += v * v / (2 * s2)
			}
			return f
		},
		func(g, x []float64) {
			for i, v := range x {
				g[i] = v / s2
			}
		})
	tests := []struct {
		name    string
		opt     *optimlib.SGLD
		wantVar float64
	}{
		// ε_t falls from 0.14 to 0.0025: the bias ε/(4s²) is below 2%
		// after the burn-in and shrinks further.
		{"decaying ε", &optimlib.SGLD{A: 0.5, B: 10, Gamma: 0.55, Seed: 3}, s2},
		// ε = 2: s²/(1 − 2/8) = 4/3·s², a bias of 33%.
		{"constant ε = 2", &optimlib.SGLD{A: 2, Seed: 4}, s2 / (1 - 2/(4*s2))},
	}
	for _, tc := range tests {
		var wsum, m1, m2 float64
		cb := func(step int, x []float64, f float64) bool {
			if step >= 2000 {
				w := tc.opt.LearningRate()
				for _, v := range x {
					wsum += w
					m1 += w * v
					m2 += w * v * v
				}
			}
			return true
		}
		res, err := optimlib.Run(target, tc.opt, make([]float64, dim), optimlib.RunConfig{MaxSteps: 20000, Callback: cb})
		if err != nil || res.Reason != optimlib.StopMaxSteps {
			t.Fatalf("%s: %v %v", tc.name, res, err)
		}
		mean := m1 / wsum
		vr := m2/wsum - mean*mean
		// About 2,000 chains × 20 relaxation times: ≈ 4·10⁴ effective
		// samples, a standard error near 0.7% of the variance.
		if math.Abs(mean) > 0.03 || math.Abs(vr-tc.wantVar) > 0.04*tc.wantVar {
			t.Errorf("%s: mean %.4f, variance %.4f; want 0, %.4f", tc.name, mean, vr, tc.wantVar)
		}
	}
}

// TestSGLDReproducible checks that the seed fixes the noise and that Run's
// Reset replays it.
func TestSGLDReproducible(t *testing.T) {
	target := mhHalfSquare(1)
	opt := optimlib.NewSGLD(0.1, 7)
	a := optimlib.Minimize(target, opt, []float64{1}, 100)
	b := optimlib.Minimize(target, opt, []float64{1}, 100)
	c := optimlib.Minimize(target, optimlib.NewSGLD(0.1, 8), []float64{1}, 100)
	if !slices.Equal(a.Trace.Xs(), b.Trace.Xs()) {
		t.Error("same optimizer, same seed: different paths")
	}
	if slices.Equal(a.Trace.Xs(), c.Trace.Xs()) {
		t.Error("different seeds: same path")
	}
	if got, want := opt.Name(), "SGLD(a=0.1, b=1, γ=0.55)"; got != want {
		t.Errorf("Name = %q, want %q", got, want)
	}
	// ε_t = a·(b + t)^−γ: a = 0.1, b = 1, γ = 0.55 gives 0.1 at t = 0 and
	// 0.1·2^−0.55 at t = 1; b = 0 counts as 1.
	fresh := optimlib.NewSGLD(0.1, 7)
	zeroB := &optimlib.SGLD{A: 0.1, Gamma: 0.55, Seed: 7}
	if fresh.LearningRate() != 0.1 || zeroB.LearningRate() != 0.1 {
		t.Errorf("ε_0 = %g and %g (b = 0), want 0.1", fresh.LearningRate(), zeroB.LearningRate())
	}
	fresh.Step([]float64{0}, []float64{0})
	if got, want := fresh.LearningRate(), 0.1*math.Pow(2, -0.55); math.Abs(got-want) > 1e-16 {
		t.Errorf("ε_1 = %g, want %g", got, want)
	}
}

// TestNoisyGradVariance checks the noise schedule on f = 0: with GD at rate 1
// the point is minus the sum of the noises, so after T steps each coordinate
// has variance Σ_{t<T} σ₀²/(1+t)^γ. 20,000 coordinates estimate it to ≈ 1%.
func TestNoisyGradVariance(t *testing.T) {
	const dim, variance, gamma = 20000, 4.0, 0.55
	opt := &optimlib.NoisyGrad{Inner: optimlib.NewGD(1), Variance: variance, Gamma: gamma, Seed: 3}
	x, g := make([]float64, dim), make([]float64, dim)
	opt.Reset()
	want := 0.0
	for k := range 3 {
		if got := opt.NoiseVariance(); math.Abs(got-variance/math.Pow(float64(1+k), gamma)) > 1e-15 {
			t.Errorf("step %d: noise variance %g", k, got)
		}
		want += variance / math.Pow(float64(1+k), gamma)
		opt.Step(x, g)
	}
	if _, got := langevinSpread(x); math.Abs(got-want) > 0.04*want {
		t.Errorf("variance after 3 steps %.4f, want %.4f", got, want)
	}
	// Without noise it is the inner optimizer, step for step.
	quiet := &optimlib.NoisyGrad{Inner: optimlib.NewAdam(0.1), Seed: 1}
	well := optimlib.DoubleWell(0.3)
	a := optimlib.Minimize(well, quiet, []float64{0.5}, 50)
	b := optimlib.Minimize(well, optimlib.NewAdam(0.1), []float64{0.5}, 50)
	if !slices.Equal(a.Trace.Xs(), b.Trace.Xs()) {
		t.Error("σ₀² = 0: NoisyGrad(Adam) differs from Adam")
	}
}

// saddleWell is f(x, y) = x² + (y² − 1)²: a saddle at the origin (Hessian
// diag(2, −4), f = 1) between the minima (0, ±1) with f = 0. On the line
// y = 0 the gradient has no y component, so GD from (1, 0) runs into the
// saddle.
func saddleWell() optimlib.Objective {
	return optimlib.FromFuncGrad(
		func(v []float64) float64 { w := v[1]*v[1] - 1; return v[0]*v[0] + w*w },
		func(g, v []float64) { g[0], g[1] = 2*v[0], 4*v[1]*(v[1]*v[1]-1) })
}

// TestPerturbedGDEscapesSaddle checks the saddle escape: GD stalls at the
// saddle (f → 1) while perturbed GD reaches a minimum (f → 0, |y| → 1), and
// its kicks happen only where the gradient was small.
func TestPerturbedGDEscapesSaddle(t *testing.T) {
	obj := saddleWell()
	gd := optimlib.Minimize(obj, optimlib.NewGD(0.05), []float64{1, 0}, 3000)
	if math.Abs(gd.F-1) > 1e-9 || gd.X[1] != 0 {
		t.Fatalf("GD should stall at the saddle: %v", gd)
	}
	for seed := range uint64(20) {
		opt := optimlib.NewPerturbedGD(0.05, seed)
		res, err := optimlib.Run(obj, opt, []float64{1, 0}, optimlib.RunConfig{MaxSteps: 3000, Stride: 1})
		if err != nil {
			t.Fatal(err)
		}
		// Near the minimum the gradient is small too, so kicks go on every
		// Wait steps (Jin et al. stop when a kick no longer pays off); the
		// path reaches the minimum, and the final point is within one kick of it.
		if best := slices.Min(res.Trace.Losses()); best > 1e-6 {
			t.Errorf("seed %d: lowest f %g, want the minimum f = 0", seed, best)
		}
		if d := math.Hypot(res.X[0], math.Abs(res.X[1])-1); d > opt.Radius {
			t.Errorf("seed %d: final point %v is %g from (0, ±1), more than a kick", seed, res.X, d)
		}
		kicks := opt.Kicks()
		if len(kicks) == 0 {
			t.Errorf("seed %d: no kick", seed)
		}
		norms := res.Trace.GradNorms()
		for i, k := range kicks {
			if norms[k] > opt.GradThreshold {
				t.Errorf("seed %d: kick at step %d where ‖∇f‖ = %g", seed, k, norms[k])
			}
			if i > 0 && k-kicks[i-1] < opt.Wait {
				t.Errorf("seed %d: kicks at %d and %d, closer than %d", seed, kicks[i-1], k, opt.Wait)
			}
		}
	}
}
