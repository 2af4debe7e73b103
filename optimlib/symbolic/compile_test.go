package symbolic

import (
	"math"
	"sync"
	"testing"
)

// rosenbrockSource is the 2-D Rosenbrock function.
const rosenbrockSource = "(1-x)*(1-x) + 100*math.Pow(y-x*x, 2)"

// rosenbrockProgram compiles f and ∇f of the 2-D Rosenbrock function.
func rosenbrockProgram(t testing.TB) *Program {
	t.Helper()
	e, err := Parse(rosenbrockSource)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compile(append([]*Expr{e}, e.Gradient()...)...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// rosenbrockByHand returns f and ∇f of 100(y-x²)² + (1-x)².
func rosenbrockByHand(x, y float64) (f, gx, gy float64) {
	a := y - x*x
	return 100*a*a + (1-x)*(1-x), -400*x*a - 2*(1-x), 200 * a
}

// TestProgramRosenbrock checks values against the hand-written function and
// that common subexpressions are shared: y - x² feeds f, ∂f/∂x and ∂f/∂y
// and 1 - x feeds f and ∂f/∂x.
func TestProgramRosenbrock(t *testing.T) {
	p := rosenbrockProgram(t)
	for _, pt := range [][2]float64{{-1.2, 1}, {1, 1}, {0, 0}, {2, -3}} {
		g := make([]float64, 2)
		f := p.EvalSplit(g, pt[:])
		wf, wx, wy := rosenbrockByHand(pt[0], pt[1])
		if !closeTo(f, wf, 1e-14) || !closeTo(g[0], wx, 1e-14) || !closeTo(g[1], wy, 1e-14) {
			t.Errorf("at %v: got %v %v, want %v %v %v", pt, f, g, wf, wx, wy)
		}
	}
	// x², y-x², (y-x²)², 1-x, (1-x)², f, x(y-x²), ∂x, ∂y: nine operations;
	// without sharing ∂f/∂x and ∂f/∂y would recompute x² and y-x².
	if p.NumOps() != 9 {
		t.Errorf("NumOps = %d, want 9", p.NumOps())
	}
	if p.NumVars() != 2 || p.NumOutputs() != 3 {
		t.Errorf("NumVars, NumOutputs = %d, %d; want 2, 3", p.NumVars(), p.NumOutputs())
	}
}

// TestProgramNoAllocs checks that evaluation allocates nothing.
func TestProgramNoAllocs(t *testing.T) {
	p := rosenbrockProgram(t)
	x, g, out := []float64{-1.2, 1}, make([]float64, 2), make([]float64, 3)
	if n := testing.AllocsPerRun(100, func() { p.EvalSplit(g, x) }); n != 0 {
		t.Errorf("EvalSplit allocates %v times per call", n)
	}
	if n := testing.AllocsPerRun(100, func() { p.Eval(out, x) }); n != 0 {
		t.Errorf("Eval allocates %v times per call", n)
	}
	if n := testing.AllocsPerRun(100, func() { p.Value(x) }); n != 0 {
		t.Errorf("Value allocates %v times per call", n)
	}
}

// TestProgramBadLengths checks the NaN answers to mismatched slices.
func TestProgramBadLengths(t *testing.T) {
	p := rosenbrockProgram(t)
	if v := p.Value([]float64{1}); !math.IsNaN(v) {
		t.Errorf("Value with 1 coordinate = %v, want NaN", v)
	}
	out := []float64{0, 0, 0}
	p.Eval(out, []float64{1, 2, 3})
	for _, v := range out {
		if !math.IsNaN(v) {
			t.Errorf("Eval with 3 coordinates wrote %v, want NaN", out)
			break
		}
	}
	g := []float64{0}
	if v := p.EvalSplit(g, []float64{1, 1}); !math.IsNaN(v) || !math.IsNaN(g[0]) {
		t.Errorf("EvalSplit with a short gradient = %v, %v; want NaN", v, g)
	}
}

// TestProgramConstant checks programs whose outputs involve no variable.
func TestProgramConstant(t *testing.T) {
	e, err := Parse("2*math.Pi + 1")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Compile(e)
	if err != nil {
		t.Fatal(err)
	}
	if v := p.Value(nil); v != 2*math.Pi+1 {
		t.Errorf("Value = %v, want %v", v, 2*math.Pi+1)
	}
	z, _ := Parse("0")
	pz, err := Compile(z)
	if err != nil {
		t.Fatal(err)
	}
	if v := pz.Value(nil); v != 0 {
		t.Errorf("Value = %v, want 0", v)
	}
}

// TestCompileErrors checks that Compile refuses mismatched variables.
func TestCompileErrors(t *testing.T) {
	if _, err := Compile(); err == nil {
		t.Error("Compile() succeeded")
	}
	a, _ := Parse("x", "x")
	b, _ := Parse("x", "x", "y")
	if _, err := Compile(a, b); err == nil {
		t.Error("Compile with different variables succeeded")
	}
}

// TestProgramPowers checks the specialised power operations against
// math.Pow, for negative bases too.
func TestProgramPowers(t *testing.T) {
	for _, e := range []float64{2, 3, 4, 5, 7, -1, -2, -3, 0.5, -0.5, 1.5, -1.5, 2.7, 100} {
		src := "math.Pow(x, " + decimal(e) + ")"
		ex, err := Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		p, err := Compile(ex)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range []float64{0.7, 1.3, -1.1, 2} {
			want := math.Pow(x, e)
			got := p.Value([]float64{x})
			if math.IsNaN(want) != math.IsNaN(got) || !math.IsNaN(want) && !closeTo(got, want, 1e-13) {
				t.Errorf("%s at %v = %v, want %v", src, x, got, want)
			}
		}
	}
}

// TestProgramConcurrent runs one program from several goroutines; with
// -race it also checks that the slots are not shared unsafely.
func TestProgramConcurrent(t *testing.T) {
	p := rosenbrockProgram(t)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g := make([]float64, 2)
			for i := range 2000 {
				x, y := float64(w)/4-1, float64(i%50)/25-1
				f := p.EvalSplit(g, []float64{x, y})
				wf, wx, wy := rosenbrockByHand(x, y)
				if !closeTo(f, wf, 1e-14) || !closeTo(g[0], wx, 1e-14) || !closeTo(g[1], wy, 1e-14) {
					errs <- "wrong value under concurrent use"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
