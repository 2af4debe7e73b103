package optimlib

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/descentlab/descent/optimlib/symbolic"
)

// Formula is an objective written as a Go expression, with its gradient and
// Hessian derived exactly by symbolic differentiation:
//
//	f := optimlib.MustFormula("(1-x)*(1-x) + 100*math.Pow(y-x*x, 2)")
//	f.Gradient()[0] // -2*(1 - x) - 400*x*(y - x*x)
//
// A *Formula is an Objective (and a FuncGrader): Func, Grad and FuncGrad run
// closures compiled once from the expression, at compiled speed and without
// allocating, so an optimizer loop over a formula runs as fast as over a
// landscape written in Go. FuncGrad computes the subexpressions that f and
// ∇f share once. A Formula is safe for concurrent use.
//
// x[i] is the value of the i-th variable of Vars. Func returns NaN, and Grad
// and Hess fill their output with NaN, when len(x) is not Dim (or the output
// has the wrong length).
type Formula struct {
	expr  *symbolic.Expr
	value *symbolic.Program
	first *formulaGradient // built on first use
	hess  *formulaHessian  // built on first use
}

// formulaGradient holds ∇f, derived and compiled on first use.
type formulaGradient struct {
	once  sync.Once
	exprs []*symbolic.Expr
	grad  *symbolic.Program // outputs ∂f/∂x_0, …
	both  *symbolic.Program // outputs f, ∂f/∂x_0, …
}

// formulaHessian holds ∇²f, derived and compiled on first use.
type formulaHessian struct {
	once  sync.Once
	exprs [][]*symbolic.Expr
	prog  *symbolic.Program // outputs H[0][0], H[0][1], … row by row
}

// NewFormula parses expr, a Go expression over the variables vars, for
// example
//
//	optimlib.NewFormula("(1-x)*(1-x) + 100*math.Pow(y-x*x, 2)")
//	optimlib.NewFormula("0.1*x[0]*x[0] + 2*x[1]*x[1]")
//	optimlib.NewFormula("a*x*x + b", "x", "a", "b")
//
// Allowed: numbers (all float64, so 1/2 is 0.5), + - * / and unary minus,
// parentheses, math.Pi, math.E and the other math constants, and math.Pow,
// Sqrt, Cbrt, Exp, Exp2, Expm1, Log, Log2, Log10, Log1p, Sin, Cos, Tan, Asin,
// Acos, Atan, Sinh, Cosh, Tanh, Asinh, Acosh, Atanh, Abs, Copysign, Hypot,
// Erf and Erfc. Write powers with math.Pow(a, b) or x*x: in Go, ^ is XOR.
//
// Without vars, the variables are the names used in expr in natural order
// (a, b, x, x2, x10, y), and an indexed name x[k] brings in the vector x[0],
// …, x[n-1] up to the largest index used. With vars, the variables are
// exactly those, in that order.
//
// A mistake gives an error that names the column, shows the line with a
// caret under it, and suggests a fix where it can ("did you mean math.Sin?").
func NewFormula(expr string, vars ...string) (*Formula, error) {
	e, err := symbolic.Parse(expr, vars...)
	if err != nil {
		return nil, fmt.Errorf("optimlib.NewFormula: %w", err)
	}
	return newFormulaFromExpr(e)
}

// MustFormula is NewFormula for formulas known to be correct, as in a
// lesson's setup cell: it panics with NewFormula's error instead of
// returning it.
func MustFormula(expr string, vars ...string) *Formula {
	f, err := NewFormula(expr, vars...)
	if err != nil {
		panic(err)
	}
	return f
}

// newFormulaFromExpr compiles a parsed expression.
func newFormulaFromExpr(e *symbolic.Expr) (*Formula, error) {
	p, err := symbolic.Compile(e)
	if err != nil {
		return nil, fmt.Errorf("optimlib.NewFormula: %w", err)
	}
	return &Formula{expr: e, value: p, first: &formulaGradient{}, hess: &formulaHessian{}}, nil
}

// derivedFormula wraps an expression derived from a formula (same
// variables), which always compiles.
func derivedFormula(e *symbolic.Expr) *Formula {
	f, err := newFormulaFromExpr(e)
	if err != nil {
		// Unreachable: a derivative has the variables of its formula.
		return nil
	}
	return f
}

// gradient derives and compiles ∇f the first time it is needed.
func (f *Formula) gradient() *formulaGradient {
	g := f.first
	g.once.Do(func() {
		g.exprs = f.expr.Gradient()
		g.grad, _ = symbolic.Compile(g.exprs...)
		g.both, _ = symbolic.Compile(append([]*symbolic.Expr{f.expr}, g.exprs...)...)
	})
	return g
}

// hessian derives and compiles ∇²f the first time it is needed.
func (f *Formula) hessian() *formulaHessian {
	h := f.hess
	h.once.Do(func() {
		h.exprs = f.expr.Hessian()
		var flat []*symbolic.Expr
		for _, row := range h.exprs {
			flat = append(flat, row...)
		}
		if len(flat) > 0 {
			h.prog, _ = symbolic.Compile(flat...)
		}
	})
	return h
}

// Dim returns the number of variables.
func (f *Formula) Dim() int { return f.expr.NumVars() }

// Vars returns the variable names in order: x[i] is the value of Vars()[i].
func (f *Formula) Vars() []string { return f.expr.Vars() }

// Func returns f(x).
func (f *Formula) Func(x []float64) float64 { return f.value.Value(x) }

// Grad writes ∇f(x) into grad.
func (f *Formula) Grad(grad, x []float64) {
	g := f.gradient()
	if g.grad == nil || len(grad) != f.Dim() {
		fillNaNFormula(grad)
		return
	}
	g.grad.Eval(grad, x)
}

// FuncGrad writes ∇f(x) into grad and returns f(x), computing what the two
// share once.
func (f *Formula) FuncGrad(grad, x []float64) float64 {
	g := f.gradient()
	if g.both == nil {
		fillNaNFormula(grad)
		return math.NaN()
	}
	return g.both.EvalSplit(grad, x)
}

// Hess writes the Hessian ∇²f(x) into hess, row by row: hess[i*Dim+j] is
// ∂²f/∂x_i∂x_j. hess must have Dim*Dim entries.
func (f *Formula) Hess(hess, x []float64) {
	h := f.hessian()
	if h.prog == nil {
		fillNaNFormula(hess)
		return
	}
	h.prog.Eval(hess, x)
}

// At returns f at the point given coordinate by coordinate, as in f.At(1, 2).
func (f *Formula) At(x ...float64) float64 { return f.Func(x) }

// String returns the formula as Go source, simplified (x*x*x prints as
// math.Pow(x, 3)). NewFormula reads it back to the same formula.
func (f *Formula) String() string { return f.expr.String() }

// LaTeX returns the formula as LaTeX math, without dollar signs.
func (f *Formula) LaTeX() string { return f.expr.LaTeX() }

// Expr returns the underlying symbolic expression.
func (f *Formula) Expr() *symbolic.Expr { return f.expr }

// Gradient returns the partial derivatives ∂f/∂x_i as formulas, in the
// order of Vars. Each is itself a Formula over the same variables.
func (f *Formula) Gradient() []*Formula {
	g := f.gradient()
	out := make([]*Formula, len(g.exprs))
	for i, e := range g.exprs {
		out[i] = derivedFormula(e)
	}
	return out
}

// Partial returns ∂f/∂name as a formula over the same variables.
func (f *Formula) Partial(name string) (*Formula, error) {
	d, err := f.expr.Diff(name)
	if err != nil {
		return nil, fmt.Errorf("optimlib.Formula.Partial: %w", err)
	}
	return derivedFormula(d), nil
}

// Hessian returns the second partial derivatives: Hessian()[i][j] is
// ∂²f/∂x_i∂x_j.
func (f *Formula) Hessian() [][]*Formula {
	h := f.hessian()
	out := make([][]*Formula, len(h.exprs))
	for i, row := range h.exprs {
		out[i] = make([]*Formula, len(row))
		for j, e := range row {
			if j < i {
				out[i][j] = out[j][i]
				continue
			}
			out[i][j] = derivedFormula(e)
		}
	}
	return out
}

// GradientLaTeX returns ∇f as a LaTeX column vector,
// \begin{pmatrix} ∂f/∂x_0 \\ … \end{pmatrix}.
func (f *Formula) GradientLaTeX() string {
	g := f.gradient()
	rows := make([]string, len(g.exprs))
	for i, e := range g.exprs {
		rows[i] = e.LaTeX()
	}
	return `\begin{pmatrix} ` + strings.Join(rows, ` \\ `) + ` \end{pmatrix}`
}

// HessianLaTeX returns ∇²f as a LaTeX matrix.
func (f *Formula) HessianLaTeX() string {
	h := f.hessian()
	rows := make([]string, len(h.exprs))
	for i, row := range h.exprs {
		cells := make([]string, len(row))
		for j, e := range row {
			cells[j] = e.LaTeX()
		}
		rows[i] = strings.Join(cells, " & ")
	}
	return `\begin{pmatrix} ` + strings.Join(rows, ` \\ `) + ` \end{pmatrix}`
}

// fillNaNFormula sets every entry of v to NaN.
func fillNaNFormula(v []float64) {
	for i := range v {
		v[i] = math.NaN()
	}
}
