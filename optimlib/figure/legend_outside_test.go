package figure

import (
	"image"
	"math"
	"strings"
	"testing"
)

// countColour counts the pixels of img in r within tol of want.
func countColour(img image.Image, r image.Rectangle, want [3]uint8, tol int) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			c := rgbAt(img, x, y)
			if absDiff(c.R, want[0]) <= tol && absDiff(c.G, want[1]) <= tol && absDiff(c.B, want[2]) <= tol {
				n++
			}
		}
	}
	return n
}

func rgb3(i int) [3]uint8 { c := SeriesColor(i); return [3]uint8{c.R, c.G, c.B} }

// With LegendOutside the legend sits right of the data area, and the data
// area itself holds no legend: the series colours there come from the data.
func TestLinesLegendOutside(t *testing.T) {
	series := []Series{{Name: "first series", Y: []float64{1, 1, 1}}, {Name: "second", Y: []float64{2, 2, 2}}}
	inside := Lines(Options{Cache: NewCache(0)}, series...)
	outside := Lines(Options{Cache: NewCache(0), LegendOutside: true}, series...)
	mi, mo := newPixelMap(t, inside), newPixelMap(t, outside)
	if !(mo.right < mi.right-60) {
		t.Fatalf("data area ends at x = %.0f with the legend outside, %.0f inside: no room was kept", mo.right, mi.right)
	}
	img := decodePNG(t, outside.PNG())
	margin := image.Rect(int(math.Ceil(mo.right))+2, 0, img.Bounds().Dx(), img.Bounds().Dy())
	for i := range series {
		if n := countColour(img, margin, rgb3(i), 10); n < 20 {
			t.Errorf("series %d: %d pixels of its colour right of the plot, want its legend sample there", i, n)
		}
	}
	if svg := outside.SVG(); !strings.Contains(svg, ">first series<") {
		t.Error("the SVG lacks the legend's label")
	}
}

// A heat map has a colour key right of the plot: the viridis scale from
// dark purple at the bottom to yellow at the top, with labelled values.
func TestHeatMapHasAColourKey(t *testing.T) {
	f, _, _ := twoLines(t, Options{HeatMap: true, Title: "key"})
	m := newPixelMap(t, f)
	img := decodePNG(t, f.PNG())
	x := int(m.right + (keyGap+keyBar/2)*96.0/72)
	top, bottom := rgbAt(img, x, int(m.top)+6), rgbAt(img, x, int(m.bottom)-6)
	lo, hi := Viridis(0.02), Viridis(0.98)
	if absDiff(bottom.R, lo.R) > 12 || absDiff(bottom.B, lo.B) > 12 || absDiff(top.G, hi.G) > 12 || absDiff(top.B, hi.B) > 25 {
		t.Errorf("key at x = %d: bottom %v (want ≈ %v), top %v (want ≈ %v)", x, bottom, lo, top, hi)
	}
	if plain, _, _ := twoLines(t, Options{Title: "key"}); newPixelMap(t, plain).right <= m.right {
		t.Error("the heat map kept no room for its key")
	}
	st, err := surfaceBackground(rosenSurface(), Window{-2, 2, -1, 3}, DefaultResolution, Options{HeatMap: true})
	if err != nil {
		t.Fatal(err)
	}
	svg := f.SVG()
	for _, label := range newColorKey(st.cmap, nil).text {
		if !strings.Contains(svg, ">"+label+"<") {
			t.Errorf("the SVG lacks the key's label %s", label)
		}
	}
}

// Categories name the values 0, 1, 2: one swatch each, in their colours.
func TestHeatMapCategoryKey(t *testing.T) {
	s := Surface{Name: "three bands", F: func(x, y float64) float64 { return math.Floor(x) }, Window: Window{0, 2.999, 0, 1}}
	labels := []string{"band zero", "band one", "band two"}
	f := ContourFunc(s, Options{HeatMap: true, ColorKeyLabels: labels, Levels: []float64{0.5, 1.5}, Cache: NewCache(0)})
	if err := f.Err(); err != nil {
		t.Fatal(err)
	}
	m := newPixelMap(t, f)
	img := decodePNG(t, f.PNG())
	x := int(m.right + (keyGap+keyBar/2)*96.0/72)
	for i := range labels {
		want := Viridis(float64(i) / 2)
		// Swatch i is the i-th row from the top of the data area.
		row := legendStyle().FontExtents().Height * legendRow
		y := int(m.top + (float64(i)*math.Max(float64(row), keyBar+4)+keyBar/2)*96.0/72)
		if got := rgbAt(img, x, y); absDiff(got.R, want.R) > 3 || absDiff(got.G, want.G) > 3 || absDiff(got.B, want.B) > 3 {
			t.Errorf("swatch %d at (%d, %d) is %v, want %v", i, x, y, got, want)
		}
	}
	if svg := f.SVG(); !strings.Contains(svg, ">band two<") {
		t.Error("the SVG lacks the category labels")
	}
}

// A grid with LegendOutside draws one legend right of its panels and none
// inside them.
func TestGridSharedLegend(t *testing.T) {
	cache := NewCache(0)
	a, _, _ := twoLines(t, Options{Title: "a", Cache: cache})
	b, _, _ := twoLines(t, Options{Title: "b", Cache: cache})
	g := Grid(Options{Title: "shared", LegendOutside: true}, 2, a, b)
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	w, h := g.Size()
	if g.legendWidth < 40 || w != 800+g.legendWidth {
		t.Fatalf("size %d×%d with a legend column of %d px", w, h, g.legendWidth)
	}
	img := decodePNG(t, g.PNG())
	column := image.Rect(800, 0, w, h)
	for i := range 2 {
		if n := countColour(img, column, rgb3(i), 10); n < 20 {
			t.Errorf("path %d: %d pixels of its colour in the legend column", i, n)
		}
	}
	// The panels are drawn without their legends: panel a alone, with its
	// legend, differs from its cell.
	r := g.gridLayout(w, h, 0)
	a.mu.Lock()
	alone, err := a.raster(r.Dx(), r.Dy())
	a.mu.Unlock()
	if err != nil {
		t.Fatal(err)
	}
	diff := 0
	for y := 0; y < r.Dy(); y++ {
		for x := 0; x < r.Dx(); x++ {
			if rgbAt(img, r.Min.X+x, r.Min.Y+y) != alone.RGBAAt(x, y) {
				diff++
			}
		}
	}
	if diff == 0 {
		t.Error("the first panel still draws its own legend")
	}
	if n := strings.Count(g.SVG(), ">alpha<"); n != 1 {
		t.Errorf("the SVG names the first path %d times, want once (the shared legend)", n)
	}
	// The caller's figures keep their legends.
	if n := strings.Count(a.SVG(), ">alpha<"); n != 1 {
		t.Errorf("panel a alone names its path %d times", n)
	}
}

// The shared legend names the series of the first panel and the landmark
// symbols of every panel, each once.
func TestGridSharedLegendGathersLandmarks(t *testing.T) {
	cache := NewCache(0)
	a, _, _ := twoLines(t, Options{Title: "a", Cache: cache})
	saddle := Surface{Name: "test-saddle", F: func(x, y float64) float64 { return x*x - y*y },
		Window: Window{-1, 1, -1, 1}, Saddles: []Point{{0, 0}}}
	b := ContourFunc(saddle, Options{Title: "b", Cache: cache}, line("alpha", -0.5, 0.1, 0.5, 0.1, 10))
	g := Grid(Options{LegendOutside: true}, 2, a, b)
	svg := g.SVG()
	for _, label := range []string{"alpha", "beta", "global min", "saddle"} {
		if n := strings.Count(svg, ">"+label+"<"); n != 1 {
			t.Errorf("the grid's SVG names %q %d times, want once", label, n)
		}
	}
}
