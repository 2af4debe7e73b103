package figure

import (
	"bytes"
	"image"
	"math"
	"strings"
	"testing"
)

// twoLines is the contour figure the pixel tests read: Rosenbrock with one
// horizontal path near the top of the window and one near the bottom.
func twoLines(t *testing.T, opt Options) (*Figure, Path, Path) {
	t.Helper()
	a := line("alpha", -1.5, 2.6, 1.5, 2.6, 200)
	b := line("beta", -1.5, -0.6, 1.5, -0.6, 200)
	if opt.Cache == nil {
		opt.Cache = NewCache(0)
	}
	f := ContourFunc(rosenSurface(), opt, a, b)
	if err := f.Err(); err != nil {
		t.Fatal(err)
	}
	return f, a, b
}

func TestContourPNGShowsTrajectoriesWhereTheyAre(t *testing.T) {
	f, a, b := twoLines(t, Options{Title: "Rosenbrock"})
	img := decodePNG(t, f.PNG())
	if got := img.Bounds(); got != image.Rect(0, 0, 600, 400) {
		t.Fatalf("bounds %v, want 600×400", got)
	}
	if n := distinctColours(img); n < 100 {
		t.Errorf("%d distinct colours: the contour figure looks blank", n)
	}
	m := newPixelMap(t, f)
	// The data area sits inside the image, with room for the title above
	// and tick labels to the left and below.
	if m.left < 25 || m.right > 600 || m.top < 15 || m.bottom > 380 || m.right-m.left < 400 || m.bottom-m.top < 250 {
		t.Fatalf("data area %+v is not where a 600×400 plot puts it", m)
	}
	for _, tc := range []struct {
		path Path
		i    int
	}{{a, 10}, {a, 60}, {a, 120}, {a, 180}, {b, 10}, {b, 60}, {b, 120}, {b, 180}} {
		want := SeriesColor(0)
		if tc.path.Name == "beta" {
			want = SeriesColor(1)
		}
		x, y := m.at(tc.path.X[tc.i], tc.path.Y[tc.i])
		if !colourNear(img, x, y, 1, want, 8) {
			t.Errorf("%s point %d (%g, %g) at pixel (%d, %d): colour %v not found nearby (pixel is %v)",
				tc.path.Name, tc.i, tc.path.X[tc.i], tc.path.Y[tc.i], x, y, want, rgbAt(img, x, y))
		}
	}
	// Away from both paths neither colour appears.
	for _, q := range []Point{{0, 1}, {-1, 1.5}, {1.5, 0.5}} {
		x, y := m.at(q.X, q.Y)
		for i := range 2 {
			if colourNear(img, x, y, 3, SeriesColor(i), 8) {
				t.Errorf("colour of path %d found at (%g, %g), far from it", i, q.X, q.Y)
			}
		}
	}
	// The end of each path is a filled disc of its colour; the global
	// minimum (1, 1) is a black star.
	x, y := m.at(a.X[199], a.Y[199])
	if c := rgbAt(img, x, y); c != SeriesColor(0) {
		t.Errorf("end of alpha at (%d, %d) is %v, want %v", x, y, c, SeriesColor(0))
	}
	x, y = m.at(1, 1)
	if !colourNear(img, x, y, 1, black, 30) {
		t.Errorf("no black star at the minimum (1, 1), pixel (%d, %d) is %v", x, y, rgbAt(img, x, y))
	}
	// The path's colour does not appear left of the window's left edge.
	for py := int(m.top); py < int(m.bottom); py += 7 {
		if c := rgbAt(img, int(m.left)-2, py); c == SeriesColor(0) || c == SeriesColor(1) {
			t.Fatalf("a path colour at (%d, %d), outside the data area", int(m.left)-2, py)
		}
	}
}

func TestContourSVGHoldsPathsAndText(t *testing.T) {
	f, _, _ := twoLines(t, Options{Title: "Rosenbrock valley"})
	svg := f.SVG()
	if !strings.HasPrefix(strings.TrimSpace(svg), "<?xml") && !strings.Contains(svg, "<svg") {
		t.Fatalf("not an SVG document: %.80q", svg)
	}
	for _, want := range []string{"<svg", "Rosenbrock valley", ">alpha<", ">beta<", ">global min<", "Liberation"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	set := contourLines(mustGrid(t, rosenSurface(), DefaultResolution), mustLevels(t, rosenSurface()))
	lines := 0
	for _, l := range set.lines {
		lines += len(l)
	}
	if n := strings.Count(svg, "<path"); n < lines {
		t.Errorf("SVG has %d <path> elements, fewer than the %d contour lines", n, lines)
	}
}

// mustGrid samples s over its window.
func mustGrid(t *testing.T, s Surface, n int) *SurfaceGrid {
	t.Helper()
	g, err := SampleSurface(s.F, s.Window, n, n)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// mustLevels returns the default levels of s.
func mustLevels(t *testing.T, s Surface) []float64 {
	t.Helper()
	levels, _, err := chooseLevels(mustGrid(t, s, DefaultResolution), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return levels
}

// luminance is the mean Rec. 601 luma of the 7×7 block around (x, y).
func luminance(img image.Image, x, y int) float64 {
	sum := 0.0
	for dy := -3; dy <= 3; dy++ {
		for dx := -3; dx <= 3; dx++ {
			c := rgbAt(img, x+dx, y+dy)
			sum += 0.299*float64(c.R) + 0.587*float64(c.G) + 0.114*float64(c.B)
		}
	}
	return sum / 49
}

func TestHeatMapIsDarkInTheValleyAndBrightOnTheWalls(t *testing.T) {
	f, _, _ := twoLines(t, Options{HeatMap: true})
	img := decodePNG(t, f.PNG())
	if n := distinctColours(img); n < 200 {
		t.Errorf("%d distinct colours: a heat map has many more", n)
	}
	m := newPixelMap(t, f)
	lowX, lowY := m.at(0.5, 0.26)    // f ≈ 0.25
	highX, highY := m.at(-1.9, -0.8) // f ≈ 1950
	low, high := luminance(img, lowX, lowY), luminance(img, highX, highY)
	if !(low+80 < high) {
		t.Errorf("luminance in the valley %.0f, on the wall %.0f: viridis should be dark low and bright high", low, high)
	}
}

func TestContourWindowChoice(t *testing.T) {
	noWindow := Surface{Name: "bowl", F: func(x, y float64) float64 { return x*x + y*y }}
	for _, tc := range []struct {
		name  string
		s     Surface
		opt   Options
		paths []Path
		want  Window
	}{
		{"options first", rosenSurface(), Options{Window: Window{-1, 1, 0, 2}}, nil, Window{-1, 1, 0, 2}},
		{"then the surface's", rosenSurface(), Options{}, nil, Window{-2, 2, -1, 3}},
		{"then the paths, padded 10%", noWindow, Options{}, []Path{line("p", 0, 0, 10, 5, 3)}, Window{-1, 11, -0.5, 5.5}},
		{"else [-2, 2]²", noWindow, Options{}, nil, Window{-2, 2, -2, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.Cache = NewCache(0)
			f := ContourFunc(tc.s, tc.opt, tc.paths...)
			if err := f.Err(); err != nil {
				t.Fatal(err)
			}
			p := f.panel.plot
			got := Window{p.X.Min, p.X.Max, p.Y.Min, p.Y.Max}
			const eps = 1e-12
			if math.Abs(got.XMin-tc.want.XMin) > eps || math.Abs(got.XMax-tc.want.XMax) > eps ||
				math.Abs(got.YMin-tc.want.YMin) > eps || math.Abs(got.YMax-tc.want.YMax) > eps {
				t.Errorf("window %v, want %v", got, tc.want)
			}
		})
	}
}

func TestContourBadInputIsAnErrorNotAPanic(t *testing.T) {
	panicky := Surface{Name: "panics", F: func(x, y float64) float64 { panic("boom") }, Window: Window{0, 1, 0, 1}}
	nowhere := Surface{Name: "nan", F: func(x, y float64) float64 { return math.NaN() }, Window: Window{0, 1, 0, 1}}
	atMinimum := Surface{Name: "panics at its minimum", Window: Window{0, 1, 0, 1}, Minima: []Point{{0.123456, 0.5}},
		F: func(x, y float64) float64 {
			if x == 0.123456 {
				panic("evaluated at the minimum")
			}
			return x + y
		}}
	for _, tc := range []struct {
		name  string
		s     Surface
		opt   Options
		paths []Path
		want  string
	}{
		{"nil function", Surface{}, Options{}, nil, "no function"},
		{"empty window", rosenSurface(), Options{Window: Window{1, 1, 0, 1}}, nil, "empty"},
		{"infinite window", rosenSurface(), Options{Window: Window{0, math.Inf(1), 0, 1}}, nil, "not finite"},
		{"path lengths", rosenSurface(), Options{}, []Path{{Name: "p", X: []float64{1, 2}, Y: []float64{1}}}, "2 x values but 1 y values"},
		{"tiny image", rosenSurface(), Options{Width: 10}, nil, "size"},
		{"huge resolution", rosenSurface(), Options{Resolution: 5000}, nil, "resolution"},
		{"too many levels", rosenSurface(), Options{NumLevels: 1000}, nil, "NumLevels"},
		{"function panics", panicky, Options{}, nil, "boom"},
		{"no finite value", nowhere, Options{}, nil, "no finite value"},
		{"function panics at a minimum", atMinimum, Options{}, nil, "evaluated at the minimum"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opt.Cache = NewCache(0)
			f := ContourFunc(tc.s, tc.opt, tc.paths...)
			err := f.Err()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Err() = %v, want it to mention %q", err, tc.want)
			}
			if f.PNG() != nil || f.SVG() != "" {
				t.Error("a failed figure still rendered")
			}
			if !strings.Contains(f.String(), "error:") {
				t.Errorf("String() = %q does not report the error", f.String())
			}
			if err := f.Save(t.TempDir() + "/f.png"); err == nil {
				t.Error("Save of a failed figure succeeded")
			}
		})
	}
}

func TestContourFlatSurfaceHasANote(t *testing.T) {
	f := ContourFunc(Surface{Name: "flat", F: func(x, y float64) float64 { return 3 }, Window: Window{0, 1, 0, 1}},
		Options{Cache: NewCache(0)})
	if err := f.Err(); err != nil {
		t.Fatal(err)
	}
	if notes := f.Notes(); len(notes) != 1 || !strings.Contains(notes[0], "flat") {
		t.Errorf("notes %q, want one saying the landscape is flat", notes)
	}
	decodePNG(t, f.PNG())
}

func TestSecondFigureReusesGridContoursAndBackground(t *testing.T) {
	cache := NewCache(0)
	first, _, _ := twoLines(t, Options{Cache: cache})
	if first.PNG() == nil {
		t.Fatal(first.Err())
	}
	before := cache.Stats()
	second := ContourFunc(rosenSurface(), Options{Cache: cache}, line("other", 0, 0, 1, 1, 50))
	if second.PNG() == nil {
		t.Fatal(second.Err())
	}
	after := cache.Stats()
	// The grid, the contour set and the background are all found again.
	if after.Hits-before.Hits < 3 {
		t.Errorf("second figure made %d cache hits, want ≥ 3 (grid, contours, background)", after.Hits-before.Hits)
	}
	if after.Entries != before.Entries {
		t.Errorf("second figure added %d entries, want 0", after.Entries-before.Entries)
	}
	// A new window is a new grid and background.
	third := ContourFunc(rosenSurface(), Options{Cache: cache, Window: Window{-1, 1, -1, 1}})
	if third.PNG() == nil {
		t.Fatal(third.Err())
	}
	if got := cache.Stats().Entries; got != after.Entries+3 {
		t.Errorf("a new window gave %d entries, want %d", got, after.Entries+3)
	}
}

func TestFigureSave(t *testing.T) {
	f, _, _ := twoLines(t, Options{})
	dir := t.TempDir()
	for _, name := range []string{"a.png", "b.SVG"} {
		if err := f.Save(dir + "/" + name); err != nil {
			t.Errorf("Save(%s): %v", name, err)
		}
	}
	if err := f.Save(dir + "/c.jpg"); err == nil || !strings.Contains(err.Error(), "unknown format") {
		t.Errorf("Save(c.jpg) = %v, want an unknown format error", err)
	}
	if err := f.Save(dir + "/missing/d.png"); err == nil {
		t.Error("Save into a missing directory succeeded")
	}
	var nilFig *Figure
	if nilFig.PNG() != nil || nilFig.Err() == nil || nilFig.String() != "<nil figure>" {
		t.Error("a nil figure should have an error and no PNG")
	}
}

func TestRenderingAgainGivesTheSameImage(t *testing.T) {
	// PNG borrows a pooled canvas; drawing another figure of the same size
	// in between must leave no trace in the next one.
	f, _, _ := twoLines(t, Options{})
	other := LossCurves(Options{}, Series{Name: "x", Y: []float64{3, 2, 1}})
	first := f.PNG()
	if other.PNG() == nil {
		t.Fatal(other.Err())
	}
	second := f.PNG()
	if !bytes.Equal(first, second) {
		t.Error("the same figure encoded twice gives different bytes")
	}
	img, err := f.Image()
	if err != nil {
		t.Fatal(err)
	}
	dec := decodePNG(t, second)
	for y := 0; y < 400; y += 2 {
		for x := 0; x < 600; x += 2 {
			if rgbAt(dec, x, y) != img.RGBAAt(x, y) {
				t.Fatalf("PNG and Image differ at (%d, %d)", x, y)
			}
		}
	}
}
