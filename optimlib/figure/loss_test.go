package figure

import (
	"html"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot"
)

func TestLogLossWithZeroAndNegativeValuesDoesNotPanic(t *testing.T) {
	for _, tc := range []struct {
		name   string
		y      []float64
		scale  Scale
		logY   bool
		notes  []string
		decode bool
	}{
		{"zero and negative", []float64{10, 1, 0.1, 0, -1, 0.01}, ScaleLog, true,
			[]string{"2 losses ≤ 0 left out of the log scale"}, true},
		{"all non-positive", []float64{0, -1, -2}, ScaleLog, false,
			[]string{"no losses > 0 to show on a log scale: the y axis is linear"}, true},
		{"NaN and Inf", []float64{5, math.NaN(), 0.5, math.Inf(1), 0.05}, ScaleLog, true,
			[]string{"2 NaN or infinite losses left out"}, true},
		{"auto: four decades", []float64{10, 1, 0.1, 0.01, 0.001}, ScaleAuto, true, nil, true},
		{"auto: one decade", []float64{5, 4, 3, 2, 1}, ScaleAuto, false, nil, true},
		{"auto: zero at the end", []float64{100, 10, 1, 0}, ScaleAuto, true,
			[]string{"1 loss ≤ 0 left out of the log scale"}, true},
		{"empty", nil, ScaleLog, false, []string{"no data"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := LossCurves(Options{YScale: tc.scale}, Series{Name: "run", Y: tc.y})
			if err := f.Err(); err != nil {
				t.Fatal(err)
			}
			_, isLog := f.panel.plot.Y.Scale.(plot.LogScale)
			if isLog != tc.logY {
				t.Errorf("log y axis = %v, want %v", isLog, tc.logY)
			}
			if !slices.Equal(f.Notes(), tc.notes) {
				t.Errorf("notes %q, want %q", f.Notes(), tc.notes)
			}
			img := decodePNG(t, f.PNG())
			if img.Bounds().Dx() != DefaultWidth {
				t.Errorf("width %d", img.Bounds().Dx())
			}
			svg := f.SVG()
			if svg == "" {
				t.Errorf("no SVG: %v", f.Err())
			}
			// The notes are printed in the figure itself.
			for _, n := range tc.notes {
				if !strings.Contains(svg, html.EscapeString(n)) {
					t.Errorf("the SVG does not show the note %q", n)
				}
			}
			if isLog && !(f.panel.plot.Y.Min > 0) {
				t.Errorf("log axis from %g", f.panel.plot.Y.Min)
			}
		})
	}
}

func TestLineChartDrawsEachSeriesInItsColour(t *testing.T) {
	a := Series{Name: "up", X: []float64{0, 10}, Y: []float64{0, 10}}
	b := Series{Name: "flat", X: []float64{0, 10}, Y: []float64{8, 8}}
	f := Lines(Options{Window: Window{0, 10, 0, 10}, NoLegend: true}, a, b)
	img := decodePNG(t, f.PNG())
	m := newPixelMap(t, f)
	for _, tc := range []struct {
		x, y float64
		want int // series index, -1: neither
	}{{2, 2, 0}, {5, 5, 0}, {7, 7, 0}, {2, 8, 1}, {5, 8, 1}, {9.5, 8, 1}, {8, 2, -1}, {2, 5, -1}} {
		px, py := m.at(tc.x, tc.y)
		for i := range 2 {
			has := colourNear(img, px, py, 1, SeriesColor(i), 8)
			if has != (i == tc.want) {
				t.Errorf("at (%g, %g): colour of series %d present = %v", tc.x, tc.y, i, has)
			}
		}
	}
	svg := f.SVG()
	if strings.Contains(svg, ">up<") {
		t.Error("NoLegend still drew the legend")
	}
	if !strings.Contains(Lines(Options{}, a, b).SVG(), ">flat<") {
		t.Error("the legend lacks a series name")
	}
}

func TestLineChartErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  Options
		s    Series
		want string
	}{
		{"lengths", Options{}, Series{X: []float64{1, 2, 3}, Y: []float64{1}}, "3 x values but 1 y values"},
		{"reversed window", Options{Window: Window{2, 1, 0, 0}}, Series{Y: []float64{1}}, "reversed"},
		{"log window ≤ 0", Options{YScale: ScaleLog, Window: Window{0, 0, -1, 10}}, Series{Y: []float64{1, 2}}, "≤ 0"},
	} {
		if err := LossCurves(tc.opt, tc.s).Err(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Err() = %v, want %q", tc.name, err, tc.want)
		}
	}
}

func TestDecimateKeepsExtremesAndEnds(t *testing.T) {
	n := 100_000
	xs, ys := indices(n), make([]float64, n)
	for i := range ys {
		ys[i] = math.Sin(float64(i) / 1000)
	}
	ys[54_321] = 7  // a spike
	ys[77_777] = -9 // a dip
	ys[88_888] = math.NaN()
	ox, oy := decimate(xs, ys, 1000)
	if len(ox) != len(oy) || len(ox) > 5*1000 || len(ox) < 1000 {
		t.Fatalf("%d points from 1000 buckets", len(ox))
	}
	if ox[0] != 0 || ox[len(ox)-1] != float64(n-1) {
		t.Errorf("ends %g…%g, want 0…%d", ox[0], ox[len(ox)-1], n-1)
	}
	if !slices.Contains(oy, 7) || !slices.Contains(oy, -9) {
		t.Error("the spike or the dip was thinned away")
	}
	if !slices.ContainsFunc(oy, math.IsNaN) {
		t.Error("the gap (NaN) was thinned away")
	}
	if !slices.IsSorted(ox) {
		t.Error("points out of order")
	}
	// A long series draws without trouble.
	if f := LossCurves(Options{}, Series{Y: ys}); f.PNG() == nil {
		t.Fatal(f.Err())
	}
}
