package symbolic_test

import (
	"fmt"

	"github.com/descentlab/descent/optimlib/symbolic"
)

// Parse, differentiate and print.
func ExampleParse() {
	e, err := symbolic.Parse("x*math.Exp(-x*x/2)")
	if err != nil {
		fmt.Println(err)
		return
	}
	d, _ := e.Diff("x")
	fmt.Println(e)
	fmt.Println(d)
	fmt.Println(d.LaTeX())
	// Output:
	// x*math.Exp(-x*x/2)
	// math.Exp(-x*x/2) - x*x*math.Exp(-x*x/2)
	// e^{-\frac{x^{2}}{2}} - x^{2} e^{-\frac{x^{2}}{2}}
}

// Compile evaluates a function and its gradient together; the
// subexpressions they share are computed once.
func ExampleCompile() {
	e, _ := symbolic.Parse("math.Sin(x*y) + y")
	p, err := symbolic.Compile(append([]*symbolic.Expr{e}, e.Gradient()...)...)
	if err != nil {
		fmt.Println(err)
		return
	}
	grad := make([]float64, 2)
	f := p.EvalSplit(grad, []float64{0, 2})
	fmt.Println(f, grad)
	// Output:
	// 2 [2 1]
}

// Errors give the column, the line and a suggestion.
func ExampleSyntaxError() {
	_, err := symbolic.Parse("2*pi*x", "x")
	fmt.Println(err)
	// Output:
	// column 3: unknown variable pi; did you mean math.Pi? (the variables are x)
	// 	2*pi*x
	// 	  ^
}
