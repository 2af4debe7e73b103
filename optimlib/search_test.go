package optimlib_test

import (
	"context"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/descentlab/descent/optimlib"
	"gonum.org/v1/gonum/optimize"
)

// searchQuad is f(x, y) = 2x² + xy + 1.5y² − x − 2y = ½xᵀAx − bᵀx with
// A = [[4, 1], [1, 3]] and b = (1, 2). Its minimizer A⁻¹b, with
// A⁻¹ = [[3, −1], [−1, 4]]/11, is (1/11, 7/11).
const searchQuad = "2*x*x + x*y + 1.5*y*y - x - 2*y"

var searchQuadMin = []float64{1.0 / 11, 7.0 / 11}

// TestNewtonOneStepOnQuadratic checks Newton's defining property on a
// quadratic: the model is exact, so x₁ = x₀ − A⁻¹(Ax₀ − b) = A⁻¹b from any
// start. Pure Newton, damped Newton (whose line search accepts α = 1, where
// φ′(1) = 0) and both with a finite-difference Hessian take one step.
func TestNewtonOneStepOnQuadratic(t *testing.T) {
	f := optimlib.MustFormula(searchQuad)
	for _, opt := range []optimlib.Optimizer{optimlib.NewNewton(), optimlib.NewDampedNewton(),
		&optimlib.Newton{FiniteDifferences: true}, &optimlib.DampedNewton{FiniteDifferences: true}} {
		res, err := optimlib.Run(f, opt, []float64{5, -3}, optimlib.RunConfig{GradTol: 1e-6})
		if err != nil {
			t.Fatal(err)
		}
		tol := 1e-13
		if strings.Contains(opt.Name(), "finite") {
			tol = 1e-6
		}
		x1 := res.Trace.Point(1)
		if res.Steps != 1 || dist(x1, searchQuadMin) > tol {
			t.Errorf("%s: %d steps, x₁ = %v; want 1 step to %v", opt.Name(), res.Steps, x1, searchQuadMin)
		}
		if res.Reason != optimlib.StopGradTol {
			t.Errorf("%s: stopped by %v (%s), want the gradient tolerance", opt.Name(), res.Reason, res.Detail)
		}
	}
}

// TestNewtonSeeksSaddles checks the difference between the two Newton
// methods on f = x² + (y² − 1)², which has minima at (0, ±1) and a saddle at
// the origin (Hessian diag(2, 12y² − 4) = diag(2, −4) there). Pure Newton
// solves ∇f = 0: x goes to 0 in one step and y follows
// y ← y − 4y(y² − 1)/(12y² − 4) = 2y³/(3y² − 1), whose fixed point 0
// attracts every |y| < 1/√3, so from y = 0.3 it goes to the saddle
// (0.3 → 2·0.027/(0.27 − 1) = −0.07397 → …). Damped Newton modifies the
// indefinite Hessian so that every step goes downhill, and ends in the
// minimum (0, 1).
func TestNewtonSeeksSaddles(t *testing.T) {
	f := optimlib.MustFormula("x*x + math.Pow(y*y - 1, 2)")
	res, _ := optimlib.Run(f, optimlib.NewNewton(), []float64{1, 0.3}, optimlib.RunConfig{MaxSteps: 20})
	if p := res.Trace.Point(1); math.Abs(p[0]) > 1e-15 || math.Abs(p[1]-2*0.027/(0.27-1)) > 1e-15 {
		t.Errorf("Newton's first step lands at %v, want (0, %.6f)", p, 2*0.027/(0.27-1))
	}
	if dist(res.X, []float64{0, 0}) > 1e-12 {
		t.Errorf("Newton ends at %v (%v), want the saddle (0, 0)", res.X, res.Reason)
	}
	damped, _ := optimlib.Run(f, optimlib.NewDampedNewton(), []float64{1, 0.3}, optimlib.RunConfig{MaxSteps: 50})
	losses := damped.Trace.Losses()
	for k := 1; k < len(losses); k++ {
		if !(losses[k] <= losses[k-1]) {
			t.Fatalf("damped Newton: f rises from %g to %g at step %d", losses[k-1], losses[k], k)
		}
	}
	if dist(damped.X, []float64{0, 1}) > 1e-8 {
		t.Errorf("damped Newton ends at %v (%v), want the minimum (0, 1)", damped.X, damped.Reason)
	}
}

// TestBFGSSecantStep checks BFGS's update against the textbook formula,
// worked through by hand from the recorded iterates on Rosenbrock. With
// s₀ = x₁ − x₀ and y₀ = ∇f(x₁) − ∇f(x₀), gonum starts from
// H₀ = (y₀ᵀs₀/y₀ᵀy₀)·I, and the update
//
//	H₁ = (I − ρs₀y₀ᵀ)·H₀·(I − ρy₀s₀ᵀ) + ρs₀s₀ᵀ,  ρ = 1/y₀ᵀs₀
//
// satisfies the secant condition H₁y₀ = s₀. The second step must be
// x₂ − x₁ = −α₁·H₁·∇f(x₁), with α₁ the recorded step length; the same for
// H₂ from (s₁, y₁) and the third step.
func TestBFGSSecantStep(t *testing.T) {
	rosen := optimlib.Rosenbrock(2)
	res, err := optimlib.Run(rosen, optimlib.NewBFGS(), []float64{-1.2, 1}, optimlib.RunConfig{MaxSteps: 3})
	if err != nil || res.Trace.Len() != 4 {
		t.Fatalf("run: %v, %d points", err, res.Trace.Len())
	}
	x := func(k int) []float64 { return res.Trace.Point(k) }
	grad := func(k int) []float64 { g := make([]float64, 2); rosen.Grad(g, x(k)); return g }
	alphas := res.Trace.LRs()
	var h [2][2]float64
	for k := 0; k < 2; k++ {
		s := sub(x(k+1), x(k))
		y := sub(grad(k+1), grad(k))
		sy, yy := dot(s, y), dot(y, y)
		if k == 0 {
			h = [2][2]float64{{sy / yy, 0}, {0, sy / yy}}
		}
		rho := 1 / sy
		// H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ
		var l, r, nh [2][2]float64
		for i := range 2 {
			for j := range 2 {
				l[i][j] = -rho * s[i] * y[j]
				r[i][j] = -rho * y[i] * s[j]
				if i == j {
					l[i][j]++
					r[i][j]++
				}
			}
		}
		for i := range 2 {
			for j := range 2 {
				for a := range 2 {
					for b := range 2 {
						nh[i][j] += l[i][a] * h[a][b] * r[b][j]
					}
				}
				nh[i][j] += rho * s[i] * s[j]
			}
		}
		h = nh
		hy := []float64{h[0][0]*y[0] + h[0][1]*y[1], h[1][0]*y[0] + h[1][1]*y[1]}
		if dist(hy, s) > 1e-12*norm(s) {
			t.Fatalf("k = %d: H·y = %v, s = %v: the formula breaks the secant condition", k, hy, s)
		}
		g := grad(k + 1)
		want := []float64{-alphas[k+1] * (h[0][0]*g[0] + h[0][1]*g[1]), -alphas[k+1] * (h[1][0]*g[0] + h[1][1]*g[1])}
		if got := sub(x(k+2), x(k+1)); dist(got, want) > 1e-9*norm(want) {
			t.Errorf("step %d: x_{k+1} − x_k = %v, want −α·H·∇f = %v", k+1, got, want)
		}
	}
}

// TestArmijoSufficientDecrease checks gonum's backtracking, the default of
// LineSearchGD, from its definition: every accepted step satisfies
// f(x_k − α∇f) ≤ f(x_k) − c₁·α·‖∇f(x_k)‖² (c₁ = 1e-4, d = −∇f), every
// rejected trial before it violates that inequality, and each trial halves
// the step of the one before.
func TestArmijoSufficientDecrease(t *testing.T) {
	rosen := optimlib.Rosenbrock(2)
	res, err := optimlib.Run(rosen, optimlib.NewLineSearchGD(), []float64{-1.2, 1}, optimlib.RunConfig{MaxSteps: 200})
	if err != nil {
		t.Fatal(err)
	}
	const c1 = 1e-4
	ev := res.Trace.Evals()
	iterF, iterG := res.Trace.Losses(), res.Trace.GradNorms()
	alphas := res.Trace.LRs()
	rejected, accepted := 0, 0
	lastAlpha := map[int]float64{}
	for i := range ev.Len() {
		k := ev.StepAt(i)
		if i == 0 {
			continue // x₀
		}
		alpha, f := ev.LRs()[i], ev.Losses()[i]
		bound := iterF[k] - c1*alpha*iterG[k]*iterG[k]
		if prev, ok := lastAlpha[k]; ok && math.Abs(alpha-prev/2) > 1e-15*prev {
			t.Errorf("step %d: trial α = %g after %g, want half", k, alpha, prev)
		}
		lastAlpha[k] = alpha
		switch ev.KindAt(i) {
		case optimlib.EvalIterate:
			accepted++
			if !(f <= bound) || alpha != alphas[k] {
				t.Errorf("step %d: accepted α = %g (trace %g) with f = %g above the Armijo bound %g", k, alpha, alphas[k], f, bound)
			}
		case optimlib.EvalLineSearch:
			rejected++
			if !(f > bound) {
				t.Errorf("step %d: rejected α = %g although f = %g ≤ %g", k, alpha, f, bound)
			}
		}
	}
	if accepted != res.Steps || rejected == 0 {
		t.Errorf("%d accepted steps for %d iterations, %d rejected trials", accepted, res.Steps, rejected)
	}
}

// TestSearchersReachRosenbrockMinimum runs every method that searches on
// Rosenbrock from (−1.2, 1) to its minimum (1, 1) (VLSE), and checks the
// bookkeeping that holds for all of them: the trace records Steps + 1
// iterates, the evaluation trace marks Steps + 1 of its points as iterates,
// and the cost follows the rule (f = 1, analytic ∇f = 1, Hessian = 1).
func TestSearchersReachRosenbrockMinimum(t *testing.T) {
	for _, opt := range []optimlib.Optimizer{optimlib.NewBFGS(), optimlib.NewLBFGS(), optimlib.NewCG(),
		optimlib.NewNewton(), optimlib.NewDampedNewton(), optimlib.NewNelderMead(),
		&optimlib.LBFGS{LineSearch: optimlib.LineSearch{Rule: optimlib.StrongWolfe}},
		&optimlib.CG{Variant: optimlib.PolakRibiere}, &optimlib.CG{Variant: optimlib.FletcherReeves},
		&optimlib.CG{Variant: optimlib.DaiYuan}, &optimlib.CG{Variant: optimlib.HagerZhang},
		optimlib.NewGonum(&optimize.BFGS{})} {
		res, err := optimlib.Run(optimlib.Rosenbrock(2), opt, []float64{-1.2, 1}, optimlib.RunConfig{MaxSteps: 5000})
		if err != nil {
			t.Fatalf("%s: %v", opt.Name(), err)
		}
		if dist(res.X, []float64{1, 1}) > 1e-4 {
			t.Errorf("%s: ends at %v (%v: %s), want (1, 1)", opt.Name(), res.X, res.Reason, res.Detail)
		}
		if res.Trace.Len() != res.Steps+1 {
			t.Errorf("%s: %d trace points for %d steps", opt.Name(), res.Trace.Len(), res.Steps)
		}
		iterates := 0
		for _, k := range res.Trace.Evals().Kinds() {
			if k == optimlib.EvalIterate {
				iterates++
			}
		}
		if _, nm := opt.(*optimlib.NelderMead); !nm && iterates != res.Steps+1 {
			t.Errorf("%s: %d evaluations marked as iterates for %d steps", opt.Name(), iterates, res.Steps)
		}
		if want := res.FuncEvals + res.GradEvals + res.HessEvals; res.Cost != want {
			t.Errorf("%s: cost %d, want %d", opt.Name(), res.Cost, want)
		}
		if res.BestF > res.F || dist(res.BestX, res.X) > 1e-3 {
			t.Errorf("%s: best %v (f = %g) vs final %v (f = %g)", opt.Name(), res.BestX, res.BestF, res.X, res.F)
		}
	}
}

// TestSearcherStepPanics checks that a method that needs f says so when
// stepped from a gradient alone, and that Run turns the panic of a wrapper
// around it into a failed result.
func TestSearcherStepPanics(t *testing.T) {
	defer func() {
		p := recover()
		if p == nil || !strings.Contains(p.(string), "optimlib.Run") {
			t.Errorf("Step panicked with %v, want a message pointing to optimlib.Run", p)
		}
		res, err := optimlib.Run(optimlib.Rosenbrock(2), optimlib.NewNoisyGrad(optimlib.NewLBFGS(), 1), []float64{0, 0}, optimlib.RunConfig{})
		if err == nil || res.Reason != optimlib.StopFailed {
			t.Errorf("NoisyGrad(LBFGS): %v, %v; want a failed run", res, err)
		}
	}()
	optimlib.NewLBFGS().Step([]float64{0, 0}, []float64{1, 1})
}

// TestSearcherBadInput checks that bad settings are errors, not panics
// inside gonum.
func TestSearcherBadInput(t *testing.T) {
	land := optimlib.Rosenbrock(2)
	for _, opt := range []optimlib.Optimizer{
		&optimlib.LBFGS{Store: -1},
		&optimlib.BFGS{LineSearch: optimlib.LineSearch{C1: 0.9, C2: 0.5}},
		&optimlib.LineSearchGD{LineSearch: optimlib.LineSearch{Shrink: 1.5}},
		&optimlib.DampedNewton{Increase: 0.5},
		&optimlib.Newton{LR: -1},
		&optimlib.NelderMead{SimplexSize: -1},
		&optimlib.CG{Variant: 99},
		&optimlib.LBFGS{FirstStep: math.NaN()},
		optimlib.NewGonum(nil),
	} {
		if res, err := optimlib.Run(land, opt, []float64{0, 0}, optimlib.RunConfig{}); err == nil {
			t.Errorf("%s: no error (%v)", opt.Name(), res)
		}
	}
}

// panicAfter panics on its n-th evaluation of f.
type panicAfter struct {
	n, calls int
}

func (p *panicAfter) Func(x []float64) float64 {
	p.calls++
	if p.calls == p.n {
		panic("boom")
	}
	return x[0]*x[0] + x[1]*x[1]
}
func (p *panicAfter) Grad(g, x []float64) { g[0], g[1] = 2*x[0], 2*x[1] }

// TestSearcherPanicsAndGoroutines checks that an objective panicking inside
// a method run through gonum's channels (Nelder–Mead) ends the run as failed,
// and that no goroutine of the method outlives any run, whichever way it
// stopped.
func TestSearcherPanicsAndGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	res, err := optimlib.Run(&panicAfter{n: 7}, optimlib.NewNelderMead(), []float64{1, 1}, optimlib.RunConfig{})
	if err == nil || res.Reason != optimlib.StopFailed || !strings.Contains(err.Error(), "boom") {
		t.Errorf("panicking objective: %v, %v", res, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, cfg := range []optimlib.RunConfig{{MaxSteps: 3}, {MaxEvals: 10}, {Context: ctx},
		{Callback: func(int, []float64, float64) bool { return false }}} {
		res, err := optimlib.Run(optimlib.Rosenbrock(2), optimlib.NewNelderMead(), []float64{-1, 1}, cfg)
		if err != nil || res.Reason == optimlib.StopFailed {
			t.Errorf("%+v: %v, %v", cfg, res, err)
		}
	}
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after the runs, %d before", n, before)
	}
}

// TestSearcherInterrupt checks that a cancelled context stops a searcher
// with its partial trace.
func TestSearcherInterrupt(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	res, err := optimlib.Run(optimlib.Rosenbrock(2), optimlib.NewLBFGS(), []float64{-1.2, 1}, optimlib.RunConfig{
		Context: ctx, Callback: func(k int, _ []float64, _ float64) bool {
			if k == 3 {
				cancel()
			}
			return true
		}})
	if err != nil || res.Reason != optimlib.StopInterrupted || res.Steps < 3 || res.Trace.Len() != res.Steps+1 {
		t.Errorf("%v, %v", res, err)
	}
}

func sub(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		out[i] = a[i] - b[i]
	}
	return out
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func norm(a []float64) float64 { return math.Sqrt(dot(a, a)) }

func dist(a, b []float64) float64 { return norm(sub(a, b)) }
