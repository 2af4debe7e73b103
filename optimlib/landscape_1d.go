package optimlib

import "math"

// DoubleWell returns the tilted double well f(x) = (x² − 1)² + c·x, a 1-D
// landscape with two minima separated by a barrier (a local maximum) when
// |c| < 8/(3√3) ≈ 1.5396, and a single minimum otherwise. The tilt c makes
// one well deeper: for c > 0 the left one is global.
//
// The critical points are the roots of f′(x) = 4x³ − 4x + c, found by
// Newton's method on f′ safeguarded by bisection, each in its own bracket
// (left of −1/√3, between ±1/√3, right of 1/√3). For the lesson's c = 0.3:
// global minimum f(−1.035579) = −0.305428, local minimum
// f(0.960150) = 0.294146, barrier f(0.075429) = 1.011282. For c = 0 both
// minima, ±1, are global.
//
// Window [−2, 2]; start 0.5, right of the barrier, so that plain gradient
// descent settles in the shallower well.
func DoubleWell(c float64) *Landscape {
	f := func(v []float64) float64 {
		x := v[0]
		w := x*x - 1
		return w*w + c*x
	}
	g := func(grad, v []float64) {
		x := v[0]
		grad[0] = 4*x*x*x - 4*x + c
	}
	value := func(x float64) float64 { w := x*x - 1; return w*w + c*x }
	s := 1 / math.Sqrt(3)
	bound := 1 + math.Max(1, math.Abs(c)/4) // every root of x³ − x + c/4 is within it
	slope := func(x float64) float64 { return 4*x*x*x - 4*x + c }
	var minima, saddles []CriticalPoint
	left, right := slope(-s) > 0, slope(s) < 0
	var lows []float64
	if left {
		lows = append(lows, doubleWellRoot(c, -bound, -s))
	}
	if right {
		lows = append(lows, doubleWellRoot(c, s, bound))
	}
	if left && right {
		top := doubleWellRoot(c, -s, s)
		saddles = []CriticalPoint{{X: []float64{top}, F: value(top), Kind: LocalMax}}
	}
	best := math.Inf(1)
	for _, x := range lows {
		best = math.Min(best, value(x))
	}
	for _, x := range lows {
		k := LocalMin
		if value(x) <= best+1e-12*math.Max(1, math.Abs(best)) {
			k = GlobalMin
		}
		minima = append(minima, CriticalPoint{X: []float64{x}, F: value(x), Kind: k})
	}
	if len(minima) == 2 && minima[0].Kind != GlobalMin {
		minima[0], minima[1] = minima[1], minima[0]
	}
	text, tex := "math.Pow(x*x - 1, 2)", `\left(x^{2} - 1\right)^{2}`
	switch {
	case c > 0:
		text += " + " + formatLandscapeNumber(c) + "*x"
		tex += " + " + formatLandscapeNumber(c) + " x"
	case c < 0:
		text += " - " + formatLandscapeNumber(-c) + "*x"
		tex += " - " + formatLandscapeNumber(-c) + " x"
	}
	return newLandscape(Landscape{
		Name:    "Double well",
		Dim:     1,
		Formula: text,
		LaTeX:   tex,
		Domain:  Window{XMin: -2, XMax: 2},
		Window:  Window{XMin: -2, XMax: 2},
		Start:   []float64{0.5},
		Minima:  minima,
		Saddles: saddles,
		Source:  "the quartic double well of physics, tilted; critical points by safeguarded Newton on f′",
	}, f, g, nil)
}

// doubleWellRoot finds the root of 4x³ − 4x + c in [lo, hi], where the
// cubic changes sign, by Newton steps that fall back to bisection when they
// would leave the bracket.
func doubleWellRoot(c, lo, hi float64) float64 {
	slope := func(x float64) float64 { return 4*x*x*x - 4*x + c }
	flo := slope(lo)
	x := (lo + hi) / 2
	for range 200 {
		v := slope(x)
		if v == 0 {
			return x
		}
		if (v < 0) == (flo < 0) {
			lo, flo = x, v
		} else {
			hi = x
		}
		next := x - v/(12*x*x-4)
		if !(next > lo && next < hi) {
			next = (lo + hi) / 2
		}
		if math.Abs(next-x) <= 1e-15*math.Max(1, math.Abs(x)) || hi-lo <= 1e-15*math.Max(1, math.Abs(x)) {
			return next
		}
		x = next
	}
	return x
}

// XCosPiX returns f(x) = x·cos(πx) on [−1, 2], the 1-D landscape d2l uses to
// show local and global minima. Global minimum f(1.090408) = −1.046721,
// local minimum f(−0.273853) = −0.178603 and, between them, a local maximum
// f(0.273853) = 0.178603 (f is odd). Outside [−1, 2] the oscillations grow
// without bound. Domain and window [−1, 2]; start −0.8, from which gradient
// descent stops in the local minimum.
func XCosPiX() *Landscape {
	f := func(v []float64) float64 { return v[0] * math.Cos(math.Pi*v[0]) }
	g := func(grad, v []float64) {
		x := v[0]
		sin, cos := math.Sincos(math.Pi * x)
		grad[0] = cos - math.Pi*x*sin
	}
	const (
		globalX, globalF = 1.0904082219467213, -1.0467211246605712
		localX, localF   = -0.2738526868008509, -0.1786025115477333
	)
	return newLandscape(Landscape{
		Name:    "x cos(πx)",
		Dim:     1,
		Formula: "x*math.Cos(math.Pi*x)",
		LaTeX:   `x \cos(\pi x)`,
		Domain:  Window{XMin: -1, XMax: 2},
		Window:  Window{XMin: -1, XMax: 2},
		Start:   []float64{-0.8},
		Minima: []CriticalPoint{
			{X: []float64{globalX}, F: globalF, Kind: GlobalMin},
			{X: []float64{localX}, F: localF, Kind: LocalMin},
		},
		Saddles: []CriticalPoint{{X: []float64{-localX}, F: -localF, Kind: LocalMax}},
		Source:  "d2l.ai, Optimization and Deep Learning (local minima); critical points by Newton's method",
	}, f, g, nil)
}
