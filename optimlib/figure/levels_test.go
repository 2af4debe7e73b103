package figure

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestAutomaticLevelsAreLogOnRosenbrockAndLinearOnABowl(t *testing.T) {
	rosen := gridOf(t, rosenbrock, Window{-2, 2, -1, 3}, 128)
	levels, m, err := chooseLevels(rosen, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !m.log || len(levels) != DefaultNumLevels {
		t.Fatalf("Rosenbrock: log=%v with %d levels, want log with %d", m.log, len(levels), DefaultNumLevels)
	}
	// Log spacing: the heights above the minimum grow by a constant factor.
	ratio := (levels[1] - rosen.Min()) / (levels[0] - rosen.Min())
	for i := 2; i < len(levels); i++ {
		r := (levels[i] - rosen.Min()) / (levels[i-1] - rosen.Min())
		if math.Abs(r-ratio) > 1e-9*ratio {
			t.Fatalf("ratio %d is %g, want the constant %g", i, r, ratio)
		}
	}

	// On a disc-like bowl most of the window is high: even spacing, n
	// levels at min + span·k/(n+1).
	bowl := gridOf(t, func(x, y float64) float64 { return x*x + y*y }, Window{-1, 1, -1, 1}, 65)
	levels, m, err = chooseLevels(bowl, Options{NumLevels: 4})
	if err != nil {
		t.Fatal(err)
	}
	span := bowl.Max() - bowl.Min()
	want := []float64{span / 5, 2 * span / 5, 3 * span / 5, 4 * span / 5}
	if m.log || len(levels) != 4 {
		t.Fatalf("bowl: log=%v levels %v, want linear %v", m.log, levels, want)
	}
	for i := range want {
		if math.Abs(levels[i]-(bowl.Min()+want[i])) > 1e-12 {
			t.Errorf("level %d = %g, want %g", i, levels[i], bowl.Min()+want[i])
		}
	}

	// The scale can be forced either way.
	if _, m, _ := chooseLevels(bowl, Options{LevelScale: ScaleLog}); !m.log {
		t.Error("ScaleLog did not give log levels")
	}
	if _, m, _ := chooseLevels(rosen, Options{LevelScale: ScaleLinear}); m.log {
		t.Error("ScaleLinear gave log levels")
	}
}

func TestExplicitLevels(t *testing.T) {
	g := gridOf(t, func(x, y float64) float64 { return x + y }, Window{0, 1, 0, 1}, 5)
	levels, _, err := chooseLevels(g, Options{Levels: []float64{1.5, 0.5, math.NaN(), 1, 0.5, math.Inf(1)}})
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{0.5, 1, 1.5}; !slices.Equal(levels, want) {
		t.Errorf("levels %v, want sorted, unique, finite %v", levels, want)
	}
	_, _, err = chooseLevels(g, Options{Levels: make([]float64, MaxLevels+1)})
	if err != nil {
		t.Errorf("%d equal levels collapse to one and are fine, got %v", MaxLevels+1, err)
	}
	many := make([]float64, MaxLevels+1)
	for i := range many {
		many[i] = float64(i)
	}
	if _, _, err := chooseLevels(g, Options{Levels: many}); err == nil || !strings.Contains(err.Error(), "levels") {
		t.Errorf("%d distinct levels: err = %v, want a limit error", len(many), err)
	}
}

func TestLevelMap(t *testing.T) {
	lin := levelMap{zmin: 2, zmax: 12}
	log := levelMap{zmin: -1, zmax: 1e4, log: true, lo: 0.01, hi: 100}
	for _, tc := range []struct {
		m    levelMap
		z, t float64
	}{
		{lin, 2, 0}, {lin, 7, 0.5}, {lin, 12, 1}, {lin, 20, 1}, {lin, 0, 0},
		{log, -1 + 0.01, 0}, {log, -1 + 1, 0.5}, {log, -1 + 100, 1}, {log, -1, 0}, {log, 1e6, 1},
	} {
		if got := tc.m.t(tc.z); math.Abs(got-tc.t) > 1e-12 {
			t.Errorf("t(%g) = %g, want %g (map %+v)", tc.z, got, tc.t, tc.m)
		}
	}
	if !math.IsNaN(lin.t(math.NaN())) {
		t.Error("t(NaN) should be NaN")
	}
}

func TestQuantile(t *testing.T) {
	s := []float64{1, 2, 3, 4, 5}
	for _, tc := range []struct{ p, want float64 }{{0, 1}, {0.5, 3}, {1, 5}, {0.26, 2}} {
		if got := quantile(s, tc.p); got != tc.want {
			t.Errorf("quantile(%g) = %g, want %g", tc.p, got, tc.want)
		}
	}
	if !math.IsNaN(quantile(nil, 0.5)) {
		t.Error("quantile of nothing should be NaN")
	}
}
