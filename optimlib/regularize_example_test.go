package optimlib_test

import (
	"fmt"

	"github.com/descentlab/descent/optimlib"
)

// The lasso path of a regression where only two of four features matter:
// above λ_max = ‖X'y‖∞ every weight is exactly 0; as λ falls the relevant
// weights enter first.
func ExampleRegularizationPath() {
	data, err := optimlib.NewLinearRegression(100, []float64{3, 0, -2, 0}, 0.5, 4)
	if err != nil {
		fmt.Println(err)
		return
	}
	loss := optimlib.TotalLoss(data) // ½‖Xw − y‖²
	lmax := optimlib.LambdaMax(loss, 4, 1)
	path, err := optimlib.RegularizationPath(loss, make([]float64, 4), optimlib.LambdaGrid(lmax, 5, 0.001), 1, optimlib.PathConfig{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for k, lam := range path.Lambdas {
		w := path.Weights[k]
		fmt.Printf("λ = %8.3f: w = [%5.2f %5.2f %5.2f %5.2f]\n", lam, w[0], w[1], w[2], w[3])
	}
	fmt.Println(path)
	// Output:
	// λ =  350.480: w = [ 0.00  0.00  0.00  0.00]
	// λ =   62.325: w = [ 2.48  0.00 -1.58  0.00]
	// λ =   11.083: w = [ 2.90  0.00 -1.97  0.00]
	// λ =    1.971: w = [ 2.96 -0.03 -2.04  0.04]
	// λ =    0.350: w = [ 2.97 -0.04 -2.06  0.06]
	// lasso path: 5 λ from 350.5 to 0.3505, non-zero weights [0 2 2 4 4]
}
