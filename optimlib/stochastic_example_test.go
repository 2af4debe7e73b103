package optimlib_test

import (
	"fmt"

	"github.com/descentlab/descent/optimlib"
)

// Mini-batch SGD on linear regression: 10 epochs of batches of 20 out of 200
// examples, with the full-data loss after every epoch.
func ExampleRunMiniBatch() {
	data, err := optimlib.NewLinearRegression(200, []float64{2, -1}, 0.1, 7)
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := optimlib.RunMiniBatch(data, optimlib.NewGD(0.1), []float64{0, 0},
		optimlib.MiniBatchConfig{BatchSize: 20, Epochs: 10, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d steps = %g epochs of %d batches\n", res.Steps, res.Epochs, res.BatchesPerEpoch)
	losses := res.EpochTrace.Losses()
	fmt.Printf("full loss: epoch 0 %.3f, epoch 1 %.4f, epoch 10 %.4f\n", losses[0], losses[1], losses[10])
	fmt.Printf("w = [%.2f %.2f]\n", res.X[0], res.X[1])
	// Output:
	// 100 steps = 10 epochs of 10 batches
	// full loss: epoch 0 2.494, epoch 1 0.3065, epoch 10 0.0059
	// w = [2.00 -1.00]
}
