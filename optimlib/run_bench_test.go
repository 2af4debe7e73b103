package optimlib_test

import (
	"math"
	"testing"
	"time"

	"github.com/descentlab/descent/optimlib"
)

// BenchmarkRun measures the runner: one op is one step (evaluation, stop
// rules, trace, one optimizer Step). Runs are cut into pieces of at most
// restartEvery·25 steps, so that no trajectory drifts into subnormals.
func BenchmarkRun(b *testing.B) {
	q, q0 := quad1000()
	problems := []struct {
		name string
		obj  optimlib.Objective
		x0   []float64
	}{
		{"rosenbrock2", rosenbrock2{}, []float64{-1.5, 2}},
		{"rosenbrock2-funcgrad", rosenbrock2FG{}, []float64{-1.5, 2}},
		{"quadratic1000", q, q0},
	}
	for _, p := range problems {
		for _, opt := range []optimlib.Optimizer{optimlib.NewGD(1e-4), optimlib.NewAdam(1e-3)} {
			b.Run(p.name+"/"+opt.Name(), func(b *testing.B) {
				b.ReportAllocs()
				piece := restartEvery * 25
				if len(p.x0) > 2 {
					piece = restartEvery
				}
				for left := b.N; left > 0; left -= piece {
					if _, err := optimlib.Run(p.obj, opt, p.x0, optimlib.RunConfig{MaxSteps: min(left, piece)}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "steps/s")
			})
		}
	}
}

// inlineAdamRosenbrock is a hand-written Adam loop on Rosenbrock with the
// gradient inlined, the fastest a compiled Go program could reasonably do;
// withLoss adds the evaluation of f that the runner makes at every step.
func inlineAdamRosenbrock(steps int, withLoss bool) (x, y, f float64) {
	const lr, b1, b2, eps = 1e-3, 0.9, 0.999, 1e-8
	x, y = -1.5, 2
	var m0, m1, v0, v1 float64
	p1, p2 := 1.0, 1.0
	for t := 1; t <= steps; t++ {
		a := y - x*x
		if withLoss {
			f = 100*a*a + (1-x)*(1-x)
		}
		g0 := -400*x*a - 2*(1-x)
		g1 := 200 * a
		p1 *= b1
		p2 *= b2
		if p1 < 1e-200 { // stay out of slow subnormal arithmetic
			p1 = 0
		}
		if p2 < 1e-200 {
			p2 = 0
		}
		m0 += (1 - b1) * (g0 - m0)
		m1 += (1 - b1) * (g1 - m1)
		v0 = b2*v0 + (1-b2)*g0*g0
		v1 = b2*v1 + (1-b2)*g1*g1
		step := lr / (1 - p1)
		c2 := math.Sqrt(1 - p2)
		x -= step * m0 / (math.Sqrt(v0)/c2 + eps)
		y -= step * m1 / (math.Sqrt(v1)/c2 + eps)
	}
	return x, y, f
}

// BenchmarkAdamRosenbrockRunnerVsInline runs 10^6 Adam steps on Rosenbrock
// through Run and through inline loops in the same benchmark, and reports the
// time ratios: runner/inline (inline computing ∇f only) and
// runner/inline+f (inline also computing f, as the runner does). One op is
// one set of the four 10^6-step runs.
func BenchmarkAdamRosenbrockRunnerVsInline(b *testing.B) {
	const steps = 1000000
	var tRunFG, tRun, tInline, tInlineF time.Duration
	var sink float64
	for b.Loop() {
		start := time.Now()
		res, err := optimlib.Run(rosenbrock2FG{}, optimlib.NewAdam(1e-3), []float64{-1.5, 2}, optimlib.RunConfig{MaxSteps: steps})
		tRunFG += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		res2, err := optimlib.Run(rosenbrock2{}, optimlib.NewAdam(1e-3), []float64{-1.5, 2}, optimlib.RunConfig{MaxSteps: steps})
		tRun += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		x, y, _ := inlineAdamRosenbrock(steps, false)
		tInline += time.Since(start)
		start = time.Now()
		_, _, f := inlineAdamRosenbrock(steps, true)
		tInlineF += time.Since(start)
		sink += x + y + f + res.F + res2.F
	}
	n := float64(b.N) * steps
	b.ReportMetric(float64(tRunFG.Nanoseconds())/n, "ns/step-runner-funcgrad")
	b.ReportMetric(float64(tRun.Nanoseconds())/n, "ns/step-runner")
	b.ReportMetric(float64(tInline.Nanoseconds())/n, "ns/step-inline")
	b.ReportMetric(float64(tInlineF.Nanoseconds())/n, "ns/step-inline+f")
	b.ReportMetric(float64(tRunFG)/float64(tInline), "runner-funcgrad/inline")
	b.ReportMetric(float64(tRunFG)/float64(tInlineF), "runner-funcgrad/inline+f")
	b.ReportMetric(float64(tRun)/float64(tInline), "runner/inline")
	if math.IsNaN(sink) {
		b.Log("diverged")
	}
}
