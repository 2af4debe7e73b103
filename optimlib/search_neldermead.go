package optimlib

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/optimize"
)

// NelderMead is the Nelder–Mead simplex method (gonum's NelderMead), which
// uses values of f only. It keeps d + 1 points sorted by f, x_0 best and
// x_d worst, with c the centroid of all but the worst, and each iteration
// tries, in order:
//
//	reflect   x_r = c + ρ·(c − x_d)           accept if f_0 ≤ f_r < f_{d−1}
//	expand    x_e = c + ρχ·(c − x_d)          if f_r < f_0: keep the better of x_e, x_r
//	contract  x_c = c + ργ·(c − x_d)  (outside, f_r < f_d)  or  c − γ·(c − x_d)  (inside)
//	shrink    x_i ← x_0 + σ·(x_i − x_0)       when contraction fails too
//
// replacing the worst point. Its iterate x_k is the best point of the
// simplex, which moves only when a trial improves on it. The first simplex
// is x_0 and x_0 + SimplexSize·e_i. Defaults (NewNelderMead, gonum's, the
// dimension-adaptive values of Gao & Han 2012): ρ = 1, χ = 1 + 2/d,
// γ = 3/4 − 1/(2d), σ = 1 − 1/d (in 1-D: χ = 2, γ = σ = 1/2), SimplexSize
// 0.05. It is a Searcher: run it with Run or Minimize. With RunConfig's
// Patience at 0 it stops as gonum does after 100 iterations that do not
// lower the best f by 1e-10.
type NelderMead struct {
	// SimplexSize is the edge of the first simplex (default 0.05).
	SimplexSize float64
	// Reflection, Expansion, Contraction and Shrink are ρ, χ, γ and σ
	// (0: the dimension-adaptive defaults).
	Reflection, Expansion, Contraction, Shrink float64
}

// NewNelderMead returns Nelder–Mead with gonum's defaults.
func NewNelderMead() *NelderMead { return &NelderMead{SimplexSize: 0.05} }

// Name returns e.g. "NelderMead" or "NelderMead(size=1)".
func (o *NelderMead) Name() string {
	size := ""
	if o.SimplexSize != 0 {
		size = nonDefault("size", o.SimplexSize, 0.05)
	}
	return withParts("NelderMead", size, nonDefault("ρ", o.Reflection, 0), nonDefault("χ", o.Expansion, 0),
		nonDefault("γ", o.Contraction, 0), nonDefault("σ", o.Shrink, 0))
}

// Reset does nothing: each run builds a new simplex.
func (o *NelderMead) Reset() {}

// LearningRate returns NaN: Nelder–Mead has no learning rate.
func (o *NelderMead) LearningRate() float64 { return math.NaN() }

// Step panics: run NelderMead with Run or Minimize.
func (o *NelderMead) Step(x, grad []float64) { panic(searchStepPanic("NelderMead")) }

// NewSearch returns gonum's NelderMead, run through its channels.
func (o *NelderMead) NewSearch() (Search, error) {
	switch {
	case o.SimplexSize < 0 || math.IsNaN(o.SimplexSize) || math.IsInf(o.SimplexSize, 0):
		return nil, fmt.Errorf("NelderMead SimplexSize = %g, need a finite value > 0", o.SimplexSize)
	case o.Reflection < 0, o.Expansion != 0 && o.Expansion <= 1,
		o.Contraction < 0 || o.Contraction >= 1, o.Shrink < 0 || o.Shrink >= 1:
		return nil, fmt.Errorf("NelderMead parameters ρ = %g, χ = %g, γ = %g, σ = %g: need ρ > 0, χ > 1, 0 < γ < 1, 0 < σ < 1 (0 for the defaults)",
			o.Reflection, o.Expansion, o.Contraction, o.Shrink)
	}
	return newMethodSearch(&optimize.NelderMead{SimplexSize: o.SimplexSize, Reflection: o.Reflection,
		Expansion: o.Expansion, Contraction: o.Contraction, Shrink: o.Shrink})
}
