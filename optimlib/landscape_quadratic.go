package optimlib

import (
	"math"
	"strings"
)

// Quadratic returns the diagonal quadratic
//
//	f(x) = ½ Σ_i λ_i x_i²
//
// with the Hessian eigenvalues eigs = (λ_0, …, λ_{d-1}); with none it is
// ½(x² + 10y²), condition number 10. This is the landscape of the
// convergence theory: gradient descent with rate η contracts coordinate i by
// |1 − ηλ_i| per step, so the ratio κ = λ_max/λ_min sets the speed. The
// origin is the global minimum when every λ_i > 0, a saddle point when the
// signs are mixed and a maximum when all are negative. Window x ∈ [−5, 5],
// y ∈ [−3, 3]; start (−4, 2, −4, 2, …).
func Quadratic(eigs ...float64) *Landscape {
	if len(eigs) == 0 {
		eigs = []float64{1, 10}
	}
	lambda := append([]float64(nil), eigs...)
	d := len(lambda)
	f := func(x []float64) float64 {
		s := 0.0
		for i, v := range x {
			s += lambda[i] * v * v
		}
		return s / 2
	}
	g := func(grad, x []float64) {
		for i, v := range x {
			grad[i] = lambda[i] * v
		}
	}
	var text, tex []string
	for i, l := range lambda {
		v := landscapeVar(d, i)
		term, lt := v+"*"+v, latexLandscapeVar(d, i)+"^{2}"
		if l != 1 {
			term = formatLandscapeNumber(l) + "*" + term
			lt = formatLandscapeNumber(l) + " " + lt
		}
		text = append(text, term)
		tex = append(tex, lt)
	}
	start := make([]float64, d)
	for i := range start {
		start[i] = [...]float64{-4, 2}[i%2]
	}
	l := Landscape{
		Name:    "Quadratic",
		Dim:     d,
		Formula: "(" + strings.Join(text, " + ") + ")/2",
		LaTeX:   `\frac{1}{2} \left(` + strings.Join(tex, " + ") + `\right)`,
		Domain:  Window{-5, 5, -3, 3},
		Window:  Window{-5, 5, -3, 3},
		Start:   start,
		Source:  "Goh (2017), Why Momentum Really Works; d2l.ai, Optimization and Deep Learning",
	}
	classifyQuadraticOrigin(&l, lambda)
	return newLandscape(l, f, g, nil)
}

// RotatedQuadratic returns the 2-D quadratic with Hessian eigenvalues
// lambda1 and lambda2 whose eigenvectors are the axes rotated by theta
// radians:
//
//	f(x) = ½ xᵀ R diag(λ₁, λ₂) Rᵀ x = ½(a x² + 2b xy + c y²),
//
// a = λ₁cos²θ + λ₂sin²θ, b = (λ₁ − λ₂) sinθ cosθ, c = λ₁sin²θ + λ₂cos²θ.
// Rotating the valley off the axes is what defeats per-coordinate methods
// such as Adagrad and RMSprop. The origin is a minimum, saddle or maximum as
// for Quadratic. Window x ∈ [−5, 5], y ∈ [−3, 3]; start (−4, 2).
func RotatedQuadratic(lambda1, lambda2, theta float64) *Landscape {
	sin, cos := math.Sincos(theta)
	a := lambda1*cos*cos + lambda2*sin*sin
	b := (lambda1 - lambda2) * sin * cos
	c := lambda1*sin*sin + lambda2*cos*cos
	f := func(v []float64) float64 {
		x, y := v[0], v[1]
		return (a*x*x + 2*b*x*y + c*y*y) / 2
	}
	g := func(grad, v []float64) {
		x, y := v[0], v[1]
		grad[0] = a*x + b*y
		grad[1] = b*x + c*y
	}
	num := formatLandscapeNumber
	coefs := []float64{a, 2 * b, c}
	l := Landscape{
		Name:    "Rotated quadratic",
		Dim:     2,
		Formula: "(" + landscapeSignedSum(coefs, []string{"x*x", "x*y", "y*y"}, "*") + ")/2",
		LaTeX: `\frac{1}{2} \left(` + landscapeSignedSum(coefs, []string{"x^{2}", "x y", "y^{2}"}, " ") + `\right)` +
			`, \quad \lambda = (` + num(lambda1) + ", " + num(lambda2) + `), \ \theta = ` + num(theta),
		Domain: Window{-5, 5, -3, 3},
		Window: Window{-5, 5, -3, 3},
		Start:  []float64{-4, 2},
		Source: "Goh (2017), Why Momentum Really Works",
	}
	classifyQuadraticOrigin(&l, []float64{lambda1, lambda2})
	return newLandscape(l, f, g, nil)
}

// classifyQuadraticOrigin records the origin, the only stationary point of a
// quadratic with nonzero eigenvalues, as a minimum, saddle or maximum.
func classifyQuadraticOrigin(l *Landscape, lambda []float64) {
	var pos, neg bool
	for _, v := range lambda {
		pos = pos || v > 0
		neg = neg || v < 0
	}
	origin := CriticalPoint{X: make([]float64, l.Dim), F: 0}
	switch {
	case pos && neg:
		origin.Kind = SaddlePoint
		l.Saddles = []CriticalPoint{origin}
	case neg:
		origin.Kind = LocalMax
		l.Saddles = []CriticalPoint{origin}
	default:
		origin.Kind = GlobalMin
		l.Minima = []CriticalPoint{origin}
	}
}

// latexLandscapeVar names coordinate i of a d-dimensional landscape in
// LaTeX: x (and y) up to two dimensions, x_{i} beyond.
func latexLandscapeVar(d, i int) string {
	if d <= 2 {
		return [...]string{"x", "y"}[i]
	}
	return "x_{" + itoaLandscape(i) + "}"
}

// landscapeSignedSum writes Σ coefs[i]·terms[i] with + and − signs, leaving out zero
// terms: "5.5*x*x - 9*x*y + 5.5*y*y" (sep joins a coefficient to its term).
func landscapeSignedSum(coefs []float64, terms []string, sep string) string {
	var b strings.Builder
	for i, c := range coefs {
		if c == 0 {
			continue
		}
		switch {
		case b.Len() == 0 && c < 0:
			b.WriteString("-")
		case b.Len() > 0 && c < 0:
			b.WriteString(" - ")
		case b.Len() > 0:
			b.WriteString(" + ")
		}
		b.WriteString(formatLandscapeNumber(math.Abs(c)) + sep + terms[i])
	}
	if b.Len() == 0 {
		return "0"
	}
	return b.String()
}
