package figure

import (
	"image"
	"strings"
	"testing"
)

func TestLiveWithLossLayout(t *testing.T) {
	for _, tc := range []struct {
		name          string
		opt           Options
		width, height int
		cell          int
		errHas        string
	}{
		{name: "default", opt: Options{WithLoss: true}, width: 960, height: 400, cell: 480},
		{name: "odd width", opt: Options{WithLoss: true, Width: 801, Height: 300}, width: 801, height: 300, cell: 400},
		{name: "too narrow", opt: Options{WithLoss: true, Width: 100}, errHas: "narrower than 64 px"},
		{name: "without loss", opt: Options{}, width: 600, height: 400},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.Cache = NewCache(0)
			lv := NewLiveFunc(rosenSurface(), tc.opt, "run")
			if tc.errHas != "" {
				if err := lv.Err(); err == nil || !strings.Contains(err.Error(), tc.errHas) {
					t.Fatalf("Err() = %v, want it to mention %q", err, tc.errHas)
				}
				return
			}
			frame := decodePNG(t, lv.PNG())
			if frame.Bounds() != image.Rect(0, 0, tc.width, tc.height) {
				t.Errorf("frame is %v, want %d×%d", frame.Bounds(), tc.width, tc.height)
			}
			if tc.cell > 0 {
				if w, h := lv.fig.Size(); w != tc.cell || h != tc.height {
					t.Errorf("landscape panel is %d×%d, want %d×%d", w, h, tc.cell, tc.height)
				}
				for y := 0; y < tc.height && tc.width > 2*tc.cell; y += 7 {
					if c := rgbAt(frame, tc.width-1, y); c != white {
						t.Fatalf("the column an odd width leaves is %v at y = %d, want white", c, y)
					}
				}
			}
			lv.Finish()
			final := decodePNG(t, lv.PNG())
			if final.Bounds() != frame.Bounds() {
				t.Errorf("final frame is %v, running frames %v", final.Bounds(), frame.Bounds())
			}
		})
	}
}

// linearLoss is the loss of the test runs: 5 − step/100, which stays on a
// linear axis (it spans less than two decades).
func linearLoss(step int) float64 { return 5 - float64(step)/100 }

func TestLiveWithLossDrawsTheLossCurve(t *testing.T) {
	a := line("alpha", -1.5, 2.6, 1.5, 2.6, 201)
	lv := NewLiveFunc(rosenSurface(), Options{WithLoss: true, Cache: NewCache(0)}, "alpha")
	cb := lv.Callback(0, nil)
	for k := range 101 {
		cb(k, []float64{a.X[k], a.Y[k]}, linearLoss(k))
	}
	if got := lv.losses[0]; len(got) != 101 || got[100] != linearLoss(100) || lv.steps[0][100] != 100 {
		t.Fatalf("recorded %d losses, the last %v at step %v", len(got), got[len(got)-1], lv.steps[0][len(got)-1])
	}
	frame := decodePNG(t, lv.PNG())
	if _, ok := frame.(*image.Paletted); !ok {
		t.Errorf("a running frame decodes as %T, want a 256-colour image", frame)
	}
	// The loss panel is the right half: map data to its pixels with its
	// own geometry and look for the curve's colour there.
	lossMap := newPixelMap(t, lv.loss.figure(lv.lossSeries(true)))
	landMap := newPixelMap(t, lv.fig)
	blue := SeriesColor(0)
	for _, k := range []int{5, 50, 95} {
		x, y := lossMap.at(float64(k), linearLoss(k))
		if !colourNear(frame, lv.loss.cell+x, y, 1, blue, 10) {
			t.Errorf("loss at step %d: no curve near pixel (%d, %d) of the frame", k, lv.loss.cell+x, y)
		}
		x, y = landMap.at(a.X[k], a.Y[k])
		if !colourNear(frame, x, y, 1, blue, 10) {
			t.Errorf("trajectory point %d: no path near pixel (%d, %d)", k, x, y)
		}
	}
	// Steps not recorded yet are drawn nowhere: the loss axis ends at step
	// 100, so the landscape point 150 has no path yet.
	if x, y := landMap.at(a.X[150], a.Y[150]); colourNear(frame, x, y, 1, blue, 10) {
		t.Errorf("trajectory point 150 is drawn before it was recorded")
	}
	if lossMap.xmax != 100 {
		t.Errorf("the loss axis ends at step %g, want 100 (the last recorded)", lossMap.xmax)
	}
}

func TestLiveWithLossFinalIsTheExactComposite(t *testing.T) {
	a := line("alpha", -1.5, -0.5, 1.5, 2.5, 120)
	withLoss := NewLiveFunc(rosenSurface(), Options{WithLoss: true, Cache: NewCache(0)}, "alpha")
	// The same trajectory in a plain Live of the panel's size, and the same
	// losses in a loss chart of that size, drawn on their own.
	plain := NewLiveFunc(rosenSurface(), Options{Width: 480, Height: 400, Cache: NewCache(0)}, "alpha")
	series := Series{Name: "alpha", X: make([]float64, 120), Y: make([]float64, 120), Color: SeriesColor(0)}
	for k := range 120 {
		withLoss.Record(0, k, []float64{a.X[k], a.Y[k]}, linearLoss(k))
		plain.Add(0, a.X[k], a.Y[k])
		series.X[k], series.Y[k] = float64(k), linearLoss(k)
	}
	running := decodePNG(t, withLoss.PNG())
	withLoss.Finish()
	final := decodePNG(t, withLoss.PNG())
	if _, ok := final.(*image.Paletted); ok {
		t.Error("the final frame is still 256 colours")
	}
	exactFinal := decodePNG(t, withLoss.Final().PNG())
	left, err := plain.Final().Image()
	if err != nil {
		t.Fatal(err)
	}
	right, err := LossCurves(Options{Width: 480, Height: 400, Title: "loss", NoLegend: true}, series).Image()
	if err != nil {
		t.Fatal(err)
	}
	far := 0
	for y := range 400 {
		for x := range 960 {
			want := rgbAt(right, x-480, y)
			if x < 480 {
				want = rgbAt(left, x, y)
			}
			if got := rgbAt(final, x, y); got != want {
				t.Fatalf("final frame at (%d, %d) is %v, the panel drawn alone %v", x, y, got, want)
			}
			if got := rgbAt(exactFinal, x, y); got != want {
				t.Fatalf("Final() at (%d, %d) is %v, the panel drawn alone %v", x, y, got, want)
			}
			q := rgbAt(running, x, y)
			if absDiff(q.R, want.R)+absDiff(q.G, want.G)+absDiff(q.B, want.B) > 48 {
				far++
			}
		}
	}
	if far > 960*400/100 {
		t.Errorf("%d pixels of the last running frame are far from the exact one (over 1%%)", far)
	}
}

func TestLiveLossPanelOptions(t *testing.T) {
	t.Run("epochs", func(t *testing.T) {
		lv := NewLiveFunc(rosenSurface(), Options{WithLoss: true, StepsPerEpoch: 100, Cache: NewCache(0)}, "run")
		for k := range 201 {
			lv.Record(0, k, []float64{0, 0}, linearLoss(k))
		}
		f := lv.loss.figure(lv.lossSeries(true))
		if got := f.panel.plot.X.Label.Text; got != "epoch" {
			t.Errorf("x label %q, want epoch", got)
		}
		if got := f.panel.plot.X.Max; got != 2 {
			t.Errorf("x axis ends at %g, want 2 (step 200 / 100 steps per epoch)", got)
		}
	})
	t.Run("empty panel has no note", func(t *testing.T) {
		lv := NewLiveFunc(rosenSurface(), Options{WithLoss: true, Cache: NewCache(0)}, "run")
		if n := lv.loss.figure(lv.lossSeries(true)).Notes(); len(n) != 0 {
			t.Errorf("notes of the empty loss panel: %v", n)
		}
		if n := LossCurves(Options{}, Series{Name: "run"}).Notes(); len(n) == 0 {
			t.Error("an empty loss chart on its own should say it has no data")
		}
	})
	t.Run("1-D landscape", func(t *testing.T) {
		lv := NewLiveCurve(doubleWell(), Options{WithLoss: true, Cache: NewCache(0)}, "GD")
		lv.Record(0, 0, []float64{1.5}, doubleWell().F(1.5))
		if img := decodePNG(t, lv.PNG()); img.Bounds().Dx() != DefaultLiveLossWidth {
			t.Errorf("width %d, want %d", img.Bounds().Dx(), DefaultLiveLossWidth)
		}
		if !strings.Contains(lv.String(), "with a loss panel (960×400 px in all)") {
			t.Errorf("String() = %q", lv.String())
		}
	})
	t.Run("point and loss errors stay apart", func(t *testing.T) {
		lv := NewLiveFunc(rosenSurface(), Options{WithLoss: true, Cache: NewCache(0)}, "run")
		lv.Record(0, 0, []float64{1}, 2) // too few coordinates: the loss still counts
		lv.Record(4, 0, []float64{1, 1}, 2)
		if lv.Len(0) != 0 || len(lv.losses[0]) != 1 {
			t.Errorf("%d points and %d losses, want 0 and 1", lv.Len(0), len(lv.losses[0]))
		}
		if err := lv.Err(); err == nil || !strings.Contains(err.Error(), "too few") {
			t.Errorf("Err() = %v", err)
		}
	})
}
