package optimlib_test

import (
	"errors"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/descentlab/descent/optimlib"
	"github.com/descentlab/descent/optimlib/symbolic"
)

const formulaRosenbrock = "(1-x)*(1-x) + 100*math.Pow(y-x*x, 2)"

// formulaRosenbrockByHand returns f, ∇f and ∇²f of 100(y−x²)² + (1−x)²,
// derived by hand.
func formulaRosenbrockByHand(x, y float64) (f float64, g [2]float64, h [4]float64) {
	a := y - x*x
	f = 100*a*a + (1-x)*(1-x)
	g = [2]float64{-400*x*a - 2*(1-x), 200 * a}
	h = [4]float64{2 - 400*a + 800*x*x, -400 * x, -400 * x, 200}
	return f, g, h
}

// TestFormulaObjective checks Func, Grad, FuncGrad, Hess and At against the
// hand-derived Rosenbrock function.
func TestFormulaObjective(t *testing.T) {
	f, err := optimlib.NewFormula(formulaRosenbrock)
	if err != nil {
		t.Fatal(err)
	}
	if f.Dim() != 2 || strings.Join(f.Vars(), ",") != "x,y" {
		t.Fatalf("Dim, Vars = %d, %v", f.Dim(), f.Vars())
	}
	for _, p := range [][]float64{{-1.2, 1}, {1, 1}, {0.3, -2}, {2, 2}} {
		wf, wg, wh := formulaRosenbrockByHand(p[0], p[1])
		g, g2, h := make([]float64, 2), make([]float64, 2), make([]float64, 4)
		f.Grad(g, p)
		f.Hess(h, p)
		v := f.FuncGrad(g2, p)
		if !landNear(f.Func(p), wf, 1e-14) || !landNear(v, wf, 1e-14) || !landNear(f.At(p...), wf, 1e-14) {
			t.Errorf("f%v = %v / %v / %v, want %v", p, f.Func(p), v, f.At(p...), wf)
		}
		for i := range 2 {
			if !landNear(g[i], wg[i], 1e-14) || !landNear(g2[i], wg[i], 1e-14) {
				t.Errorf("∇f%v = %v / %v, want %v", p, g, g2, wg)
			}
		}
		for i := range 4 {
			if !landNear(h[i], wh[i], 1e-14) {
				t.Errorf("∇²f%v = %v, want %v", p, h, wh)
			}
		}
	}
}

// TestFormulaPrinting checks the printed gradient and Hessian, derived by
// hand: f_x = −2(1−x) − 400x(y−x²), f_y = 200(y−x²), f_xx = 2 − 400(y−x²) +
// 800x², f_xy = −400x, f_yy = 200.
func TestFormulaPrinting(t *testing.T) {
	f := optimlib.MustFormula(formulaRosenbrock)
	if got, want := f.String(), "math.Pow(1 - x, 2) + 100*math.Pow(y - x*x, 2)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got, want := f.LaTeX(), `\left(1 - x\right)^{2} + 100 \left(y - x^{2}\right)^{2}`; got != want {
		t.Errorf("LaTeX() = %q, want %q", got, want)
	}
	grad := f.Gradient()
	if got := grad[0].String() + " | " + grad[1].String(); got != "-2*(1 - x) - 400*x*(y - x*x) | 200*(y - x*x)" {
		t.Errorf("Gradient() = %s", got)
	}
	dy, err := f.Partial("y")
	if err != nil || dy.String() != "200*(y - x*x)" || dy.Dim() != 2 {
		t.Errorf("Partial(y) = %v, %v", dy, err)
	}
	if _, err := f.Partial("z"); err == nil {
		t.Error("Partial(z) succeeded")
	}
	h := f.Hessian()
	if h[0][0].String() != "2 - 400*(y - x*x) + 800*x*x" || h[0][1].String() != "-400*x" || h[1][0] != h[0][1] || h[1][1].String() != "200" {
		t.Errorf("Hessian() = %v", h)
	}
	if got, want := f.GradientLaTeX(), `\begin{pmatrix} -2 \left(1 - x\right) - 400 x \left(y - x^{2}\right) \\ 200 \left(y - x^{2}\right) \end{pmatrix}`; got != want {
		t.Errorf("GradientLaTeX() = %q, want %q", got, want)
	}
	if got, want := f.HessianLaTeX(), `\begin{pmatrix} 2 - 400 \left(y - x^{2}\right) + 800 x^{2} & -400 x \\ -400 x & 200 \end{pmatrix}`; got != want {
		t.Errorf("HessianLaTeX() = %q, want %q", got, want)
	}
	// A partial derivative is a formula too: its gradient is a Hessian row.
	row := grad[1].Gradient()
	if row[0].String() != "-400*x" || row[1].String() != "200" {
		t.Errorf("∇(∂f/∂y) = %v", row)
	}
	if f.Expr().NumVars() != 2 {
		t.Errorf("Expr().NumVars() = %d", f.Expr().NumVars())
	}
}

// TestFormulaErrors checks that parse errors keep their position and type
// through NewFormula, and that MustFormula panics with them.
func TestFormulaErrors(t *testing.T) {
	_, err := optimlib.NewFormula("x^2 + y")
	var se *symbolic.SyntaxError
	if !errors.As(err, &se) || se.Column != 2 || !strings.HasPrefix(err.Error(), "optimlib.NewFormula: column 2:") {
		t.Errorf("NewFormula(x^2 + y) error = %v", err)
	}
	if _, err := optimlib.NewFormula("x*y", "x"); err == nil || !strings.Contains(err.Error(), "unknown variable y") {
		t.Errorf("NewFormula with a missing variable: %v", err)
	}
	defer func() {
		if r := recover(); r == nil {
			t.Error("MustFormula did not panic on a bad formula")
		}
	}()
	optimlib.MustFormula("math.Sinn(x)")
}

// TestFormulaBadLengths checks the NaN answers to mismatched slices.
func TestFormulaBadLengths(t *testing.T) {
	f := optimlib.MustFormula(formulaRosenbrock)
	if v := f.Func([]float64{1}); !math.IsNaN(v) {
		t.Errorf("Func on 1 coordinate = %v", v)
	}
	g := []float64{0, 0, 0}
	f.Grad(g, []float64{1, 1})
	if !math.IsNaN(g[0]) {
		t.Errorf("Grad into 3 entries = %v", g)
	}
	h := []float64{0, 0}
	f.Hess(h, []float64{1, 1})
	if !math.IsNaN(h[0]) {
		t.Errorf("Hess into 2 entries = %v", h)
	}
	if v := f.FuncGrad(g[:2], []float64{1, 1, 1}); !math.IsNaN(v) {
		t.Errorf("FuncGrad on 3 coordinates = %v", v)
	}
}

// TestFormulaVectorVariables checks a formula written with x[i].
func TestFormulaVectorVariables(t *testing.T) {
	f := optimlib.MustFormula("0.1*x[0]*x[0] + 2*x[2]*x[2]")
	if f.Dim() != 3 {
		t.Fatalf("Dim = %d, want 3 (x[1] is implied)", f.Dim())
	}
	g := make([]float64, 3)
	f.Grad(g, []float64{1, 5, -1})
	if g[0] != 0.2 || g[1] != 0 || g[2] != -4 {
		t.Errorf("∇f(1, 5, -1) = %v, want [0.2 0 -4]", g)
	}
	if f.Gradient()[0].LaTeX() != `0.2 x_{0}` {
		t.Errorf("∂f/∂x0 in LaTeX = %q", f.Gradient()[0].LaTeX())
	}
}

// TestFormulaNoAllocs checks that evaluation allocates nothing once the
// derivatives exist.
func TestFormulaNoAllocs(t *testing.T) {
	f := optimlib.MustFormula(formulaRosenbrock)
	x, g, h := []float64{-1.2, 1}, make([]float64, 2), make([]float64, 4)
	f.Grad(g, x)
	f.Hess(h, x)
	for name, fn := range map[string]func(){
		"Func":     func() { f.Func(x) },
		"Grad":     func() { f.Grad(g, x) },
		"FuncGrad": func() { f.FuncGrad(g, x) },
		"Hess":     func() { f.Hess(h, x) },
	} {
		if n := testing.AllocsPerRun(100, fn); n != 0 {
			t.Errorf("%s allocates %v times per call", name, n)
		}
	}
}

// TestFormulaConcurrent evaluates one formula from several goroutines,
// including the first gradient call (run with -race).
func TestFormulaConcurrent(t *testing.T) {
	f := optimlib.MustFormula(formulaRosenbrock)
	var wg sync.WaitGroup
	bad := make(chan []float64, 4)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g := make([]float64, 2)
			for i := range 500 {
				p := []float64{float64(w)/2 - 1, float64(i%20)/10 - 1}
				v := f.FuncGrad(g, p)
				wf, wg, _ := formulaRosenbrockByHand(p[0], p[1])
				if !landNear(v, wf, 1e-14) || !landNear(g[0], wg[0], 1e-14) || !landNear(g[1], wg[1], 1e-14) {
					bad <- p
					return
				}
			}
		}()
	}
	wg.Wait()
	close(bad)
	for p := range bad {
		t.Errorf("wrong value at %v under concurrent use", p)
	}
}

// TestFormulaDescends runs plain gradient descent on a formula and on the
// same landscape written in Go: the iterates must agree to rounding.
func TestFormulaDescends(t *testing.T) {
	f := optimlib.MustFormula("math.Pow(x*x + y - 11, 2) + math.Pow(x + y*y - 7, 2)")
	l := optimlib.Himmelblau()
	a, b := []float64{0, 0}, []float64{0, 0}
	ga, gb := make([]float64, 2), make([]float64, 2)
	for range 200 {
		f.Grad(ga, a)
		l.Grad(gb, b)
		for i := range 2 {
			a[i] -= 0.01 * ga[i]
			b[i] -= 0.01 * gb[i]
		}
	}
	// From the origin both settle in the minimum (3, 2).
	if !landNear(a[0], b[0], 1e-9) || !landNear(a[1], b[1], 1e-9) || !landNear(a[0], 3, 1e-6) || !landNear(a[1], 2, 1e-6) {
		t.Errorf("formula descent ends at %v, landscape descent at %v, want (3, 2)", a, b)
	}
}
