package optimlib_test

import (
	"math"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// TestMonkeySaddleCrawlOnAxisEscapeOffAxis checks the doc comment's claims:
// on the +x axis GD crawls to the saddle as x_k ≈ 1/(1+3ηk) (the ODE
// x' = −3x² sampled at t = ηk); just off the axis it leaves along a valley.
func TestMonkeySaddleCrawlOnAxisEscapeOffAxis(t *testing.T) {
	land := optimlib.MonkeySaddle()
	const eta, steps = 0.01, 2000
	on := optimlib.Minimize(land, optimlib.NewGD(eta), []float64{1, 0}, steps)
	want := 1 / (1 + 3*eta*steps)
	if on.X[1] != 0 || math.Abs(on.X[0]-want)/want > 0.05 {
		t.Errorf("from (1, 0): x = %v, want (%.4f, 0) within 5%%", on.X, want)
	}
	off := optimlib.Minimize(land, optimlib.NewGD(eta), land.Start, steps)
	if off.F > -1 || off.X[1] <= 0 {
		t.Errorf("from %v: ended at %v with f = %g, want it to leave along the +60° valley (f < −1, y > 0)", land.Start, off.X, off.F)
	}
}
