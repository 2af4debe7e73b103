package optimlib_test

import (
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// BenchmarkMetropolisHastings measures the random-walk sampler: one op is a
// chain of 10,000 proposals, every state kept.
func BenchmarkMetropolisHastings(b *testing.B) {
	for _, l := range []*optimlib.Landscape{optimlib.DoubleWell(0.3), optimlib.Rastrigin(2), optimlib.Himmelblau()} {
		b.Run(l.Name, func(b *testing.B) {
			b.ReportAllocs()
			evals := 0
			for i := range b.N {
				res, err := optimlib.MetropolisHastings(l, l.Start, optimlib.MHConfig{MaxSteps: 10000, Seed: uint64(i),
					Scale: 0.5, Temperature: 1})
				if err != nil {
					b.Fatal(err)
				}
				evals += res.FuncEvals
			}
			b.ReportMetric(float64(evals)/b.Elapsed().Seconds(), "evals/s")
		})
	}
}

// BenchmarkMiniBatchMH measures minibatch Barker MH on the Gaussian-mean
// model with N = 10,000 (posterior sd 0.01, proposal step 0.003): one op is
// a chain of 2,000 tests; examples/test is the mean batch.
func BenchmarkMiniBatchMH(b *testing.B) {
	d, ybar := mhGaussianMean(10000, 1)
	b.ReportAllocs()
	examples, tests := 0, 0
	for i := range b.N {
		res, err := optimlib.MiniBatchMH(d, []float64{ybar}, optimlib.MiniBatchMHConfig{MaxSteps: 2000, Scale: 0.003,
			BatchSize: 100, Seed: uint64(i)})
		if err != nil {
			b.Fatal(err)
		}
		examples += res.Examples
		tests += res.Steps
	}
	b.ReportMetric(float64(tests)/b.Elapsed().Seconds(), "tests/s")
	b.ReportMetric(float64(examples)/float64(tests), "examples/test")
}
