package optimlib_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// panicData is a dataset whose losses panic, as a buggy cell would.
type panicData struct{}

func (panicData) Len() int                                    { return 4 }
func (panicData) NumParams() int                              { return 1 }
func (panicData) ExampleLoss(i int, w []float64) float64      { panic("loss bug") }
func (panicData) ExampleGrad(g []float64, i int, w []float64) { panic("grad bug") }

// TestUserPanicsBecomeErrors checks that a panic in code a student passes in
// (objective, dataset, sampler) comes back as an error, never as a crash.
func TestUserPanicsBecomeErrors(t *testing.T) {
	boom := optimlib.FromFuncGrad(func(x []float64) float64 { panic("f bug") }, func(g, x []float64) { panic("grad bug") })
	calls := []struct {
		name string
		call func() error
	}{
		{"Anneal f(x0)", func() error { _, err := optimlib.Anneal(boom, []float64{1}, optimlib.AnnealConfig{}); return err }},
		{"MetropolisHastings f(x0)", func() error {
			_, err := optimlib.MetropolisHastings(boom, []float64{1}, optimlib.MHConfig{})
			return err
		}},
		{"Anneal cooling", func() error {
			_, err := optimlib.Anneal(optimlib.DoubleWell(0.3), []float64{1}, optimlib.AnnealConfig{
				Cooling: optimlib.CoolingFunc(func(k int) float64 { panic("cooling bug") })})
			return err
		}},
		{"RegularizationPath", func() error {
			_, err := optimlib.RegularizationPath(boom, []float64{0}, []float64{1}, 1, optimlib.PathConfig{})
			return err
		}},
		{"GradNoiseVariance", func() error { _, err := optimlib.GradNoiseVariance(panicData{}, []float64{0}, 2); return err }},
		{"SampleGradNoiseVariance", func() error {
			_, err := optimlib.SampleGradNoiseVariance(panicData{}, []float64{0}, 2, 10, 1)
			return err
		}},
		{"RunMiniBatch", func() error {
			_, err := optimlib.RunMiniBatch(panicData{}, optimlib.NewGD(0.1), []float64{0}, optimlib.MiniBatchConfig{})
			return err
		}},
		{"MiniBatchMH", func() error {
			_, err := optimlib.MiniBatchMH(panicData{}, []float64{0}, optimlib.MiniBatchMHConfig{Scale: 1})
			return err
		}},
		{"Restarts sampler", func() error {
			_, err := optimlib.Restarts(optimlib.DoubleWell(0.3), optimlib.NewGD(0.1), []float64{1}, optimlib.RestartConfig{
				Sampler: optimlib.StartFunc(func(x []float64, r *rand.Rand) { panic("sampler bug") })})
			return err
		}},
	}
	for _, c := range calls {
		if err := c.call(); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
	if v := optimlib.LambdaMax(boom, 1, 1); !math.IsNaN(v) {
		t.Errorf("LambdaMax of a panicking gradient = %g, want NaN", v)
	}
}
