package optimlib_test

import (
	"math"
	"math/rand/v2"

	"github.com/descentlab/descent/optimlib"
)

// landAllForTests returns every landscape of the catalogue plus variants in
// other dimensions and with other parameters.
func landAllForTests() []*optimlib.Landscape {
	ls := optimlib.Landscapes()
	return append(ls,
		optimlib.Rosenbrock(5), optimlib.Rastrigin(3), optimlib.Rastrigin(1),
		optimlib.Ackley(4), optimlib.Ackley(1), optimlib.StyblinskiTang(3), optimlib.StyblinskiTang(1),
		optimlib.Quadratic(1, 2, 3), optimlib.Quadratic(2, -1), optimlib.Quadratic(-1, -3), optimlib.Quadratic(5),
		optimlib.RotatedQuadratic(1, 10, 0.5), optimlib.RotatedQuadratic(1, -4, -1.2),
		optimlib.DoubleWell(0), optimlib.DoubleWell(-0.7), optimlib.DoubleWell(2),
	)
}

// landRandomPoint draws a point in the landscape's window (coordinates
// beyond the second range over the window's x interval).
func landRandomPoint(l *optimlib.Landscape, r *rand.Rand) []float64 {
	w := l.Window
	x := make([]float64, l.Dim)
	for i := range x {
		lo, hi := w.XMin, w.XMax
		if i == 1 && l.Dim == 2 {
			lo, hi = w.YMin, w.YMax
		}
		x[i] = lo + (hi-lo)*r.Float64()
	}
	return x
}

// landDiff estimates ∂f/∂x_i by Richardson-extrapolated central
// differences with a step relative to the scale of x_i.
func landDiff(f func([]float64) float64, x []float64, i int) float64 {
	h := 1e-3 * math.Max(1, math.Abs(x[i]))
	d := func(h float64) float64 {
		p := append([]float64(nil), x...)
		m := append([]float64(nil), x...)
		p[i] += h
		m[i] -= h
		return (f(p) - f(m)) / (2 * h)
	}
	return (4*d(h/2) - d(h)) / 3
}

// landNumHessian estimates the Hessian from the analytic gradient by
// central differences, symmetrized.
func landNumHessian(l *optimlib.Landscape, x []float64) [][]float64 {
	n := l.Dim
	h := make([][]float64, n)
	for i := range h {
		h[i] = make([]float64, n)
	}
	g := make([]float64, n)
	for j := range n {
		for i := range n {
			gi := func(p []float64) float64 { l.Grad(g, p); return g[i] }
			h[i][j] = landDiff(gi, x, j)
		}
	}
	for i := range n {
		for j := range i {
			v := (h[i][j] + h[j][i]) / 2
			h[i][j], h[j][i] = v, v
		}
	}
	return h
}

// landEigenSigns returns how many eigenvalues of the symmetric matrix a are
// above tol, below -tol and in between, by Jacobi rotations.
func landEigenSigns(a [][]float64, tol float64) (pos, neg, zero int) {
	n := len(a)
	m := make([][]float64, n)
	for i := range a {
		m[i] = append([]float64(nil), a[i]...)
	}
	for sweep := 0; sweep < 100; sweep++ {
		off := 0.0
		for p := range n {
			for q := p + 1; q < n; q++ {
				off += m[p][q] * m[p][q]
			}
		}
		if off < 1e-30 {
			break
		}
		for p := range n {
			for q := p + 1; q < n; q++ {
				if m[p][q] == 0 {
					continue
				}
				theta := (m[q][q] - m[p][p]) / (2 * m[p][q])
				t := math.Copysign(1, theta) / (math.Abs(theta) + math.Sqrt(theta*theta+1))
				c := 1 / math.Sqrt(t*t+1)
				s := t * c
				for k := range n {
					mkp, mkq := m[k][p], m[k][q]
					m[k][p], m[k][q] = c*mkp-s*mkq, s*mkp+c*mkq
				}
				for k := range n {
					mpk, mqk := m[p][k], m[q][k]
					m[p][k], m[q][k] = c*mpk-s*mqk, s*mpk+c*mqk
				}
			}
		}
	}
	for i := range n {
		switch {
		case m[i][i] > tol:
			pos++
		case m[i][i] < -tol:
			neg++
		default:
			zero++
		}
	}
	return pos, neg, zero
}

// landNear reports whether got is within tol of want, relative to
// max(1, |want|).
func landNear(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// landNorm is the Euclidean norm.
func landNorm(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x * x
	}
	return math.Sqrt(s)
}
