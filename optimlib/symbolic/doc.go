// Package symbolic parses formulas written as Go expressions, differentiates
// them exactly, prints them as Go source or LaTeX, and compiles them into
// closures that evaluate a function, its gradient and its Hessian without
// allocating.
//
//	e, _ := symbolic.Parse("(1-x)*(1-x) + 100*math.Pow(y-x*x, 2)")
//	dx, _ := e.Diff("x")
//	fmt.Println(dx)         // -2*(1 - x) - 400*x*(y - x*x)
//	fmt.Println(dx.LaTeX()) // -2 \left(1 - x\right) - 400 x \left(y - x^{2}\right)
//	p, _ := symbolic.Compile(append([]*symbolic.Expr{e}, e.Gradient()...)...)
//	grad := make([]float64, 2)
//	f := p.EvalSplit(grad, []float64{-1.2, 1}) // f(x, y) and ∇f(x, y)
//
// # Simplification
//
// Every expression is kept simplified as it is built, so derivatives come
// out in a form a student would write: numbers are folded (2*3 = 6);
// x+0, x*1, x^1 and 0*x vanish; like terms are combined (2*x + x = 3*x,
// x*y - y*x = 0); equal bases are merged (x*x = x², x/x = 1); powers of
// powers are flattened where that is exact ((x²)³ = x⁶, √(x²) = |x|);
// signs live in coefficients (-(-x) = x); log(exp(x)) = x. Sums keep the order
// in which their terms were written; the factors of a product are sorted
// (numbers, constants, variables, functions, then the rest). Products are
// not expanded and fractions are not put over a common denominator.
//
// Numbers are float64 throughout: 1/2 is 0.5 here, where Go's untyped
// constant arithmetic would make it 0. A coefficient prints as a fraction when
// its denominator is 2, 3 or 4 (x/2) or its decimal is long (2*x/3); the
// printed text always reads back to the same value.
//
// # Evaluation
//
// Compile gives each distinct subexpression one slot and one closure that
// computes it from earlier slots, with straight-line closures for the
// common shapes (a sum of two terms, a square, a call to math.Sin). A
// subexpression shared by the function and its derivatives is computed once
// per evaluation. Small whole powers are multiplications and x^0.5 is
// math.Sqrt.
package symbolic
