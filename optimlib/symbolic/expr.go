package symbolic

import (
	"fmt"
	"slices"
)

// Expr is a simplified mathematical expression over a list of named
// variables. It is immutable: Diff, Gradient and Hessian return new
// expressions over the same variables.
type Expr struct {
	root *node
	vars []string
}

// Parse reads src, a Go expression such as
//
//	(1-x)*(1-x) + 100*math.Pow(y-x*x, 2)
//
// over the variables vars, and returns it simplified.
//
// Accepted: numeric literals (all float64, so 1/2 is 0.5), + - * / and
// unary minus, parentheses, float64(e), the constants math.Pi, math.E,
// math.Phi, math.Sqrt2, math.SqrtE, math.SqrtPi, math.SqrtPhi, math.Ln2,
// math.Log2E, math.Ln10, math.Log10E, and the functions math.Pow, Sqrt, Cbrt,
// Exp, Exp2, Expm1, Log, Log2, Log10, Log1p, Sin, Cos, Tan, Asin, Acos, Atan,
// Sinh, Cosh, Tanh, Asinh, Acosh, Atanh, Abs, Copysign, Hypot, Erf and Erfc.
// A variable is an identifier (x, theta, x1) or an indexed name x[k] with a
// whole number k.
//
// When vars is empty the variables are the names used in src, in natural
// order (a, b, x, x2, x10, y); an indexed name x[k] brings in the whole vector
// x[0], …, x[n-1], n being one more than the largest index used. When vars is
// given, every name in src must be one of them; unused ones are allowed.
//
// Errors are *SyntaxError values that give the line and column and, for a
// misspelled name, a suggestion; an invalid entry in vars gives a plain
// error.
func Parse(src string, vars ...string) (*Expr, error) {
	root, names, err := parseSource(src, vars)
	if err != nil {
		return nil, err
	}
	return &Expr{root: root, vars: names}, nil
}

// Vars returns the variable names, in order: x[i] in Func's argument is the
// i-th of them.
func (e *Expr) Vars() []string { return slices.Clone(e.vars) }

// NumVars returns the number of variables.
func (e *Expr) NumVars() int { return len(e.vars) }

// String prints the expression as Go source that Parse reads back to the
// same expression, e.g. "-2*(1 - x) - 400*x*(y - x*x)".
func (e *Expr) String() string { return text(e.root) }

// LaTeX prints the expression as LaTeX math, without dollar signs, e.g.
// "-2 \left(1 - x\right) - 400 x \left(y - x^{2}\right)".
func (e *Expr) LaTeX() string { return latex(e.root) }

// Equal reports whether e and other are the same expression over the same
// variables once simplified (x*y and y*x are equal; x*(y+1) and x*y+x are
// not, since products are not expanded).
func (e *Expr) Equal(other *Expr) bool {
	return other != nil && e.root.key == other.root.key && slices.Equal(e.vars, other.vars)
}

// Constant returns the value of an expression that involves no variable
// (such as 2*math.Pi), and false for one that does.
func (e *Expr) Constant() (float64, bool) {
	if !e.root.isConstant() {
		return 0, false
	}
	return evalNode(e.root, nil), true
}

// DependsOn reports whether the expression involves the variable name.
func (e *Expr) DependsOn(name string) bool {
	i := slices.Index(e.vars, name)
	return i >= 0 && e.root.dependsOn(i)
}

// Diff returns the partial derivative ∂e/∂name, simplified.
func (e *Expr) Diff(name string) (*Expr, error) {
	i := slices.Index(e.vars, name)
	if i < 0 {
		return nil, fmt.Errorf("no variable %q (the variables are %v)", name, e.vars)
	}
	return e.derivative(i), nil
}

// derivative returns ∂e/∂x_i.
func (e *Expr) derivative(i int) *Expr {
	return &Expr{root: derivative(e.root, i), vars: e.vars}
}

// Gradient returns the partial derivatives with respect to every variable,
// in the order of Vars.
func (e *Expr) Gradient() []*Expr {
	g := make([]*Expr, len(e.vars))
	for i := range e.vars {
		g[i] = e.derivative(i)
	}
	return g
}

// Hessian returns the matrix of second partial derivatives; H[i][j] and
// H[j][i] are the same *Expr.
func (e *Expr) Hessian() [][]*Expr {
	n := len(e.vars)
	h := make([][]*Expr, n)
	for i := range h {
		h[i] = make([]*Expr, n)
	}
	for i, gi := range e.Gradient() {
		for j := i; j < n; j++ {
			h[i][j] = gi.derivative(j)
			h[j][i] = h[i][j]
		}
	}
	return h
}
