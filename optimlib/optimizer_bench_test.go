package optimlib_test

import (
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// benchOptimizers are the optimizers measured, each with a rate that keeps
// both benchmark problems stable for millions of steps.
func benchOptimizers() []optimlib.Optimizer {
	return []optimlib.Optimizer{
		optimlib.NewGD(1e-4), optimlib.NewMomentum(1e-4), &optimlib.SGD{LR: 1e-4, Momentum: 0.9},
		optimlib.NewNesterov(1e-4), optimlib.NewAdagrad(1e-2), optimlib.NewRMSprop(1e-3),
		optimlib.NewAdadelta(1), optimlib.NewAdam(1e-3), optimlib.NewAdamW(1e-3), optimlib.NewAMSGrad(1e-3),
		optimlib.NewNAdam(2e-3), optimlib.NewRAdam(1e-3), optimlib.NewAdamax(2e-3),
	}
}

// quad1000 is a 1,000-dimensional quadratic with eigenvalues 1..10.
func quad1000() (diagQuad, []float64) {
	lambda := make([]float64, 1000)
	x0 := make([]float64, 1000)
	for i := range lambda {
		lambda[i] = 1 + 9*float64(i)/999
		x0[i] = 1
	}
	return diagQuad{lambda}, x0
}

// restartEvery bounds a benchmark trajectory: past it x and the optimizer
// start again, so that no run drifts into subnormal numbers (which would
// measure the FPU's slow path instead of the optimizer).
const restartEvery = 4096

// BenchmarkOptimizerStep measures one gradient evaluation plus one Step; one
// op is one step.
func BenchmarkOptimizerStep(b *testing.B) {
	q, q0 := quad1000()
	problems := []struct {
		name string
		obj  optimlib.Objective
		x0   []float64
	}{
		{"rosenbrock2", rosenbrock2{}, []float64{-1.5, 2}},
		{"quadratic1000", q, q0},
	}
	for _, p := range problems {
		for _, opt := range benchOptimizers() {
			b.Run(p.name+"/"+opt.Name(), func(b *testing.B) {
				x := append([]float64(nil), p.x0...)
				g := make([]float64, len(x))
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					if i%restartEvery == 0 {
						copy(x, p.x0)
						opt.Reset()
					}
					p.obj.Grad(g, x)
					opt.Step(x, g)
				}
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "steps/s")
			})
		}
	}
}
