package optimlib_test

import (
	"testing"
	"time"

	"github.com/descentlab/descent/optimlib"
	"gonum.org/v1/gonum/optimize"
)

// BenchmarkSearcherVsGonum measures Run driving L-BFGS and Nelder–Mead on
// Rosenbrock against gonum's own optimize.Minimize with the same method,
// side by side in one iteration; both reach the minimum. It reports the
// time per objective evaluation of each and their ratio.
func BenchmarkSearcherVsGonum(b *testing.B) {
	land := optimlib.Rosenbrock(2)
	problem := optimize.Problem{Func: land.Func, Grad: land.Grad}
	x0 := []float64{-1.2, 1}
	for _, c := range []struct {
		name   string
		ours   func() optimlib.Optimizer
		gonum  func() optimize.Method
		noGrad bool
	}{
		{"LBFGS", func() optimlib.Optimizer { return optimlib.NewLBFGS() }, func() optimize.Method { return &optimize.LBFGS{} }, false},
		{"NelderMead", func() optimlib.Optimizer { return optimlib.NewNelderMead() }, func() optimize.Method { return &optimize.NelderMead{} }, true},
	} {
		b.Run(c.name, func(b *testing.B) {
			var oursNs, gonumNs float64
			var oursEvals, gonumEvals int
			for range b.N {
				start := benchNow()
				res, err := optimlib.Run(land, c.ours(), x0, optimlib.RunConfig{})
				oursNs += benchSince(start)
				if err != nil {
					b.Fatal(err)
				}
				oursEvals += res.FuncEvals + res.GradEvals
				p := problem
				if c.noGrad {
					p.Grad = nil
				}
				start = benchNow()
				gr, err := optimize.Minimize(p, x0, nil, c.gonum())
				gonumNs += benchSince(start)
				if err != nil {
					b.Fatal(err)
				}
				gonumEvals += gr.FuncEvaluations + gr.GradEvaluations
			}
			b.ReportMetric(oursNs/float64(oursEvals), "ns/eval-optimlib")
			b.ReportMetric(gonumNs/float64(gonumEvals), "ns/eval-gonum")
			b.ReportMetric((oursNs/float64(oursEvals))/(gonumNs/float64(gonumEvals)), "optimlib/gonum")
		})
	}
}

// benchNow and benchSince time one part of a benchmark iteration.
func benchNow() time.Time { return time.Now() }

func benchSince(t time.Time) float64 { return float64(time.Since(t).Nanoseconds()) }
