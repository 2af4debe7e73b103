package optimlib

import (
	"math"
	"strings"
)

// Rosenbrock returns the Rosenbrock function in d dimensions (d < 2 is
// raised to 2),
//
//	f(x) = Σ_{i=0}^{d-2} 100(x_{i+1} − x_i²)² + (1 − x_i)²,
//
// in two dimensions 100(y − x²)² + (1 − x)²: a curved, narrow valley whose
// floor falls slowly towards the global minimum f(1, …, 1) = 0. Domain
// [−5, 10]^d (VLSE; [−2.048, 2.048]^d is also common); window x ∈ [−2, 2],
// y ∈ [−1, 3]; start (−1.2, 1, −1.2, 1, …), the classic one. For 4 ≤ d ≤ 7
// there is also a local minimum near (−1, 1, …, 1), not listed.
func Rosenbrock(d int) *Landscape {
	d = max(d, 2)
	ones := make([]float64, d)
	start := make([]float64, d)
	for i := range ones {
		ones[i] = 1
		start[i] = 1
		if i%2 == 0 {
			start[i] = -1.2
		}
	}
	var text, tex []string
	for i := 0; i < d-1; i++ {
		xi, xn := landscapeVar(d, i), landscapeVar(d, i+1)
		text = append(text, "100*math.Pow("+xn+" - "+xi+"*"+xi+", 2) + math.Pow(1 - "+xi+", 2)")
	}
	if d == 2 {
		tex = []string{`100 \left(y - x^{2}\right)^{2} + \left(1 - x\right)^{2}`}
	} else {
		tex = []string{`\sum_{i=0}^{` + itoaLandscape(d-2) + `} \left[100 \left(x_{i+1} - x_{i}^{2}\right)^{2} + \left(1 - x_{i}\right)^{2}\right]`}
	}
	f := func(x []float64) float64 {
		s := 0.0
		for i := 0; i < len(x)-1; i++ {
			a, b := x[i+1]-x[i]*x[i], 1-x[i]
			s += 100*a*a + b*b
		}
		return s
	}
	fg := func(grad, x []float64) float64 {
		clear(grad)
		s := 0.0
		for i := 0; i < len(x)-1; i++ {
			a, b := x[i+1]-x[i]*x[i], 1-x[i]
			s += 100*a*a + b*b
			grad[i] += -400*x[i]*a - 2*b
			grad[i+1] += 200 * a
		}
		return s
	}
	g := func(grad, x []float64) { fg(grad, x) }
	return newLandscape(Landscape{
		Name:    "Rosenbrock",
		Dim:     d,
		Formula: strings.Join(text, " + "),
		LaTeX:   tex[0],
		Domain:  Window{-5, 10, -5, 10},
		Window:  Window{-2, 2, -1, 3},
		Start:   start,
		Minima:  []CriticalPoint{{X: ones, F: 0, Kind: GlobalMin}},
		Source:  "VLSE (sfu.ca/~ssurjano/rosen.html); Wikipedia, Test functions for optimization",
	}, f, g, fg)
}

// Beale returns the Beale function
//
//	f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²,
//
// flat plateaus and steep walls around a curved valley; the surface of
// Ruder's optimizer animation. Global minimum f(3, 0.5) = 0; saddle points
// f(0, 1) = 14.203125 (exact) and f(0.100538, −2.644514) = 9.864512. Domain
// and window [−4.5, 4.5]²; start (1, 1.5).
func Beale() *Landscape {
	parts := func(x, y float64) (a, b, c float64) {
		return 1.5 - x + x*y, 2.25 - x + x*y*y, 2.625 - x + x*y*y*y
	}
	f := func(v []float64) float64 {
		a, b, c := parts(v[0], v[1])
		return a*a + b*b + c*c
	}
	fg := func(grad, v []float64) float64 {
		x, y := v[0], v[1]
		a, b, c := parts(x, y)
		grad[0] = 2*a*(y-1) + 2*b*(y*y-1) + 2*c*(y*y*y-1)
		grad[1] = 2*a*x + 4*b*x*y + 6*c*x*y*y
		return a*a + b*b + c*c
	}
	return newLandscape(Landscape{
		Name:    "Beale",
		Dim:     2,
		Formula: "math.Pow(1.5 - x + x*y, 2) + math.Pow(2.25 - x + x*y*y, 2) + math.Pow(2.625 - x + x*y*y*y, 2)",
		LaTeX:   `\left(1.5 - x + x y\right)^{2} + \left(2.25 - x + x y^{2}\right)^{2} + \left(2.625 - x + x y^{3}\right)^{2}`,
		Domain:  Window{-4.5, 4.5, -4.5, 4.5},
		Window:  Window{-4.5, 4.5, -4.5, 4.5},
		Start:   []float64{1, 1.5},
		Minima:  []CriticalPoint{{X: []float64{3, 0.5}, F: 0, Kind: GlobalMin}},
		Saddles: []CriticalPoint{
			{X: []float64{0, 1}, F: 14.203125, Kind: SaddlePoint},
			{X: []float64{0.100537937324158, -2.64451358502312}, F: 9.86451228475556, Kind: SaddlePoint},
		},
		Source: "VLSE (sfu.ca/~ssurjano/beale.html); saddle points computed by Newton's method",
	}, f, func(grad, x []float64) { fg(grad, x) }, fg)
}

// Himmelblau returns Himmelblau's function
//
//	f(x, y) = (x² + y − 11)² + (x + y² − 7)²,
//
// with four global minima, all f = 0: (3, 2), (−2.805118, 3.131313),
// (−3.779310, −3.283186) and (3.584428, −1.848127); a local maximum
// f(−0.270845, −0.923039) = 181.6165; and four saddle points between the
// minima. Which minimum a descent reaches depends on where it starts. Domain
// and window [−5, 5]²; start (0, 0).
func Himmelblau() *Landscape {
	f := func(v []float64) float64 {
		a, b := v[0]*v[0]+v[1]-11, v[0]+v[1]*v[1]-7
		return a*a + b*b
	}
	fg := func(grad, v []float64) float64 {
		x, y := v[0], v[1]
		a, b := x*x+y-11, x+y*y-7
		grad[0] = 4*x*a + 2*b
		grad[1] = 2*a + 4*y*b
		return a*a + b*b
	}
	return newLandscape(Landscape{
		Name:    "Himmelblau",
		Dim:     2,
		Formula: "math.Pow(x*x + y - 11, 2) + math.Pow(x + y*y - 7, 2)",
		LaTeX:   `\left(x^{2} + y - 11\right)^{2} + \left(x + y^{2} - 7\right)^{2}`,
		Domain:  Window{-5, 5, -5, 5},
		Window:  Window{-5, 5, -5, 5},
		Start:   []float64{0, 0},
		Minima: []CriticalPoint{
			{X: []float64{3, 2}, F: 0, Kind: GlobalMin},
			{X: []float64{-2.80511808695274, 3.13131251825057}, F: 0, Kind: GlobalMin},
			{X: []float64{-3.77931025337775, -3.28318599128617}, F: 0, Kind: GlobalMin},
			{X: []float64{3.58442834033049, -1.8481265269644}, F: 0, Kind: GlobalMin},
		},
		Saddles: []CriticalPoint{
			{X: []float64{-0.270844590667348, -0.923038556479981}, F: 181.616521522583, Kind: LocalMax},
			{X: []float64{0.0866775045553963, 2.88425470117478}, F: 67.7191500875261, Kind: SaddlePoint},
			{X: []float64{3.38515418360702, 0.0738518798377493}, F: 13.3119262704056, Kind: SaddlePoint},
			{X: []float64{-3.07302575076439, -0.0813530442879675}, F: 104.015162917558, Kind: SaddlePoint},
			{X: []float64{-0.12796134673068, -1.95371498024458}, F: 178.337239201927, Kind: SaddlePoint},
		},
		Source: "Himmelblau (1972); Wikipedia, Himmelblau's function; saddle points computed by Newton's method",
	}, f, func(grad, x []float64) { fg(grad, x) }, fg)
}

// Booth returns the Booth function
//
//	f(x, y) = (x + 2y − 7)² + (2x + y − 5)²,
//
// a convex quadratic with Hessian eigenvalues 4 and 36 (condition number 9).
// Global minimum f(1, 3) = 0. Domain and window [−10, 10]²; start (−8, −6).
func Booth() *Landscape {
	f := func(v []float64) float64 {
		a, b := v[0]+2*v[1]-7, 2*v[0]+v[1]-5
		return a*a + b*b
	}
	fg := func(grad, v []float64) float64 {
		a, b := v[0]+2*v[1]-7, 2*v[0]+v[1]-5
		grad[0] = 2*a + 4*b
		grad[1] = 4*a + 2*b
		return a*a + b*b
	}
	return newLandscape(Landscape{
		Name:    "Booth",
		Dim:     2,
		Formula: "math.Pow(x + 2*y - 7, 2) + math.Pow(2*x + y - 5, 2)",
		LaTeX:   `\left(x + 2 y - 7\right)^{2} + \left(2 x + y - 5\right)^{2}`,
		Domain:  Window{-10, 10, -10, 10},
		Window:  Window{-10, 10, -10, 10},
		Start:   []float64{-8, -6},
		Minima:  []CriticalPoint{{X: []float64{1, 3}, F: 0, Kind: GlobalMin}},
		Source:  "VLSE (sfu.ca/~ssurjano/booth.html)",
	}, f, func(grad, x []float64) { fg(grad, x) }, fg)
}

// GoldsteinPrice returns the Goldstein–Price function
//
//	f(x, y) = [1 + (x + y + 1)²(19 − 14x + 3x² − 14y + 6xy + 3y²)]
//	        · [30 + (2x − 3y)²(18 − 32x + 12x² + 48y − 36xy + 27y²)],
//
// whose values span six orders of magnitude (plot it on a log scale). Global
// minimum f(0, −1) = 3; local minima f(−0.6, −0.4) = 30, f(1.8, 0.2) = 84 and
// f(1.2, 0.8) = 840, all exact. Domain and window [−2, 2]²; start (−1, 1).
// Some secondary sources misprint the formula ("−14x" twice, or "4y" for
// "48y"); this is VLSE's.
func GoldsteinPrice() *Landscape {
	fg := func(grad, v []float64) float64 {
		x, y := v[0], v[1]
		u := x + y + 1
		p := 19 - 14*x + 3*x*x - 14*y + 6*x*y + 3*y*y
		pd := -14 + 6*x + 6*y // ∂p/∂x = ∂p/∂y
		a := 1 + u*u*p
		ad := 2*u*p + u*u*pd // ∂a/∂x = ∂a/∂y
		w := 2*x - 3*y
		q := 18 - 32*x + 12*x*x + 48*y - 36*x*y + 27*y*y
		b := 30 + w*w*q
		bx := 4*w*q + w*w*(-32+24*x-36*y)
		by := -6*w*q + w*w*(48-36*x+54*y)
		if grad != nil {
			grad[0] = ad*b + a*bx
			grad[1] = ad*b + a*by
		}
		return a * b
	}
	f := func(v []float64) float64 { return fg(nil, v) }
	return newLandscape(Landscape{
		Name: "Goldstein-Price",
		Dim:  2,
		Formula: "(1 + math.Pow(x + y + 1, 2)*(19 - 14*x + 3*x*x - 14*y + 6*x*y + 3*y*y))" +
			"*(30 + math.Pow(2*x - 3*y, 2)*(18 - 32*x + 12*x*x + 48*y - 36*x*y + 27*y*y))",
		LaTeX: `\left[1 + \left(x + y + 1\right)^{2} \left(19 - 14 x + 3 x^{2} - 14 y + 6 x y + 3 y^{2}\right)\right]` +
			` \left[30 + \left(2 x - 3 y\right)^{2} \left(18 - 32 x + 12 x^{2} + 48 y - 36 x y + 27 y^{2}\right)\right]`,
		Domain: Window{-2, 2, -2, 2},
		Window: Window{-2, 2, -2, 2},
		Start:  []float64{-1, 1},
		Minima: []CriticalPoint{
			{X: []float64{0, -1}, F: 3, Kind: GlobalMin},
			{X: []float64{-0.6, -0.4}, F: 30, Kind: LocalMin},
			{X: []float64{1.8, 0.2}, F: 84, Kind: LocalMin},
			{X: []float64{1.2, 0.8}, F: 840, Kind: LocalMin},
		},
		Source: "VLSE (sfu.ca/~ssurjano/goldpr.html); benchmarkfcns.info prints 4y for 48y and one copy of argmin's formula has −14x twice",
	}, f, func(grad, x []float64) { fg(grad, x) }, fg)
}

// Matyas returns the Matyas function
//
//	f(x, y) = 0.26(x² + y²) − 0.48xy,
//
// a convex quadratic whose Hessian has eigenvalues 0.04 (along x = y) and 1
// (along x = −y): a long, nearly flat valley. Global minimum f(0, 0) = 0.
// Domain and window [−10, 10]²; start (8, 6).
func Matyas() *Landscape {
	f := func(v []float64) float64 {
		x, y := v[0], v[1]
		return 0.26*(x*x+y*y) - 0.48*x*y
	}
	g := func(grad, v []float64) {
		x, y := v[0], v[1]
		grad[0] = 0.52*x - 0.48*y
		grad[1] = 0.52*y - 0.48*x
	}
	return newLandscape(Landscape{
		Name:    "Matyas",
		Dim:     2,
		Formula: "0.26*(x*x + y*y) - 0.48*x*y",
		LaTeX:   `0.26 \left(x^{2} + y^{2}\right) - 0.48 x y`,
		Domain:  Window{-10, 10, -10, 10},
		Window:  Window{-10, 10, -10, 10},
		Start:   []float64{8, 6},
		Minima:  []CriticalPoint{{X: []float64{0, 0}, F: 0, Kind: GlobalMin}},
		Source:  "VLSE (sfu.ca/~ssurjano/matya.html)",
	}, f, g, nil)
}

// McCormick returns the McCormick function
//
//	f(x, y) = sin(x + y) + (x − y)² − 1.5x + 2.5y + 1
//
// on x ∈ [−1.5, 4], y ∈ [−3, 4] (domain and window; start (3, 3)). Its
// stationary points lie on x − y = 1 where cos(x + y) = −½. Global minimum,
// exactly, f(½ − π/3, −½ − π/3) = −√3/2 − π/3 ≈ −1.913223; local minimum
// f(½ + 2π/3, −½ + 2π/3) = 2π/3 − √3/2 ≈ 1.228370; saddle point
// f(½ + π/3, −½ + π/3) = π/3 + √3/2 ≈ 1.913223. Some pages print the
// minimum's x with the wrong sign.
func McCormick() *Landscape {
	f := func(v []float64) float64 {
		x, y := v[0], v[1]
		d := x - y
		return math.Sin(x+y) + d*d - 1.5*x + 2.5*y + 1
	}
	g := func(grad, v []float64) {
		x, y := v[0], v[1]
		c, d := math.Cos(x+y), x-y
		grad[0] = c + 2*d - 1.5
		grad[1] = c - 2*d + 2.5
	}
	r3 := math.Sqrt(3) / 2
	return newLandscape(Landscape{
		Name:    "McCormick",
		Dim:     2,
		Formula: "math.Sin(x + y) + math.Pow(x - y, 2) - 1.5*x + 2.5*y + 1",
		LaTeX:   `\sin(x + y) + \left(x - y\right)^{2} - 1.5 x + 2.5 y + 1`,
		Domain:  Window{-1.5, 4, -3, 4},
		Window:  Window{-1.5, 4, -3, 4},
		Start:   []float64{3, 3},
		Minima: []CriticalPoint{
			{X: []float64{0.5 - math.Pi/3, -0.5 - math.Pi/3}, F: -r3 - math.Pi/3, Kind: GlobalMin},
			{X: []float64{0.5 + 2*math.Pi/3, -0.5 + 2*math.Pi/3}, F: 2*math.Pi/3 - r3, Kind: LocalMin},
		},
		Saddles: []CriticalPoint{
			{X: []float64{0.5 + math.Pi/3, -0.5 + math.Pi/3}, F: math.Pi/3 + r3, Kind: SaddlePoint},
		},
		Source: "VLSE (sfu.ca/~ssurjano/mccorm.html), minimum derived in closed form (VLSE rounds it to (−0.54719, −1.54719))",
	}, f, g, nil)
}

// itoaLandscape formats a small integer for formulas.
func itoaLandscape(i int) string {
	return formatLandscapeNumber(float64(i))
}
