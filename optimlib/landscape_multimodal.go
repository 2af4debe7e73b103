package optimlib

import (
	"math"
	"strconv"
	"strings"
)

// formatLandscapeNumber spells a number for a formula: the shortest decimal
// that reads back exactly.
func formatLandscapeNumber(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// landscapeFilled returns a vector of d copies of v.
func landscapeFilled(d int, v float64) []float64 {
	x := make([]float64, d)
	for i := range x {
		x[i] = v
	}
	return x
}

// landscapeAxisPoint returns v·e_0 in d dimensions.
func landscapeAxisPoint(d int, v float64) []float64 {
	x := make([]float64, d)
	x[0] = v
	return x
}

// Rastrigin returns the Rastrigin function in d dimensions (d < 1 is raised
// to 1),
//
//	f(x) = 10d + Σ_i (x_i² − 10 cos(2πx_i)),
//
// a bowl covered with a regular grid of local minima near the integer
// points. Global minimum f(0) = 0; the nearest local minima, such as
// f(0.994959, 0, …, 0) = 0.994959, are one step away along an axis. Domain
// and window [−5.12, 5.12]^d; start (2.2, −2.7, 2.2, …).
func Rastrigin(d int) *Landscape {
	d = max(d, 1)
	var text []string
	for i := range d {
		v := landscapeVar(d, i)
		text = append(text, v+"*"+v+" - 10*math.Cos(2*math.Pi*"+v+")")
	}
	tex := `10 + x^{2} - 10 \cos(2 \pi x)`
	switch {
	case d == 2:
		tex = `20 + x^{2} - 10 \cos(2 \pi x) + y^{2} - 10 \cos(2 \pi y)`
	case d > 2:
		tex = itoaLandscape(10*d) + ` + \sum_{i=0}^{` + itoaLandscape(d-1) + `} \left(x_{i}^{2} - 10 \cos(2 \pi x_{i})\right)`
	}
	n := float64(d)
	f := func(x []float64) float64 {
		s := 10 * n
		for _, v := range x {
			s += v*v - 10*math.Cos(2*math.Pi*v)
		}
		return s
	}
	fg := func(grad, x []float64) float64 {
		s := 10 * n
		for i, v := range x {
			sin, cos := math.Sincos(2 * math.Pi * v)
			s += v*v - 10*cos
			grad[i] = 2*v + 20*math.Pi*sin
		}
		return s
	}
	start := make([]float64, d)
	for i := range start {
		start[i] = [...]float64{2.2, -2.7}[i%2]
	}
	// The local minimum solves 2x + 20π sin(2πx) = 0 near x = 1.
	const localX, localF = 0.9949586376523348, 0.9949590570932916
	return newLandscape(Landscape{
		Name:    "Rastrigin",
		Dim:     d,
		Formula: itoaLandscape(10*d) + " + " + strings.Join(text, " + "),
		LaTeX:   tex,
		Domain:  Window{-5.12, 5.12, -5.12, 5.12},
		Window:  Window{-5.12, 5.12, -5.12, 5.12},
		Start:   start,
		Minima: []CriticalPoint{
			{X: make([]float64, d), F: 0, Kind: GlobalMin},
			{X: landscapeAxisPoint(d, localX), F: localF, Kind: LocalMin},
		},
		Source: "VLSE (sfu.ca/~ssurjano/rastr.html); local minimum computed by Newton's method",
	}, f, func(grad, x []float64) { fg(grad, x) }, fg)
}

// Ackley returns the Ackley function in d dimensions (d < 1 is raised to 1),
//
//	f(x) = −20 exp(−0.2 √(Σ x_i²/d)) − exp(Σ cos(2πx_i)/d) + 20 + e,
//
// a nearly flat outer region with many small dips around a deep funnel.
// Global minimum f(0) = 0, where f has a cone-shaped tip: Grad returns 0
// there and Hess, derived from the formula, NaN. Domain [−32.768, 32.768]^d (VLSE); window [−5, 5]², where the dips
// are visible; start (3, −2.5, 3, …).
func Ackley(d int) *Landscape {
	d = max(d, 1)
	var squares, cosines []string
	for i := range d {
		v := landscapeVar(d, i)
		squares = append(squares, v+"*"+v)
		cosines = append(cosines, "math.Cos(2*math.Pi*"+v+")")
	}
	dd := itoaLandscape(d)
	text := "-20*math.Exp(-0.2*math.Sqrt((" + strings.Join(squares, " + ") + ")/" + dd + ")) - math.Exp((" +
		strings.Join(cosines, " + ") + ")/" + dd + ") + 20 + math.E"
	tex := `-20 \exp\left(-0.2 \sqrt{\frac{1}{` + dd + `} \sum_{i=0}^{` + itoaLandscape(d-1) + `} x_{i}^{2}}\right) - \exp\left(\frac{1}{` + dd +
		`} \sum_{i=0}^{` + itoaLandscape(d-1) + `} \cos(2 \pi x_{i})\right) + 20 + e`
	if d == 2 {
		tex = `-20 \exp\left(-0.2 \sqrt{\frac{x^{2} + y^{2}}{2}}\right) - \exp\left(\frac{\cos(2 \pi x) + \cos(2 \pi y)}{2}\right) + 20 + e`
	}
	n := float64(d)
	fg := func(grad, x []float64) float64 {
		var sq, cs float64
		for _, v := range x {
			sq += v * v
			cs += math.Cos(2 * math.Pi * v)
		}
		r := math.Sqrt(sq / n)
		e1, e2 := math.Exp(-0.2*r), math.Exp(cs/n)
		if grad != nil {
			for i, v := range x {
				g := 2 * math.Pi / n * e2 * math.Sin(2*math.Pi*v)
				if r > 0 {
					g += 4 * e1 * v / (n * r)
				}
				grad[i] = g
			}
		}
		return -20*e1 - e2 + 20 + math.E
	}
	start := make([]float64, d)
	for i := range start {
		start[i] = [...]float64{3, -2.5}[i%2]
	}
	return newLandscape(Landscape{
		Name:    "Ackley",
		Dim:     d,
		Formula: text,
		LaTeX:   tex,
		Domain:  Window{-32.768, 32.768, -32.768, 32.768},
		Window:  Window{-5, 5, -5, 5},
		Start:   start,
		Minima:  []CriticalPoint{{X: make([]float64, d), F: 0, Kind: GlobalMin}},
		Source:  "VLSE (sfu.ca/~ssurjano/ackley.html), with a = 20, b = 0.2, c = 2π",
	}, func(x []float64) float64 { return fg(nil, x) }, func(grad, x []float64) { fg(grad, x) }, fg)
}

// SixHumpCamel returns the six-hump camel function
//
//	f(x, y) = (4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²,
//
// with two global minima ±(0.089842, −0.712656), f = −1.0316285, four local
// minima ±(1.703607, −0.796084) with f = −0.215464 and ±(1.607105, 0.568651)
// with f = 2.104250, seven saddle points (the origin among them) and two
// local maxima. Domain x ∈ [−3, 3], y ∈ [−2, 2]; window x ∈ [−2, 2],
// y ∈ [−1, 1]; start (−1.5, 0.8).
func SixHumpCamel() *Landscape {
	f := func(v []float64) float64 {
		x, y := v[0], v[1]
		x2, y2 := x*x, y*y
		return (4-2.1*x2+x2*x2/3)*x2 + x*y + (-4+4*y2)*y2
	}
	g := func(grad, v []float64) {
		x, y := v[0], v[1]
		x2 := x * x
		grad[0] = 8*x - 8.4*x2*x + 2*x2*x2*x + y
		grad[1] = x - 8*y + 16*y*y*y
	}
	pair := func(x, y, fv float64, k CriticalKind) []CriticalPoint {
		return []CriticalPoint{{X: []float64{x, y}, F: fv, Kind: k}, {X: []float64{-x, -y}, F: fv, Kind: k}}
	}
	var minima, saddles []CriticalPoint
	minima = append(minima, pair(0.0898420131003181, -0.71265640302074, -1.03162845348988, GlobalMin)...)
	minima = append(minima, pair(1.70360671496998, -0.796083568672625, -0.215463824383718, LocalMin)...)
	minima = append(minima, pair(1.6071047529202, 0.568651454884131, 2.10425031031126, LocalMin)...)
	saddles = append(saddles, CriticalPoint{X: []float64{0, 0}, F: 0, Kind: SaddlePoint})
	saddles = append(saddles, pair(1.10920533680479, -0.76826809250954, 0.543718600978185, SaddlePoint)...)
	saddles = append(saddles, pair(1.29607026716711, 0.605084388038658, 2.22947081802986, SaddlePoint)...)
	saddles = append(saddles, pair(1.63806798418978, 0.228674069044394, 2.22935719753071, SaddlePoint)...)
	saddles = append(saddles, pair(1.23022987651665, 0.162334584458995, 2.49629535102358, LocalMax)...)
	return newLandscape(Landscape{
		Name:    "Six-hump camel",
		Dim:     2,
		Formula: "(4 - 2.1*x*x + math.Pow(x, 4)/3)*x*x + x*y + (-4 + 4*y*y)*y*y",
		LaTeX:   `\left(4 - 2.1 x^{2} + \frac{x^{4}}{3}\right) x^{2} + x y + \left(-4 + 4 y^{2}\right) y^{2}`,
		Domain:  Window{-3, 3, -2, 2},
		Window:  Window{-2, 2, -1, 1},
		Start:   []float64{-1.5, 0.8},
		Minima:  minima,
		Saddles: saddles,
		Source:  "VLSE (sfu.ca/~ssurjano/camel6.html); other critical points computed by Newton's method",
	}, f, g, nil)
}

// ThreeHumpCamel returns the three-hump camel function
//
//	f(x, y) = 2x² − 1.05x⁴ + x⁶/6 + xy + y².
//
// Its critical points lie on y = −x/2 with x = 0 or x² = 2.1 ± √0.91: the
// global minimum f(0, 0) = 0, local minima ±(1.747552, −0.873776) with
// f = 0.298638 and saddle points ±(1.070542, −0.535271) with f = 0.877362.
// Domain [−5, 5]²; window [−2.5, 2.5]²; start (−2, 2).
func ThreeHumpCamel() *Landscape {
	f := func(v []float64) float64 {
		x, y := v[0], v[1]
		x2 := x * x
		return 2*x2 - 1.05*x2*x2 + x2*x2*x2/6 + x*y + y*y
	}
	g := func(grad, v []float64) {
		x, y := v[0], v[1]
		x2 := x * x
		grad[0] = 4*x - 4.2*x2*x + x2*x2*x + y
		grad[1] = x + 2*y
	}
	at := func(x float64) []float64 { return []float64{x, -x / 2} }
	value := func(x float64) float64 { return f(at(x)) }
	outer := math.Sqrt(2.1 + math.Sqrt(0.91))
	inner := math.Sqrt(2.1 - math.Sqrt(0.91))
	return newLandscape(Landscape{
		Name:    "Three-hump camel",
		Dim:     2,
		Formula: "2*x*x - 1.05*math.Pow(x, 4) + math.Pow(x, 6)/6 + x*y + y*y",
		LaTeX:   `2 x^{2} - 1.05 x^{4} + \frac{x^{6}}{6} + x y + y^{2}`,
		Domain:  Window{-5, 5, -5, 5},
		Window:  Window{-2.5, 2.5, -2.5, 2.5},
		Start:   []float64{-2, 2},
		Minima: []CriticalPoint{
			{X: []float64{0, 0}, F: 0, Kind: GlobalMin},
			{X: at(outer), F: value(outer), Kind: LocalMin},
			{X: at(-outer), F: value(-outer), Kind: LocalMin},
		},
		Saddles: []CriticalPoint{
			{X: at(inner), F: value(inner), Kind: SaddlePoint},
			{X: at(-inner), F: value(-inner), Kind: SaddlePoint},
		},
		Source: "VLSE (sfu.ca/~ssurjano/camel3.html); other critical points in closed form",
	}, f, g, nil)
}

// styblinskiTangRoots returns the three roots of ∂/∂x ½(x⁴ − 16x² + 5x) =
// 2x³ − 16x + 2.5, low to high (about −2.903534, 0.156731 and 2.746803),
// by the trigonometric solution of x³ − 8x + 1.25 = 0.
func styblinskiTangRoots() (low, mid, high float64) {
	const p, q = -8.0, 1.25
	m := 2 * math.Sqrt(-p/3)
	theta := math.Acos(3*q/(2*p)*math.Sqrt(-3/p)) / 3
	root := func(k float64) float64 { return m * math.Cos(theta-2*math.Pi*k/3) }
	return root(2), root(1), root(0)
}

// StyblinskiTang returns the Styblinski–Tang function in d dimensions (d < 1
// is raised to 1),
//
//	f(x) = ½ Σ_i (x_i⁴ − 16x_i² + 5x_i).
//
// Each coordinate has a deep well at x_i = −2.903534 and a shallower one at
// 2.746803, so there are 2^d minima. Global minimum at x_i = −2.903534 with
// f = −39.166166·d (VLSE prints −39.16599·d, off by 2·10⁻⁴ per coordinate);
// the worst local minimum is at x_i = 2.746803 with f = −25.029447·d. In two
// dimensions all four minima, four saddle points and the maximum
// (0.156731, 0.156731) are listed. Domain and window [−5, 5]^d; start
// (4, …, 4), which descends into the shallow well.
func StyblinskiTang(d int) *Landscape {
	d = max(d, 1)
	var text, tex []string
	for i := range d {
		v := landscapeVar(d, i)
		text = append(text, "math.Pow("+v+", 4) - 16*"+v+"*"+v+" + 5*"+v)
	}
	switch d {
	case 1:
		tex = []string{`\frac{1}{2} \left(x^{4} - 16 x^{2} + 5 x\right)`}
	case 2:
		tex = []string{`\frac{1}{2} \left(x^{4} - 16 x^{2} + 5 x + y^{4} - 16 y^{2} + 5 y\right)`}
	default:
		tex = []string{`\frac{1}{2} \sum_{i=0}^{` + itoaLandscape(d-1) + `} \left(x_{i}^{4} - 16 x_{i}^{2} + 5 x_{i}\right)`}
	}
	f := func(x []float64) float64 {
		s := 0.0
		for _, v := range x {
			v2 := v * v
			s += v2*v2 - 16*v2 + 5*v
		}
		return s / 2
	}
	g := func(grad, x []float64) {
		for i, v := range x {
			grad[i] = 2*v*v*v - 16*v + 2.5
		}
	}
	low, mid, high := styblinskiTangRoots()
	one := func(v float64) float64 { v2 := v * v; return (v2*v2 - 16*v2 + 5*v) / 2 }
	point := func(k CriticalKind, xs ...float64) CriticalPoint {
		s := 0.0
		for _, v := range xs {
			s += one(v)
		}
		return CriticalPoint{X: xs, F: s, Kind: k}
	}
	minima := []CriticalPoint{
		point(GlobalMin, landscapeFilled(d, low)...),
		point(LocalMin, landscapeFilled(d, high)...),
	}
	var saddles []CriticalPoint
	switch d {
	case 1:
		saddles = []CriticalPoint{point(LocalMax, mid)}
	case 2:
		minima = append(minima, point(LocalMin, low, high), point(LocalMin, high, low))
		saddles = []CriticalPoint{
			point(SaddlePoint, low, mid), point(SaddlePoint, mid, low),
			point(SaddlePoint, high, mid), point(SaddlePoint, mid, high),
			point(LocalMax, mid, mid),
		}
	}
	return newLandscape(Landscape{
		Name:    "Styblinski-Tang",
		Dim:     d,
		Formula: "(" + strings.Join(text, " + ") + ")/2",
		LaTeX:   tex[0],
		Domain:  Window{-5, 5, -5, 5},
		Window:  Window{-5, 5, -5, 5},
		Start:   landscapeFilled(d, 4),
		Minima:  minima,
		Saddles: saddles,
		Source:  "VLSE (sfu.ca/~ssurjano/stybtang.html), whose minimum value −39.16599·d is corrected to −39.166166·d",
	}, f, g, nil)
}
