package optimlib_test

import (
	"fmt"

	"github.com/descentlab/descent/optimlib"
)

// A two-layer tanh network with 8 hidden units learns the two moons, which
// no linear classifier separates.
func ExampleTwoLayerNet() {
	net := optimlib.MustTwoMoonsNet(200, 0.1, 1, 8, optimlib.Tanh)
	w0 := net.InitWeights(1, 1)
	res := optimlib.Minimize(optimlib.FullBatch(net), optimlib.NewAdam(0.05), w0, 1000)
	fmt.Printf("%d parameters; accuracy %.2f → %.2f\n", net.NumParams(), net.Accuracy(w0), net.Accuracy(res.X))
	// Output: 33 parameters; accuracy 0.52 → 1.00
}
