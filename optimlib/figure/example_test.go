package figure_test

import (
	"bytes"
	"fmt"
	"image/gif"
	"image/png"
	"math"

	"github.com/descentlab/descent/optimlib"
	"github.com/descentlab/descent/optimlib/figure"
)

// pngSize decodes the size of a PNG.
func pngSize(b []byte) string {
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("%d×%d", cfg.Width, cfg.Height)
}

// Two optimizers on Rosenbrock, drawn over its contours.
func ExampleContour() {
	land := optimlib.Rosenbrock(2)
	gd := optimlib.Minimize(land, optimlib.NewGD(0.001), land.Start, 1000)
	adam := optimlib.Minimize(land, optimlib.NewAdam(0.05), land.Start, 1000)
	fig := figure.Contour(land, figure.Options{Title: "GD and Adam on Rosenbrock"}, gd, adam)
	fmt.Println(fig)
	fmt.Println(pngSize(fig.PNG()))
	// Output:
	// figure contour "GD and Adam on Rosenbrock" (600×400 px)
	// 600×400
}

// A function written in a cell, as a heat map with a hand-made path.
func ExampleContourFunc() {
	bowl := figure.Surface{
		Name:   "tilted bowl",
		F:      func(x, y float64) float64 { return x*x + 4*y*y + x*y },
		Window: figure.Window{XMin: -2, XMax: 2, YMin: -2, YMax: 2},
		Minima: []figure.Point{{X: 0, Y: 0}},
	}
	path := figure.Path{Name: "by hand", X: []float64{1.8, 1.0, 0.4, 0.1}, Y: []float64{1.5, -0.4, 0.2, -0.05}}
	fig := figure.ContourFunc(bowl, figure.Options{HeatMap: true, Width: 400, Height: 400}, path)
	fmt.Println(pngSize(fig.PNG()))
	// Output: 400×400
}

// Loss curves on a log axis; a loss that reaches exactly 0 cannot be shown
// there, and the figure says so.
func ExampleLossCurves() {
	loss := make([]float64, 50) // the last 5 stay 0
	for k := range 45 {
		loss[k] = 100 * math.Exp(-float64(k)/5)
	}
	fig := figure.LossCurves(figure.Options{Title: "to zero"}, figure.Series{Name: "GD", Y: loss})
	fmt.Println(fig.Notes())
	fmt.Println(pngSize(fig.PNG()))
	// Output:
	// [5 losses ≤ 0 left out of the log scale]
	// 600×400
}

// The loss of each run, against epochs.
func ExampleLoss() {
	land := optimlib.Himmelblau()
	sgd := optimlib.Minimize(land, optimlib.NewSGD(0.01), land.Start, 300)
	rms := optimlib.Minimize(land, optimlib.NewRMSprop(0.01), land.Start, 300)
	fig := figure.Loss(figure.Options{StepsPerEpoch: 30}, sgd, rms)
	fmt.Println(pngSize(fig.PNG()))
	// Output: 600×400
}

// Gradient descent stuck in the local minimum of x·cos(πx).
func ExampleLandscape1D() {
	land := optimlib.XCosPiX()
	run := optimlib.Minimize(land, optimlib.NewGD(0.05), land.Start, 40)
	fig := figure.Landscape1D(land, figure.Options{}, run)
	fmt.Println(fig)
	// Output: figure landscape1d "x cos(πx)" (600×400 px)
}

// Learning-rate schedules side by side.
func ExampleSchedules() {
	fig := figure.Schedules(figure.Options{Steps: 300},
		optimlib.NewCosineLR(0.1, 300), optimlib.NewOneCycleLR(0.1, 300), optimlib.NewStepLR(0.1, 100))
	fmt.Println(pngSize(fig.PNG()))
	// Output: 600×400
}

// Four optimizers, one panel each, in a 2×2 grid.
func ExampleGrid() {
	land := optimlib.Rosenbrock(2)
	var panels []*figure.Figure
	for i, opt := range []optimlib.Optimizer{optimlib.NewGD(0.001), optimlib.NewMomentum(0.001),
		optimlib.NewRMSprop(0.01), optimlib.NewAdam(0.05)} {
		run := optimlib.Minimize(land, opt, land.Start, 500)
		panels = append(panels, figure.Contour(land, figure.Options{Title: run.Optimizer, NoLegend: true, ColorOffset: i}, run))
	}
	fig := figure.Grid(figure.Options{Title: "Rosenbrock, 500 steps"}, 2, panels...)
	fmt.Println(pngSize(fig.PNG()))
	// Output: 800×628
}

// Success rates as a bar chart, and the same numbers as a table.
func ExampleBars() {
	names := []string{"GD", "Momentum", "Adam"}
	rates := []float64{41, 77, 93}
	fig := figure.Bars(figure.Options{Title: "success over 100 seeds", YLabel: "%", ValueFormat: "%.0f%%"}, names, rates)
	fmt.Println(pngSize(fig.PNG()))

	t := figure.NewTable("optimizer", "success")
	for i, n := range names {
		t.AddRow(n, fmt.Sprintf("%.0f%%", rates[i]))
	}
	fmt.Println(t)
	// Output:
	// 600×400
	// optimizer  success
	// ──────────────────
	// GD         41%
	// Momentum   77%
	// Adam       93%
}

// A live figure fed by the run's callback; in a notebook, pass the update
// method of a display handle instead of nil to see it move.
func ExampleLive() {
	land := optimlib.Beale()
	live := figure.NewLive(land, figure.Options{}, "Adam")
	adam := optimlib.NewAdam(0.01)
	_, err := optimlib.Run(land, adam, land.Start, optimlib.RunConfig{MaxSteps: 500, Callback: live.Callback(0, nil)})
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(live.Len(0), pngSize(live.PNG()))
	live.Finish()
	fmt.Println(pngSize(live.PNG()))
	// Output:
	// 501 600×400
	// 600×400
}

// A live figure with the loss curve beside the landscape: two panels of
// 480×400 px.
func ExampleLive_withLoss() {
	land := optimlib.Rosenbrock(2)
	live := figure.NewLive(land, figure.Options{WithLoss: true}, "Adam")
	cfg := optimlib.RunConfig{MaxSteps: 300, Callback: live.Callback(0, nil)}
	if _, err := optimlib.Run(land, optimlib.NewAdam(0.05), land.Start, cfg); err != nil {
		fmt.Println(err)
	}
	fmt.Println(live.Len(0), pngSize(live.PNG()))
	fmt.Println(pngSize(live.Final().PNG()))
	// Output:
	// 301 960×400
	// 960×400
}

// Two optimizers racing, as an animated GIF.
func ExampleAnimate() {
	land := optimlib.Rosenbrock(2)
	gd := optimlib.Minimize(land, optimlib.NewMomentum(0.001), land.Start, 600)
	adam := optimlib.Minimize(land, optimlib.NewAdam(0.05), land.Start, 600)
	anim := figure.Animate(land, figure.Options{Frames: 20}, gd, adam)
	g, err := gif.DecodeAll(bytes.NewReader(anim.GIF()))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(g.Image), "frames")
	// Output: 20 frames
}

// A grid sampled once and shared: the second call returns the same grid.
func ExampleCache_Grid() {
	cache := figure.NewCache(0)
	s := figure.Surface{Name: "saddle", F: func(x, y float64) float64 { return x*x - y*y }}
	w := figure.Window{XMin: -1, XMax: 1, YMin: -1, YMax: 1}
	a, _ := cache.Grid(s, w, 64, 64)
	b, _ := cache.Grid(s, w, 64, 64)
	fmt.Println(a == b, cache.Stats().Hits)
	// Output: true 1
}
