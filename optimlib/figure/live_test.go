package figure

import (
	"image"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestLiveFramesShowThePointsSoFar(t *testing.T) {
	a := line("alpha", -1.5, 2.6, 1.5, 2.6, 200)
	b := line("beta", -1.5, -0.6, 1.5, -0.6, 200)
	lv := NewLiveFunc(rosenSurface(), Options{Cache: NewCache(0)}, "alpha", "beta")
	for k := range 100 {
		lv.Add(0, a.X[k], a.Y[k])
	}
	for k := range 200 {
		lv.AddPoint(1, []float64{b.X[k], b.Y[k], 99})
	}
	if lv.Len(0) != 100 || lv.Len(1) != 200 || lv.Len(2) != 0 {
		t.Fatalf("lengths %d, %d, %d", lv.Len(0), lv.Len(1), lv.Len(2))
	}
	frame := decodePNG(t, lv.PNG())
	if _, ok := frame.(*image.Paletted); !ok {
		t.Errorf("a running frame decodes as %T, want a 256-colour image", frame)
	}
	if frame.Bounds() != image.Rect(0, 0, 600, 400) {
		t.Fatalf("frame bounds %v", frame.Bounds())
	}
	m := newPixelMap(t, lv.fig)
	check := func(img image.Image, p Path, colour int, k int, want bool) {
		t.Helper()
		x, y := m.at(p.X[k], p.Y[k])
		if got := colourNear(img, x, y, 1, SeriesColor(colour), 8); got != want {
			t.Errorf("%s point %d drawn = %v, want %v", p.Name, k, got, want)
		}
	}
	for _, k := range []int{10, 50, 90} {
		check(frame, a, 0, k, true)
	}
	for _, k := range []int{150, 190} {
		check(frame, a, 0, k, false) // not added yet
	}
	for _, k := range []int{10, 100, 190} {
		check(frame, b, 1, k, true)
	}
	for k := 100; k < 200; k++ {
		lv.Add(0, a.X[k], a.Y[k])
	}
	frame = decodePNG(t, lv.PNG())
	for _, k := range []int{150, 190} {
		check(frame, a, 0, k, true)
	}

	// After Finish the frame is the exact full-colour figure, which the
	// 256-colour frames approximate closely.
	lv.Finish()
	final := decodePNG(t, lv.PNG())
	if _, ok := final.(*image.Paletted); ok {
		t.Error("the final frame is still 256 colours")
	}
	exact := decodePNG(t, lv.Final().PNG())
	far := 0
	for y := range 400 {
		for x := range 600 {
			c, e, q := rgbAt(final, x, y), rgbAt(exact, x, y), rgbAt(frame, x, y)
			if c != e {
				t.Fatalf("final frame differs from Final() at (%d, %d): %v vs %v", x, y, c, e)
			}
			if absDiff(q.R, e.R)+absDiff(q.G, e.G)+absDiff(q.B, e.B) > 48 {
				far++
			}
		}
	}
	if far > 600*400/100 {
		t.Errorf("%d pixels of the last running frame are far from the exact one (over 1%%)", far)
	}
	if lv.Frames() != 3 {
		t.Errorf("Frames() = %d, want 3", lv.Frames())
	}
	if s := lv.String(); !strings.Contains(s, "trajectory 0: 200 points") {
		t.Errorf("String() = %q", s)
	}
}

func TestLiveFinalIsASnapshot(t *testing.T) {
	lv := NewLiveFunc(rosenSurface(), Options{Cache: NewCache(0)})
	lv.Add(0, 0, 0)
	lv.Add(0, 1, 1)
	fin := lv.Final()
	lv.Add(0, -1, 2)
	lines, _ := overlayLines(fin.panel)
	if len(lines) != 1 || lines[0].n != 2 {
		t.Fatalf("the snapshot has %d lines, the first of %d points; want 1 of 2", len(lines), lines[0].n)
	}
}

func TestLiveCallbackPacesUpdates(t *testing.T) {
	for _, tc := range []struct {
		interval time.Duration
		want     int
	}{{0, 5}, {time.Hour, 1}} {
		lv := NewLiveFunc(rosenSurface(), Options{Cache: NewCache(0)}, "run")
		lv.SetInterval(tc.interval)
		updates := 0
		cb := lv.Callback(0, func(v any) {
			if v != lv {
				t.Errorf("update got %v, want the live figure", v)
			}
			updates++
		})
		for k := range 5 {
			if !cb(k, []float64{float64(k) / 10, 0}, 0) {
				t.Fatal("the callback stopped the run")
			}
		}
		if updates != tc.want || lv.Len(0) != 5 {
			t.Errorf("interval %v: %d updates, %d points; want %d updates, 5 points", tc.interval, updates, lv.Len(0), tc.want)
		}
	}
}

func TestLiveCurveComputesValues(t *testing.T) {
	c := doubleWell()
	lv := NewLiveCurve(c, Options{Cache: NewCache(0)}, "GD")
	lv.AddPoint(0, []float64{1.5})
	lv.AddPoint(0, []float64{1.2, 7})
	if lv.ys[0][0] != c.F(1.5) || lv.ys[0][1] != c.F(1.2) {
		t.Errorf("values %v, want f(1.5), f(1.2)", lv.ys[0])
	}
	decodePNG(t, lv.PNG())
}

func TestLiveErrors(t *testing.T) {
	lv := NewLiveFunc(rosenSurface(), Options{Cache: NewCache(0)}, "one")
	lv.Add(3, 0, 0)
	if err := lv.Err(); err == nil || !strings.Contains(err.Error(), "trajectory 3") {
		t.Errorf("Err() = %v after adding to trajectory 3 of 1", err)
	}
	lv = NewLiveFunc(rosenSurface(), Options{Cache: NewCache(0)})
	lv.AddPoint(0, []float64{1})
	if err := lv.Err(); err == nil || !strings.Contains(err.Error(), "too few") {
		t.Errorf("Err() = %v after a 1-D point on a 2-D landscape", err)
	}
	broken := NewLiveFunc(Surface{}, Options{})
	if broken.Err() == nil || broken.PNG() != nil || broken.Final().Err() == nil {
		t.Error("a live figure of no function draws")
	}
	var zero Live
	zero.Add(0, 1, 2)
	if zero.Err() == nil || zero.PNG() != nil || !strings.Contains(zero.String(), "error") {
		t.Error("the zero Live should report an error, not draw or panic")
	}
}

func TestLiveIsSafeForConcurrentUse(t *testing.T) {
	lv := NewLiveFunc(rosenSurface(), Options{Cache: NewCache(0), Width: 300, Height: 200}, "a")
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for k := range 300 {
			lv.Add(0, float64(k)/300, float64(k)/300)
		}
	}()
	go func() {
		defer wg.Done()
		for range 5 {
			if lv.PNG() == nil {
				t.Error(lv.Err())
			}
		}
	}()
	wg.Wait()
	if lv.Len(0) != 300 {
		t.Errorf("%d points", lv.Len(0))
	}
}

func TestLiveLegendGoesBesideThePlotWhenItFits(t *testing.T) {
	for _, tc := range []struct {
		name    string
		width   int
		outside bool
	}{
		{"Adam", 600, true},
		{"a very long optimizer name with every hyperparameter spelled out", 400, false},
	} {
		lv := NewLiveFunc(rosenSurface(), Options{Cache: NewCache(0), Width: tc.width}, tc.name)
		_, lb := overlayLines(lv.fig.panel)
		if lb.outside != tc.outside || (lv.fig.panel.rightMargin > 0) != tc.outside {
			t.Errorf("%q at %d px: outside = %v, margin %v", tc.name, tc.width, lb.outside, lv.fig.panel.rightMargin)
		}
		img := decodePNG(t, lv.PNG())
		m := newPixelMap(t, lv.fig)
		if tc.outside && m.right > float64(tc.width)*0.9 {
			t.Errorf("%q: the plot reaches x = %g px, leaving no room for the legend", tc.name, m.right)
		}
		if img.Bounds().Dx() != tc.width {
			t.Errorf("width %d", img.Bounds().Dx())
		}
	}
}
