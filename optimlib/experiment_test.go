package optimlib_test

import (
	"context"
	"math"
	"reflect"
	"runtime"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// experimentFake is a trial whose outcome is set by hand: x = seed,
// f = seed mod 5, seed function evaluations and one analytic gradient
// evaluation, so a cost of seed + 1.
func experimentFake(seed uint64) *optimlib.Result {
	return &optimlib.Result{X: []float64{float64(seed)}, F: float64(seed % 5), FuncEvals: int(seed), GradEvals: 1,
		Cost: int(seed) + 1, Reason: optimlib.StopMaxSteps}
}

// TestExperimentSummaryByHand checks the summary on the fake trial, seeds
// 0..9: f = 0,1,2,3,4,0,1,2,3,4 (median 2, best 0, worst 4); costs
// seed+1 = 1..10 (median and mean 5.5); f ≤ 1 holds for seeds 0, 1, 5, 6.
func TestExperimentSummaryByHand(t *testing.T) {
	exp, err := optimlib.RunExperiment(experimentFake, optimlib.ExperimentConfig{Seeds: 10, Success: optimlib.BelowF(1)})
	if err != nil {
		t.Fatal(err)
	}
	if exp.Ran != 10 || exp.Successes != 4 || exp.SuccessRate != 0.4 {
		t.Errorf("ran %d, successes %d, rate %g; want 10, 4, 0.4", exp.Ran, exp.Successes, exp.SuccessRate)
	}
	if exp.MedianF != 2 || exp.BestF != 0 || exp.WorstF != 4 || exp.MedianEvals != 5.5 || exp.MeanEvals != 5.5 {
		t.Errorf("median f %g, best %g, worst %g, median evals %g, mean evals %g",
			exp.MedianF, exp.BestF, exp.WorstF, exp.MedianEvals, exp.MeanEvals)
	}
	for i, o := range exp.Outcomes {
		if o.Seed != uint64(i) || o.X[0] != float64(i) || !o.Ran {
			t.Errorf("outcome %d: %+v", i, o)
		}
	}
	want := "10 seeds: success 4/10 (40%), median f 2 (best 0, worst 4), median evals 6"
	if got := exp.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if exp.Results != nil {
		t.Error("Results kept without KeepResults")
	}
	// FirstSeed shifts the seeds; without a rule the rate is NaN.
	exp, _ = optimlib.RunExperiment(experimentFake, optimlib.ExperimentConfig{Seeds: 3, FirstSeed: 7, KeepResults: true})
	if got := exp.FinalCoord(0); !reflect.DeepEqual(got, []float64{7, 8, 9}) || !math.IsNaN(exp.SuccessRate) {
		t.Errorf("seeds 7..9: x %v, rate %g", got, exp.SuccessRate)
	}
	if len(exp.Results) != 3 || exp.Results[2].X[0] != 9 || !reflect.DeepEqual(exp.FinalF(), []float64{2, 3, 4}) {
		t.Errorf("KeepResults: %v, FinalF %v", exp.Results, exp.FinalF())
	}
}

// TestExperimentFailures checks that a panicking trial or a nil result is
// a failed outcome and does not stop the others.
func TestExperimentFailures(t *testing.T) {
	trial := func(seed uint64) *optimlib.Result {
		switch seed {
		case 3:
			panic("boom")
		case 5:
			return nil
		}
		return experimentFake(seed)
	}
	exp, err := optimlib.RunExperiment(trial, optimlib.ExperimentConfig{Seeds: 8, Workers: 2, Success: optimlib.BelowF(10)})
	if err != nil {
		t.Fatal(err)
	}
	if exp.Ran != 8 || exp.Failed != 2 || exp.Successes != 6 {
		t.Errorf("ran %d, failed %d, successes %d; want 8, 2, 6", exp.Ran, exp.Failed, exp.Successes)
	}
	if exp.Outcomes[3].Err == nil || exp.Outcomes[5].Err == nil || exp.Outcomes[3].Reason != optimlib.StopFailed {
		t.Errorf("outcomes 3 and 5 should have failed: %+v / %+v", exp.Outcomes[3], exp.Outcomes[5])
	}
	if _, err := optimlib.RunExperiment(nil, optimlib.ExperimentConfig{}); err == nil {
		t.Error("nil trial: no error")
	}
	if _, err := optimlib.RunExperiment(experimentFake, optimlib.ExperimentConfig{Seeds: -1}); err == nil {
		t.Error("negative Seeds: no error")
	}
}

// TestExperimentCancelled checks that a cancelled context skips the trials.
func TestExperimentCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	exp, err := optimlib.RunExperiment(experimentFake, optimlib.ExperimentConfig{Seeds: 5, Context: ctx})
	if err != nil || exp.Ran != 0 || !exp.Interrupted || exp.Outcomes[4].Reason != optimlib.StopInterrupted {
		t.Errorf("cancelled: ran %d, interrupted %v, err %v", exp.Ran, exp.Interrupted, err)
	}
}

// TestExperimentDeterministic checks that the outcome of every seed, and so
// the summary, is bit-identical whatever the number of workers and
// GOMAXPROCS: annealing and restarts on the double well, 40 seeds.
func TestExperimentDeterministic(t *testing.T) {
	well := optimlib.DoubleWell(0.3)
	trials := map[string]optimlib.Trial{
		"anneal": optimlib.AnnealTrial(well, []float64{1},
			optimlib.AnnealConfig{MaxSteps: 1500, Cooling: optimlib.NewExponentialCooling(1, 0.997), Scale: 0.3}),
		"restarts": optimlib.RestartTrial(well, func() optimlib.Optimizer { return optimlib.NewAdam(0.05) }, []float64{1},
			restartWellConfig(4, 0)),
	}
	prev := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(prev)
	for name, trial := range trials {
		var first *optimlib.Experiment
		for _, setting := range []struct{ procs, workers int }{{1, 1}, {2, 2}, {2, 1}, {2, 0}, {2, 8}} {
			runtime.GOMAXPROCS(setting.procs)
			exp, err := optimlib.RunExperiment(trial, optimlib.ExperimentConfig{Seeds: 40, Workers: setting.workers,
				Success: optimlib.NearGlobalMin(well, 0.1)})
			if err != nil {
				t.Fatal(err)
			}
			if first == nil {
				first = exp
				continue
			}
			if !reflect.DeepEqual(exp, first) {
				t.Errorf("%s: GOMAXPROCS %d, %d workers: a different experiment than GOMAXPROCS 1, 1 worker",
					name, setting.procs, setting.workers)
			}
		}
	}
}

// TestExperimentEscapeRates is the lesson's table, 100 seeds each from the
// shallow well of (x² − 1)² + 0.3x at x0 = 1: plain GD never reaches the
// global minimum, annealing and restarts almost always do (≥ 80 of 100).
func TestExperimentEscapeRates(t *testing.T) {
	well := optimlib.DoubleWell(0.3)
	near := optimlib.NearGlobalMin(well, 0.1)
	tests := []struct {
		name     string
		trial    optimlib.Trial
		min, max int
	}{
		{"GD", func(seed uint64) *optimlib.Result {
			return optimlib.Minimize(well, optimlib.NewGD(0.01), []float64{1}, 3000)
		}, 0, 0},
		{"anneal", optimlib.AnnealTrial(well, []float64{1},
			optimlib.AnnealConfig{MaxSteps: 2000, Cooling: optimlib.NewExponentialCooling(1, 0.997), Scale: 0.3}), 80, 100},
		{"restarts", optimlib.RestartTrial(well, func() optimlib.Optimizer { return optimlib.NewGD(0.01) }, []float64{1},
			restartWellConfig(5, 0)), 80, 100},
	}
	for _, tc := range tests {
		exp, err := optimlib.RunExperiment(tc.trial, optimlib.ExperimentConfig{Seeds: 100, Success: near})
		if err != nil {
			t.Fatal(err)
		}
		if exp.Successes < tc.min || exp.Successes > tc.max {
			t.Errorf("%s: %d of 100 reached the global minimum, want %d..%d", tc.name, exp.Successes, tc.min, tc.max)
		}
		t.Logf("%s: %v", tc.name, exp)
	}
}

// TestSuccessRules checks the rules on points chosen by hand.
func TestSuccessRules(t *testing.T) {
	near := optimlib.NearPoint([]float64{1, 2}, 0.5)
	him := optimlib.NearGlobalMin(optimlib.Himmelblau(), 0.01)
	tests := []struct {
		name string
		rule optimlib.SuccessRule
		x    []float64
		f    float64
		want bool
	}{
		{"near: distance 0.5", near, []float64{1.3, 2.4}, 0, true},
		{"near: distance 0.51", near, []float64{1.51, 2}, 0, false},
		{"near: wrong length", near, []float64{1}, 0, false},
		{"Himmelblau (3, 2)", him, []float64{3, 2}, 0, true},
		{"Himmelblau (−2.805118, 3.131312)", him, []float64{-2.805118, 3.131312}, 0, true},
		{"Himmelblau max", him, []float64{-0.270845, -0.923039}, 181.6, false},
		{"below: equal", optimlib.BelowF(1), nil, 1, true},
		{"below: above", optimlib.BelowF(1), nil, 1.01, false},
	}
	for _, tc := range tests {
		if got := tc.rule(tc.x, tc.f); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}
