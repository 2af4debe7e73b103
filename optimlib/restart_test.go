package optimlib_test

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// restartWellConfig restarts GD on the double well from uniform starts in
// [−2, 2].
func restartWellConfig(starts int, seed uint64) optimlib.RestartConfig {
	return optimlib.RestartConfig{Starts: starts, Seed: seed,
		Sampler: optimlib.NewUniformStarts([]float64{-2}, []float64{2}),
		Run:     optimlib.RunConfig{MaxSteps: 3000, GradTol: 1e-9}}
}

// TestRestartsEscapeDoubleWell checks restarts against a probability worked
// out by hand. GD on (x² − 1)² + 0.3x ends in the global minimum exactly
// when it starts left of the barrier at 0.075429. The first run starts at
// x0 = 1 (local); each of the other 4 starts, uniform on [−2, 2], is left of
// the barrier with probability p = (0.075429 + 2)/4 = 0.518857. So restarts
// miss the global minimum with probability (1 − p)⁴ = 0.05357, and the
// number of successes in 100 seeds is Binomial(100, 0.94643): mean 94.6,
// standard deviation 2.25.
func TestRestartsEscapeDoubleWell(t *testing.T) {
	well := optimlib.DoubleWell(0.3)
	found := 0
	for seed := range uint64(100) {
		res, err := optimlib.Restarts(well, optimlib.NewGD(0.01), []float64{1}, restartWellConfig(5, seed))
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(res.Runs[0].X[0]-wellLocalMin) > 1e-6 {
			t.Fatalf("seed %d: the run from x0 = 1 should stay local, ends at %g", seed, res.Runs[0].X[0])
		}
		if math.Abs(res.X[0]-wellGlobalMin) < 1e-6 {
			found++
		}
	}
	p := (wellBarrier + 2) / 4
	mean := 100 * (1 - math.Pow(1-p, 4))
	sd := math.Sqrt(mean * (1 - mean/100))
	if found < 80 || math.Abs(float64(found)-mean) > 4*sd {
		t.Errorf("restarts found the global minimum in %d of 100 seeds; want ≥ 80 and within 4 sd of %.1f", found, mean)
	}
	t.Logf("restarts: global minimum in %d/100 seeds (expected %.1f ± %.1f)", found, mean, sd)
}

// TestRestartsBookkeeping checks that every run is kept and the totals and
// the best run are consistent.
func TestRestartsBookkeeping(t *testing.T) {
	well := optimlib.DoubleWell(0.3)
	res, err := optimlib.Restarts(well, optimlib.NewGD(0.01), []float64{1}, restartWellConfig(6, 11))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Runs) != 6 || len(res.Starts) != 6 || !slices.Equal(res.Starts[0], []float64{1}) {
		t.Fatalf("%d runs, %d starts, first start %v", len(res.Runs), len(res.Starts), res.Starts[0])
	}
	steps, evals := 0, 0
	for j, r := range res.Runs {
		steps += r.Steps
		evals += r.FuncEvals
		if r.F < res.Runs[res.Best].F {
			t.Errorf("run %d has f = %g below the best run's %g", j, r.F, res.Runs[res.Best].F)
		}
		if s := res.Starts[j][0]; j > 0 && (s < -2 || s > 2) {
			t.Errorf("start %d = %g outside the window", j, s)
		}
		if got := r.Trace.Point(0); !slices.Equal(got, res.Starts[j]) {
			t.Errorf("run %d starts at %v, recorded start %v", j, got, res.Starts[j])
		}
	}
	if res.Steps != steps || res.FuncEvals != evals || !slices.Equal(res.X, res.Runs[res.Best].X) {
		t.Errorf("totals %d/%d (want %d/%d), X %v (best run %v)", res.Steps, res.FuncEvals, steps, evals, res.X, res.Runs[res.Best].X)
	}
	if len(res.Finals()) != 6 || res.Optimizer != "Restarts(6× GD(lr=0.01))" {
		t.Errorf("Finals %v, name %q", res.Finals(), res.Optimizer)
	}
	again, _ := optimlib.Restarts(well, optimlib.NewGD(0.01), []float64{1}, restartWellConfig(6, 11))
	other, _ := optimlib.Restarts(well, optimlib.NewGD(0.01), []float64{1}, restartWellConfig(6, 12))
	if !slices.EqualFunc(again.Starts, res.Starts, slices.Equal) {
		t.Error("same seed, different starts")
	}
	if slices.EqualFunc(other.Starts, res.Starts, slices.Equal) {
		t.Error("different seeds, same starts")
	}
	// Without x0 every start is drawn, and the dimension comes from the sampler.
	drawn, err := optimlib.Restarts(well, optimlib.NewGD(0.01), nil, restartWellConfig(3, 11))
	if err != nil || len(drawn.Starts) != 3 || slices.Equal(drawn.Starts[0], []float64{1}) {
		t.Errorf("nil x0: %v, %v", drawn, err)
	}
}

// TestRestartsStops checks interruption and bad input.
func TestRestartsStops(t *testing.T) {
	well := optimlib.DoubleWell(0.3)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cfg := restartWellConfig(10, 1)
	cfg.Run.Context = ctx
	res, err := optimlib.Restarts(well, optimlib.NewGD(0.01), []float64{1}, cfg)
	if err != nil || len(res.Runs) != 1 || res.Reason != optimlib.StopInterrupted {
		t.Errorf("cancelled: %d runs, reason %v, err %v", len(res.Runs), res.Reason, err)
	}
	sampler := optimlib.NewUniformStarts([]float64{-2}, []float64{2})
	bad := []struct {
		name string
		obj  optimlib.Objective
		opt  optimlib.Optimizer
		x0   []float64
		cfg  optimlib.RestartConfig
	}{
		{"nil objective", nil, optimlib.NewGD(0.1), []float64{1}, optimlib.RestartConfig{Sampler: sampler}},
		{"nil optimizer", well, nil, []float64{1}, optimlib.RestartConfig{Sampler: sampler}},
		{"no sampler", well, optimlib.NewGD(0.1), []float64{1}, optimlib.RestartConfig{}},
		{"negative starts", well, optimlib.NewGD(0.1), []float64{1}, optimlib.RestartConfig{Sampler: sampler, Starts: -1}},
		{"no dimension", well, optimlib.NewGD(0.1), nil, optimlib.RestartConfig{Sampler: optimlib.StartFunc(func(x []float64, r *rand.Rand) {})}},
	}
	for _, tc := range bad {
		if _, err := optimlib.Restarts(tc.obj, tc.opt, tc.x0, tc.cfg); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

// TestStartSamplers checks the samplers' ranges and moments.
func TestStartSamplers(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	box := optimlib.UniformStartsIn(optimlib.Window{XMin: -1, XMax: 3, YMin: 10, YMax: 11}, 2)
	normal := &optimlib.NormalStarts{Mean: []float64{5}, Std: 2}
	x := make([]float64, 2)
	const n = 100000
	var sumX, sumY, sumN, sqN float64
	for range n {
		box.Sample(x, rng)
		if x[0] < -1 || x[0] > 3 || x[1] < 10 || x[1] > 11 {
			t.Fatalf("uniform start %v outside the window", x)
		}
		sumX += x[0]
		sumY += x[1]
		normal.Sample(x, rng)
		sumN += x[1] // the second coordinate reuses Mean[0]
		sqN += (x[1] - 5) * (x[1] - 5)
	}
	// Means of U[−1,3] and U[10,11]: 1 and 10.5 (standard errors 0.004 and 0.001).
	if math.Abs(sumX/n-1) > 0.02 || math.Abs(sumY/n-10.5) > 0.005 {
		t.Errorf("uniform means %g, %g; want 1, 10.5", sumX/n, sumY/n)
	}
	if math.Abs(sumN/n-5) > 0.03 || math.Abs(sqN/n-4) > 0.08 {
		t.Errorf("normal mean %g, variance %g; want 5, 4", sumN/n, sqN/n)
	}
	cube := optimlib.UniformStartsIn(optimlib.Window{XMin: 0, XMax: 1, YMin: 5, YMax: 6}, 3)
	y := make([]float64, 3)
	cube.Sample(y, rng)
	for _, v := range y {
		if v < 0 || v > 1 {
			t.Errorf("3-D start %v should use [XMin, XMax] for every coordinate", y)
		}
	}
}
