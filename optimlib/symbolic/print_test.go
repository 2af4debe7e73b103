package symbolic

import "testing"

// TestLaTeX checks the LaTeX printer on hand-written expectations.
func TestLaTeX(t *testing.T) {
	tests := []struct {
		src  string
		vars []string
		want string
	}{
		{"(1-x)*(1-x) + 100*math.Pow(y-x*x, 2)", nil, `\left(1 - x\right)^{2} + 100 \left(y - x^{2}\right)^{2}`},
		{"x*x/2", nil, `\frac{x^{2}}{2}`},
		{"2*x/3", nil, `\frac{2 x}{3}`},
		{"x/(2*y)", nil, `\frac{x}{2 y}`},
		{"-x/(y + 1)", nil, `-\frac{x}{y + 1}`},
		{"(x + 1)/(y - 1)", nil, `\frac{x + 1}{y - 1}`},
		{"x*(y + 1)", nil, `x \left(y + 1\right)`},
		{"-2*(x - y)", nil, `-2 \left(x - y\right)`},
		{"math.Pow(x + y, 2)", nil, `\left(x + y\right)^{2}`},
		{"math.Sqrt(x)", nil, `\sqrt{x}`},
		{"1/math.Sqrt(x)", nil, `\frac{1}{\sqrt{x}}`},
		{"math.Cbrt(x)", nil, `\sqrt[3]{x}`},
		{"math.Pow(x, 1.5)", nil, `x^{3/2}`},
		{"math.Pow(x, 2.6)", nil, `x^{2.6}`},
		{"math.Exp(-x)", nil, `e^{-x}`},
		{"x*math.Exp(x)", nil, `x e^{x}`},
		{"math.Pow(math.Exp(x), y)", nil, `\left(e^{x}\right)^{y}`},
		{"math.Pow(math.E, x)", nil, `e^{x}`},
		{"math.Pow(math.Sin(x), 2)", nil, `\sin^{2}(x)`},
		{"math.Cos(2*math.Pi*x)", nil, `\cos(2 \pi x)`},
		{"math.Sin(x/2)", nil, `\sin\left(\frac{x}{2}\right)`},
		{"math.Log(x)", nil, `\ln(x)`},
		{"math.Log1p(x*x)", nil, `\ln\left(1 + x^{2}\right)`},
		{"math.Abs(x)", nil, `\left|x\right|`},
		{"math.Atan(x)", nil, `\arctan(x)`},
		{"math.Tanh(x)", nil, `\tanh(x)`},
		{"2*math.Pow(3, x)", nil, `2 \cdot 3^{x}`},
		{"1e-6*x", nil, `10^{-6} x`},
		{"2.5e-7*x", nil, `2.5 \times 10^{-7} x`},
		{"x + 1.0/3", nil, `x + \frac{1}{3}`},
		{"1.5 - x", nil, `1.5 - x`},
		{"theta*x1", nil, `\theta x_{1}`},
		{"lr*x_2", nil, `\mathrm{lr} x_{2}`},
		{"x[0] + x[1]", nil, `x_{0} + x_{1}`},
		{"math.Pi*x", nil, `\pi x`},
		{"math.Copysign(1, x)", nil, `\operatorname{sgn}(x)`},
	}
	for _, tt := range tests {
		e, err := Parse(tt.src, tt.vars...)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.src, err)
		}
		if got := e.LaTeX(); got != tt.want {
			t.Errorf("Parse(%q).LaTeX() = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// TestString checks the Go printer on forms the simplifier test does not
// reach: calls, indexed variables, signs and parentheses.
func TestString(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{"x - (y + z)", "x - y - z"},
		{"x - (y - z)*2", "x - 2*(y - z)"},
		{"x - (x + y)", "-y"},
		{"math.Sin(x)*math.Cos(x)", "math.Sin(x)*math.Cos(x)"},
		{"(x + y)*(x - y)", "(x + y)*(x - y)"},
		{"x/(y*z)", "x/(y*z)"},
		{"x/y/z", "x/(y*z)"},
		{"-x*y", "-x*y"},
		{"math.Exp(-x*x/2)", "math.Exp(-x*x/2)"},
		{"math.Pow(x + 1, y)", "math.Pow(x + 1, y)"},
		{"math.Pow(x, 1.0/3)", "math.Pow(x, 1.0/3)"},
		{"x[1]*x[0]", "x[0]*x[1]"},
		{"math.Erf(x) + math.Log2(y)", "math.Erf(x) + math.Log2(y)"},
		{"3*math.Pow(x, -1.5)", "3/math.Pow(x, 1.5)"},
		{"math.Pow(x, -0.5)/2", "1/(2*math.Sqrt(x))"},
	}
	for _, tt := range tests {
		e, err := Parse(tt.src)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.src, err)
		}
		if got := e.String(); got != tt.want {
			t.Errorf("Parse(%q).String() = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// TestStringReparses checks that the printed text of every expression in
// the simplify, LaTeX and string tables reads back to the same expression.
func TestStringReparses(t *testing.T) {
	sources := []string{
		"(1-x)*(1-x) + 100*math.Pow(y-x*x, 2)", "x/3 + 2*y/3", "x + 1.0/7",
		"math.Pow(x, 1.0/3)*y", "-x/(y+1)", "1e-6*x - 2.5e20*y", "math.Copysign(2, x)",
		"math.Exp(-x*x/2)/math.Sqrt(2*math.Pi)", "x[0]*x[3] - x[2]", "0.1*x + 0.7*y",
		"math.Atan(x/y) - math.Tanh(1/x)", "math.Hypot(x, 2)", "-(x - y)*(x + y)",
	}
	for _, src := range sources {
		e, err := Parse(src)
		if err != nil {
			t.Fatalf("Parse(%q): %v", src, err)
		}
		for _, d := range append([]*Expr{e}, e.Gradient()...) {
			again, err := Parse(d.String(), d.Vars()...)
			if err != nil {
				t.Fatalf("Parse(%q) (printed from %q): %v", d.String(), src, err)
			}
			if !again.Equal(d) {
				t.Errorf("%q printed as %q reads back as %q", src, d.String(), again.String())
			}
		}
	}
}
