package optimlib_test

import (
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// BenchmarkExperiment measures a 100-seed experiment (annealing on the double
// well, 20,000 proposals per seed), sequential (1 worker) and on all cores;
// the ratio of the two ns/op is the parallel speed-up. "sparse" records
// every 1,000th step, "full" the automatic trace (every step up to 10,000
// points), whose allocation makes the trials partly memory-bound.
func BenchmarkExperiment(b *testing.B) {
	well := optimlib.DoubleWell(0.3)
	for _, trace := range []struct {
		name   string
		stride int
	}{{"sparse", 1000}, {"full", 0}} {
		trial := optimlib.AnnealTrial(well, []float64{1}, optimlib.AnnealConfig{MaxSteps: 20000,
			Cooling: optimlib.NewExponentialCooling(1, 0.9997), Scale: 0.3, Stride: trace.stride})
		for _, bench := range []struct {
			name    string
			workers int
		}{{"sequential", 1}, {"parallel", 0}} {
			b.Run(trace.name+"/"+bench.name, func(b *testing.B) {
				for range b.N {
					exp, err := optimlib.RunExperiment(trial, optimlib.ExperimentConfig{Seeds: 100, Workers: bench.workers,
						Success: optimlib.NearGlobalMin(well, 0.1)})
					if err != nil || exp.Ran != 100 {
						b.Fatal(err)
					}
				}
				b.ReportMetric(100*float64(b.N)/b.Elapsed().Seconds(), "seeds/s")
			})
		}
	}
}
