package optimlib_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// Every expected value is the schedule's formula evaluated by hand at t.
func TestSchedulesAtChosenSteps(t *testing.T) {
	cos := math.Cos
	pi := math.Pi
	half := func(k, n float64) float64 { return (1 + cos(pi*k/n)) / 2 }
	warmCos := optimlib.NewWarmupCosine(0.1, 0, 10, 100)
	threePhase := optimlib.NewOneCycleLR(1, 100)
	threePhase.ThreePhase = true
	linearOne := optimlib.NewOneCycleLR(1, 100)
	linearOne.Linear = true
	cosMin := optimlib.NewCosineLR(1, 100)
	cosMin.EtaMin = 0.1
	tri2 := optimlib.NewCyclicLR(0.1, 1, 4)
	tri2.Mode = optimlib.CycleTriangular2
	expRange := optimlib.NewCyclicLR(0.1, 1, 4)
	expRange.Mode, expRange.Gamma = optimlib.CycleExpRange, 0.9
	asym := optimlib.NewCyclicLR(0, 1, 1)
	asym.StepSizeDown = 3
	sqrtDecay := optimlib.NewInverseTimeLR(1, 0.5)
	sqrtDecay.Power = 0.5
	sgdr1 := optimlib.NewCosineRestartsLR(1, 3)
	sgdr2 := optimlib.NewCosineRestartsLR(1, 2)
	sgdr2.TMult = 2
	sgdrMin := optimlib.NewCosineRestartsLR(1, 4)
	sgdrMin.EtaMin = 0.2

	tests := []struct {
		name string
		s    optimlib.Schedule
		at   map[int]float64
	}{
		{"constant", optimlib.NewConstantLR(0.3), map[int]float64{0: 0.3, 1000: 0.3}},
		{"step", optimlib.NewStepLR(0.1, 30), map[int]float64{-3: 0.1, 0: 0.1, 29: 0.1, 30: 0.01, 59: 0.01, 60: 0.001}},
		{"step size 0 counts as 1", optimlib.NewStepLR(1, 0), map[int]float64{2: 0.01}},
		{"multi-step", optimlib.NewMultiStepLR(1, 30, 80), map[int]float64{29: 1, 30: 0.1, 79: 0.1, 80: 0.01}},
		{"multi-step unsorted", optimlib.NewMultiStepLR(1, 80, 30), map[int]float64{30: 0.1, 80: 0.01}},
		{"multi-step repeated", optimlib.NewMultiStepLR(1, 30, 30), map[int]float64{29: 1, 30: 0.01}},
		{"exponential", optimlib.NewExponentialLR(1, 0.5), map[int]float64{0: 1, 3: 0.125}},
		{"inverse time", optimlib.NewInverseTimeLR(1, 0.5), map[int]float64{0: 1, 4: 1.0 / 3}},
		{"inverse sqrt", sqrtDecay, map[int]float64{6: 0.5}},
		{"cosine", optimlib.NewCosineLR(1, 100), map[int]float64{
			0: 1, 25: half(25, 100), 50: 0.5, 100: 0, 150: 0.5, 200: 1}},
		{"cosine eta_min", cosMin, map[int]float64{50: 0.55, 100: 0.1}},
		// [V] 1, .5 | 1, .854, .5, .146 | 1, .962
		{"SGDR T0=2 Tmult=2", sgdr2, map[int]float64{
			0: 1, 1: 0.5, 2: 1, 3: half(1, 4), 4: 0.5, 5: half(3, 4), 6: 1, 7: half(1, 8), 14: 1, 15: half(1, 16)}},
		{"SGDR T0=3", sgdr1, map[int]float64{2: half(2, 3), 3: 1, 4: 0.75, 302: half(2, 3)}},
		{"SGDR eta_min", sgdrMin, map[int]float64{2: 0.6, 4: 1}},
		// total 8, ratio ½: x = 0, .25, .5, .75 → s = 0, .5, 1, .5.
		{"cyclic triangular", optimlib.NewCyclicLR(0.1, 1, 4), map[int]float64{
			0: 0.1, 2: 0.55, 4: 1, 6: 0.55, 8: 0.1, 12: 1}},
		{"cyclic triangular2", tri2, map[int]float64{4: 1, 12: 0.55, 20: 0.1 + 0.9/4}},
		{"cyclic exp_range", expRange, map[int]float64{4: 0.1 + 0.9*math.Pow(0.9, 4), 6: 0.1 + 0.45*math.Pow(0.9, 6)}},
		// total 4, ratio ¼: x = .5 → s = (.5−1)/(.25−1) = 2/3.
		{"cyclic asymmetric", asym, map[int]float64{1: 1, 2: 2.0 / 3, 4: 0}},
		// initial 0.04, min 4e-6, phases end at 29 and 99.
		{"one-cycle", optimlib.NewOneCycleLR(1, 100), map[int]float64{
			0: 0.04, 10: 1 + (0.04-1)*half(10, 29), 29: 1, 64: 4e-6 + (1-4e-6)*0.5,
			36: 4e-6 + (1-4e-6)*half(7, 70), 99: 4e-6, 150: 4e-6}},
		{"one-cycle linear", linearOne, map[int]float64{10: 0.04 + 0.96*10/29, 36: 1 + (4e-6-1)*0.1}},
		// phases end at 29, 58 and 99.
		{"one-cycle three-phase", threePhase, map[int]float64{
			29: 1, 43: 0.04 + (1-0.04)*half(14, 29), 58: 0.04, 99: 4e-6}},
		{"linear", optimlib.NewLinearLR(0, 1, 4), map[int]float64{0: 0, 1: 0.25, 4: 1, 10: 1}},
		{"linear decay", optimlib.NewLinearLR(1, 0.5, 10), map[int]float64{5: 0.75}},
		{"warm-up then cosine", warmCos, map[int]float64{0: 0, 5: 0.05, 10: 0.1, 55: 0.05, 100: 0}},
		{"sequential", optimlib.NewSequentialLR([]int{3, 5}, optimlib.NewConstantLR(1), optimlib.NewExponentialLR(2, 0.5), optimlib.NewConstantLR(7)),
			map[int]float64{2: 1, 3: 2, 4: 1, 5: 7, 50: 7}},
		{"scaled", optimlib.NewScaledLR(optimlib.NewCosineLR(1, 100), 0.5), map[int]float64{50: 0.25}},
		{"func", optimlib.ScheduleFunc(func(t int) float64 { return 1 / float64(t+1) }), map[int]float64{3: 0.25}},
	}
	for _, tc := range tests {
		for step, want := range tc.at {
			assertClose(t, fmt.Sprintf("%s LR(%d)", tc.name, step), tc.s.LR(step), want, 1e-12)
		}
	}
}

func TestSampleSchedule(t *testing.T) {
	got := optimlib.SampleSchedule(optimlib.NewStepLR(1, 2), 5)
	want := []float64{1, 1, 0.1, 0.1, 0.01}
	if len(got) != len(want) {
		t.Fatalf("len = %d, want %d", len(got), len(want))
	}
	for i := range want {
		assertClose(t, "sample", got[i], want[i], 1e-15)
	}
	if optimlib.SampleSchedule(nil, 3) != nil || optimlib.SampleSchedule(optimlib.NewConstantLR(1), 0) != nil {
		t.Error("SampleSchedule of nil or n = 0 should be nil")
	}
}

func TestScheduleStrings(t *testing.T) {
	tri := optimlib.NewCyclicLR(0.001, 0.1, 2000)
	sgdr := optimlib.NewCosineRestartsLR(0.1, 10)
	sgdr.TMult = 2
	tests := []struct {
		s    fmt.Stringer
		want string
	}{
		{optimlib.NewConstantLR(0.1), "0.1"},
		{optimlib.NewStepLR(0.1, 30), "StepLR(0.1, step=30, gamma=0.1)"},
		{optimlib.NewMultiStepLR(0.1, 30, 80), "MultiStepLR(0.1, at=[30 80], gamma=0.1)"},
		{optimlib.NewExponentialLR(0.1, 0.99), "ExponentialLR(0.1, gamma=0.99)"},
		{optimlib.NewInverseTimeLR(0.1, 0.01), "InverseTimeLR(0.1, decay=0.01)"},
		{optimlib.NewCosineLR(0.1, 100), "CosineLR(0.1, T=100)"},
		{sgdr, "SGDR(0.1, T0=10, Tmult=2)"},
		{tri, "CyclicLR(0.001–0.1, up=2000, triangular)"},
		{optimlib.NewOneCycleLR(0.1, 1000), "OneCycleLR(max=0.1, N=1000)"},
		{optimlib.NewWarmupCosine(0.1, 0, 100, 1000), "Sequential(LinearLR(0→0.1 over 100) | 100: CosineLR(0.1, T=900))"},
		{optimlib.NewScaledLR(optimlib.NewCosineLR(1, 100), 0.5), "0.5×CosineLR(1, T=100)"},
	}
	for _, tc := range tests {
		if got := tc.s.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}

// Degenerate parameters never panic and give finite rates.
func TestSchedulesDegenerateInputs(t *testing.T) {
	for _, s := range []optimlib.Schedule{
		&optimlib.StepLR{Base: 1}, &optimlib.CosineLR{Base: 1}, &optimlib.CosineRestartsLR{Base: 1},
		&optimlib.CyclicLR{BaseLR: 0.1, MaxLR: 1}, &optimlib.OneCycleLR{MaxLR: 1, DivFactor: 25, FinalDivFactor: 1e4},
		&optimlib.LinearLR{From: 0, To: 1}, &optimlib.SequentialLR{}, &optimlib.ScaledLR{Factor: 2},
		&optimlib.SequentialLR{Schedules: []optimlib.Schedule{nil}},
	} {
		for _, step := range []int{-5, 0, 1, 7, math.MaxInt32} {
			if v := s.LR(step); math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("%T.LR(%d) = %v", s, step, v)
			}
		}
	}
}
