package figure

import (
	"math"
	"strings"
	"testing"
)

// doubleWell is (x² − 1)² + 0.3x: global minimum near −1.04, local near 0.96.
func doubleWell() Curve {
	return Curve{Name: "test-double-well", F: func(x float64) float64 { w := x*x - 1; return w*w + 0.3*x },
		XMin: -2, XMax: 2, Minima: []float64{-1.035579, 0.960150}, Maxima: []float64{0.075429}}
}

func TestLandscape1DMarksIteratesOnTheCurve(t *testing.T) {
	c := doubleWell()
	it := Path{Name: "GD", X: []float64{1.6, 1.2, 1.0, 0.97}}
	f := Landscape1DFunc(c, Options{Cache: NewCache(0)}, it)
	if err := f.Err(); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, f.PNG())
	m := newPixelMap(t, f)
	// Every iterate is drawn at (x, f(x)) in the path's colour.
	for k, x := range it.X[:3] {
		px, py := m.at(x, c.F(x))
		if !colourNear(img, px, py, 2, SeriesColor(0), 8) {
			t.Errorf("iterate %d at (%g, %g), pixel (%d, %d): no %v nearby", k, x, c.F(x), px, py, SeriesColor(0))
		}
	}
	// The global minimum is a black star, the curve dark grey elsewhere.
	px, py := m.at(-1.035579, c.F(-1.035579))
	if !colourNear(img, px, py, 1, black, 30) {
		t.Errorf("no black star at the global minimum (%d, %d)", px, py)
	}
	px, py = m.at(-1.8, c.F(-1.8))
	if !colourNear(img, px, py, 1, color3(60), 12) {
		t.Errorf("the curve is not drawn at x = -1.8 (pixel %v)", rgbAt(img, px, py))
	}
	if colourNear(img, px, py, 3, SeriesColor(0), 8) {
		t.Error("the path colour at x = -1.8, where there is no iterate")
	}
	svg := f.SVG()
	for _, want := range []string{">GD<", ">global min<", ">local min<", ">local max<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	// The y range fits the curve over the x range, padded 8%.
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range linspace(-2, 2, DefaultResolution1D) {
		lo, hi = math.Min(lo, c.F(x)), math.Max(hi, c.F(x))
	}
	pad := 0.08 * (hi - lo)
	if p := f.panel.plot; math.Abs(p.Y.Min-(lo-pad)) > 1e-9 || math.Abs(p.Y.Max-(hi+pad)) > 1e-9 {
		t.Errorf("y range %g…%g, want %g…%g", p.Y.Min, p.Y.Max, lo-pad, hi+pad)
	}
}

func TestLandscape1DErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		c     Curve
		paths []Path
		want  string
	}{
		{"nil function", Curve{}, nil, "no function"},
		{"no finite value", Curve{Name: "nan", F: func(float64) float64 { return math.NaN() }, XMin: 0, XMax: 1}, nil, "no finite value"},
		{"panics", Curve{Name: "p", F: func(float64) float64 { panic("bad") }, XMin: 0, XMax: 1}, nil, "bad"},
		{"lengths", doubleWell(), []Path{{X: []float64{1, 2}, Y: []float64{1}}}, "2 x values but 1 y values"},
	} {
		err := Landscape1DFunc(tc.c, Options{Cache: NewCache(0)}, tc.paths...).Err()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Err() = %v, want %q", tc.name, err, tc.want)
		}
	}
}
