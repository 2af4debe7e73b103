package optimlib_test

import (
	"math"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

func TestTraceColumns(t *testing.T) {
	tr := optimlib.NewTrace(2)
	tr.Add(0, []float64{1, 2}, 5, 3, 0.1)
	tr.Add(10, []float64{3, 4, 99}, 1, 0.5, 0.05) // cut to 2 coordinates
	tr.Add(20, []float64{5}, 2, 0.25, 0.01)       // padded with NaN
	if tr.Len() != 3 || tr.Dim() != 2 {
		t.Fatalf("Len, Dim = %d, %d; want 3, 2", tr.Len(), tr.Dim())
	}
	checks := []struct {
		name      string
		got, want []float64
	}{
		{"Steps", tr.Steps(), []float64{0, 10, 20}},
		{"Xs", tr.Xs(), []float64{1, 3, 5}},
		{"Losses", tr.Losses(), []float64{5, 1, 2}},
		{"GradNorms", tr.GradNorms(), []float64{3, 0.5, 0.25}},
		{"LRs", tr.LRs(), []float64{0.1, 0.05, 0.01}},
		{"Point(1)", tr.Point(1), []float64{3, 4}},
	}
	for _, c := range checks {
		if !equalFloats(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if ys := tr.Ys(); ys[0] != 2 || ys[1] != 4 || !math.IsNaN(ys[2]) {
		t.Errorf("Ys = %v, want [2 4 NaN]", ys)
	}
	if tr.Best() != 1 || tr.StepAt(2) != 20 || tr.StepAt(3) != -1 || tr.Point(-1) != nil || tr.Coord(2) != nil {
		t.Error("Best, StepAt, Point or Coord out of range misbehave")
	}
	// Columns are copies.
	tr.Losses()[0] = -1
	if tr.Losses()[0] != 5 {
		t.Error("Losses shares storage with the trace")
	}
	want := "Trace: 3 points, steps 0…20, loss 5 → 2 (best 1 at step 10), x → [5 NaN]"
	if got := tr.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := optimlib.NewTrace(3).String(); got != "Trace: empty" {
		t.Errorf("empty String() = %q", got)
	}
}

// A nil trace reads as empty instead of panicking in a cell.
func TestNilTrace(t *testing.T) {
	var tr *optimlib.Trace
	if tr.Len() != 0 || tr.Dim() != 0 || tr.Xs() != nil || tr.Losses() != nil || tr.Final() != nil ||
		tr.Best() != -1 || tr.StepAt(0) != -1 || tr.String() != "Trace: empty" {
		t.Error("nil trace should read as empty")
	}
}
