package figure

import (
	"os"
	"testing"
	"time"

	"github.com/descentlab/descent/optimlib"
)

func TestScratchSizes(t *testing.T) {
	land := optimlib.Rosenbrock(2)
	var runs []*optimlib.Result
	for _, o := range []optimlib.Optimizer{optimlib.NewGD(0.001), optimlib.NewAdam(0.05)} {
		runs = append(runs, optimlib.Minimize(land, o, land.Start, 1000))
	}
	for _, heat := range []bool{false, true, true} {
		f := Contour(land, Options{HeatMap: heat}, runs...)
		t0 := time.Now()
		png := f.PNG()
		d := time.Since(t0)
		t0 = time.Now()
		svg := f.SVG()
		t.Logf("heat=%v svg %d bytes (%v) png %d bytes (%v)", heat, len(svg), time.Since(t0), len(png), d)
		os.WriteFile("/tmp/heat.svg", []byte(svg), 0o644)
		os.WriteFile("/tmp/heat.png", png, 0o644)
	}
}
