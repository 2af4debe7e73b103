package figure

import (
	"math"
	"slices"
	"testing"
)

// gridOf samples f over w with n points per side.
func gridOf(t *testing.T, f func(x, y float64) float64, w Window, n int) *SurfaceGrid {
	t.Helper()
	g, err := SampleSurface(f, w, n, n)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func closed(l []Point) bool { return len(l) > 2 && l[0] == l[len(l)-1] }

func TestContourOfABowlIsOneClosedCircle(t *testing.T) {
	g := gridOf(t, func(x, y float64) float64 { return x*x + y*y }, Window{-2, 2, -2, 2}, 101)
	set := contourLines(g, []float64{1})
	if len(set.lines[0]) != 1 {
		t.Fatalf("%d lines at level 1, want 1", len(set.lines[0]))
	}
	l := set.lines[0][0]
	if !closed(l) {
		t.Fatal("the circle is not closed")
	}
	// Linear interpolation along grid edges of spacing h = 0.04 puts each
	// crossing within h²/(8r)·2 of the circle: well under 0.002.
	angles := make([]float64, 0, len(l))
	for _, q := range l {
		if r := math.Hypot(q.X, q.Y); math.Abs(r-1) > 0.002 {
			t.Fatalf("point (%g, %g) at radius %g, want 1", q.X, q.Y, r)
		}
		angles = append(angles, math.Atan2(q.Y, q.X))
	}
	slices.Sort(angles)
	gap := angles[0] + 2*math.Pi - angles[len(angles)-1]
	for i := 1; i < len(angles); i++ {
		gap = math.Max(gap, angles[i]-angles[i-1])
	}
	if gap > 0.1 {
		t.Errorf("largest angular gap %g rad: the circle is not traced all round", gap)
	}
	// Consecutive points are neighbours on the circle (no jumps across it).
	for i := 1; i < len(l); i++ {
		if d := math.Hypot(l[i].X-l[i-1].X, l[i].Y-l[i-1].Y); d > 0.06 {
			t.Fatalf("points %d and %d are %g apart: the chain jumps", i-1, i, d)
		}
	}
}

func TestContourLinesCases(t *testing.T) {
	twoBowls := func(x, y float64) float64 { return math.Min((x-1)*(x-1)+y*y, (x+1)*(x+1)+y*y) }
	halfNaN := func(x, y float64) float64 {
		if x < 0 {
			return math.NaN()
		}
		return x*x + y*y
	}
	for _, tc := range []struct {
		name         string
		f            func(x, y float64) float64
		level        float64
		closed, open int
		on           func(q Point) float64 // zero on the exact contour
		tol          float64
	}{
		{"two separate basins", twoBowls, 0.25, 2, 0, func(q Point) float64 { return twoBowls(q.X, q.Y) - 0.25 }, 0.01},
		// xy is bilinear, so its crossings of grid edges are exact; the two
		// branches of xy = 0.25 run from edge to edge.
		{"hyperbola branches", func(x, y float64) float64 { return x * y }, 0.25, 0, 2, func(q Point) float64 { return q.X*q.Y - 0.25 }, 1e-12},
		{"above the maximum", twoBowls, 100, 0, 0, nil, 0},
		{"below the minimum", twoBowls, -1, 0, 0, nil, 0},
		{"blank half cuts the circle open", halfNaN, 1, 0, 1, func(q Point) float64 { return math.Hypot(q.X, q.Y) - 1 }, 0.002},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set := contourLines(gridOf(t, tc.f, Window{-2, 2, -2, 2}, 81), []float64{tc.level})
			var nClosed, nOpen int
			for _, l := range set.lines[0] {
				if closed(l) {
					nClosed++
				} else {
					nOpen++
				}
				for _, q := range l {
					if d := math.Abs(tc.on(q)); d > tc.tol {
						t.Fatalf("point (%g, %g) is %g off the contour", q.X, q.Y, d)
					}
				}
			}
			if nClosed != tc.closed || nOpen != tc.open {
				t.Errorf("%d closed and %d open lines, want %d and %d", nClosed, nOpen, tc.closed, tc.open)
			}
		})
	}
}

func TestSaddleCellsFollowTheCellMean(t *testing.T) {
	// A 2×2 grid whose corners alternate: z = 1 at (0,0) and (1,1), 0 at
	// the others. At level 0.4 the mean 0.5 is inside, so the two high
	// corners connect through the centre and the low ones are cut off:
	// one segment near (1, 0) and one near (0, 1). At level 0.6 the mean is
	// outside and the high corners are cut off instead.
	g := &SurfaceGrid{win: Window{0, 1, 0, 1}, xs: []float64{0, 1}, ys: []float64{0, 1}, z: []float64{1, 0, 0, 1}, zmin: 0, zmax: 1}
	for _, tc := range []struct {
		level float64
		near  []Point // the corner each segment cuts off
	}{
		{0.4, []Point{{1, 0}, {0, 1}}},
		{0.6, []Point{{0, 0}, {1, 1}}},
	} {
		set := contourLines(g, []float64{tc.level})
		if len(set.lines[0]) != 2 {
			t.Fatalf("level %g: %d segments, want 2", tc.level, len(set.lines[0]))
		}
		for _, seg := range set.lines[0] {
			mid := Point{(seg[0].X + seg[1].X) / 2, (seg[0].Y + seg[1].Y) / 2}
			ok := false
			for _, c := range tc.near {
				if math.Hypot(mid.X-c.X, mid.Y-c.Y) < 0.5 {
					ok = true
				}
			}
			if !ok {
				t.Errorf("level %g: segment %v does not cut off a corner of %v", tc.level, seg, tc.near)
			}
		}
	}
}
