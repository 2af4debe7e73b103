package optimlib

// Saddle returns the saddle f(x, y) = x² − y², whose only stationary point
// is the saddle f(0, 0) = 0 with Hessian eigenvalues 2 and −2; f is
// unbounded below, so it has no minimum. Starting almost on the x axis, as
// at the suggested start (1.5, 0.01), gradient descent slides towards the
// saddle and leaves it only slowly, along y (Ruder 2016, fig. 4b; Dauphin et
// al. 2014 use 5x² − y²). Window [−2, 2]².
func Saddle() *Landscape {
	f := func(v []float64) float64 { return v[0]*v[0] - v[1]*v[1] }
	g := func(grad, v []float64) {
		grad[0] = 2 * v[0]
		grad[1] = -2 * v[1]
	}
	return newLandscape(Landscape{
		Name:    "Saddle",
		Dim:     2,
		Formula: "x*x - y*y",
		LaTeX:   `x^{2} - y^{2}`,
		Domain:  Window{-2, 2, -2, 2},
		Window:  Window{-2, 2, -2, 2},
		Start:   []float64{1.5, 0.01},
		Saddles: []CriticalPoint{{X: []float64{0, 0}, F: 0, Kind: SaddlePoint}},
		Source:  "d2l.ai, Optimization and Deep Learning; Ruder (2016), An overview of gradient descent optimization algorithms",
	}, f, g, nil)
}

// MonkeySaddle returns the monkey saddle f(x, y) = x³ − 3xy², whose only
// stationary point is a degenerate saddle at the origin: the gradient and
// the whole Hessian vanish there, f = 0, and f falls along three valleys
// (towards −x and along the lines at ±60° from +x). Gradient descent from
// a start on the +x axis, such as (1, 0), crawls to the saddle, since near
// it the gradient shrinks quadratically (x_k ≈ 1/(1+3ηk)); from the
// suggested start (1, 0.1), just off the axis, it first slows near the
// saddle and then leaves along the +60° valley. Window [−1.5, 1.5]²
// (Dauphin et al. 2014, fig. 2).
func MonkeySaddle() *Landscape {
	f := func(v []float64) float64 {
		x, y := v[0], v[1]
		return x*x*x - 3*x*y*y
	}
	g := func(grad, v []float64) {
		x, y := v[0], v[1]
		grad[0] = 3*x*x - 3*y*y
		grad[1] = -6 * x * y
	}
	return newLandscape(Landscape{
		Name:    "Monkey saddle",
		Dim:     2,
		Formula: "x*x*x - 3*x*y*y",
		LaTeX:   `x^{3} - 3 x y^{2}`,
		Domain:  Window{-1.5, 1.5, -1.5, 1.5},
		Window:  Window{-1.5, 1.5, -1.5, 1.5},
		Start:   []float64{1, 0.1},
		Saddles: []CriticalPoint{{X: []float64{0, 0}, F: 0, Kind: SaddlePoint}},
		Source:  "Dauphin et al. (2014), Identifying and attacking the saddle point problem",
	}, f, g, nil)
}
