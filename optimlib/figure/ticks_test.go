package figure

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/plot"
)

// labelled returns the values and labels of the labelled ticks.
func labelled(ticks []plot.Tick) ([]float64, []string) {
	var vs []float64
	var ls []string
	for _, tk := range ticks {
		if tk.Label != "" {
			vs = append(vs, tk.Value)
			ls = append(ls, tk.Label)
		}
	}
	return vs, ls
}

func TestLinearTicks(t *testing.T) {
	for _, tc := range []struct {
		target  int
		lo, hi  float64
		labels  []string
		nMinors int // unlabelled ticks
	}{
		// range/target = 2 → step 2, minor step 0.5.
		{5, 0, 10, []string{"0", "2", "4", "6", "8", "10"}, 15},
		// 4/5 = 0.8 → step 1, minor step 0.2.
		{5, -1, 3, []string{"-1", "0", "1", "2", "3"}, 16},
		// 100/4 = 25 → step 25 (mantissa 2.5, no decimals), minor 5.
		{4, 0, 100, []string{"0", "25", "50", "75", "100"}, 16},
		// 0.25/5 = 0.05 → step 0.05, two decimals.
		{5, 0, 0.25, []string{"0", "0.05", "0.10", "0.15", "0.20", "0.25"}, 20},
		// 10/4 = 2.5 → step 2.5 needs one decimal.
		{4, 0, 10, []string{"0", "2.5", "5.0", "7.5", "10.0"}, 16},
	} {
		ticks := linearTicks{target: tc.target}.Ticks(tc.lo, tc.hi)
		_, ls := labelled(ticks)
		if !slices.Equal(ls, tc.labels) {
			t.Errorf("Ticks(%g, %g) labels %q, want %q", tc.lo, tc.hi, ls, tc.labels)
		}
		if minors := len(ticks) - len(ls); minors != tc.nMinors {
			t.Errorf("Ticks(%g, %g): %d minor ticks, want %d", tc.lo, tc.hi, minors, tc.nMinors)
		}
		for _, tk := range ticks {
			if tk.Value < tc.lo-1e-9 || tk.Value > tc.hi+1e-9 {
				t.Errorf("tick %g outside [%g, %g]", tk.Value, tc.lo, tc.hi)
			}
		}
	}
}

func TestLogTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		labels []string
	}{
		{1e-6, 10, []string{"1e-6", "1e-5", "1e-4", "0.001", "0.01", "0.1", "1", "10"}},
		// 30 decades: every fourth power.
		{1e-30, 1, []string{"1e-28", "1e-24", "1e-20", "1e-16", "1e-12", "1e-8", "1e-4", "1"}},
		// No power of ten inside: 1, 2, 5 times powers.
		{1.5, 30, []string{"2", "5", "10", "20"}},
		{2, 8, []string{"2", "5"}},
	} {
		_, ls := labelled(logTicks{}.Ticks(tc.lo, tc.hi))
		if !slices.Equal(ls, tc.labels) {
			t.Errorf("log Ticks(%g, %g) labels %q, want %q", tc.lo, tc.hi, ls, tc.labels)
		}
	}
	// 1…100: minor ticks at 2…9 and 20…90.
	ticks := logTicks{}.Ticks(1, 100)
	if len(ticks) != 3+16 {
		t.Errorf("log Ticks(1, 100): %d ticks, want 3 labelled and 16 minor", len(ticks))
	}
	// A very narrow range still gets two labels, from linear ticks.
	if vs, _ := labelled(logTicks{}.Ticks(2.1, 2.4)); len(vs) < 2 {
		t.Errorf("log Ticks(2.1, 2.4) labels %v, want at least two", vs)
	}
	for _, bad := range [][2]float64{{0, 1}, {-1, 10}, {5, 5}, {1, math.Inf(1)}} {
		if ticks := (logTicks{}).Ticks(bad[0], bad[1]); ticks != nil {
			t.Errorf("log Ticks(%g, %g) = %v, want none", bad[0], bad[1], ticks)
		}
	}
}

func TestPowerOfTen(t *testing.T) {
	for e, want := range map[int]string{-5: "1e-5", -3: "0.001", 0: "1", 2: "100", 3: "1000", 4: "1e4"} {
		if got := powerOfTen(e); got != want {
			t.Errorf("powerOfTen(%d) = %q, want %q", e, got, want)
		}
	}
}
