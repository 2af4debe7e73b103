package optimlib

// landscapeMaxGridSide bounds each side of a Grid.
const landscapeMaxGridSide = 4096

// Grid samples f on a regular grid over w (the landscape's Window when w is
// the zero Window), for figures: xs has nx values from w.XMin to w.XMax, ys
// has ny values from w.YMin to w.YMax, and z holds f row by row, z[j*nx+i] =
// f(xs[i], ys[j]). nx and ny are clamped to [2, 4096].
//
// For a 1-D landscape ys is nil and z[i] = f(xs[i]); ny is ignored. Beyond
// two dimensions the grid is the slice through the first listed minimum (or
// the origin if none is listed) along the first two coordinates.
//
// It runs in compiled code and allocates only the three slices.
func (l *Landscape) Grid(nx, ny int, w Window) (xs, ys, z []float64) {
	if w == (Window{}) {
		w = l.Window
	}
	nx = min(max(nx, 2), landscapeMaxGridSide)
	ny = min(max(ny, 2), landscapeMaxGridSide)
	xs = landscapeGridAxis(w.XMin, w.XMax, nx)
	if l.dim < 1 {
		return xs, nil, landscapeNaNs(nx)
	}
	x := make([]float64, l.dim)
	if len(l.Minima) > 0 && len(l.Minima[0].X) == l.dim {
		copy(x, l.Minima[0].X)
	}
	if l.dim == 1 {
		z = make([]float64, nx)
		for i, v := range xs {
			x[0] = v
			z[i] = l.Func(x)
		}
		return xs, nil, z
	}
	ys = landscapeGridAxis(w.YMin, w.YMax, ny)
	z = make([]float64, nx*ny)
	for j, y := range ys {
		x[1] = y
		row := z[j*nx : (j+1)*nx]
		for i, v := range xs {
			x[0] = v
			row[i] = l.Func(x)
		}
	}
	return xs, ys, z
}

// landscapeGridAxis returns n evenly spaced values from lo to hi, both included.
func landscapeGridAxis(lo, hi float64, n int) []float64 {
	v := make([]float64, n)
	step := (hi - lo) / float64(n-1)
	for i := range v {
		v[i] = lo + float64(i)*step
	}
	v[n-1] = hi
	return v
}

// landscapeNaNs returns n NaN values.
func landscapeNaNs(n int) []float64 {
	v := make([]float64, n)
	fillNaNFormula(v)
	return v
}
