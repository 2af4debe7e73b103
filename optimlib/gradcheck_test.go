package optimlib_test

import (
	"math"
	"strings"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

func TestCheckGrad(t *testing.T) {
	// A gradient with a wrong second coordinate: 2y² + x instead of 3y² + x.
	// At (0.3, −0.7) the true value is 3·0.49 + 0.3 = 1.77 and the wrong one
	// 0.98 + 0.3 = 1.28, an error of 0.49 / 1.77 ≈ 0.2768.
	wrong := func(g, p []float64) {
		g[0] = math.Cos(p[0]) + p[1]
		g[1] = 2*p[1]*p[1] + p[0]
	}
	// Near the origin the gradient is small: (cos 0.001 + 0.002, 1.2e-5 + 0.001),
	// where the error counts as absolute.
	tests := []struct {
		name    string
		grad    func(g, x []float64)
		x       []float64
		index   int
		maxErr  float64
		tol     float64
		verdict string
	}{
		{"correct", sinCubeGrad, []float64{0.3, -0.7}, -2, 0, 1e-9, "looks right"},
		{"correct near 0", sinCubeGrad, []float64{0.001, 0.002}, -2, 0, 1e-9, "looks right"},
		{"wrong y", wrong, []float64{0.3, -0.7}, 1, 0.49 / 1.77, 1e-8, "wrong"},
	}
	for _, tc := range tests {
		c := optimlib.CheckGrad(optimlib.FromFuncGrad(sinCube, tc.grad), tc.x)
		if tc.index >= 0 && c.Index != tc.index {
			t.Errorf("%s: Index = %d, want %d", tc.name, c.Index, tc.index)
		}
		assertClose(t, tc.name+" MaxError", c.MaxError, tc.maxErr, tc.tol)
		if c.Verdict() != tc.verdict || !strings.HasPrefix(c.String(), "gradient "+tc.verdict) {
			t.Errorf("%s: %s", tc.name, c)
		}
	}
	nanGrad := func(g, p []float64) { g[0], g[1] = 1, math.NaN() }
	if c := optimlib.CheckGrad(optimlib.FromFuncGrad(sinCube, nanGrad), []float64{0, 0}); c.Index != 1 || !math.IsNaN(c.MaxError) || c.Verdict() != "wrong" {
		t.Errorf("NaN gradient: %s", c)
	}
	if c := optimlib.CheckGrad(nil, []float64{1}); c.Index != -1 || c.String() != "gradient check: nothing checked" {
		t.Errorf("nil objective: %s", c)
	}
}
