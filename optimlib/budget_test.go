package optimlib_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/descentlab/descent/optimlib"
	"gonum.org/v1/gonum/optimize"
)

// budgetOptimizers returns one of every optimizer, fresh.
func budgetOptimizers() []optimlib.Optimizer {
	return []optimlib.Optimizer{
		optimlib.NewGD(0.001), optimlib.NewMomentum(0.001), optimlib.NewNesterov(0.001), optimlib.NewSGD(0.001),
		optimlib.NewAdagrad(0.01), optimlib.NewRMSprop(0.001), optimlib.NewAdadelta(1), optimlib.NewAdam(0.01),
		optimlib.NewAdamW(0.01), optimlib.NewAMSGrad(0.01), optimlib.NewAdamax(0.01), optimlib.NewNAdam(0.01),
		optimlib.NewRAdam(0.01), optimlib.NewSGLD(0.0001, 1), optimlib.NewNoisyGrad(optimlib.NewGD(0.001), 2),
		optimlib.NewPerturbedGD(0.001, 3), optimlib.NewProximalGD(0.001, 0.01),
		optimlib.NewLineSearchGD(), optimlib.NewBFGS(), optimlib.NewLBFGS(), optimlib.NewCG(), optimlib.NewNewton(),
		optimlib.NewDampedNewton(), &optimlib.DampedNewton{FiniteDifferences: true}, optimlib.NewNelderMead(),
		&optimlib.LBFGS{FirstStep: 1, LineSearch: optimlib.LineSearch{Rule: optimlib.Armijo}},
		&optimlib.BFGS{LineSearch: optimlib.LineSearch{Rule: optimlib.StrongWolfe}},
		optimlib.NewGonum(&optimize.NelderMead{}),
	}
}

// numericRosenbrock is Rosenbrock with a central-difference gradient, so
// that a gradient costs d + 1 = 3 by the rule of Cost.
func numericRosenbrock() *optimlib.FuncObjective {
	land := optimlib.Rosenbrock(2)
	return optimlib.FromFunc(land.Func)
}

// TestBudgetNeverExceeded runs every optimizer under Run with budgets from
// "just the start" upwards, on an analytic and on a numerical gradient, and
// checks that the cost never exceeds the budget, that the run stops for the
// budget only when the next evaluation would have exceeded it (so it wastes
// at most the cost of one evaluation: 1 for f, 1 or 3 for ∇f, 1 or d·3 for
// ∇²f), and that the cost the Result reports is the rule of Cost applied to
// the calls a CountingObjective saw.
func TestBudgetNeverExceeded(t *testing.T) {
	for _, numeric := range []bool{false, true} {
		for _, budget := range []int{6, 7, 50, 333} {
			for i := range budgetOptimizers() {
				opt := budgetOptimizers()[i]
				var obj optimlib.Objective = optimlib.Rosenbrock(2)
				maxOp := 3 // f, ∇f and ∇²f together
				if numeric {
					obj, maxOp = numericRosenbrock(), 1+3+2*3+3
				}
				counted := optimlib.Count(obj)
				res, err := optimlib.Run(counted, opt, []float64{-1.2, 1}, optimlib.RunConfig{MaxEvals: budget})
				name := fmt.Sprintf("%s, budget %d, numeric %v", opt.Name(), budget, numeric)
				if err != nil {
					if res == nil && budget < maxOp {
						continue // a start the budget cannot pay for
					}
					t.Errorf("%s: %v", name, err)
					continue
				}
				if res.Cost > budget {
					t.Errorf("%s: cost %d over the budget", name, res.Cost)
				}
				if got := counted.Cost(); got != res.Cost {
					t.Errorf("%s: the result says cost %d, the calls cost %d (%d f, %d ∇f, %d ∇²f)", name, res.Cost, got,
						counted.FuncEvals(), counted.GradEvals(), counted.HessEvals())
				}
				if res.FuncEvals != counted.FuncEvals() || res.GradEvals != counted.GradEvals() || res.HessEvals != counted.HessEvals() {
					t.Errorf("%s: result counts %d/%d/%d, calls %d/%d/%d", name, res.FuncEvals, res.GradEvals, res.HessEvals,
						counted.FuncEvals(), counted.GradEvals(), counted.HessEvals())
				}
				if res.Reason == optimlib.StopBudget && res.Cost <= budget-maxOp {
					t.Errorf("%s: stopped for the budget at cost %d, with %d left", name, res.Cost, budget-res.Cost)
				}
			}
		}
	}
}

// TestCostRule checks Cost against the rule worked by hand: 3 f, 4 ∇f and
// 1 ∇²f cost 3 + 4 + 1 = 8 with an analytic gradient, and 3 + 4·(2+1) + 1 = 16
// with a numerical one in 2-D.
func TestCostRule(t *testing.T) {
	if got := optimlib.Cost(optimlib.Rosenbrock(2), 2, 3, 4, 1); got != 8 {
		t.Errorf("analytic: %d, want 8", got)
	}
	if got := optimlib.Cost(numericRosenbrock(), 2, 3, 4, 1); got != 16 {
		t.Errorf("numerical: %d, want 16", got)
	}
	if got := optimlib.Cost(optimlib.Count(numericRosenbrock()), 2, 3, 4, 1); got != 16 {
		t.Errorf("counted numerical: %d, want 16", got)
	}
}

// TestChainBudgets checks Anneal and Metropolis–Hastings: the cost is the
// number of f evaluations (the start's included) and never exceeds
// MaxEvals, and proposals outside the box count as steps but cost nothing.
// With Scale 5 in the box [−2, 2], most proposals fall outside.
func TestChainBudgets(t *testing.T) {
	well := optimlib.DoubleWell(0.3)
	for _, budget := range []int{1, 2, 57, 400} {
		c := optimlib.Count(well)
		a, err := optimlib.Anneal(c, []float64{1.2}, optimlib.AnnealConfig{MaxEvals: budget, Scale: 5, Low: []float64{-2}, High: []float64{2}, Seed: 4})
		if err != nil {
			t.Fatal(err)
		}
		if a.Cost > budget || a.Cost != c.FuncEvals() || a.FuncEvals != a.Cost || a.Reason != optimlib.StopBudget || a.Cost != budget {
			t.Errorf("Anneal, budget %d: cost %d, %d calls, reason %v", budget, a.Cost, c.FuncEvals(), a.Reason)
		}
		if budget > 2 && !(a.Steps > a.Cost) {
			t.Errorf("Anneal, budget %d: %d proposals for %d evaluations; out-of-box proposals should be free", budget, a.Steps, a.Cost)
		}
		c = optimlib.Count(well)
		m, err := optimlib.MetropolisHastings(c, []float64{1.2}, optimlib.MHConfig{MaxEvals: budget, Scale: 5, Low: []float64{-2}, High: []float64{2}, Seed: 4})
		if err != nil {
			t.Fatal(err)
		}
		if m.Cost > budget || m.Cost != c.FuncEvals() || m.Reason != optimlib.StopBudget || m.Cost != budget {
			t.Errorf("MH, budget %d: cost %d, %d calls, reason %v", budget, m.Cost, c.FuncEvals(), m.Reason)
		}
	}
}

// TestRestartsBudget checks that a Restarts search spends at most MaxEvals
// in all, with what the runs report adding up to what the objective saw,
// and ends for the budget.
func TestRestartsBudget(t *testing.T) {
	well := optimlib.DoubleWell(0.3)
	for _, opt := range []optimlib.Optimizer{optimlib.NewGD(0.01), optimlib.NewLBFGS(), optimlib.NewNelderMead()} {
		for _, budget := range []int{5, 100, 1234} {
			c := optimlib.Count(well)
			res, err := optimlib.Restarts(c, opt, []float64{1}, optimlib.RestartConfig{Starts: 1000, MaxEvals: budget,
				Sampler: optimlib.NewUniformStarts([]float64{-2}, []float64{2}), Run: optimlib.RunConfig{MaxSteps: 200}})
			if err != nil {
				t.Fatal(err)
			}
			if res.Cost > budget || res.Cost != c.Cost() || res.Reason != optimlib.StopBudget {
				t.Errorf("%s, budget %d: cost %d, calls cost %d, reason %v", opt.Name(), budget, res.Cost, c.Cost(), res.Reason)
			}
		}
	}
}

// TestRestartsCallbackEndsSearch checks that a run stopped by its callback
// ends the whole search.
func TestRestartsCallbackEndsSearch(t *testing.T) {
	calls := 0
	res, err := optimlib.Restarts(optimlib.DoubleWell(0.3), optimlib.NewGD(0.01), []float64{1}, optimlib.RestartConfig{Starts: 10,
		Sampler: optimlib.NewUniformStarts([]float64{-2}, []float64{2}),
		Run: optimlib.RunConfig{MaxSteps: 50, Callback: func(k int, _ []float64, _ float64) bool {
			calls++
			return calls < 80 // false in the second run
		}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Runs) != 2 || res.Reason != optimlib.StopCallback {
		t.Errorf("%d runs, reason %v; want 2 runs and the callback's stop", len(res.Runs), res.Reason)
	}
}

// TestBasinHoppingBudget checks that basin hopping spends at most MaxEvals,
// local runs included, that its counts match the calls, and that it ends
// for the budget.
func TestBasinHoppingBudget(t *testing.T) {
	for _, budget := range []int{20, 300, 2000} {
		for _, local := range []optimlib.Optimizer{nil, optimlib.NewNelderMead(), optimlib.NewAdam(0.05)} {
			c := optimlib.Count(numericRosenbrock())
			res, err := optimlib.BasinHopping(c, []float64{-1.2, 1}, optimlib.BasinHoppingConfig{Local: local, MaxEvals: budget,
				Low: []float64{-2, -2}, High: []float64{2, 2}, Seed: 9, LocalRun: optimlib.RunConfig{MaxSteps: 100}})
			if err != nil {
				t.Fatal(err)
			}
			if res.Cost > budget || res.Cost != c.Cost() || res.Reason != optimlib.StopBudget {
				t.Errorf("local %v, budget %d: cost %d, calls cost %d, reason %v (%s)", local, budget, res.Cost, c.Cost(), res.Reason, res.Detail)
			}
		}
	}
}

// TestCompareBudget checks that Compare gives every contestant the budget,
// and that a trial over it counts as failed.
func TestCompareBudget(t *testing.T) {
	well := optimlib.DoubleWell(0.3)
	x0 := []float64{1.2}
	cheat := optimlib.Contestant{Name: "cheat", Trial: func(seed uint64, maxEvals int) *optimlib.Result {
		return optimlib.Minimize(well, optimlib.NewGD(0.01), x0, maxEvals) // 2 per step
	}}
	cmp, err := optimlib.Compare(optimlib.ExperimentConfig{Seeds: 20, MaxEvals: 150, Success: optimlib.BelowF(0)},
		optimlib.BasinHoppingContestant("basin hopping", well, x0, optimlib.BasinHoppingConfig{Low: []float64{-2}, High: []float64{2}}, nil),
		optimlib.AnnealContestant("annealing", well, x0, optimlib.AnnealConfig{Scale: 0.5}),
		optimlib.MHContestant("MH", well, x0, optimlib.MHConfig{Scale: 0.5}),
		optimlib.RestartContestant("restarts", well, func() optimlib.Optimizer { return optimlib.NewLBFGS() }, x0,
			optimlib.RestartConfig{Starts: 100, Sampler: optimlib.NewUniformStarts([]float64{-2}, []float64{2})}),
		optimlib.RunContestant("SGLD", well, func(seed uint64) optimlib.Optimizer { return optimlib.NewSGLD(0.05, seed) }, x0, optimlib.RunConfig{}),
		cheat)
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range cmp.Experiments {
		for _, o := range e.Outcomes {
			if cmp.Names[i] == "cheat" {
				if o.Err == nil {
					t.Errorf("cheat: cost %d over 150 not flagged", o.Cost)
				}
				continue
			}
			if o.Cost > 150 || o.Err != nil {
				t.Errorf("%s, seed %d: cost %d, err %v", cmp.Names[i], o.Seed, o.Cost, o.Err)
			}
		}
	}
	if e := cmp.Experiment("basin hopping"); e == nil || e.SuccessRate != 1 {
		t.Errorf("basin hopping should find the deep well in every seed at this budget: %v", e)
	}
	if _, err := optimlib.Compare(optimlib.ExperimentConfig{Seeds: 2}, cheat); err == nil {
		t.Error("Compare without MaxEvals: no error")
	}
	if math.IsNaN(cmp.SuccessRates()[0]) {
		t.Error("SuccessRates: NaN with a success rule")
	}
}

// TestSamplersReportFinalAndBest checks that annealing and
// Metropolis–Hastings report both where the chain ended and the best state
// it visited, against their full traces (every state recorded).
func TestSamplersReportFinalAndBest(t *testing.T) {
	well := optimlib.DoubleWell(0.3)
	check := func(name string, r optimlib.Result, final []float64, finalF float64) {
		t.Helper()
		losses := r.Trace.Losses()
		best := 0
		for i, f := range losses {
			if f < losses[best] {
				best = i
			}
		}
		if r.BestF != losses[best] || !reflectEqual(r.BestX, r.Trace.Point(best)) {
			t.Errorf("%s: best %v (f %g), trace best %v (f %g)", name, r.BestX, r.BestF, r.Trace.Point(best), losses[best])
		}
		if last := r.Trace.Len() - 1; finalF != losses[last] || !reflectEqual(final, r.Trace.Point(last)) {
			t.Errorf("%s: final %v (f %g), trace ends at %v", name, final, finalF, r.Trace.Point(last))
		}
	}
	a, _ := optimlib.Anneal(well, []float64{1.2}, optimlib.AnnealConfig{MaxSteps: 500, Scale: 0.5, Stride: 1, Seed: 1})
	check("Anneal", a.Result, a.Final, a.FinalF)
	if !reflectEqual(a.X, a.BestX) {
		t.Errorf("Anneal: X %v is not the best point %v", a.X, a.BestX)
	}
	m, _ := optimlib.MetropolisHastings(well, []float64{1.2}, optimlib.MHConfig{MaxSteps: 500, Scale: 0.5, Stride: 1, Seed: 1})
	check("MetropolisHastings", m.Result, m.Final, m.FinalF)
	if !reflectEqual(m.X, m.Final) {
		t.Errorf("MH: X %v is not the final state %v", m.X, m.Final)
	}
	s := optimlib.Minimize(well, optimlib.NewSGLD(0.05, 1), []float64{1.2}, 500)
	check("SGLD", *s, s.X, s.F)
}

func reflectEqual(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
