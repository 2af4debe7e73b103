package optimlib_test

import (
	"fmt"
	"math"
	"sync"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// weightedSquares is f(x) = Σ (i+1)·x_i², whose gradient 2(i+1)·x_i is
// known in closed form, so a differenced gradient can be checked against it.
func weightedSquares(x []float64) float64 {
	s := 0.0
	for i, v := range x {
		s += float64(i+1) * v * v
	}
	return s
}

// pointFor returns a point that differs from goroutine to goroutine, so that
// one goroutine writing its coordinates into a shared buffer would corrupt
// another's gradient.
func pointFor(g, k int) []float64 {
	x := make([]float64, 6)
	for i := range x {
		x[i] = float64(g+1)*0.5 + float64(i)*0.25 - float64(k%3)
	}
	return x
}

// TestObjectivesSafeForConcurrentUse evaluates one shared objective from
// several goroutines at once, as the trials of RunExperiment and Compare do.
// Every gradient must equal the closed form at its own point; `go test -race`
// also reports any unsynchronized scratch state.
func TestObjectivesSafeForConcurrentUse(t *testing.T) {
	data, err := optimlib.NewLinearRegression(64, []float64{1, -2, 0.5}, 0.1, 7)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		obj  optimlib.Objective
		want func(grad, x []float64)
		dim  int
	}{
		{"FromFunc", optimlib.FromFunc(weightedSquares), func(grad, x []float64) {
			for i, v := range x {
				grad[i] = 2 * float64(i+1) * v
			}
		}, 6},
		{"FromFuncGrad without a gradient", optimlib.FromFuncGrad(weightedSquares, nil), func(grad, x []float64) {
			for i, v := range x {
				grad[i] = 2 * float64(i+1) * v
			}
		}, 6},
		// The mean of the examples' gradients, summed one example at a
		// time here: independent of the objective's own buffers.
		{"FullBatch", optimlib.FullBatch(data), func(grad, x []float64) {
			clear(grad)
			g := make([]float64, len(grad))
			for i := range data.Len() {
				data.ExampleGrad(g, i, x)
				for j := range grad {
					grad[j] += g[j] / float64(data.Len())
				}
			}
		}, data.NumParams()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			const goroutines, calls = 4, 200
			var wg sync.WaitGroup
			errs := make(chan error, goroutines)
			for g := range goroutines {
				wg.Add(1)
				go func() {
					defer wg.Done()
					grad, want := make([]float64, c.dim), make([]float64, c.dim)
					for k := range calls {
						x := pointFor(g, k)[:c.dim]
						if fg, ok := c.obj.(optimlib.FuncGrader); ok && k%2 == 1 {
							fg.FuncGrad(grad, x)
						} else {
							c.obj.Grad(grad, x)
						}
						c.want(want, x)
						for i := range grad {
							if math.Abs(grad[i]-want[i]) > 1e-6*math.Max(1, math.Abs(want[i])) {
								errs <- fmt.Errorf("goroutine %d, call %d: ∂f/∂x_%d = %g, want %g", g, k, i, grad[i], want[i])
								return
							}
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
		})
	}
}

// TestCompareSharedFromFuncIndependentOfWorkers runs basin hopping on one
// shared FromFunc objective, as lesson 12 does, with 1 and 2 workers: the
// outcomes must be bit-identical (RunExperiment's contract), which a shared
// finite-difference buffer broke.
func TestCompareSharedFromFuncIndependentOfWorkers(t *testing.T) {
	obj := optimlib.FromFunc(optimlib.Rastrigin(2).Func)
	lo, hi := []float64{-5.12, -5.12}, []float64{5.12, 5.12}
	run := func(workers int) *optimlib.Comparison {
		cfg := optimlib.ExperimentConfig{Seeds: 16, MaxEvals: 300, Workers: workers, Success: optimlib.BelowF(0.9949590570932916)}
		return optimlib.MustCompare(cfg, optimlib.BasinHoppingContestant("basin hopping", obj, []float64{4, 4},
			optimlib.BasinHoppingConfig{Low: lo, High: hi}, nil))
	}
	one, two := run(1), run(2)
	for i, a := range one.Experiments[0].Outcomes {
		b := two.Experiments[0].Outcomes[i]
		if a.F != b.F || a.Cost != b.Cost || !sameVec(a.X, b.X) {
			t.Errorf("seed %d: 1 worker f = %v at %v (cost %d), 2 workers f = %v at %v (cost %d)", a.Seed, a.F, a.X, a.Cost, b.F, b.X, b.Cost)
		}
	}
}

func sameVec(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
