package optimlib_test

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// Critical points of the tilted double well (x² − 1)² + 0.3x, the roots of
// 4x³ − 4x + 0.3 (reference values from the course notes).
const (
	wellGlobalMin = -1.035579
	wellLocalMin  = 0.960150
	wellBarrier   = 0.075429
)

// TestCoolingSchedules checks each schedule against values computed by hand.
func TestCoolingSchedules(t *testing.T) {
	tests := []struct {
		name string
		c    optimlib.Cooling
		want []float64
	}{
		{"exponential", optimlib.NewExponentialCooling(2, 0.5), []float64{2, 1, 0.5, 0.25}},
		{"log", optimlib.NewLogCooling(1), []float64{1, 1 / math.Log(1+math.E), 1 / math.Log(2+math.E), 1 / math.Log(3+math.E)}},
		{"linear", optimlib.NewLinearCooling(1, 0.25), []float64{1, 0.75, 0.5, 0.25, 0, 0}},
		{"cauchy", optimlib.NewCauchyCooling(3), []float64{3, 1.5, 1, 0.75}},
		{"func", optimlib.CoolingFunc(func(k int) float64 { return float64(10 - k) }), []float64{10, 9, 8}},
	}
	for _, tc := range tests {
		got := optimlib.SampleCooling(tc.c, len(tc.want))
		for k := range tc.want {
			if math.Abs(got[k]-tc.want[k]) > 1e-15 {
				t.Errorf("%s: T = %v, want %v", tc.name, got, tc.want)
				break
			}
		}
	}
	if optimlib.SampleCooling(nil, 3) != nil || optimlib.SampleCooling(optimlib.NewLogCooling(1), 0) != nil {
		t.Error("SampleCooling of nil or n = 0 should be nil")
	}
}

// TestAnnealEscapesDoubleWell is the lesson's claim: started in the shallow
// well of (x² − 1)² + 0.3x at x0 = 1, plain GD settles in the local minimum
// 0.960150 while simulated annealing finds the global one, −1.035579, in
// most seeds.
func TestAnnealEscapesDoubleWell(t *testing.T) {
	well := optimlib.DoubleWell(0.3)
	gd := optimlib.Minimize(well, optimlib.NewGD(0.01), []float64{1}, 5000)
	if math.Abs(gd.X[0]-wellLocalMin) > 1e-5 {
		t.Fatalf("GD from 1 ends at %g, want the local minimum %g", gd.X[0], wellLocalMin)
	}
	cfg := optimlib.AnnealConfig{MaxSteps: 2000, Cooling: optimlib.NewExponentialCooling(1, 0.997), Scale: 0.3}
	found := 0
	for seed := range uint64(100) {
		cfg.Seed = seed
		res, err := optimlib.Anneal(well, []float64{1}, cfg)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(res.X[0]-wellGlobalMin) < 0.1 {
			found++
		}
	}
	if found < 80 {
		t.Errorf("annealing reached the global minimum in %d of 100 seeds, want ≥ 80", found)
	}
	t.Logf("annealing: global minimum in %d/100 seeds", found)
}

// TestAnnealRecords checks the result's bookkeeping on a run with a
// recorded point per step.
func TestAnnealRecords(t *testing.T) {
	well := optimlib.DoubleWell(0.3)
	cfg := optimlib.AnnealConfig{MaxSteps: 500, Cooling: optimlib.NewExponentialCooling(2, 0.99), Scale: 0.5,
		Seed: 3, Stride: 1, AcceptWindow: 50}
	res, err := optimlib.Anneal(well, []float64{1}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Reason != optimlib.StopMaxSteps || res.Steps != 500 || res.Trace.Len() != 501 {
		t.Fatalf("reason %v, steps %d, trace %d; want max steps, 500, 501", res.Reason, res.Steps, res.Trace.Len())
	}
	if len(res.Temperatures) != 501 || len(res.AcceptRates) != 501 {
		t.Fatalf("columns of %d and %d entries, want 501", len(res.Temperatures), len(res.AcceptRates))
	}
	if want := 2 * math.Pow(0.99, 100); math.Abs(res.Temperatures[100]-want) > 1e-13*want {
		t.Errorf("T at step 100 = %g, want 2·0.99^100", res.Temperatures[100])
	}
	// The best point is the lowest f along the chain.
	losses := res.Trace.Losses()
	if best := slices.Min(losses); res.F != best || well.Func(res.X) != res.F {
		t.Errorf("F = %g, lowest f on the chain %g, f(X) = %g", res.F, best, well.Func(res.X))
	}
	// Acceptance is counted: the overall rate and the count agree, and
	// cooling makes uphill moves rarer, so the rate falls.
	if res.AcceptRate != float64(res.Accepted)/500 {
		t.Errorf("AcceptRate %g, Accepted %d", res.AcceptRate, res.Accepted)
	}
	if early, late := res.AcceptRates[100], res.AcceptRates[500]; early <= late {
		t.Errorf("acceptance over the last 50 proposals: %g at step 100, %g at step 500; want a fall", early, late)
	}
	if !math.IsNaN(res.GradNorm) || res.GradEvals != 0 || res.FuncEvals != 501 {
		t.Errorf("GradNorm %g, GradEvals %d, FuncEvals %d; want NaN, 0, 501", res.GradNorm, res.GradEvals, res.FuncEvals)
	}
	// Same seed, same run; another seed, another run.
	again, _ := optimlib.Anneal(well, []float64{1}, cfg)
	if !slices.Equal(again.Trace.Xs(), res.Trace.Xs()) {
		t.Error("same seed, different chains")
	}
	cfg.Seed = 4
	other, _ := optimlib.Anneal(well, []float64{1}, cfg)
	if slices.Equal(other.Trace.Xs(), res.Trace.Xs()) {
		t.Error("different seeds, same chain")
	}
}

// TestAnnealLimits checks cases whose outcome follows from the rule alone.
func TestAnnealLimits(t *testing.T) {
	flat := optimlib.FromFunc(func(x []float64) float64 { return 1 })
	// Δ = 0 is always accepted.
	res, _ := optimlib.Anneal(flat, []float64{0, 0}, optimlib.AnnealConfig{MaxSteps: 300})
	if res.AcceptRate != 1 {
		t.Errorf("flat objective: acceptance %g, want 1", res.AcceptRate)
	}
	// At T = 0 only downhill moves are accepted: f never increases.
	well := optimlib.DoubleWell(0.3)
	res, _ = optimlib.Anneal(well, []float64{1.5}, optimlib.AnnealConfig{MaxSteps: 300, Stride: 1,
		Cooling: optimlib.NewLinearCooling(0, 0), Scale: 0.5})
	losses := res.Trace.Losses()
	for k := 1; k < len(losses); k++ {
		if losses[k] > losses[k-1] {
			t.Fatalf("T = 0: f rose from %g to %g at step %d", losses[k-1], losses[k], k)
		}
	}
	// The box is respected: proposals outside [0.5, 2] are rejected.
	res, _ = optimlib.Anneal(well, []float64{1}, optimlib.AnnealConfig{MaxSteps: 2000, Stride: 1, Scale: 1,
		Low: []float64{0.5}, High: []float64{2}})
	if lo, hi := slices.Min(res.Trace.Xs()), slices.Max(res.Trace.Xs()); lo < 0.5 || hi > 2 {
		t.Errorf("chain left the box [0.5, 2]: range [%g, %g]", lo, hi)
	}
	if res.FuncEvals >= 2001 {
		t.Errorf("%d evaluations: proposals outside the box should not be evaluated", res.FuncEvals)
	}
}

// TestAnnealStops checks the callback, cancellation and bad input.
func TestAnnealStops(t *testing.T) {
	well := optimlib.DoubleWell(0.3)
	res, err := optimlib.Anneal(well, []float64{1}, optimlib.AnnealConfig{MaxSteps: 1000,
		Callback: func(step int, x []float64, f float64) bool { return step < 40 }})
	if err != nil || res.Reason != optimlib.StopCallback || res.Steps != 40 {
		t.Errorf("callback stop: %v, %v", res, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res, err = optimlib.Anneal(well, []float64{1}, optimlib.AnnealConfig{MaxSteps: 1000, Context: ctx})
	if err != nil || res.Reason != optimlib.StopInterrupted || res.Steps != 0 {
		t.Errorf("cancelled context: %v, %v", res, err)
	}
	panicky := optimlib.FromFunc(func(x []float64) float64 {
		if x[0] > 1.2 {
			panic("boom")
		}
		return -x[0] // downhill to the right, into the panic
	})
	res, err = optimlib.Anneal(panicky, []float64{1}, optimlib.AnnealConfig{Scale: 1})
	if err == nil || res == nil || res.Reason != optimlib.StopFailed {
		t.Errorf("panicking f: %v, %v", res, err)
	}
	bad := []struct {
		name string
		obj  optimlib.Objective
		x0   []float64
		cfg  optimlib.AnnealConfig
	}{
		{"nil objective", nil, []float64{1}, optimlib.AnnealConfig{}},
		{"empty x0", well, nil, optimlib.AnnealConfig{}},
		{"negative steps", well, []float64{1}, optimlib.AnnealConfig{MaxSteps: -1}},
		{"negative scale", well, []float64{1}, optimlib.AnnealConfig{Scale: -1}},
		{"short bounds", well, []float64{1}, optimlib.AnnealConfig{Low: []float64{0, 0}}},
	}
	for _, tc := range bad {
		if _, err := optimlib.Anneal(tc.obj, tc.x0, tc.cfg); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}
