package optimlib_test

import (
	"fmt"

	"github.com/descentlab/descent/optimlib"
)

// A formula is an objective with an exact, printable gradient.
func ExampleNewFormula() {
	f, err := optimlib.NewFormula("(1-x)*(1-x) + 100*math.Pow(y-x*x, 2)")
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, d := range f.Gradient() {
		fmt.Printf("∂f/∂%s = %v\n", f.Vars()[i], d)
	}
	fmt.Println(f.GradientLaTeX())

	grad := make([]float64, f.Dim())
	v := f.FuncGrad(grad, []float64{-1.2, 1})
	fmt.Printf("f(-1.2, 1) = %.4g, ∇f = (%.4g, %.4g)\n", v, grad[0], grad[1])
	// Output:
	// ∂f/∂x = -2*(1 - x) - 400*x*(y - x*x)
	// ∂f/∂y = 200*(y - x*x)
	// \begin{pmatrix} -2 \left(1 - x\right) - 400 x \left(y - x^{2}\right) \\ 200 \left(y - x^{2}\right) \end{pmatrix}
	// f(-1.2, 1) = 24.2, ∇f = (-215.6, -88)
}

// Mistakes are reported with their column and a suggestion.
func ExampleNewFormula_error() {
	_, err := optimlib.NewFormula("x^2 + math.sin(y)")
	fmt.Println(err)
	// Output:
	// optimlib.NewFormula: column 2: ^ is bitwise XOR in Go, not a power: write math.Pow(a, b), or x*x for a square
	// 	x^2 + math.sin(y)
	// 	 ^
}

// The Hessian is exact too, in text and LaTeX.
func ExampleFormula_Hessian() {
	f := optimlib.MustFormula("x*x*y + math.Exp(y)")
	for _, row := range f.Hessian() {
		fmt.Println(row)
	}
	fmt.Println(f.HessianLaTeX())
	// Output:
	// [2*y 2*x]
	// [2*x math.Exp(y)]
	// \begin{pmatrix} 2 y & 2 x \\ 2 x & e^{y} \end{pmatrix}
}
