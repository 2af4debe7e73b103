package symbolic

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestDiffTable checks derivatives worked out by hand, printed in the
// package's conventions.
func TestDiffTable(t *testing.T) {
	tests := []struct {
		src, v, want string
	}{
		{"x*x", "x", "2*x"},
		{"3*x*y + y", "y", "3*x + 1"},
		{"math.Sin(x*y)", "x", "y*math.Cos(x*y)"},
		{"math.Cos(2*x)", "x", "-2*math.Sin(2*x)"},
		{"math.Exp(2*x)", "x", "2*math.Exp(2*x)"},
		{"math.Log(x)", "x", "1/x"},
		{"math.Sqrt(x)", "x", "1/(2*math.Sqrt(x))"},
		{"1/x", "x", "-1/(x*x)"},
		{"x*math.Exp(x)", "x", "math.Exp(x) + x*math.Exp(x)"},
		{"math.Pow(x, y)", "x", "y*math.Pow(x, y - 1)"},
		{"math.Pow(x, y)", "y", "math.Pow(x, y)*math.Log(x)"},
		{"math.Pow(2, x)", "x", "math.Pow(2, x)*math.Log(2)"},
		{"math.Tanh(x)", "x", "1 - math.Pow(math.Tanh(x), 2)"},
		{"math.Tan(x)", "x", "1 + math.Pow(math.Tan(x), 2)"},
		{"math.Atan(x)", "x", "1/(1 + x*x)"},
		{"math.Asin(x)", "x", "1/math.Sqrt(1 - x*x)"},
		{"math.Abs(x)", "x", "math.Copysign(1, x)"},
		{"math.Log1p(x)", "x", "1/(1 + x)"},
		{"math.Cbrt(x)", "x", "1/(3*math.Pow(math.Cbrt(x), 2))"},
		{"math.Erf(x)", "x", "2*math.Exp(-x*x)/math.SqrtPi"},
		{"math.Log10(x)", "x", "1/(math.Ln10*x)"},
		{"(1-x)*(1-x) + 100*math.Pow(y-x*x, 2)", "x", "-2*(1 - x) - 400*x*(y - x*x)"},
		{"(1-x)*(1-x) + 100*math.Pow(y-x*x, 2)", "y", "200*(y - x*x)"},
		{"x*x + y*y", "z", "0"},
	}
	for _, tt := range tests {
		e, err := Parse(tt.src, "x", "y", "z")
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.src, err)
		}
		d, err := e.Diff(tt.v)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.String(); got != tt.want {
			t.Errorf("∂(%s)/∂%s = %q, want %q", tt.src, tt.v, got, tt.want)
		}
	}
	e, _ := Parse("x")
	if _, err := e.Diff("q"); err == nil {
		t.Error("Diff with an unknown variable succeeded")
	}
}

// randomExpr is a random expression as source text together with an
// evaluator written independently of the package (plain Go math).
type randomExpr struct {
	src  string
	eval func(x []float64) float64
}

var randomVars = []string{"x", "y", "z"}

// genExpr builds a random expression of the given depth whose value and
// derivatives stay finite and moderate when every variable is in [0.5, 1.5]:
// divisions are by 2+cos(·), logarithms and roots take 1+u², powers with a
// real exponent take a positive base.
func genExpr(r *rand.Rand, depth int) randomExpr {
	if depth == 0 || r.IntN(6) == 0 {
		switch r.IntN(6) {
		case 0:
			c := float64(r.IntN(61)-30) / 10
			return randomExpr{fmt.Sprintf("(%g)", c), func([]float64) float64 { return c }}
		case 1:
			return randomExpr{"math.Pi", func([]float64) float64 { return math.Pi }}
		default:
			i := r.IntN(len(randomVars))
			return randomExpr{randomVars[i], func(x []float64) float64 { return x[i] }}
		}
	}
	a := genExpr(r, depth-1)
	switch r.IntN(17) {
	case 0:
		b := genExpr(r, depth-1)
		return randomExpr{"(" + a.src + " + " + b.src + ")", func(x []float64) float64 { return a.eval(x) + b.eval(x) }}
	case 1:
		b := genExpr(r, depth-1)
		return randomExpr{"(" + a.src + " - " + b.src + ")", func(x []float64) float64 { return a.eval(x) - b.eval(x) }}
	case 2, 3:
		b := genExpr(r, depth-1)
		return randomExpr{"(" + a.src + " * " + b.src + ")", func(x []float64) float64 { return a.eval(x) * b.eval(x) }}
	case 4:
		b := genExpr(r, depth-1)
		return randomExpr{"(" + a.src + " / (2 + math.Cos(" + b.src + ")))", func(x []float64) float64 { return a.eval(x) / (2 + math.Cos(b.eval(x))) }}
	case 5:
		return randomExpr{"math.Sin(" + a.src + ")", func(x []float64) float64 { return math.Sin(a.eval(x)) }}
	case 6:
		return randomExpr{"math.Cos(" + a.src + ")", func(x []float64) float64 { return math.Cos(a.eval(x)) }}
	case 7:
		return randomExpr{"math.Exp(math.Tanh(" + a.src + "))", func(x []float64) float64 { return math.Exp(math.Tanh(a.eval(x))) }}
	case 8:
		return randomExpr{"math.Log(1 + " + a.src + "*" + a.src + ")", func(x []float64) float64 { u := a.eval(x); return math.Log(1 + u*u) }}
	case 9:
		return randomExpr{"math.Sqrt(1 + " + a.src + "*" + a.src + ")", func(x []float64) float64 { u := a.eval(x); return math.Sqrt(1 + u*u) }}
	case 10:
		n := 2 + r.IntN(2)
		return randomExpr{fmt.Sprintf("math.Pow(%s, %d)", a.src, n), func(x []float64) float64 { return math.Pow(a.eval(x), float64(n)) }}
	case 11:
		p := 0.5 + float64(r.IntN(20))/10
		return randomExpr{fmt.Sprintf("math.Pow(2 + math.Sin(%s), %g)", a.src, p), func(x []float64) float64 { return math.Pow(2+math.Sin(a.eval(x)), p) }}
	case 12:
		b := genExpr(r, depth-1)
		return randomExpr{"math.Pow(1.5 + math.Cos(" + a.src + "), math.Sin(" + b.src + "))", func(x []float64) float64 { return math.Pow(1.5+math.Cos(a.eval(x)), math.Sin(b.eval(x))) }}
	case 13:
		return randomExpr{"math.Atan(" + a.src + ")", func(x []float64) float64 { return math.Atan(a.eval(x)) }}
	case 14:
		return randomExpr{"math.Tanh(" + a.src + ")", func(x []float64) float64 { return math.Tanh(a.eval(x)) }}
	case 15:
		return randomExpr{"math.Hypot(" + a.src + ", 1)", func(x []float64) float64 { return math.Hypot(a.eval(x), 1) }}
	default:
		return randomExpr{"-(" + a.src + ")", func(x []float64) float64 { return -a.eval(x) }}
	}
}

// centralDiff estimates ∂f/∂x_i with Richardson-extrapolated central
// differences (error O(h⁴)).
func centralDiff(f func([]float64) float64, x []float64, i int) float64 {
	d := func(h float64) float64 {
		p := append([]float64(nil), x...)
		m := append([]float64(nil), x...)
		p[i] += h
		m[i] -= h
		return (f(p) - f(m)) / (2 * h)
	}
	const h = 1e-3
	return (4*d(h/2) - d(h)) / 3
}

// close reports whether got is within tol of want, relative to max(1, |want|).
func closeTo(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

// randomPoint draws a point in [0.5, 1.5]³.
func randomPoint(r *rand.Rand) []float64 {
	return []float64{0.5 + r.Float64(), 0.5 + r.Float64(), 0.5 + r.Float64()}
}

// genInteresting draws random expressions until one involves at least two
// variables and is not tiny.
func genInteresting(r *rand.Rand) randomExpr {
	for {
		re := genExpr(r, 4)
		e, err := Parse(re.src, randomVars...)
		if err != nil {
			return re // let the caller report it
		}
		deps := 0
		for _, v := range randomVars {
			if e.DependsOn(v) {
				deps++
			}
		}
		if deps >= 2 && len(re.src) >= 40 {
			return re
		}
	}
}

// TestRandomExpressions checks, on 20 random expressions at 5 random points
// each, that the compiled value matches the independent evaluator, the
// compiled gradient matches central differences of that evaluator, the
// Hessian matches central differences of the gradient, and the printed text
// reads back to an expression with the same values.
func TestRandomExpressions(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for k := 0; k < 20; k++ {
		re := genInteresting(r)
		e, err := Parse(re.src, randomVars...)
		if err != nil {
			t.Fatalf("Parse(%q): %v", re.src, err)
		}
		grad := e.Gradient()
		p, err := Compile(append([]*Expr{e}, grad...)...)
		if err != nil {
			t.Fatal(err)
		}
		hess := e.Hessian()
		var flat []*Expr
		for _, row := range hess {
			flat = append(flat, row...)
		}
		hp, err := Compile(flat...)
		if err != nil {
			t.Fatal(err)
		}
		gp, err := Compile(grad...)
		if err != nil {
			t.Fatal(err)
		}
		printed, err := Parse(e.String(), randomVars...)
		if err != nil {
			t.Fatalf("printed form %q does not parse: %v", e.String(), err)
		}
		pp, err := Compile(printed)
		if err != nil {
			t.Fatal(err)
		}
		for j := 0; j < 5; j++ {
			x := randomPoint(r)
			g := make([]float64, 3)
			f := p.EvalSplit(g, x)
			want := re.eval(x)
			if !closeTo(f, want, 1e-12) {
				t.Errorf("expr %d %s at %v: f = %v, want %v", k, re.src, x, f, want)
			}
			if v := pp.Value(x); !closeTo(v, want, 1e-12) {
				t.Errorf("expr %d printed as %s at %v: f = %v, want %v", k, e, x, v, want)
			}
			for i := range x {
				if fd := centralDiff(re.eval, x, i); !closeTo(g[i], fd, 1e-7) {
					t.Errorf("expr %d %s at %v: ∂f/∂%s = %v, central difference %v\n  symbolic: %v", k, re.src, x, randomVars[i], g[i], fd, grad[i])
				}
			}
			h := make([]float64, 9)
			hp.Eval(h, x)
			for i := range 3 {
				gi := func(x []float64) float64 {
					out := make([]float64, 3)
					gp.Eval(out, x)
					return out[i]
				}
				for l := range 3 {
					if fd := centralDiff(gi, x, l); !closeTo(h[3*i+l], fd, 1e-6) {
						t.Errorf("expr %d %s at %v: H[%d][%d] = %v, central difference %v", k, re.src, x, i, l, h[3*i+l], fd)
					}
				}
			}
		}
	}
}

// TestHessianSymmetric checks that H[i][j] and H[j][i] are the same
// expression and match a hand-derived Hessian.
func TestHessianSymmetric(t *testing.T) {
	e, err := Parse("(1-x)*(1-x) + 100*math.Pow(y-x*x, 2)")
	if err != nil {
		t.Fatal(err)
	}
	h := e.Hessian()
	if h[0][1] != h[1][0] {
		t.Error("H[0][1] and H[1][0] are different expressions")
	}
	// f_xx = 2 - 400(y - x²) + 800x², f_xy = -400x, f_yy = 200.
	want := [][]string{{"2 - 400*(y - x*x) + 800*x*x", "-400*x"}, {"-400*x", "200"}}
	for i := range 2 {
		for j := range 2 {
			if got := h[i][j].String(); got != want[i][j] {
				t.Errorf("H[%d][%d] = %q, want %q", i, j, got, want[i][j])
			}
		}
	}
}
