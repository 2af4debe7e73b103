package optimlib_test

import (
	"math"
	"sync"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// f = sin(x) + y³ + x·y has ∇f = (cos x + y, 3y² + x).
func sinCube(p []float64) float64 { return math.Sin(p[0]) + p[1]*p[1]*p[1] + p[0]*p[1] }

func sinCubeGrad(g, p []float64) {
	g[0] = math.Cos(p[0]) + p[1]
	g[1] = 3*p[1]*p[1] + p[0]
}

// The central difference with h = ∛ε·max(1,|x|) has error ≈ h²·|f⁽³⁾|/6 +
// ε|f|/h; for these points that is below 1e-9 relative.
func TestFromFuncCentralDifference(t *testing.T) {
	obj := optimlib.FromFunc(sinCube)
	for _, p := range [][]float64{{0.3, -0.7}, {1e-8, 2}, {120, -35}} {
		x := append([]float64(nil), p...)
		got := make([]float64, 2)
		want := make([]float64, 2)
		obj.Grad(got, x)
		sinCubeGrad(want, p)
		for i := range want {
			assertClose(t, "numeric gradient", got[i], want[i], 1e-8)
		}
		if x[0] != p[0] || x[1] != p[1] {
			t.Errorf("Grad modified x: %v", x)
		}
		if f := obj.Func(p); f != sinCube(p) {
			t.Errorf("Func = %v, want %v", f, sinCube(p))
		}
	}
}

func TestFromFuncGrad(t *testing.T) {
	obj := optimlib.FromFuncGrad(sinCube, sinCubeGrad)
	g := make([]float64, 2)
	obj.Grad(g, []float64{0, 1})
	if g[0] != 2 || g[1] != 3 {
		t.Errorf("Grad = %v, want [2 3]", g)
	}
	empty := &optimlib.FuncObjective{}
	empty.Grad(g, []float64{0, 1})
	if !math.IsNaN(empty.Func([]float64{1})) || !math.IsNaN(g[0]) {
		t.Error("an objective without F should give NaN")
	}
}

func TestCountingObjective(t *testing.T) {
	c := optimlib.Count(optimlib.FromFuncGrad(sinCube, sinCubeGrad))
	g := make([]float64, 2)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				c.Func([]float64{1, 2})
				c.Grad(make([]float64, 2), []float64{1, 2})
			}
		}()
	}
	wg.Wait()
	f := c.FuncGrad(g, []float64{0, 1})
	if f != 1 || g[0] != 2 || g[1] != 3 {
		t.Errorf("FuncGrad = %v, %v; want 1, [2 3]", f, g)
	}
	if c.FuncEvals() != 401 || c.GradEvals() != 401 {
		t.Errorf("counts %d, %d; want 401, 401", c.FuncEvals(), c.GradEvals())
	}
	c.ResetCounts()
	if c.FuncEvals() != 0 || c.GradEvals() != 0 {
		t.Error("ResetCounts did not reset")
	}
}
