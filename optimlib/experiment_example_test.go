package optimlib_test

import (
	"fmt"

	"github.com/descentlab/descent/optimlib"
)

// 100 seeds of simulated annealing on the double well, in parallel, for two
// cooling schedules: how often does each end near the global minimum, and at
// what cost? Cooling too fast freezes the chain in the well it started in.
func ExampleRunExperiment() {
	well := optimlib.DoubleWell(0.3)
	for _, cfg := range []optimlib.AnnealConfig{
		{MaxSteps: 1000, Cooling: optimlib.NewExponentialCooling(0.5, 0.99), Scale: 0.2},
		{MaxSteps: 2000, Cooling: optimlib.NewExponentialCooling(1, 0.997), Scale: 0.3},
	} {
		exp, err := optimlib.RunExperiment(optimlib.AnnealTrial(well, []float64{1}, cfg), optimlib.ExperimentConfig{
			Seeds:   100,
			Success: optimlib.NearGlobalMin(well, 0.1),
		})
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(cfg.Cooling)
		fmt.Println("  ", exp)
	}
	// Output:
	// exponential(T0=0.5, α=0.99)
	//    100 seeds: success 31/100 (31%), median f 0.2941 (best -0.3054, worst 0.2942), median evals 1001
	// exponential(T0=1, α=0.997)
	//    100 seeds: success 100/100 (100%), median f -0.3054 (best -0.3054, worst -0.3047), median evals 2001
}
