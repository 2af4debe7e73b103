package supervisor

import (
	"slices"
	"strings"
	"testing"
)

// TestGonumIsPreloaded uses gonum's numerical packages from cells without
// importing them. Expected values: det [[1 2] [3 4]] = -2; the mean of 1..4
// is 2.5; scipy.stats.norm.cdf(1.96) = 0.9750021048517795; Rosenbrock's
// minimum is (1, 1); sin'(0) = 1; the integral of e^x over [0, 1] is
// e - 1 = 1.718281828459045; a line through (0, 0) and (2, 4) is 3 at 1.5.
func TestGonumIsPreloaded(t *testing.T) {
	s := startTest(t, Options{})
	out, _ := mustRun(t, s, `a := mat.NewDense(2, 2, []float64{1, 2, 3, 4})
fmt.Println(mat.Det(a))
fmt.Println(stat.Mean([]float64{1, 2, 3, 4}, nil), floats.Sum([]float64{1, 2}))
fmt.Printf("%.16f\n", distuv.Normal{Mu: 0, Sigma: 1}.CDF(1.96))
rosen := func(x []float64) float64 { return (1-x[0])*(1-x[0]) + 100*(x[1]-x[0]*x[0])*(x[1]-x[0]*x[0]) }
res, err := optimize.Minimize(optimize.Problem{Func: rosen}, []float64{-1.2, 1}, nil, &optimize.NelderMead{})
fmt.Printf("%.3f %.3f %v\n", res.X[0], res.X[1], err)
fmt.Printf("%.6f\n", fd.Derivative(math.Sin, 0, nil))
fmt.Printf("%.12f\n", quad.Fixed(math.Exp, 0, 1, 10, nil, 0))
var pl interp.PiecewiseLinear
pl.Fit([]float64{0, 2}, []float64{0, 4})
fmt.Println(pl.Predict(1.5))`)
	want := "-2\n2.5 3\n0.9750021048517795\n1.000 1.000 <nil>\n1.000000\n1.718281828459\n3\n"
	if out != want {
		t.Errorf("stdout\n%s\nwant\n%s", out, want)
	}
	code := "mat.NewDe"
	c, err := s.Complete(code, len(code))
	if err != nil || !slices.Contains(c.Matches, "NewDense") {
		t.Errorf("completion of %q: %+v %v", code, c, err)
	}
	code = "m := mat.NewDense(2, 2, nil)\nm.Mu"
	c, err = s.Complete(code, len(code))
	if err != nil || !slices.Contains(c.Matches, "Mul") {
		t.Errorf("completion of a *mat.Dense method: %+v %v", c, err)
	}
	in, err := s.Inspect("stat.Mean", 9, 1)
	if text, _ := in.Data["text/plain"].(string); err != nil || !in.Found || !strings.Contains(text, "func Mean(x, weights []float64) float64") || !strings.Contains(text, "weighted mean") {
		t.Errorf("inspection of stat.Mean: %+v %v", in, err)
	}
}
