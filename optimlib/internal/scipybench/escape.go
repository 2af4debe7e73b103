package main

import (
	"fmt"
	"io"
	"math"
	"os"

	"github.com/descentlab/descent/optimlib"
)

// ackleySecondMin is f at Ackley's second-lowest minimum, next to (±1, 0)
// and (0, ±1), used when scipy does not run (scipy_side.py recomputes it):
// a point with f below it is in the global basin.
const ackleySecondMin = 2.6375310921083046

// chargedAsNumeric is a landscape whose gradient is charged as a numerical
// one (d + 1 per call, see optimlib.Cost), as scipy pays for its
// finite-difference gradients; its values are the landscape's exact ones.
type chargedAsNumeric struct{ *optimlib.Landscape }

// AnalyticGradient reports false, so that a gradient costs d + 1.
func (chargedAsNumeric) AnalyticGradient() bool { return false }

// escapeCase is one escape landscape: the start, the box and the success
// threshold, the f of the second-lowest minimum (below it, gradient descent
// can only end in the global minimum).
type escapeCase struct {
	name      string
	land      *optimlib.Landscape
	x0        []float64
	lo, hi    float64
	threshold float64
}

// escapeCases are the landscapes of the table.
func escapeCases(ackley float64) []escapeCase {
	return []escapeCase{
		{"Rastrigin-2D", optimlib.Rastrigin(2), []float64{4, 4}, -5.12, 5.12, 0.9949590570932916},
		{"Ackley-2D", optimlib.Ackley(2), []float64{3, 3}, -5, 5, ackley},
		{"tilted double well", optimlib.DoubleWell(0.3), []float64{1.2}, -2, 2, optimlib.DoubleWell(0.3).Minima[1].F},
	}
}

// escapeMethods are optimlib's contestants, by name.
var escapeMethods = []string{"BasinHopping", "Anneal", "Restarts(LBFGS)"}

// bestOf makes a contestant report the best point it evaluated, the
// quantity the success rule judges on both sides.
func bestOf(c optimlib.Contestant) optimlib.Contestant {
	trial := c.Trial
	c.Trial = func(seed uint64, maxEvals int) *optimlib.Result {
		r := trial(seed, maxEvals)
		if r != nil && r.BestX != nil {
			r.X, r.F = r.BestX, r.BestF
		}
		return r
	}
	return c
}

// measureEscape runs optimlib's methods on every escape case and budget:
// success rate by landscape, budget and method.
func measureEscape(cfg config, ackley float64) map[escapeKey]map[string]float64 {
	out := map[escapeKey]map[string]float64{}
	for _, budget := range cfg.Budgets {
		for _, c := range escapeCases(ackley) {
			n := len(c.x0)
			lo, hi := make([]float64, n), make([]float64, n)
			for i := range lo {
				lo[i], hi[i] = c.lo, c.hi
			}
			obj := chargedAsNumeric{c.land}
			cooling := optimlib.NewExponentialCooling(1, math.Pow(0.01, 1/float64(budget)))
			cmp, err := optimlib.Compare(optimlib.ExperimentConfig{Seeds: cfg.Seeds, MaxEvals: budget, Workers: 1,
				Success: optimlib.BelowF(c.threshold)},
				bestOf(optimlib.BasinHoppingContestant("BasinHopping", obj, c.x0, optimlib.BasinHoppingConfig{Low: lo, High: hi}, nil)),
				bestOf(optimlib.AnnealContestant("Anneal", obj, c.x0, optimlib.AnnealConfig{Scale: 0.5, Cooling: cooling, Low: lo, High: hi})),
				bestOf(optimlib.RestartContestant("Restarts(LBFGS)", obj, func() optimlib.Optimizer { return optimlib.NewLBFGS() }, c.x0,
					optimlib.RestartConfig{Starts: 1 << 20, Sampler: optimlib.NewUniformStarts(lo, hi), Run: optimlib.RunConfig{GradTol: 1e-5}})))
			if err != nil {
				fmt.Fprintln(os.Stderr, "scipybench:", err)
				continue
			}
			k := escapeKey{c.name, budget}
			out[k] = map[string]float64{}
			for i, name := range cmp.Names {
				e := cmp.Experiments[i]
				if e.Failed > 0 {
					fmt.Fprintf(os.Stderr, "scipybench: %s, %s, budget %d: %d trials failed\n", name, c.name, budget, e.Failed)
				}
				out[k][name] = e.SuccessRate
			}
			fmt.Fprintf(os.Stderr, "optimlib: %s, budget %d: %v\n", c.name, budget, out[k])
		}
	}
	return out
}

// scipyEscapeColumns are scipy's columns, method/accounting.
var scipyEscapeColumns = []string{"basinhopping/fd", "basinhopping/rule", "dual_annealing/fd", "dual_annealing/rule"}

// printEscape prints the escape table.
func printEscape(w io.Writer, cfg config, ours map[escapeKey]map[string]float64, sc *scipyResults) {
	fmt.Fprintf(w, "Escape: success = best f evaluated below the second-lowest minimum's f (so in the global basin), %d seeds.\n\n", cfg.Seeds)
	fmt.Fprint(w, "| budget | landscape (start), box |")
	for _, m := range escapeMethods {
		fmt.Fprintf(w, " optimlib %s |", m)
	}
	if sc != nil {
		for _, c := range scipyEscapeColumns {
			fmt.Fprintf(w, " scipy %s |", c)
		}
		fmt.Fprint(w, " BasinHopping − scipy's best |")
	}
	fmt.Fprintln(w)
	cols := 2 + len(escapeMethods)
	if sc != nil {
		cols += len(scipyEscapeColumns) + 1
	}
	fmt.Fprintln(w, "|"+repeat("---|", cols))
	for _, budget := range cfg.Budgets {
		for _, c := range escapeCases(ackleySecondMin) {
			k := escapeKey{c.name, budget}
			fmt.Fprintf(w, "| %d | %s %v, [%g, %g] |", budget, c.name, c.x0, c.lo, c.hi)
			for _, m := range escapeMethods {
				fmt.Fprintf(w, " %s |", percent(ours[k], m))
			}
			if sc != nil {
				best := math.Inf(-1)
				for _, col := range scipyEscapeColumns {
					fmt.Fprintf(w, " %s |", percent(sc.escape[k], col))
					if v, ok := sc.escape[k][col]; ok {
						best = math.Max(best, v)
					}
				}
				fmt.Fprintf(w, " %+.1f |", 100*(ours[k]["BasinHopping"]-best))
			}
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintln(w)
}

// percent formats m[key] as a percentage ("–" when missing).
func percent(m map[string]float64, key string) string {
	v, ok := m[key]
	if !ok || math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf("%.1f %%", 100*v)
}

// repeat returns s n times.
func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}
