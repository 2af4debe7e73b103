package optimlib_test

import (
	"fmt"

	"github.com/descentlab/descent/optimlib"
)

// Swapping a first-order optimizer for L-BFGS changes nothing else: the same
// Run, RunConfig, Result and Trace. L-BFGS reaches Rosenbrock's minimum in a
// few dozen iterations; the evaluation trace also holds the line-search
// trials it rejected.
func ExampleLBFGS() {
	land := optimlib.Rosenbrock(2)
	res, err := optimlib.Run(land, optimlib.NewLBFGS(), []float64{-1.2, 1}, optimlib.RunConfig{GradTol: 1e-8})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Reason, "after", res.Steps, "steps")
	fmt.Printf("x = [%.6f %.6f]\n", res.X[0], res.X[1])
	fmt.Println("f, ∇f, ∇²f evaluations:", res.FuncEvals, res.GradEvals, res.HessEvals, "cost:", res.Cost)
	fmt.Println("rejected line-search trials:", res.Trace.Evals().OfKind(optimlib.EvalLineSearch).Len())
	// Output:
	// gradient tolerance after 35 steps
	// x = [1.000000 1.000000]
	// f, ∇f, ∇²f evaluations: 46 37 0 cost: 83
	// rejected line-search trials: 10
}

// Newton's method lands on the minimum of a quadratic in one step, whatever
// its conditioning; the Hessian comes from the formula.
func ExampleNewton() {
	f := optimlib.MustFormula("0.5*x*x + 50*y*y") // condition number 100
	res, _ := optimlib.Run(f, optimlib.NewNewton(), []float64{3, -2}, optimlib.RunConfig{GradTol: 1e-12})
	fmt.Println(res)
	// Output:
	// Newton: gradient tolerance after 1 steps (‖∇f‖ = 0 ≤ 1e-12), f = 0 at [0 0]
}

// Basin hopping escapes Rastrigin's many local minima on a budget of 300
// evaluations (here with gradients charged as finite differences would
// cost, d + 1 = 3, as FromFunc's numerical gradient is).
func ExampleBasinHopping() {
	land := optimlib.Rastrigin(2)
	res, err := optimlib.BasinHopping(optimlib.FromFunc(land.Func), []float64{4, 4}, optimlib.BasinHoppingConfig{
		MaxEvals: 300, Low: []float64{-5.12, -5.12}, High: []float64{5.12, 5.12}, Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%v after %d hops, cost %d: f = %.2g at [%.2g %.2g]\n", res.Reason, res.Steps, res.Cost, res.F, res.X[0], res.X[1])
	// Output:
	// budget spent after 8 hops, cost 300: f = 0 at [3.7e-11 3.7e-11]
}

// Compare gives every method the same budget and the same seeds.
func ExampleCompare() {
	well := optimlib.DoubleWell(0.3)
	x0 := []float64{1.2}
	deep := optimlib.BelowF(0) // only the deep well goes below 0
	cmp, err := optimlib.Compare(optimlib.ExperimentConfig{Seeds: 100, MaxEvals: 300, Success: deep},
		optimlib.BasinHoppingContestant("basin hopping", well, x0, optimlib.BasinHoppingConfig{Low: []float64{-2}, High: []float64{2}}, nil),
		optimlib.AnnealContestant("annealing", well, x0, optimlib.AnnealConfig{Scale: 0.5, Cooling: optimlib.NewExponentialCooling(1, 0.99)}),
		optimlib.RunContestant("L-BFGS", well, func(uint64) optimlib.Optimizer { return optimlib.NewLBFGS() }, x0, optimlib.RunConfig{}))
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, name := range cmp.Names {
		fmt.Printf("%-13s %3.0f%%\n", name, cmp.SuccessRates()[i])
	}
	// Output:
	// basin hopping 100%
	// annealing      98%
	// L-BFGS          0%
}
