package optimlib_test

import (
	"fmt"

	"github.com/descentlab/descent/optimlib"
)

// A landscape knows its formula and its critical points.
func ExampleHimmelblau() {
	l := optimlib.Himmelblau()
	fmt.Println(l)
	fmt.Println(l.LaTeX)
	for _, m := range l.Minima {
		fmt.Println(m)
	}
	fmt.Println(l.Saddles[0])
	// Output:
	// Himmelblau (2-D): math.Pow(x*x + y - 11, 2) + math.Pow(x + y*y - 7, 2)
	// \left(x^{2} + y - 11\right)^{2} + \left(x + y^{2} - 7\right)^{2}
	// global minimum f(3, 2) = 0
	// global minimum f(-2.80512, 3.13131) = 0
	// global minimum f(-3.77931, -3.28319) = 0
	// global minimum f(3.58443, -1.84813) = 0
	// local maximum f(-0.270845, -0.923039) = 181.617
}

// The tilted double well of the lessons: a deep well, a shallow one and the
// barrier between them.
func ExampleDoubleWell() {
	l := optimlib.DoubleWell(0.3)
	fmt.Println(l.Formula)
	for _, p := range append(l.Minima, l.Saddles...) {
		fmt.Println(p)
	}
	// Output:
	// math.Pow(x*x - 1, 2) + 0.3*x
	// global minimum f(-1.03558) = -0.305428
	// local minimum f(0.96015) = 0.294146
	// local maximum f(0.0754292) = 1.01128
}

// Plain gradient descent on a landscape, with its analytic gradient: the
// Rosenbrock valley is reached quickly, its floor followed slowly.
func ExampleRosenbrock() {
	l := optimlib.Rosenbrock(2)
	x := append([]float64(nil), l.Start...)
	g := make([]float64, l.Dim)
	for range 5000 {
		l.Grad(g, x)
		for i := range x {
			x[i] -= 0.001 * g[i]
		}
	}
	fmt.Printf("start %v, after 5000 steps (%.4f, %.4f), minimum %v\n", l.Start, x[0], x[1], l.Minima[0].X)
	// Output:
	// start [-1.2 1], after 5000 steps (0.9387, 0.8810), minimum [1 1]
}

// Grid samples a landscape for a contour plot.
func ExampleLandscape_Grid() {
	l, err := optimlib.LandscapeByName("booth")
	if err != nil {
		fmt.Println(err)
		return
	}
	xs, ys, z := l.Grid(3, 2, optimlib.Window{XMin: 0, XMax: 2, YMin: 0, YMax: 1})
	fmt.Println(xs, ys)
	fmt.Println(z[:3])
	fmt.Println(z[3:])
	// Output:
	// [0 1 2] [0 1]
	// [74 45 26]
	// [41 20 9]
}
