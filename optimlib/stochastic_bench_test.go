package optimlib_test

import (
	"strconv"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// BenchmarkRunMiniBatch measures mini-batch SGD on linear regression
// (N = 10,000, p = 10): one op is one epoch; examples/s counts example
// gradients.
func BenchmarkRunMiniBatch(b *testing.B) {
	w := []float64{1, -1, 2, -2, 0.5, -0.5, 0, 3, -3, 1}
	d, err := optimlib.NewLinearRegression(10000, w, 0.1, 1)
	if err != nil {
		b.Fatal(err)
	}
	for _, batch := range []int{1, 32, 10000} {
		b.Run("B="+strconv.Itoa(batch), func(b *testing.B) {
			b.ReportAllocs()
			res, err := optimlib.RunMiniBatch(d, optimlib.NewGD(0.01), make([]float64, 10),
				optimlib.MiniBatchConfig{BatchSize: batch, Epochs: b.N, Seed: 1})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(res.Examples)/b.Elapsed().Seconds(), "examples/s")
		})
	}
}
