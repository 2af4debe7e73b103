package optimlib_test

import (
	"fmt"

	"github.com/descentlab/descent/optimlib"
)

// Restarts from the shallow well of (x² − 1)² + 0.3x: the run from x0 = 1
// stays in the local minimum; random starts in [−2, 2] find the global one.
func ExampleRestarts() {
	well := optimlib.DoubleWell(0.3)
	res, err := optimlib.Restarts(well, optimlib.NewGD(0.01), []float64{1}, optimlib.RestartConfig{
		Starts:  5,
		Sampler: optimlib.NewUniformStarts([]float64{-2}, []float64{2}),
		Seed:    1,
		Run:     optimlib.RunConfig{MaxSteps: 3000, GradTol: 1e-8},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for j, run := range res.Runs {
		fmt.Printf("run %d: %6.3f → %.4f\n", j, res.Starts[j][0], run.X[0])
	}
	fmt.Printf("best: run %d, x = %.4f, f = %.4f\n", res.Best, res.X[0], res.F)
	// Output:
	// run 0:  1.000 → 0.9601
	// run 1:  0.388 → 0.9601
	// run 2:  0.066 → -1.0356
	// run 3:  0.440 → 0.9601
	// run 4:  1.466 → 0.9601
	// best: run 2, x = -1.0356, f = -0.3054
}
