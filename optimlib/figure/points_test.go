package figure

import (
	"image/color"
	"testing"

	"github.com/descentlab/descent/optimlib"
)

// TestPointsPath checks that a Path with Points draws its points and no
// line between them, where the same path as a trajectory draws the line.
func TestPointsPath(t *testing.T) {
	magenta := color.RGBA{255, 0, 255, 255}
	for _, points := range []bool{true, false} {
		p := Path{Name: "p", X: []float64{-1.5, 1.5}, Y: []float64{2.5, 2.5}, Color: magenta, Points: points}
		f := ContourFunc(rosenSurface(), Options{NoLegend: true}, p)
		img, err := f.Image()
		if err != nil {
			t.Fatal(err)
		}
		m := newPixelMap(t, f)
		for _, x := range []float64{-1.5, 1.5} {
			px, py := m.at(x, 2.5)
			if !colourNear(img, px, py, 2, magenta, 40) {
				t.Errorf("points %v: no dot at (%g, 2.5)", points, x)
			}
		}
		px, py := m.at(0, 2.5)
		if got := colourNear(img, px, py, 1, magenta, 40); got == points {
			t.Errorf("points %v: line drawn between the points: %v", points, got)
		}
	}
}

// TestTrialsAndMinimaOf checks the helpers against the results they read:
// TrialsOf has one point per evaluation that did not become an iterate,
// MinimaOf one per hop.
func TestTrialsAndMinimaOf(t *testing.T) {
	res, err := optimlib.Run(optimlib.Rosenbrock(2), optimlib.NewLineSearchGD(), []float64{-1.2, 1}, optimlib.RunConfig{MaxSteps: 50})
	if err != nil {
		t.Fatal(err)
	}
	trials := TrialsOf("trials", res.Trace)
	want := res.Trace.Evals().OfKind(optimlib.EvalLineSearch).Len()
	if len(trials.X) != want || want == 0 || !trials.Points {
		t.Errorf("%d trial points, %d rejected evaluations", len(trials.X), want)
	}
	if got := TrialsOf("none", optimlib.Minimize(optimlib.Rosenbrock(2), optimlib.NewAdam(0.01), []float64{0, 0}, 10).Trace); len(got.X) != 0 {
		t.Errorf("a first-order run has %d trials", len(got.X))
	}
	bh, err := optimlib.BasinHopping(optimlib.Rastrigin(2), []float64{3, 3}, optimlib.BasinHoppingConfig{MaxHops: 12})
	if err != nil {
		t.Fatal(err)
	}
	minima := MinimaOf("minima", bh)
	if len(minima.X) != len(bh.Hops) || minima.X[3] != bh.Hops[3].Minimum[0] || minima.Y[3] != bh.Hops[3].Minimum[1] {
		t.Errorf("MinimaOf: %d points for %d hops", len(minima.X), len(bh.Hops))
	}
	s, _ := SurfaceOf(optimlib.Rastrigin(2))
	if f := ContourFunc(s, Options{}, PathOf("walk", bh.Trace), minima, trials); f.Err() != nil {
		t.Error(f.Err())
	}
}
