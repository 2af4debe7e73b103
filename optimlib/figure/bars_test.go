package figure

import (
	"math"
	"strings"
	"testing"
)

func TestBarsHaveTheirHeightAndColour(t *testing.T) {
	labels := []string{"GD", "Momentum", "Adam"}
	values := []float64{40, 80, 20}
	opt := Options{Title: "success rate", ValueFormat: "%.0f%%", Window: Window{YMin: 0, YMax: 100}}
	f := Bars(opt, labels, values)
	img := decodePNG(t, f.PNG())
	m := newPixelMap(t, f)
	for i, v := range values {
		// Inside the bar, half way up: its colour. Above the bar's top
		// (and its label): not.
		x, y := m.at(float64(i), v/2)
		if c := rgbAt(img, x, y); c != SeriesColor(i) {
			t.Errorf("bar %d at (%d, %d) is %v, want %v", i, x, y, c, SeriesColor(i))
		}
		x, y = m.at(float64(i), v+12)
		if colourNear(img, x, y, 2, SeriesColor(i), 8) {
			t.Errorf("bar %d reaches above %g", i, v+12)
		}
		// Between bars: no bar colour.
		x, y = m.at(float64(i)+0.5, 5)
		for j := range values {
			if rgbAt(img, x, y) == SeriesColor(j) {
				t.Errorf("bar colour between bars %d and %d", i, i+1)
			}
		}
	}
	// ColorOffset shifts the colours.
	opt.ColorOffset = 2
	shifted := decodePNG(t, Bars(opt, labels, values).PNG())
	x, y := m.at(0, 20)
	if c := rgbAt(shifted, x, y); c != SeriesColor(2) {
		t.Errorf("with ColorOffset 2 the first bar is %v, want %v", c, SeriesColor(2))
	}
	svg := f.SVG()
	for _, want := range []string{">40%<", ">80%<", ">20%<", ">Momentum<", ">success rate<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}

func TestBarsEdgeCases(t *testing.T) {
	f := Bars(Options{}, []string{"a", "b", "c"}, []float64{-2, math.NaN(), 3})
	if err := f.Err(); err != nil {
		t.Fatal(err)
	}
	if p := f.panel.plot; !(p.Y.Min < -2 && p.Y.Max > 3) {
		t.Errorf("y range %g…%g does not hold -2 and 3", p.Y.Min, p.Y.Max)
	}
	if n := f.Notes(); len(n) != 1 || !strings.Contains(n[0], `"b"`) {
		t.Errorf("notes %q, want one about bar b", n)
	}
	if svg := f.SVG(); !strings.Contains(svg, ">NaN<") || !strings.Contains(svg, ">-2<") {
		t.Error("SVG lacks the values -2 and NaN")
	}
	if svg := Bars(Options{ValueFormat: "-"}, []string{"a"}, []float64{1}).SVG(); strings.Contains(svg, ">1<") {
		t.Error(`ValueFormat "-" still printed the value`)
	}
	for _, tc := range []struct {
		labels []string
		values []float64
	}{{[]string{"a"}, nil}, {nil, nil}} {
		if err := Bars(Options{}, tc.labels, tc.values).Err(); err == nil {
			t.Errorf("Bars(%q, %v): no error", tc.labels, tc.values)
		}
	}
}
