package symbolic

import "testing"

// TestSimplify checks the printed form of expressions that the simplifier
// should reduce. Each expected string is the hand-simplified expression in
// the package's printing conventions.
func TestSimplify(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"add zero", "x + 0", "x"},
		{"times one", "x*1", "x"},
		{"times zero", "0*x*y", "0"},
		{"zero times a call", "math.Sin(x)*0", "0"},
		{"fold numbers", "2*3 + 4", "10"},
		{"float division", "1/2", "0.5"},
		{"like terms", "2*x + 3*x", "5*x"},
		{"like terms cancel", "x - x", "0"},
		{"commuted product cancels", "x*y - y*x", "0"},
		{"sums in any order are equal", "3*(x + 1) - 3*(1 + x)", "0"},
		{"square", "x*x", "x*x"},
		{"cube", "x*x*x", "math.Pow(x, 3)"},
		{"quotient of equals", "x/x", "1"},
		{"cancel a factor", "x*y/y", "x"},
		{"power one", "math.Pow(x, 1)", "x"},
		{"power zero", "math.Pow(x, 0)", "1"},
		{"one to a power", "math.Pow(1, x)", "1"},
		{"merge powers", "math.Pow(x, 2)*math.Pow(x, -1)", "x"},
		{"power of power", "math.Pow(math.Pow(x, 2), 3)", "math.Pow(x, 6)"},
		{"root of square", "math.Sqrt(x*x)", "math.Abs(x)"},
		{"square of root", "math.Pow(math.Sqrt(x), 2)", "x"},
		{"root of root", "math.Sqrt(math.Sqrt(x))", "math.Pow(x, 0.25)"},
		{"square of a product", "math.Pow(2*x, 2)", "4*x*x"},
		{"double negation", "-(-x)", "x"},
		{"subtract a negation", "x - -y", "x + y"},
		{"negated sum is distributed", "-(x - y)", "y - x"},
		{"scaled sum stays factored", "-2*(x - y)", "-2*(x - y)"},
		{"constant term moves last", "-1 + y", "y - 1"},
		{"user order kept", "1 - x", "1 - x"},
		{"coefficient first", "x*math.Pi*2", "2*math.Pi*x"},
		{"half", "x*x/2", "x*x/2"},
		{"third", "x/3", "x/3"},
		{"two thirds", "2*x/3", "2*x/3"},
		{"decimal coefficient", "0.26*x", "0.26*x"},
		{"standalone third", "x + 1.0/3", "x + 1.0/3"},
		{"small number", "1e-6*x", "1e-06*x"},
		{"log of exp", "math.Log(math.Exp(x))", "x"},
		{"exp of zero", "math.Exp(0) + x", "1 + x"},
		{"cos of pi", "math.Cos(math.Pi)*x", "-x"},
		{"sin of pi is not rounded", "math.Sin(math.Pi)", "math.Sin(math.Pi)"},
		{"abs of a negative multiple", "math.Abs(-2*x)", "2*math.Abs(x)"},
		{"abs of a square", "math.Abs(x*x)", "x*x"},
		{"hypot", "math.Hypot(x, y)", "math.Sqrt(x*x + y*y)"},
		{"exp2", "math.Exp2(x)", "math.Pow(2, x)"},
		{"copysign", "math.Copysign(3, x)", "3*math.Copysign(1, x)"},
		{"float64 conversion", "float64(2)*x", "2*x"},
		{"division by a product", "x/(2*y)", "x/(2*y)"},
		{"reciprocal square root", "1/math.Sqrt(x)", "1/math.Sqrt(x)"},
		{"negative exponent", "math.Pow(x, -2)", "1/(x*x)"},
		{"pi squared", "math.Pi*math.Pi", "math.Pi*math.Pi"},
		{"rosenbrock", "(1-x)*(1-x) + 100*math.Pow(y-x*x, 2)", "math.Pow(1 - x, 2) + 100*math.Pow(y - x*x, 2)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Parse(tt.src)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.src, err)
			}
			if got := e.String(); got != tt.want {
				t.Errorf("Parse(%q).String() = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

// TestEqual checks structural equality after simplification.
func TestEqual(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"x*y", "y*x", true},
		{"x + 1", "1 + x", true},
		{"2*x", "x + x", true},
		{"x*(y + 1)", "x*y + x", false}, // products are not expanded
		{"math.Sin(x)", "math.Cos(x)", false},
	}
	for _, tt := range tests {
		a, err := Parse(tt.a, "x", "y")
		if err != nil {
			t.Fatal(err)
		}
		b, err := Parse(tt.b, "x", "y")
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Equal(b); got != tt.want {
			t.Errorf("Equal(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	x, _ := Parse("x", "x")
	xy, _ := Parse("x", "x", "y")
	if x.Equal(xy) {
		t.Error("expressions over different variables compare equal")
	}
	if x.Equal(nil) {
		t.Error("Equal(nil) = true")
	}
}

// TestConstantAndDependsOn checks the two queries on simplified expressions.
func TestConstantAndDependsOn(t *testing.T) {
	e, err := Parse("x*y - y*x + 2*math.Pi", "x", "y")
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := e.Constant(); !ok || v != 2*3.141592653589793 {
		t.Errorf("Constant() = %v, %v; want 2π, true", v, ok)
	}
	if e.DependsOn("x") || e.DependsOn("y") {
		t.Errorf("%v depends on a variable", e)
	}
	c, err := Parse("3*4 - 2", "x")
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := c.Constant(); !ok || v != 10 {
		t.Errorf("Constant() = %v, %v; want 10, true", v, ok)
	}
	d, err := Parse("x*math.Sin(y)")
	if err != nil {
		t.Fatal(err)
	}
	if !d.DependsOn("x") || !d.DependsOn("y") || d.DependsOn("z") {
		t.Errorf("DependsOn is wrong for %v", d)
	}
	if _, ok := d.Constant(); ok {
		t.Errorf("Constant() is true for %v", d)
	}
}
