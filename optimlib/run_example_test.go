package optimlib_test

import (
	"fmt"
	"math"

	"github.com/descentlab/descent/optimlib"
)

// A quadratic bowl f = ½(x² + 10y²) and plain gradient descent: the one-line
// form runs a fixed number of steps.
func ExampleMinimize() {
	bowl := optimlib.FromFuncGrad(
		func(x []float64) float64 { return 0.5 * (x[0]*x[0] + 10*x[1]*x[1]) },
		func(g, x []float64) { g[0], g[1] = x[0], 10*x[1] },
	)
	res := optimlib.Minimize(bowl, optimlib.NewGD(0.1), []float64{1, 1}, 100)
	fmt.Println(res.Reason, res.Steps)
	fmt.Printf("x = [%.3g %.3g], f = %.3g\n", res.X[0], res.X[1], res.F)
	// Output:
	// max steps 100
	// x = [2.66e-05 0], f = 3.53e-10
}

// The full form: Adam on Rosenbrock's valley until the gradient is small, the
// run stalls, or 20,000 steps have passed.
func ExampleRun() {
	rosen := optimlib.FromFunc(func(p []float64) float64 {
		return 100*math.Pow(p[1]-p[0]*p[0], 2) + math.Pow(1-p[0], 2)
	})
	res, err := optimlib.Run(rosen, optimlib.NewAdam(0.02), []float64{-1.5, 2}, optimlib.RunConfig{
		MaxSteps: 20000,
		GradTol:  1e-4,
		Patience: 500, PlateauTol: 1e-14,
		Stride: 100,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Reason)
	fmt.Printf("x = [%.4f %.4f] after %d steps, %d points kept\n", res.X[0], res.X[1], res.Steps, res.Trace.Len())
	// Output:
	// gradient tolerance
	// x = [0.9999 0.9998] after 2642 steps, 28 points kept
}

// The lesson's momentum and PyTorch's differ once the learning rate changes:
// on f = x²/2 with lr 0.1 for two steps and 0.01 after.
func ExampleSGD() {
	drop := optimlib.NewMultiStepLR(0.1, 2)
	lesson := optimlib.NewMomentum(0)
	lesson.Schedule = drop
	torch := optimlib.NewSGD(0)
	torch.Momentum, torch.Schedule = 0.9, drop
	for _, opt := range []optimlib.Optimizer{lesson, torch} {
		x := []float64{1}
		for range 5 {
			opt.Step(x, []float64{x[0]})
		}
		fmt.Printf("%s x5 = %.4f\n", opt.Name(), x[0])
	}
	// Output:
	// Momentum(lr=MultiStepLR(0.1, at=[2], gamma=0.1), beta=0.9) x5 = 0.2471
	// SGD(lr=MultiStepLR(0.1, at=[2], gamma=0.1), momentum=0.9) x5 = 0.6367
}

// SGDR with T0 = 2 and TMult = 2: cycles of 2, 4, 8, ... steps.
func ExampleCosineRestartsLR() {
	s := optimlib.NewCosineRestartsLR(1, 2)
	s.TMult = 2
	for _, lr := range optimlib.SampleSchedule(s, 8) {
		fmt.Printf("%.3f ", lr)
	}
	fmt.Println()
	// Output:
	// 1.000 0.500 1.000 0.854 0.500 0.146 1.000 0.962
}

// A gradient with a slip in it: ∂/∂y of x·y² written as x·y.
func ExampleCheckGrad() {
	f := func(p []float64) float64 { return p[0] * p[1] * p[1] }
	grad := func(g, p []float64) { g[0], g[1] = p[1]*p[1], p[0]*p[1] }
	fmt.Println(optimlib.CheckGrad(optimlib.FromFuncGrad(f, grad), []float64{2, 3}))
	// Output:
	// gradient wrong: max error 0.5 at x[1] (analytic 6, numeric 12)
}

// The trace gives plain columns for a figure.
func ExampleTrace() {
	bowl := optimlib.FromFuncGrad(
		func(x []float64) float64 { return 0.5 * x[0] * x[0] },
		func(g, x []float64) { g[0] = x[0] },
	)
	res, _ := optimlib.Run(bowl, optimlib.NewGD(0.5), []float64{1}, optimlib.RunConfig{MaxSteps: 5, Stride: 2})
	fmt.Println(res.Trace.Steps())
	fmt.Println(res.Trace.Xs())
	fmt.Println(res.Trace.Losses())
	fmt.Println(res.Trace)
	// Output:
	// [0 2 4 5]
	// [1 0.25 0.0625 0.03125]
	// [0.5 0.03125 0.001953125 0.00048828125]
	// Trace: 4 points, steps 0…5, loss 0.5 → 0.0004883 (best 0.0004883 at step 5), x → [0.03125]
}
