package optimlib_test

import (
	"fmt"

	"github.com/descentlab/descent/optimlib"
)

// SGLD turns descent into sampling: on f = x²/2 its iterates spread like
// N(0, 1) instead of converging to 0 (with the constant step ε = 0.05 the
// variance is 1/(1 − ε/4) ≈ 1.013).
func ExampleSGLD() {
	normal := optimlib.FromFuncGrad(func(x []float64) float64 { return x[0] * x[0] / 2 },
		func(g, x []float64) { g[0] = x[0] })
	var n, sum, sq float64
	moments := func(step int, x []float64, f float64) bool {
		if step >= 1000 { // burn-in
			n, sum, sq = n+1, sum+x[0], sq+x[0]*x[0]
		}
		return true
	}
	_, err := optimlib.Run(normal, &optimlib.SGLD{A: 0.05, Seed: 1}, []float64{3},
		optimlib.RunConfig{MaxSteps: 200000, Callback: moments})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("mean %.2f, variance %.2f\n", sum/n, sq/n-(sum/n)*(sum/n))
	// Output:
	// mean -0.01, variance 0.99
}
