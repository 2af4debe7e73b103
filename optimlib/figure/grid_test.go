package figure

import (
	"image"
	"strings"
	"testing"
)

func TestGridPlacesEachPanelInItsCell(t *testing.T) {
	cache := NewCache(0)
	a := Lines(Options{Title: "first", Cache: cache}, Series{Name: "s", Y: []float64{1, 3, 2}})
	b := Bars(Options{Title: "second"}, []string{"x", "y"}, []float64{1, 2})
	c, _, _ := twoLines(t, Options{Title: "third", Cache: cache})
	g := Grid(Options{Title: "all three"}, 2, a, b, c)
	if err := g.Err(); err != nil {
		t.Fatal(err)
	}
	// 2 columns, 2 rows of 400×300 plus the title band.
	if w, h := g.Size(); w != 800 || h != 600+gridTitleHeight {
		t.Fatalf("size %d×%d", w, h)
	}
	img := decodePNG(t, g.PNG())
	// Each cell holds exactly the panel rendered alone at the cell size.
	for i, p := range []*Figure{a, b, c} {
		r := g.gridLayout(800, 600+gridTitleHeight, i)
		if r.Dx() != 400 || r.Dy() != 300 {
			t.Fatalf("cell %d is %v", i, r)
		}
		p.mu.Lock()
		alone, err := p.raster(r.Dx(), r.Dy())
		p.mu.Unlock()
		if err != nil {
			t.Fatal(err)
		}
		diff := 0
		for y := 0; y < r.Dy(); y += 3 {
			for x := 0; x < r.Dx(); x += 3 {
				if rgbAt(img, r.Min.X+x, r.Min.Y+y) != alone.RGBAAt(x, y) {
					diff++
				}
			}
		}
		if diff > 0 {
			t.Errorf("cell %d differs from the panel drawn alone in %d sampled pixels", i, diff)
		}
	}
	// The empty fourth cell and the title band's margins stay white.
	for _, pt := range []image.Point{{790, 590}, {600, 500}, {5, 5}} {
		if c := rgbAt(img, pt.X, pt.Y); c != white {
			t.Errorf("pixel %v is %v, want white", pt, c)
		}
	}
	svg := g.SVG()
	for _, want := range []string{">all three<", ">first<", ">second<", ">third<", ">alpha<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
}

func TestGridErrors(t *testing.T) {
	ok := Lines(Options{}, Series{Y: []float64{1, 2}})
	bad := Lines(Options{}, Series{X: []float64{1}, Y: nil})
	for _, tc := range []struct {
		name   string
		opt    Options
		cols   int
		panels []*Figure
		want   string
	}{
		{"no panels", Options{}, 2, nil, "no panels"},
		{"zero columns", Options{}, 0, []*Figure{ok}, "columns"},
		{"nil panel", Options{}, 1, []*Figure{ok, nil}, "nil"},
		{"failed panel", Options{}, 1, []*Figure{bad}, "panel 0"},
		{"cells too small", Options{Width: 100, Height: 100}, 2, []*Figure{ok, ok, ok, ok}, "smaller"},
	} {
		if err := Grid(tc.opt, tc.cols, tc.panels...).Err(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Err() = %v, want %q", tc.name, err, tc.want)
		}
	}
}
