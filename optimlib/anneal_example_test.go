package optimlib_test

import (
	"fmt"

	"github.com/descentlab/descent/optimlib"
)

// Simulated annealing from the same shallow well: hot at first, it crosses
// the barrier; cold at the end, it settles in the deeper well.
func ExampleAnneal() {
	well := optimlib.DoubleWell(0.3)
	res, err := optimlib.Anneal(well, []float64{1}, optimlib.AnnealConfig{
		MaxSteps: 2000,
		Cooling:  optimlib.NewExponentialCooling(1, 0.997),
		Scale:    0.3,
		Seed:     1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	n := len(res.AcceptRates) - 1
	fmt.Printf("best x = %.2f, f = %.3f\n", res.X[0], res.F)
	fmt.Printf("T: %.2f → %.4f\n", res.Temperatures[0], res.Temperatures[n])
	fmt.Printf("acceptance over the last 100 proposals: %.2f at step 100, %.2f at the end\n",
		res.AcceptRates[100], res.AcceptRates[n])
	// Output:
	// best x = -1.04, f = -0.305
	// T: 1.00 → 0.0025
	// acceptance over the last 100 proposals: 0.76 at step 100, 0.04 at the end
}
