package optimlib_test

import (
	"math"
	"reflect"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// The minima of the tilted double well (x² − 1)² + 0.3x, from its table
// (checked in the landscape tests): f = −0.305428 at −1.035579 and
// f = 0.294146 at 0.960150, a difference Δ = 0.599574.
const (
	wellLowF  = -0.30542806
	wellHighF = 0.29414571
)

// TestBasinHoppingAcceptanceRule checks the Metropolis rule on minima
// against exp(−Δ/T) worked out by hand. On the double well every local run
// ends in one of the two minima, so every hop from the deep minimum to the
// shallow one climbs Δ = 0.599574 and, at T = 0.5, must be accepted with
// probability exp(−1.199148) = 0.301461; every hop that does not climb
// must be accepted. The step size is fixed (no adaptation) and large enough
// (s = 2) to cross the barrier often.
func TestBasinHoppingAcceptanceRule(t *testing.T) {
	const temp = 0.5
	res, err := optimlib.BasinHopping(optimlib.DoubleWell(0.3), []float64{1.2}, optimlib.BasinHoppingConfig{
		MaxHops: 4000, Temperature: temp, StepSize: 2, AdaptEvery: -1, Seed: 7,
		Low: []float64{-2}, High: []float64{2}})
	if err != nil {
		t.Fatal(err)
	}
	losses := res.Trace.Losses()
	climbs, accepted := 0, 0
	for k := 1; k < len(res.Hops); k++ {
		h, cur := res.Hops[k], losses[k-1]
		delta := h.F - cur
		switch {
		case delta <= 1e-9:
			if !h.Accepted {
				t.Fatalf("hop %d: f %g → %g not accepted although it does not climb", k, cur, h.F)
			}
		case math.Abs(cur-wellLowF) < 1e-6 && math.Abs(h.F-wellHighF) < 1e-6:
			climbs++
			if h.Accepted {
				accepted++
			}
		default:
			t.Fatalf("hop %d: f %g → %g: the local run did not end in a minimum", k, cur, h.F)
		}
		if h.StepSize != 2 {
			t.Fatalf("hop %d: step size %g without adaptation", k, h.StepSize)
		}
	}
	p := math.Exp(-(wellHighF - wellLowF) / temp)
	rate := float64(accepted) / float64(climbs)
	sd := math.Sqrt(p * (1 - p) / float64(climbs))
	if climbs < 500 || math.Abs(rate-p) > 4*sd {
		t.Errorf("%d of %d climbs accepted (%.4f), want exp(−Δ/T) = %.4f ± %.4f", accepted, climbs, rate, p, 4*sd)
	}
	t.Logf("climbs accepted: %d/%d = %.4f, exp(−Δ/T) = %.4f", accepted, climbs, rate, p)
	if res.Accepted != countAccepted(res.Hops)-1 || res.Steps != len(res.Hops)-1 {
		t.Errorf("Accepted %d, Steps %d for %d hops", res.Accepted, res.Steps, len(res.Hops))
	}
}

// TestBasinHoppingGreedy checks that T < 0 accepts only hops that do not
// raise f: the current minimum's f never increases.
func TestBasinHoppingGreedy(t *testing.T) {
	res, err := optimlib.BasinHopping(optimlib.Rastrigin(2), []float64{4, 4}, optimlib.BasinHoppingConfig{
		MaxHops: 60, Temperature: -1, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	losses := res.Trace.Losses()
	for k := 1; k < len(losses); k++ {
		if losses[k] > losses[k-1] {
			t.Fatalf("hop %d: f rises from %g to %g at T < 0", k, losses[k-1], losses[k])
		}
	}
}

// TestBasinHoppingBookkeeping checks what the result holds against its
// hops: X is the lowest minimum accepted, Final the last accepted one, the
// trace the current minimum after each hop, hops start within s of the
// minimum they leave and inside the box, and out-of-box minima are never
// accepted.
func TestBasinHoppingBookkeeping(t *testing.T) {
	low, high := []float64{-1, -1}, []float64{2, 2}
	res, err := optimlib.BasinHopping(optimlib.Rastrigin(2), []float64{1.5, 1.5}, optimlib.BasinHoppingConfig{
		MaxHops: 80, StepSize: 1, AdaptEvery: 20, Seed: 5, Low: low, High: high})
	if err != nil {
		t.Fatal(err)
	}
	best := math.Inf(1)
	var bestX, cur []float64
	for k, h := range res.Hops {
		inside := h.Minimum[0] >= -1 && h.Minimum[0] <= 2 && h.Minimum[1] >= -1 && h.Minimum[1] <= 2
		if h.Accepted && !inside {
			t.Errorf("hop %d: accepted a minimum %v outside the box", k, h.Minimum)
		}
		for i, v := range h.Start {
			if v < low[i] || v > high[i] || (k > 0 && math.Abs(v-h.From[i]) > h.StepSize) {
				t.Errorf("hop %d: start %v from %v with s = %g", k, h.Start, h.From, h.StepSize)
			}
		}
		if k > 0 && !reflect.DeepEqual(h.From, cur) {
			t.Errorf("hop %d leaves %v, the current minimum is %v", k, h.From, cur)
		}
		if h.Accepted {
			cur = h.Minimum
			if h.F < best {
				best, bestX = h.F, h.Minimum
			}
		}
		if p := res.Trace.Point(k); !reflect.DeepEqual(p, cur) {
			t.Errorf("trace point %d = %v, current minimum %v", k, p, cur)
		}
	}
	if res.F != best || !reflect.DeepEqual(res.X, bestX) || !reflect.DeepEqual(res.Final, cur) || res.BestF != best {
		t.Errorf("X %v (f %g), Final %v; want best %v (f %g), final %v", res.X, res.F, res.Final, bestX, best, cur)
	}
	if len(res.Runs) != len(res.Hops) || len(res.Minima()) != len(res.Hops) {
		t.Errorf("%d runs, %d minima for %d hops", len(res.Runs), len(res.Minima()), len(res.Hops))
	}
	total := 0
	for _, r := range res.Runs {
		total += r.Cost
	}
	if total != res.Cost {
		t.Errorf("cost %d, local runs %d", res.Cost, total)
	}
}

// TestBasinHoppingStepAdaptation checks scipy's rule on the hop size: every
// AdaptEvery hops, s is divided by StepFactor when more than TargetAccept of
// the hops so far were accepted, and multiplied by it otherwise.
func TestBasinHoppingStepAdaptation(t *testing.T) {
	res, err := optimlib.BasinHopping(optimlib.Rastrigin(2), []float64{3, 3}, optimlib.BasinHoppingConfig{
		MaxHops: 40, AdaptEvery: 5, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	s, accepted := 0.5, 0
	for k := 1; k < len(res.Hops); k++ {
		if k > 1 && (k-1)%5 == 0 {
			if float64(accepted)/float64(k-1) > 0.5 {
				s /= 0.9
			} else {
				s *= 0.9
			}
		}
		if math.Abs(res.Hops[k].StepSize-s) > 1e-15 {
			t.Fatalf("hop %d: s = %g, want %g", k, res.Hops[k].StepSize, s)
		}
		if res.Hops[k].Accepted {
			accepted++
		}
	}
}

// TestBasinHoppingStops checks the callback and a bad input.
func TestBasinHoppingStops(t *testing.T) {
	res, err := optimlib.BasinHopping(optimlib.Rastrigin(2), []float64{3, 3}, optimlib.BasinHoppingConfig{
		Callback: func(hop int, _ []float64, _ float64) bool { return hop < 4 }})
	if err != nil || res.Reason != optimlib.StopCallback || len(res.Hops) != 5 {
		t.Errorf("callback: %v, %d hops, %v", err, len(res.Hops), res.Reason)
	}
	for _, cfg := range []optimlib.BasinHoppingConfig{{StepSize: -1}, {Low: []float64{0}}, {TargetAccept: 2},
		{StepFactor: 1.5}, {Low: []float64{1, 1}, High: []float64{0, 0}}} {
		if _, err := optimlib.BasinHopping(optimlib.Rastrigin(2), []float64{3, 3}, cfg); err == nil {
			t.Errorf("%+v: no error", cfg)
		}
	}
}

func countAccepted(hops []optimlib.Hop) int {
	n := 0
	for _, h := range hops {
		if h.Accepted {
			n++
		}
	}
	return n
}
