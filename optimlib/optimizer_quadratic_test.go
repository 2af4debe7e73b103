package optimlib_test

import (
	"math"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// On f = ½Σλ_i x_i², GD multiplies coordinate i by exactly 1 − αλ_i per step.
func TestGDContractionRate(t *testing.T) {
	tests := []struct {
		name   string
		alpha  float64
		lambda []float64
	}{
		{"stable", 0.15, []float64{1, 10}},        // factors 0.85, −0.5
		{"divergent", 0.25, []float64{1, 10}},     // factors 0.75, −1.5
		{"optimal", 2 / 1.01, []float64{0.01, 1}}, // factors ±99/101
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			q := diagQuad{tc.lambda}
			o := optimlib.NewGD(tc.alpha)
			x := []float64{1, 1}
			g := make([]float64, 2)
			for k := 0; k < 20; k++ {
				prev := append([]float64(nil), x...)
				q.Grad(g, x)
				o.Step(x, g)
				for i, l := range tc.lambda {
					assertClose(t, "x_{k+1}/x_k", x[i]/prev[i], 1-tc.alpha*l, 1e-12)
				}
			}
		})
	}
	// At the optimal α = 2/(λ₁+λ_n) both factors have modulus (κ−1)/(κ+1).
	if r := math.Abs(1 - 2/1.01*0.01); !closeTo(r, 99.0/101, 1e-12) {
		t.Errorf("optimal GD rate %v, want 99/101 = 0.980198", r)
	}
}

// Goh's optimal momentum on κ = 100 (λ = 0.01 and 1): α = (2/(√λ₁+√λ_n))² =
// (2/1.1)² ≈ 3.3058, β = ((√λ_n−√λ₁)/(√λ_n+√λ₁))² = (0.9/1.1)² ≈ 0.6694, and
// the error shrinks like √β = 9/11 ≈ 0.8182 per step, with a slowly growing
// factor k from the repeated roots at both extreme eigenvalues (≈ 0.821 when
// measured over steps 200–400), against 0.980 for the best GD.
func TestGohOptimalMomentumRate(t *testing.T) {
	alpha := math.Pow(2/1.1, 2)
	beta := math.Pow(0.9/1.1, 2)
	assertClose(t, "alpha", alpha, 3.3057851239669422, 1e-12)
	assertClose(t, "beta", beta, 0.6694214876033058, 1e-12)
	for _, o := range []optimlib.Optimizer{
		&optimlib.SGD{LR: alpha, Momentum: beta},
		&optimlib.Momentum{LR: alpha, Beta: beta},
	} {
		q := diagQuad{[]float64{0.01, 1}}
		x := []float64{1, 1}
		g := make([]float64, 2)
		norm := func() float64 { return math.Hypot(x[0], x[1]) }
		var e200 float64
		for k := 1; k <= 400; k++ {
			q.Grad(g, x)
			o.Step(x, g)
			if k == 200 {
				e200 = norm()
			}
		}
		rate := math.Pow(norm()/e200, 1.0/200)
		if rate < 0.815 || rate > 0.825 {
			t.Errorf("%s: measured rate %.4f, want ≈ 0.818–0.821 (√β = %.4f)", o.Name(), rate, math.Sqrt(beta))
		}
	}
}

// Momentum on λ = 1 converges iff 0 < αλ < 2+2β: at β = 0.5 the boundary is 3.
// The characteristic roots of r² − (1+β−αλ)r + β are about −0.98 and −0.51 at
// αλ = 2.99, and −1.02 and −0.49 at 3.01.
func TestMomentumStabilityBoundary(t *testing.T) {
	for _, tc := range []struct {
		alpha    float64
		converge bool
	}{{2.99, true}, {3.01, false}} {
		o := &optimlib.SGD{LR: tc.alpha, Momentum: 0.5}
		x := []float64{1}
		for range 2000 {
			o.Step(x, []float64{x[0]})
		}
		if got := math.Abs(x[0]) < 1e-6; got != tc.converge {
			t.Errorf("αλ = %v: |x_2000| = %.3g, converge = %v, want %v", tc.alpha, math.Abs(x[0]), got, tc.converge)
		}
	}
}

// The two momentum forms agree at constant lr and part ways after a drop.
// On f = x²/2 from x₀ = 1 with β = 0.9 and lr 0.1, 0.1, 0.01, 0.01, 0.01:
//
//	PyTorch  b: 1, 1.8, 2.34, 2.8026, 3.190914
//	         x: 0.9, 0.72, 0.6966, 0.668574, 0.63666486
//	lesson   v: −0.1, −0.18, −0.1692, −0.157788, −0.14593932
//	         x: 0.9, 0.72, 0.5508, 0.393012, 0.24707268
func TestMomentumFormsUnderScheduleDrop(t *testing.T) {
	drop := optimlib.NewMultiStepLR(0.1, 2)
	lesson := &optimlib.Momentum{Beta: 0.9, Schedule: drop}
	torch := &optimlib.SGD{Momentum: 0.9, Schedule: drop}
	xl, xt := []float64{1}, []float64{1}
	for range 5 {
		lesson.Step(xl, []float64{xl[0]})
		torch.Step(xt, []float64{xt[0]})
	}
	assertClose(t, "lesson form x5", xl[0], 0.24707268, 1e-12)
	assertClose(t, "PyTorch form x5", xt[0], 0.63666486, 1e-12)

	// Constant lr: identical trajectories (to rounding) for 50 steps.
	lesson2, torch2 := optimlib.NewMomentum(0.1), &optimlib.SGD{LR: 0.1, Momentum: 0.9}
	xl, xt = []float64{1, -3}, []float64{1, -3}
	q := diagQuad{[]float64{1, 4}}
	gl, gt := make([]float64, 2), make([]float64, 2)
	for range 50 {
		q.Grad(gl, xl)
		q.Grad(gt, xt)
		lesson2.Step(xl, gl)
		torch2.Step(xt, gt)
	}
	for i := range xl {
		assertClose(t, "constant-lr forms", xl[i], xt[i], 1e-12)
	}
}

// Nesterov in PyTorch's form is Sutskever's look-ahead method
// v ← μv − η∇f(θ + μv), θ ← θ + v, with the stored point x = θ + μv. On
// f = x²/2 from 1 (μ = 0.9, η = 0.1) all give 0.81, 0.5751, 0.3273, ...
func TestNesterovMatchesSutskeverLookAhead(t *testing.T) {
	o := optimlib.NewNesterov(0.1)
	x := []float64{1}
	theta, v := 1.0, 0.0
	// Both start at rest, so x₀ = θ₀ + μ·0, and v_k = −η·b_k throughout.
	for k := 0; k < 12; k++ {
		o.Step(x, []float64{x[0]})
		v = 0.9*v - 0.1*(theta+0.9*v)
		theta += v
		// By hand: b = 1, 1.71, 2.1141; d = 1.9, 2.349, 2.47779.
		if k < 3 {
			assertClose(t, "x_k", x[0], []float64{0.81, 0.5751, 0.327321}[k], 1e-12)
		}
		assertClose(t, "stored point vs θ+μv", x[0], theta+0.9*v, 1e-12)
	}
}
