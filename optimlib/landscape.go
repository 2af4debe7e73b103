package optimlib

import (
	"fmt"
	"math"
	"sync"
)

// Landscape is a test function for optimizers, with what a lesson needs to
// show it: its formula (Go source and LaTeX), its known minima, saddles and
// maxima, a plotting window and a suggested start point.
//
// A *Landscape is an Objective and a FuncGrader: Func, Grad and FuncGrad are
// hand-written compiled Go with the analytic gradient, and allocate nothing.
// Hess evaluates the exact Hessian, derived symbolically from Formula on its
// first call. Func returns NaN, and Grad and Hess fill their output with NaN,
// when len(x) is not Dim (the dimension the landscape was built with:
// changing the Dim field does not change the function).
//
// The constructors (Rosenbrock, Himmelblau, DoubleWell, ...) return a fresh
// value each time: its fields may be changed (a new Start, a tighter
// Window) without affecting other users.
type Landscape struct {
	// Name is the usual name of the function, such as "Rosenbrock".
	Name string
	// Dim is the number of coordinates of x.
	Dim int
	// Formula is f as a Go expression that NewFormula accepts, over x, y for
	// 1-D and 2-D landscapes and over x[0], …, x[Dim-1] beyond.
	Formula string
	// LaTeX is f in LaTeX math (no dollar signs), with sums written Σ.
	LaTeX string
	// Domain is the search domain of the reference source: x in
	// [XMin, XMax] and y in [YMin, YMax]; in more than two dimensions every
	// coordinate ranges over [XMin, XMax]. Landscapes without a standard
	// domain use their Window.
	Domain Window
	// Window is the recommended region to plot (for 1-D landscapes only the
	// x range is used). It shows the minima that matter for the lesson.
	Window Window
	// Start is a suggested starting point for lessons, inside Window.
	Start []float64
	// Minima are the known minima, the global ones first.
	Minima []CriticalPoint
	// Saddles are the known saddle points and local maxima (Kind says
	// which).
	Saddles []CriticalPoint
	// Source names the reference for the formula and the critical points,
	// with corrections to other sources where they disagree.
	Source string

	dim int // the dimension the functions below were built for
	f   func(x []float64) float64
	g   func(grad, x []float64)
	fg  func(grad, x []float64) float64
	sym *landscapeSymbolic
}

// landscapeSymbolic holds the symbolic form of a landscape's formula, parsed
// on first use (for Hess and Symbolic).
type landscapeSymbolic struct {
	once    sync.Once
	formula *Formula
	err     error
}

// Window is an axis-aligned rectangle: x in [XMin, XMax], y in [YMin, YMax].
type Window struct {
	XMin, XMax float64 // the range of the first coordinate
	YMin, YMax float64 // the range of the second (unused in 1-D)
}

// CriticalKind says what kind of stationary point (∇f = 0) a CriticalPoint
// is.
type CriticalKind int

const (
	// GlobalMin is a point where f takes its smallest value.
	GlobalMin CriticalKind = iota
	// LocalMin is a minimum that is not global.
	LocalMin
	// SaddlePoint is a stationary point that is neither a minimum nor a
	// maximum: f goes down in some direction and up in another.
	SaddlePoint
	// LocalMax is a maximum, possibly only along the landscape's domain.
	LocalMax
)

// String returns "global minimum", "local minimum", "saddle point" or
// "local maximum".
func (k CriticalKind) String() string {
	switch k {
	case GlobalMin:
		return "global minimum"
	case LocalMin:
		return "local minimum"
	case SaddlePoint:
		return "saddle point"
	case LocalMax:
		return "local maximum"
	}
	return fmt.Sprintf("CriticalKind(%d)", int(k))
}

// CriticalPoint is a point X where ∇f(X) = 0, with its value F = f(X).
type CriticalPoint struct {
	X    []float64    // the point
	F    float64      // f(X)
	Kind CriticalKind // minimum, saddle or maximum
}

// String formats the point as "global minimum f(3, 0.5) = 0".
func (c CriticalPoint) String() string {
	s := c.Kind.String() + " f("
	for i, v := range c.X {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%.6g", v)
	}
	return s + fmt.Sprintf(") = %.6g", c.F)
}

// Func returns f(x).
func (l *Landscape) Func(x []float64) float64 {
	if l.f == nil || len(x) != l.dim {
		return math.NaN()
	}
	return l.f(x)
}

// Grad writes the analytic gradient ∇f(x) into grad.
func (l *Landscape) Grad(grad, x []float64) {
	if l.g == nil || len(x) != l.dim || len(grad) != l.dim {
		fillNaNFormula(grad)
		return
	}
	l.g(grad, x)
}

// FuncGrad writes ∇f(x) into grad and returns f(x).
func (l *Landscape) FuncGrad(grad, x []float64) float64 {
	if len(x) != l.dim || len(grad) != l.dim || l.f == nil || l.g == nil {
		fillNaNFormula(grad)
		return math.NaN()
	}
	if l.fg != nil {
		return l.fg(grad, x)
	}
	l.g(grad, x)
	return l.f(x)
}

// Hess writes the Hessian ∇²f(x) into hess, row by row (hess[i*Dim+j] is
// ∂²f/∂x_i∂x_j; len(hess) must be Dim*Dim). It is derived exactly from
// Formula on the first call, which takes milliseconds in a few dimensions
// and grows with Dim² (about 0.1 s for Rosenbrock(100)); later calls
// allocate nothing.
func (l *Landscape) Hess(hess, x []float64) {
	f, err := l.Symbolic()
	if err != nil || len(x) != l.dim || len(hess) != l.dim*l.dim {
		fillNaNFormula(hess)
		return
	}
	f.Hess(hess, x)
}

// Symbolic returns Formula parsed as a *Formula, whose Gradient and Hessian
// can be printed. It is parsed once and shared.
func (l *Landscape) Symbolic() (*Formula, error) {
	if l.sym == nil {
		return NewFormula(l.Formula, l.formulaVars()...)
	}
	s := l.sym
	s.once.Do(func() { s.formula, s.err = NewFormula(l.Formula, l.formulaVars()...) })
	return s.formula, s.err
}

// formulaVars lists the variables of Formula in coordinate order.
func (l *Landscape) formulaVars() []string {
	vars := make([]string, l.dim)
	for i := range vars {
		vars[i] = landscapeVar(l.dim, i)
	}
	return vars
}

// String describes the landscape: "Himmelblau (2-D): <formula>".
func (l *Landscape) String() string {
	s := fmt.Sprintf("%s (%d-D)", l.Name, l.Dim)
	if len(l.Formula) <= 160 {
		s += ": " + l.Formula
	}
	return s
}

// landscapeVar names coordinate i of a d-dimensional landscape in its
// Formula: x (and y) up to two dimensions, x[i] beyond.
func landscapeVar(d, i int) string {
	if d <= 2 {
		return [...]string{"x", "y"}[i]
	}
	return fmt.Sprintf("x[%d]", i)
}

// newLandscape assembles a landscape from its parts.
func newLandscape(l Landscape, f func(x []float64) float64, g func(grad, x []float64), fg func(grad, x []float64) float64) *Landscape {
	l.dim, l.f, l.g, l.fg = l.Dim, f, g, fg
	l.sym = &landscapeSymbolic{}
	return &l
}
