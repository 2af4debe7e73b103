package optimlib

import "testing"

// BenchmarkTwoLayerNetFullBatch is one full-batch loss and gradient of the
// lesson's network: 200 moons, 8 tanh units.
func BenchmarkTwoLayerNetFullBatch(b *testing.B) {
	net := MustTwoMoonsNet(200, 0.1, 1, 8, Tanh)
	obj := FullBatch(net)
	w := net.InitWeights(1, 1)
	g := make([]float64, len(w))
	for b.Loop() {
		obj.FuncGrad(g, w)
	}
}
