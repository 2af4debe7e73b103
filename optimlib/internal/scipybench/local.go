package main

import (
	"fmt"
	"io"
	"sort"

	"github.com/descentlab/descent/optimlib"
)

// localTarget is the f a local method must reach.
const localTarget = 1e-10

// localBudget caps each local run on both sides.
const localBudget = 2000

// hitCounter charges an objective's evaluations by optimlib's cost rule and
// remembers the cost at which f first fell to localTarget.
type hitCounter struct {
	obj      optimlib.Objective
	hess     optimlib.Hesser
	analytic bool
	dim      int
	cost     int
	hit      int
}

func (h *hitCounter) gradCost() int {
	if h.analytic {
		return 1
	}
	return h.dim + 1
}

// Func charges 1.
func (h *hitCounter) Func(x []float64) float64 {
	h.cost++
	f := h.obj.Func(x)
	if h.hit == 0 && f <= localTarget {
		h.hit = h.cost
	}
	return f
}

// Grad charges a gradient.
func (h *hitCounter) Grad(g, x []float64) {
	h.cost += h.gradCost()
	h.obj.Grad(g, x)
}

// AnalyticGradient reports the mode.
func (h *hitCounter) AnalyticGradient() bool { return h.analytic }

// Hess charges 1 (analytic mode only).
func (h *hitCounter) Hess(hess, x []float64) {
	h.cost++
	h.hess.Hess(hess, x)
}

// AnalyticHessian reports whether the Hessian is the landscape's.
func (h *hitCounter) AnalyticHessian() bool { return h.hess != nil }

// localCase is a landscape with its classic start and a grid of starts.
type localCase struct {
	name  string
	land  *optimlib.Landscape
	start []float64
	grid  [][]float64
}

// localCases are Rosenbrock and Beale, with the grids of scipy_side.py.
func localCases() []localCase {
	grid := func(ylo float64) [][]float64 {
		var g [][]float64
		for i := range 10 {
			for j := range 10 {
				g = append(g, []float64{-2 + 4*float64(i)/9, ylo + 4*float64(j)/9})
			}
		}
		return g
	}
	return []localCase{
		{"Rosenbrock", optimlib.Rosenbrock(2), []float64{-1.2, 1}, grid(-1)},
		{"Beale", optimlib.Beale(), []float64{1, 1}, grid(-2)},
	}
}

// localPair is an optimlib method and its scipy counterpart.
type localPair struct {
	ours  string
	scipy string
	make  func() optimlib.Optimizer
	fd    bool // also measured with numerical gradients
}

var localPairs = []localPair{
	{"LBFGS", "L-BFGS-B", func() optimlib.Optimizer { return optimlib.NewLBFGS() }, true},
	{"BFGS", "BFGS", func() optimlib.Optimizer { return optimlib.NewBFGS() }, true},
	// gonum's closest knob to scipy's BFGS (Moré–Thuente, c1 = 1e-4, c2 = 0.9).
	{"BFGS(strong Wolfe)", "BFGS", func() optimlib.Optimizer {
		return &optimlib.BFGS{LineSearch: optimlib.LineSearch{Rule: optimlib.StrongWolfe}}
	}, false},
	{"CG", "CG", func() optimlib.Optimizer { return optimlib.NewCG() }, true},
	{"DampedNewton", "Newton-CG", func() optimlib.Optimizer { return optimlib.NewDampedNewton() }, false},
	{"Newton", "", func() optimlib.Optimizer { return optimlib.NewNewton() }, false},
	{"NelderMead", "Nelder-Mead", func() optimlib.Optimizer { return optimlib.NewNelderMead() }, false},
}

// localHit runs one method from x0 and returns the cost of reaching the
// target (0: not reached within the budget).
func localHit(c localCase, p localPair, analytic bool, x0 []float64) int {
	h := &hitCounter{analytic: analytic, dim: 2}
	if analytic {
		h.obj, h.hess = c.land, c.land
	} else {
		h.obj = optimlib.FromFunc(c.land.Func)
	}
	optimlib.Run(h, p.make(), x0, optimlib.RunConfig{MaxEvals: localBudget})
	return h.hit
}

// measureLocal runs every pair on every case, analytic and numerical.
func measureLocal() map[localKey]localRecord {
	out := map[localKey]localRecord{}
	for _, c := range localCases() {
		for _, p := range localPairs {
			for _, analytic := range []bool{true, false} {
				if !analytic && !p.fd {
					continue
				}
				rec := localRecord{Classic: localHit(c, p, analytic, c.start)}
				for _, x0 := range c.grid {
					rec.Hits = append(rec.Hits, localHit(c, p, analytic, x0))
				}
				out[localKey{c.name, p.ours, modeName(analytic)}] = rec
			}
		}
	}
	return out
}

func modeName(analytic bool) string {
	if analytic {
		return "analytic"
	}
	return "fd"
}

// printLocal prints the local table.
func printLocal(w io.Writer, ours map[localKey]localRecord, sc *scipyResults) {
	fmt.Fprintf(w, "Local methods: cost to reach f ≤ %g (budget %d), from the classic start and from a 10×10 grid of starts;\n", localTarget, localBudget)
	fmt.Fprintln(w, "the median is over the grid starts from which both reach it.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| landscape | gradient | optimlib | scipy | classic start: optimlib / scipy | grid starts reached: optimlib / scipy | median cost on common starts: optimlib / scipy |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, c := range localCases() {
		for _, p := range localPairs {
			for _, analytic := range []bool{true, false} {
				mode := modeName(analytic)
				o, ok := ours[localKey{c.name, p.ours, mode}]
				if !ok {
					continue
				}
				var s localRecord
				have := false
				if sc != nil && p.scipy != "" {
					s, have = sc.local[localKey{c.name, p.scipy, mode}]
				}
				fmt.Fprintf(w, "| %s %v | %s | %s | %s | %s / %s | %d / %s | %s |\n", c.name, c.start, mode, p.ours, orDash(p.scipy),
					costOrMiss(o.Classic), ifHave(have, costOrMiss(s.Classic)), reached(o.Hits), ifHave(have, fmt.Sprint(reached(s.Hits))),
					commonMedians(o.Hits, s.Hits, have))
			}
		}
	}
	fmt.Fprintln(w)
}

// reached counts the starts with a hit.
func reached(hits []int) int {
	n := 0
	for _, h := range hits {
		if h > 0 {
			n++
		}
	}
	return n
}

// commonMedians formats the medians over the starts both sides reached.
func commonMedians(ours, theirs []int, have bool) string {
	var a, b []int
	for i, h := range ours {
		if h == 0 {
			continue
		}
		if have {
			if i >= len(theirs) || theirs[i] == 0 {
				continue
			}
			b = append(b, theirs[i])
		}
		a = append(a, h)
	}
	if !have {
		return fmt.Sprintf("%s / –", median(a))
	}
	return fmt.Sprintf("%s / %s", median(a), median(b))
}

// median formats the median of v.
func median(v []int) string {
	if len(v) == 0 {
		return "–"
	}
	sort.Ints(v)
	n := len(v)
	if n%2 == 1 {
		return fmt.Sprint(v[n/2])
	}
	return fmt.Sprintf("%g", float64(v[n/2-1]+v[n/2])/2)
}

func costOrMiss(c int) string {
	if c == 0 {
		return "not reached"
	}
	return fmt.Sprint(c)
}

func ifHave(have bool, s string) string {
	if !have {
		return "–"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
