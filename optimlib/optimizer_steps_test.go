package optimlib_test

import (
	"math"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// The gradients fed in turn to every optimizer, from x0 = 1, regardless of x.
const g1, g2, g3 = 0.5, -1.5, 2.0

// Expected points below are worked out from the PyTorch formulas written in
// closed form (no loop), with the running averages expanded by hand:
// m_t = (1−β₁)Σβ₁^(t−i)g_i, v_t = (1−β₂)Σβ₂^(t−i)g_i², and the paper's
// bias-corrected form m̂/(√v̂+ε), which equals PyTorch's arrangement up to
// rounding.
func TestFirstThreeSteps(t *testing.T) {
	sq := math.Sqrt
	// Adam-family running averages with β₁ = 0.9, β₂ = 0.999.
	m1, m2, m3 := 0.1*g1, 0.1*(0.9*g1+g2), 0.1*(0.81*g1+0.9*g2+g3)
	v1 := 0.001 * g1 * g1
	v2 := 0.001 * (0.999*g1*g1 + g2*g2)
	v3 := 0.001 * (0.999*0.999*g1*g1 + 0.999*g2*g2 + g3*g3)
	bc1 := []float64{0.1, 0.19, 0.271}
	bc2 := []float64{0.001, 1 - 0.999*0.999, 1 - 0.999*0.999*0.999}
	adamStep := func(lr, m, v float64, t int) float64 {
		return lr * (m / bc1[t]) / (sq(v/bc2[t]) + 1e-8)
	}
	a1 := 1 - adamStep(0.1, m1, v1, 0)
	a2 := a1 - adamStep(0.1, m2, v2, 1)
	a3 := a2 - adamStep(0.1, m3, v3, 2)

	// NAdam's momentum schedule μ_t = 0.9(1 − ½·0.96^(0.004t)).
	mu := func(t float64) float64 { return 0.9 * (1 - 0.5*math.Pow(0.96, 0.004*t)) }
	mu1, mu2, mu3, mu4 := mu(1), mu(2), mu(3), mu(4)
	nadamStep := func(g, m, v, bc2 float64, muT, prodT, muNext, prodNext float64) float64 {
		d := sq(v/bc2) + 1e-8
		return 0.1*(1-muT)/(1-prodT)*g/d + 0.1*muNext/(1-prodNext)*m/d
	}
	n1 := 1 - nadamStep(g1, m1, v1, bc2[0], mu1, mu1, mu2, mu1*mu2)
	n2 := n1 - nadamStep(g2, m2, v2, bc2[1], mu2, mu1*mu2, mu3, mu1*mu2*mu3)
	n3 := n2 - nadamStep(g3, m3, v3, bc2[2], mu3, mu1*mu2*mu3, mu4, mu1*mu2*mu3*mu4)

	// RMSprop with α = 0.99: v_t = 0.01·Σ0.99^(t−i)g_i².
	r1 := 0.01 * g1 * g1
	r2 := 0.01 * (0.99*g1*g1 + g2*g2)
	r3 := 0.01 * (0.99*0.99*g1*g1 + 0.99*g2*g2 + g3*g3)
	// centered: ḡ_t = 0.01·Σ0.99^(t−i)g_i.
	c1, c2, c3 := 0.01*g1, 0.01*(0.99*g1+g2), 0.01*(0.99*0.99*g1+0.99*g2+g3)

	// Adadelta with ρ = 0.9, ε = 1e-6, lr = 1.
	av1 := 0.1 * g1 * g1
	d1 := sq(1e-6) / sq(av1+1e-6) * g1
	au1 := 0.1 * d1 * d1
	av2 := 0.9*av1 + 0.1*g2*g2
	d2 := sq(au1+1e-6) / sq(av2+1e-6) * g2
	au2 := 0.9*au1 + 0.1*d2*d2
	av3 := 0.9*av2 + 0.1*g3*g3
	d3 := sq(au2+1e-6) / sq(av3+1e-6) * g3

	tests := []struct {
		name string
		opt  optimlib.Optimizer
		want [3]float64
	}{
		{"GD", optimlib.NewGD(0.1), [3]float64{0.95, 1.1, 0.9}},
		// v = −0.05, 0.105, −0.1055
		{"Momentum", optimlib.NewMomentum(0.1), [3]float64{0.95, 1.055, 0.9495}},
		// b = 0.5, −1.05, 1.055: the same points as Momentum at constant lr.
		{"SGD momentum", &optimlib.SGD{LR: 0.1, Momentum: 0.9}, [3]float64{0.95, 1.055, 0.9495}},
		// b = 0.5 (first step undamped), 0.45 − 0.75 = −0.3, −0.27 + 1 = 0.73.
		{"SGD dampening", &optimlib.SGD{LR: 0.1, Momentum: 0.9, Dampening: 0.5}, [3]float64{0.95, 0.98, 0.907}},
		// d = 0.95, −2.445, 2.9495.
		{"Nesterov", optimlib.NewNesterov(0.1), [3]float64{0.905, 1.1495, 0.85455}},
		{"Adagrad", optimlib.NewAdagrad(0.1), [3]float64{
			1 - 0.1*g1/(sq(0.25)+1e-10),
			1 - 0.1*g1/(sq(0.25)+1e-10) - 0.1*g2/(sq(2.5)+1e-10),
			1 - 0.1*g1/(sq(0.25)+1e-10) - 0.1*g2/(sq(2.5)+1e-10) - 0.1*g3/(sq(6.5)+1e-10),
		}},
		// lr/(1+(t−1)·0.5) = 0.1, 0.1/1.5, 0.05; S starts at 0.1.
		{"Adagrad decay+init", &optimlib.Adagrad{LR: 0.1, LRDecay: 0.5, InitialAccumulator: 0.1, Eps: 1e-10}, [3]float64{
			1 - 0.1*g1/(sq(0.35)+1e-10),
			1 - 0.1*g1/(sq(0.35)+1e-10) - 0.1/1.5*g2/(sq(2.6)+1e-10),
			1 - 0.1*g1/(sq(0.35)+1e-10) - 0.1/1.5*g2/(sq(2.6)+1e-10) - 0.05*g3/(sq(6.6)+1e-10),
		}},
		{"RMSprop", optimlib.NewRMSprop(0.01), [3]float64{
			1 - 0.01*g1/(sq(r1)+1e-8),
			1 - 0.01*g1/(sq(r1)+1e-8) - 0.01*g2/(sq(r2)+1e-8),
			1 - 0.01*g1/(sq(r1)+1e-8) - 0.01*g2/(sq(r2)+1e-8) - 0.01*g3/(sq(r3)+1e-8),
		}},
		{"RMSprop centered", &optimlib.RMSprop{LR: 0.01, Alpha: 0.99, Eps: 1e-8, Centered: true}, [3]float64{
			1 - 0.01*g1/(sq(r1-c1*c1)+1e-8),
			1 - 0.01*g1/(sq(r1-c1*c1)+1e-8) - 0.01*g2/(sq(r2-c2*c2)+1e-8),
			1 - 0.01*g1/(sq(r1-c1*c1)+1e-8) - 0.01*g2/(sq(r2-c2*c2)+1e-8) - 0.01*g3/(sq(r3-c3*c3)+1e-8),
		}},
		// buffer b1 = g1/√r1', b2 = 0.9·b1 + g2/√r2', b3 = 0.81·b1 + 0.9·g2/√r2' + g3/√r3'.
		{"RMSprop momentum", &optimlib.RMSprop{LR: 0.01, Alpha: 0.99, Eps: 1e-8, Momentum: 0.9}, [3]float64{
			1 - 0.01*(g1/(sq(r1)+1e-8)),
			1 - 0.01*(g1/(sq(r1)+1e-8)) - 0.01*(0.9*g1/(sq(r1)+1e-8)+g2/(sq(r2)+1e-8)),
			1 - 0.01*(g1/(sq(r1)+1e-8)) - 0.01*(0.9*g1/(sq(r1)+1e-8)+g2/(sq(r2)+1e-8)) -
				0.01*(0.81*g1/(sq(r1)+1e-8)+0.9*g2/(sq(r2)+1e-8)+g3/(sq(r3)+1e-8)),
		}},
		{"Adadelta", optimlib.NewAdadelta(1), [3]float64{1 - d1, 1 - d1 - d2, 1 - d1 - d2 - d3}},
		{"Adam", optimlib.NewAdam(0.1), [3]float64{a1, a2, a3}},
		// x ← 0.999·x (decoupled λ = 0.01 at lr 0.1), then the same Adam step.
		{"AdamW", optimlib.NewAdamW(0.1), [3]float64{
			0.999 - adamStep(0.1, m1, v1, 0),
			(0.999-adamStep(0.1, m1, v1, 0))*0.999 - adamStep(0.1, m2, v2, 1),
			((0.999-adamStep(0.1, m1, v1, 0))*0.999-adamStep(0.1, m2, v2, 1))*0.999 - adamStep(0.1, m3, v3, 2),
		}},
		{"NAdam", optimlib.NewNAdam(0.1), [3]float64{n1, n2, n3}},
		// ρ∞ = 1999 and ρ_t = 1, 1.999, 2.998 ≤ 5: plain bias-corrected momentum.
		{"RAdam", optimlib.NewRAdam(0.1), [3]float64{
			1 - 0.1*m1/0.1, 1 - 0.1*m1/0.1 - 0.1*m2/0.19, 1 - 0.1*m1/0.1 - 0.1*m2/0.19 - 0.1*m3/0.271,
		}},
		// u = |g1|+ε, then max(0.999u, |g2|+ε) = 1.5+ε, then 2+ε.
		{"Adamax", optimlib.NewAdamax(0.1), [3]float64{
			1 - 0.1/0.1*m1/(0.5+1e-8),
			1 - 0.1/0.1*m1/(0.5+1e-8) - 0.1/0.19*m2/(1.5+1e-8),
			1 - 0.1/0.1*m1/(0.5+1e-8) - 0.1/0.19*m2/(1.5+1e-8) - 0.1/0.271*m3/(2+1e-8),
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x := []float64{1}
			for i, g := range []float64{g1, g2, g3} {
				tc.opt.Step(x, []float64{g})
				assertClose(t, tc.name+" x"+string(rune('1'+i)), x[0], tc.want[i], 1e-12)
			}
		})
	}
}

// AMSGrad differs from Adam only when v shrinks: g = 10, 0.1, 0.1 gives
// v = 0.1, 0.09991, 0.09982009, so v̄ stays 0.1 from step 1 on.
func TestAMSGradKeepsMaxOfRawV(t *testing.T) {
	sq := math.Sqrt
	m := []float64{1, 0.91, 0.829}
	bc1 := []float64{0.1, 0.19, 0.271}
	bc2 := []float64{0.001, 1 - 0.999*0.999, 1 - 0.999*0.999*0.999}
	x1 := 1 - 0.1*(m[0]/bc1[0])/(sq(0.1/bc2[0])+1e-8)
	x2 := x1 - 0.1*(m[1]/bc1[1])/(sq(0.1/bc2[1])+1e-8)
	x3 := x2 - 0.1*(m[2]/bc1[2])/(sq(0.1/bc2[2])+1e-8)
	ams, adam := optimlib.NewAMSGrad(0.1), optimlib.NewAdam(0.1)
	xa, xb := []float64{1}, []float64{1}
	for i, g := range []float64{10, 0.1, 0.1} {
		ams.Step(xa, []float64{g})
		adam.Step(xb, []float64{g})
		assertClose(t, "AMSGrad x", xa[0], []float64{x1, x2, x3}[i], 1e-12)
	}
	if xa[0] == xb[0] {
		t.Errorf("AMSGrad and Adam agree (%v) although v shrank", xa[0])
	}
}

// RAdam switches to the rectified step once ρ_t > 5, at t = 6 for β₂ = 0.999.
// With a constant gradient g, m̂ = g and v = g²(1 − β₂ᵗ), so step 6 moves by
// η·g·r₆·√(1−β₂⁶)/(√v₆ + ε) after five momentum steps of η·g each.
func TestRAdamRectifiesAtStepSix(t *testing.T) {
	o := optimlib.NewRAdam(0.1)
	if o.Rectified(5) || !o.Rectified(6) {
		t.Fatalf("Rectified(5), Rectified(6) = %v, %v; want false, true", o.Rectified(5), o.Rectified(6))
	}
	const g = 0.5
	b6 := math.Pow(0.999, 6)
	rhoInf := 2/0.001 - 1
	rho6 := rhoInf - 2*6*b6/(1-b6)
	r6 := math.Sqrt((rho6 - 4) * (rho6 - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rho6))
	v6 := g * g * (1 - b6)
	want := 1 - 5*0.1*g - 0.1*g*r6*math.Sqrt(1-b6)/(math.Sqrt(v6)+1e-8)
	x := []float64{1}
	for range 6 {
		o.Step(x, []float64{g})
	}
	assertClose(t, "RAdam x6", x[0], want, 1e-12)
}

// Adamax's u keeps the decayed maximum when the new |g| is smaller:
// g = 2, 0.5 gives u = 2+ε, then max(0.999(2+ε), 0.5+ε) = 0.999(2+ε).
func TestAdamaxKeepsDecayedMax(t *testing.T) {
	o := optimlib.NewAdamax(0.1)
	x := []float64{1}
	o.Step(x, []float64{2})
	o.Step(x, []float64{0.5})
	u2 := 0.999 * (2 + 1e-8)
	want := 1 - 1*(0.2/(2+1e-8)) - 0.1/0.19*(0.18+0.05)/u2
	assertClose(t, "Adamax x2", x[0], want, 1e-12)
}

// allOptimizers returns one of each optimizer at lr, with their defaults.
func allOptimizers(lr float64) []optimlib.Optimizer {
	return []optimlib.Optimizer{
		optimlib.NewGD(lr), optimlib.NewMomentum(lr), optimlib.NewSGD(lr), optimlib.NewNesterov(lr),
		optimlib.NewAdagrad(lr), optimlib.NewRMSprop(lr), optimlib.NewAdadelta(lr), optimlib.NewAdam(lr),
		optimlib.NewAdamW(lr), optimlib.NewAMSGrad(lr), optimlib.NewNAdam(lr), optimlib.NewRAdam(lr),
		optimlib.NewAdamax(lr),
	}
}

// Coordinates are independent: a 2-D step equals two 1-D steps.
func TestCoordinatesAreIndependent(t *testing.T) {
	gs := [][2]float64{{g1, -0.7}, {g2, 0.3}, {g3, 1.1}}
	for i, o2 := range allOptimizers(0.05) {
		oa, ob := allOptimizers(0.05)[i], allOptimizers(0.05)[i]
		x, xa, xb := []float64{1, -2}, []float64{1}, []float64{-2}
		for _, g := range gs {
			o2.Step(x, g[:])
			oa.Step(xa, []float64{g[0]})
			ob.Step(xb, []float64{g[1]})
		}
		if x[0] != xa[0] || x[1] != xb[0] {
			t.Errorf("%s: 2-D %v, 1-D %v %v", o2.Name(), x, xa, xb)
		}
	}
}
