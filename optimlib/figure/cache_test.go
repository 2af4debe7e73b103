package figure

import (
	"math"
	"sync"
	"testing"
)

func TestCacheGridIsSharedPerKey(t *testing.T) {
	c := NewCache(0)
	s := rosenSurface()
	g1, err := c.Grid(s, Window{-2, 2, -1, 3}, 40, 30)
	if err != nil {
		t.Fatal(err)
	}
	g2, err := c.Grid(s, Window{-2, 2, -1, 3}, 40, 30)
	if err != nil {
		t.Fatal(err)
	}
	if g1 != g2 {
		t.Error("the same surface, window and resolution gave two grids")
	}
	for _, tc := range []struct {
		name   string
		s      Surface
		w      Window
		nx, ny int
	}{
		{"another window", s, Window{-1, 1, -1, 1}, 40, 30},
		{"another resolution", s, Window{-2, 2, -1, 3}, 41, 30},
		{"another function under the same name", Surface{Name: s.Name, F: func(x, y float64) float64 { return rosenbrock(x, y) + 1 }},
			Window{-2, 2, -1, 3}, 40, 30},
	} {
		g, err := c.Grid(tc.s, tc.w, tc.nx, tc.ny)
		if err != nil {
			t.Fatal(err)
		}
		if g == g1 {
			t.Errorf("%s: got the cached grid of the first key", tc.name)
		}
		// The grid holds the function's own values.
		nx, ny := g.Dims()
		if nx != tc.nx || ny != tc.ny || g.Window() != tc.w {
			t.Errorf("%s: %d×%d over %v, want %d×%d over %v", tc.name, nx, ny, g.Window(), tc.nx, tc.ny, tc.w)
		}
		for _, ij := range [][2]int{{0, 0}, {nx - 1, ny - 1}, {7, 11}} {
			if got, want := g.Z(ij[0], ij[1]), tc.s.F(g.X(ij[0]), g.Y(ij[1])); got != want {
				t.Errorf("%s: Z%v = %g, want F = %g", tc.name, ij, got, want)
			}
		}
	}
	st := c.Stats()
	if st.Hits != 1 || st.Misses != 4 || st.Entries != 4 {
		t.Errorf("stats %+v, want 1 hit, 4 misses, 4 entries", st)
	}
	c.Clear()
	if st := c.Stats(); st != (CacheStats{}) {
		t.Errorf("after Clear: %+v", st)
	}
}

func TestCacheStaysWithinBudget(t *testing.T) {
	c := NewCache(1 << 20) // room for about 7 grids of 128×128
	s := rosenSurface()
	first, err := c.Grid(s, Window{0, 1, 0, 1}, 128, 128)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 20; i++ {
		if _, err := c.Grid(s, Window{0, 1 + float64(i), 0, 1}, 128, 128); err != nil {
			t.Fatal(err)
		}
		if st := c.Stats(); st.Bytes > 1<<20 {
			t.Fatalf("after %d grids the cache holds %d bytes, over its 1 MiB budget", i+1, st.Bytes)
		}
	}
	if st := c.Stats(); st.Entries >= 21 || st.Entries < 5 {
		t.Errorf("%d entries after 21 grids of 131 kB in 1 MiB", st.Entries)
	}
	again, err := c.Grid(s, Window{0, 1, 0, 1}, 128, 128)
	if err != nil {
		t.Fatal(err)
	}
	if again == first {
		t.Error("the oldest grid was not evicted")
	}
}

func TestCacheIsSafeForConcurrentUse(t *testing.T) {
	c := NewCache(0)
	var wg sync.WaitGroup
	grids := make([]*SurfaceGrid, 8)
	for i := range grids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g, err := c.Grid(rosenSurface(), Window{-2, 2, -1, 3}, 64, 64)
			if err != nil {
				t.Error(err)
			}
			grids[i] = g
			_ = ContourFunc(rosenSurface(), Options{Cache: c, Width: 300, Height: 200}).PNG()
		}()
	}
	wg.Wait()
	// Whoever sampled first, everyone ends up with values of the same grid.
	for _, g := range grids {
		if g == nil || g.Z(10, 10) != grids[0].Z(10, 10) {
			t.Fatal("concurrent lookups disagree")
		}
	}
}

func TestSampleSurface(t *testing.T) {
	g, err := SampleSurface(func(x, y float64) float64 {
		if x > 0.9 {
			return math.Inf(1)
		}
		return 2*x + 10*y
	}, Window{0, 1, 0, 2}, 11, 3)
	if err != nil {
		t.Fatal(err)
	}
	if g.X(0) != 0 || g.X(10) != 1 || g.Y(1) != 1 || g.Y(2) != 2 {
		t.Errorf("axes X(0)=%g X(10)=%g Y(1)=%g Y(2)=%g", g.X(0), g.X(10), g.Y(1), g.Y(2))
	}
	if !math.IsNaN(g.Z(10, 0)) {
		t.Errorf("Z at an infinite value = %g, want NaN", g.Z(10, 0))
	}
	// Min over finite samples is at (0, 0); max at x = 0.9, y = 2.
	if g.Min() != 0 || math.Abs(g.Max()-21.8) > 1e-12 {
		t.Errorf("min %g max %g, want 0 and 21.8", g.Min(), g.Max())
	}
	if got := g.at(0.25, 0.5); math.Abs(got-5.5) > 1e-12 {
		t.Errorf("bilinear at (0.25, 0.5) = %g, want 5.5 (the plane is exact)", got)
	}
	if !math.IsNaN(g.at(-1, 0)) {
		t.Error("interpolation outside the window should be NaN")
	}
	for _, tc := range []struct {
		name string
		f    func(x, y float64) float64
		w    Window
		n    int
	}{
		{"nil", nil, Window{0, 1, 0, 1}, 4},
		{"bad window", func(x, y float64) float64 { return 0 }, Window{1, 0, 0, 1}, 4},
		{"one column", func(x, y float64) float64 { return 0 }, Window{0, 1, 0, 1}, 1},
		{"panics", func(x, y float64) float64 { panic("no") }, Window{0, 1, 0, 1}, 4},
	} {
		if _, err := SampleSurface(tc.f, tc.w, tc.n, tc.n); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}
