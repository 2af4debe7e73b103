package optimlib_test

import (
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// BenchmarkAnneal measures simulated annealing on built-in landscapes: one op
// is one run of 10,000 proposals; evals/s counts evaluations of f.
func BenchmarkAnneal(b *testing.B) {
	for _, l := range []*optimlib.Landscape{optimlib.DoubleWell(0.3), optimlib.Rastrigin(2), optimlib.Himmelblau()} {
		b.Run(l.Name, func(b *testing.B) {
			b.ReportAllocs()
			evals := 0
			for i := range b.N {
				res, err := optimlib.Anneal(l, l.Start, optimlib.AnnealConfig{MaxSteps: 10000, Seed: uint64(i),
					Cooling: optimlib.NewExponentialCooling(1, 0.999), Scale: 0.3})
				if err != nil {
					b.Fatal(err)
				}
				evals += res.FuncEvals
			}
			b.ReportMetric(float64(evals)/b.Elapsed().Seconds(), "evals/s")
		})
	}
}
