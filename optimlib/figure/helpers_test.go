package figure

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"testing"
)

// decodePNG decodes b, failing the test if it is not a PNG.
func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	if len(b) == 0 {
		t.Fatal("empty PNG")
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode PNG: %v", err)
	}
	return img
}

// rgbAt returns the 8-bit colour of img at (x, y).
func rgbAt(img image.Image, x, y int) color.RGBA {
	r, g, b, a := img.At(x, y).RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

// distinctColours counts the colours of img.
func distinctColours(img image.Image) int {
	seen := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			seen[rgbAt(img, x, y)] = true
		}
	}
	return len(seen)
}

// colourNear reports whether a pixel within r pixels of (x, y) has colour
// want (each channel within tol).
func colourNear(img image.Image, x, y, r int, want color.RGBA, tol int) bool {
	for dy := -r; dy <= r; dy++ {
		for dx := -r; dx <= r; dx++ {
			if !(image.Point{X: x + dx, Y: y + dy}).In(img.Bounds()) {
				continue
			}
			c := rgbAt(img, x+dx, y+dy)
			if absDiff(c.R, want.R) <= tol && absDiff(c.G, want.G) <= tol && absDiff(c.B, want.B) <= tol {
				return true
			}
		}
	}
	return false
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

// pixelMap maps data coordinates of a single-panel figure to pixels: the
// data area of the rendered background, in points, scaled to pixels at 96
// dpi, with y measured down from the top of the image, for linear axes.
type pixelMap struct {
	left, right, top, bottom float64 // data area edges in pixels
	xmin, xmax, ymin, ymax   float64
}

// newPixelMap reads the data area of f rendered at its size.
func newPixelMap(t *testing.T, f *Figure) pixelMap {
	t.Helper()
	if f.panel == nil {
		t.Fatal("not a single-panel figure")
	}
	bg, err := f.panel.background(f.width, f.height, f.cache)
	if err != nil {
		t.Fatal(err)
	}
	s := 96.0 / 72
	p := f.panel.plot
	return pixelMap{
		left: float64(bg.data.Min.X) * s, right: float64(bg.data.Max.X) * s,
		top: float64(f.height) - float64(bg.data.Max.Y)*s, bottom: float64(f.height) - float64(bg.data.Min.Y)*s,
		xmin: p.X.Min, xmax: p.X.Max, ymin: p.Y.Min, ymax: p.Y.Max,
	}
}

// at returns the pixel of data point (x, y).
func (m pixelMap) at(x, y float64) (int, int) {
	px := m.left + (x-m.xmin)/(m.xmax-m.xmin)*(m.right-m.left)
	py := m.bottom - (y-m.ymin)/(m.ymax-m.ymin)*(m.bottom-m.top)
	return int(math.Floor(px)), int(math.Floor(py))
}

// rosenbrock is f(x, y) = (1 − x)² + 100(y − x²)².
func rosenbrock(x, y float64) float64 { return (1-x)*(1-x) + 100*(y-x*x)*(y-x*x) }

// rosenSurface is Rosenbrock on its usual window with its minimum.
func rosenSurface() Surface {
	return Surface{Name: "test-rosenbrock", F: rosenbrock, Window: Window{-2, 2, -1, 3}, Minima: []Point{{1, 1}}}
}

// line returns n points evenly spaced from (x0, y0) to (x1, y1).
func line(name string, x0, y0, x1, y1 float64, n int) Path {
	p := Path{Name: name, X: make([]float64, n), Y: make([]float64, n)}
	for i := range n {
		t := float64(i) / float64(n-1)
		p.X[i], p.Y[i] = x0+t*(x1-x0), y0+t*(y1-y0)
	}
	return p
}
