package optimlib

import (
	"errors"
	"strings"
	"testing"
)

// TestMustFormsPanicWithTheError checks that each Must form panics with the
// very error its function returns for the same bad input, and returns the
// function's result for good input.
func TestMustFormsPanicWithTheError(t *testing.T) {
	land := Quadratic(1, 10)
	data, err := NewLinearRegression(20, []float64{1, 2}, 0.1, 1)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		good func() any
		bad  func()
		want string // a part of the function's own error for the bad input
	}{
		{"MustRun", func() any { return MustRun(land, NewGD(0.1), []float64{1, 1}, RunConfig{MaxSteps: 3}) },
			func() { MustRun(land, NewGD(0.1), nil, RunConfig{}) }, "empty starting point"},
		{"MustRunMiniBatch", func() any {
			return MustRunMiniBatch(data, NewGD(0.1), []float64{0, 0}, MiniBatchConfig{BatchSize: 5, Epochs: 1})
		}, func() { MustRunMiniBatch(data, NewGD(0.1), []float64{0}, MiniBatchConfig{BatchSize: 5}) }, "w0 has 1 entries"},
		{"MustLinearRegression", func() any { return MustLinearRegression(5, []float64{1}, 0, 1) },
			func() { MustLinearRegression(0, []float64{1}, 0, 1) }, ""},
		{"MustGradNoiseVariance", func() any { return MustGradNoiseVariance(data, []float64{0, 0}, 5) },
			func() { MustGradNoiseVariance(data, []float64{0, 0}, 0) }, ""},
		{"MustBasinHopping", func() any {
			return MustBasinHopping(land, []float64{1, 1}, BasinHoppingConfig{MaxHops: 2})
		}, func() { MustBasinHopping(land, nil, BasinHoppingConfig{}) }, ""},
		{"MustCompare", func() any {
			return MustCompare(ExperimentConfig{Seeds: 2, MaxEvals: 50},
				RunContestant("GD", land, func(uint64) Optimizer { return NewGD(0.1) }, []float64{1, 1}, RunConfig{}))
		}, func() { MustCompare(ExperimentConfig{Seeds: 2, MaxEvals: 50}) }, "no contestants"},
		{"MustRegularizationPath", func() any {
			return MustRegularizationPath(FullBatch(data), []float64{0, 0}, []float64{1}, 1, PathConfig{})
		}, func() { MustRegularizationPath(FullBatch(data), []float64{0, 0}, nil, 1, PathConfig{}) }, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if v := c.good(); v == nil {
				t.Fatal("good input gave no result")
			}
			p := catch(c.bad)
			err, ok := p.(error)
			if !ok {
				t.Fatalf("bad input: panicked with %T %v, want the function's error", p, p)
			}
			if c.want != "" && !strings.Contains(err.Error(), c.want) {
				t.Errorf("panic %q does not say %q", err, c.want)
			}
		})
	}
}

// TestMustPassesTheErrorThrough checks must's two cases.
func TestMustPassesTheErrorThrough(t *testing.T) {
	if p := catch(func() { must(nil) }); p != nil {
		t.Errorf("must(nil) panicked with %v", p)
	}
	sentinel := errors.New("sentinel")
	if p := catch(func() { must(sentinel) }); p != sentinel {
		t.Errorf("must(err) panicked with %v, want the error itself", p)
	}
}

// catch runs f and returns what it panicked with, or nil.
func catch(f func()) (p any) {
	defer func() { p = recover() }()
	f()
	return nil
}
