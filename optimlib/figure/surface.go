package figure

import (
	"errors"
	"fmt"
	"math"
)

// Point is a marked point of a landscape, in data coordinates.
type Point struct {
	X, Y float64
}

// Surface is a function of two variables to draw as contours or a heat map:
// a landscape given as plain data.
type Surface struct {
	// Name identifies the function in the cache and in titles; two
	// different functions should not share a name.
	Name string
	// F is the function; it must not keep or modify anything between
	// calls. NaN and ±Inf values are left blank.
	F func(x, y float64) float64
	// Window is the recommended window (used when Options.Window is zero).
	Window Window
	// Minima are marked with stars: filled for the lowest (global) ones,
	// hollow for the others. Saddles are marked with crosses and Maxima
	// (local maxima) with triangles.
	Minima, Saddles, Maxima []Point
}

// SurfaceGrid is a Surface sampled on a regular grid: Z(c, r) = F(X(c),
// Y(r)) for columns c = 0…nx−1 and rows r = 0…ny−1, with X and Y evenly
// spaced from the window's low edge to its high edge. Its methods match
// gonum's plotter.GridXYZ, so it can be handed to plotter.NewContour or
// plotter.NewHeatMap directly. A SurfaceGrid is never modified after it is
// made, so the cache can share it.
type SurfaceGrid struct {
	win        Window
	xs, ys, z  []float64
	zmin, zmax float64
}

// Dims returns the number of columns and rows.
func (g *SurfaceGrid) Dims() (c, r int) { return len(g.xs), len(g.ys) }

// X returns the x coordinate of column c.
func (g *SurfaceGrid) X(c int) float64 { return g.xs[c] }

// Y returns the y coordinate of row r.
func (g *SurfaceGrid) Y(r int) float64 { return g.ys[r] }

// Z returns F at column c and row r (NaN where F was not finite).
func (g *SurfaceGrid) Z(c, r int) float64 { return g.z[r*len(g.xs)+c] }

// Min returns the lowest finite sample (NaN when there is none).
func (g *SurfaceGrid) Min() float64 { return g.zmin }

// Max returns the highest finite sample (NaN when there is none).
func (g *SurfaceGrid) Max() float64 { return g.zmax }

// Window returns the sampled window.
func (g *SurfaceGrid) Window() Window { return g.win }

// bytes estimates the memory the grid holds.
func (g *SurfaceGrid) bytes() int64 { return int64(8 * (len(g.xs) + len(g.ys) + len(g.z))) }

// at returns the bilinear interpolation of the grid at (x, y), NaN outside
// the window or next to a blank sample.
func (g *SurfaceGrid) at(x, y float64) float64 {
	nx, ny := len(g.xs), len(g.ys)
	fx := (x - g.win.XMin) / (g.win.XMax - g.win.XMin) * float64(nx-1)
	fy := (y - g.win.YMin) / (g.win.YMax - g.win.YMin) * float64(ny-1)
	if !(fx >= 0 && fx <= float64(nx-1) && fy >= 0 && fy <= float64(ny-1)) {
		return math.NaN()
	}
	i, j := min(int(fx), nx-2), min(int(fy), ny-2)
	tx, ty := fx-float64(i), fy-float64(j)
	z00, z10 := g.z[j*nx+i], g.z[j*nx+i+1]
	z01, z11 := g.z[(j+1)*nx+i], g.z[(j+1)*nx+i+1]
	return (z00*(1-tx)+z10*tx)*(1-ty) + (z01*(1-tx)+z11*tx)*ty
}

// SampleSurface samples f on an nx × ny grid spanning w (nx, ny ≥ 2). The
// loop is compiled, so a built-in landscape samples at native speed; a
// function written in a cell costs one interpreted call per sample. A panic
// in f becomes an error. SampleSurface does not use the cache; see
// Cache.Grid for the cached form.
func SampleSurface(f func(x, y float64) float64, w Window, nx, ny int) (g *SurfaceGrid, err error) {
	if f == nil {
		return nil, errors.New("sample surface: nil function")
	}
	if err := w.check(); err != nil {
		return nil, fmt.Errorf("sample surface: %w", err)
	}
	if nx < 2 || ny < 2 || nx > MaxResolution || ny > MaxResolution {
		return nil, fmt.Errorf("sample surface: grid %d×%d is outside 2…%d per axis", nx, ny, MaxResolution)
	}
	g = &SurfaceGrid{
		win: w,
		xs:  linspace(w.XMin, w.XMax, nx),
		ys:  linspace(w.YMin, w.YMax, ny),
		z:   make([]float64, nx*ny),
	}
	var x, y float64
	defer func() {
		if r := recover(); r != nil {
			g, err = nil, fmt.Errorf("sample surface: f(%g, %g) panicked: %v", x, y, r)
		}
	}()
	g.zmin, g.zmax = math.Inf(1), math.Inf(-1)
	for r, yy := range g.ys {
		row := g.z[r*nx : (r+1)*nx]
		for c, xx := range g.xs {
			x, y = xx, yy
			v := f(x, y)
			if math.IsNaN(v) || math.IsInf(v, 0) {
				v = math.NaN()
			} else {
				g.zmin = math.Min(g.zmin, v)
				g.zmax = math.Max(g.zmax, v)
			}
			row[c] = v
		}
	}
	if g.zmin > g.zmax {
		g.zmin, g.zmax = math.NaN(), math.NaN()
	}
	return g, nil
}

// linspace returns n evenly spaced values from a to b inclusive (n ≥ 2).
func linspace(a, b float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		t := float64(i) / float64(n-1)
		out[i] = a + t*(b-a)
	}
	out[n-1] = b
	return out
}

// surfaceWindow picks the window of a landscape figure: the options', else
// the surface's, else one that holds the paths, else [−2, 2]².
func surfaceWindow(opt Window, s Window, paths []Path) (Window, error) {
	switch {
	case !opt.IsZero():
		return opt, opt.check()
	case !s.IsZero():
		return s, s.check()
	}
	w, ok := pathsBounds(paths)
	if !ok {
		return Window{-2, 2, -2, 2}, nil
	}
	return padWindow(w, 0.1), nil
}

// pathsBounds returns the bounding box of the finite points of paths.
func pathsBounds(paths []Path) (Window, bool) {
	w := Window{math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)}
	for _, p := range paths {
		for i := range min(len(p.X), len(p.Y)) {
			x, y := p.X[i], p.Y[i]
			if finite(x) && finite(y) {
				w.XMin, w.XMax = math.Min(w.XMin, x), math.Max(w.XMax, x)
				w.YMin, w.YMax = math.Min(w.YMin, y), math.Max(w.YMax, y)
			}
		}
	}
	return w, w.XMin <= w.XMax
}

// padWindow widens w by frac of its size on each side (and gives an empty
// range a unit width).
func padWindow(w Window, frac float64) Window {
	pad := func(lo, hi float64) (float64, float64) {
		d := hi - lo
		if d == 0 {
			d = math.Max(1, math.Abs(lo))
			return lo - d/2, hi + d/2
		}
		return lo - frac*d, hi + frac*d
	}
	w.XMin, w.XMax = pad(w.XMin, w.XMax)
	w.YMin, w.YMax = pad(w.YMin, w.YMax)
	return w
}

// finite reports whether v is neither NaN nor ±Inf.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
