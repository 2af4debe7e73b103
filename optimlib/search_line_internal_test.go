package optimlib

import (
	"testing"

	"gonum.org/v1/gonum/optimize"
)

// TestStrongWolfeConstants checks that the Moré–Thuente search gets the
// constants LineSearch's doc comment promises: C1 = 1e-4 when left at 0
// (gonum's MoreThuente would take 0 as 0) and C2 the method's default, or
// the values given.
func TestStrongWolfeConstants(t *testing.T) {
	for _, c := range []struct {
		in     LineSearch
		c1, c2 float64
	}{
		{LineSearch{Rule: StrongWolfe}, 1e-4, 0.9},
		{LineSearch{Rule: StrongWolfe, C1: 0.01, C2: 0.5}, 0.01, 0.5},
	} {
		ls, err := c.in.linesearcher(Bisection, 0.9)
		if err != nil {
			t.Fatal(err)
		}
		mt, ok := ls.(*optimize.MoreThuente)
		if !ok {
			t.Fatalf("%+v: got %T, want *optimize.MoreThuente", c.in, ls)
		}
		if mt.DecreaseFactor != c.c1 || mt.CurvatureFactor != c.c2 {
			t.Errorf("%+v: DecreaseFactor %g, CurvatureFactor %g; want %g, %g", c.in, mt.DecreaseFactor, mt.CurvatureFactor, c.c1, c.c2)
		}
	}
}
