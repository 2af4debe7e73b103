package optimlib_test

import (
	"fmt"

	"github.com/descentlab/descent/optimlib"
)

// Metropolis–Hastings on a standard normal, f = x²/2: the acceptance rate is
// (2/π)·arctan(2/σ), 0.70 for σ = 1.
func ExampleMetropolisHastings() {
	normal := optimlib.FromFunc(func(x []float64) float64 { return x[0] * x[0] / 2 })
	res, err := optimlib.MetropolisHastings(normal, []float64{0}, optimlib.MHConfig{
		MaxSteps: 100000, Scale: 1, BurnIn: 1000, Seed: 1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("acceptance %.2f, mean %.2f, variance %.2f\n", res.AcceptRate, res.Mean()[0], res.Variance()[0])
	// Output:
	// acceptance 0.70, mean 0.01, variance 1.01
}
