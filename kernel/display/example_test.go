package display_test

import (
	"fmt"
	"image"
	"sort"

	"github.com/descentlab/descent/kernel/display"
	"github.com/descentlab/descent/optimlib"
	"github.com/descentlab/descent/optimlib/figure"
)

// Outside a kernel, Show prints the plain-text form of the value.
func ExampleShow() {
	display.Show([]float64{1, 0.5, 0.25})
	// Output: [1 0.5 0.25]
}

// HTML shows markup in a notebook; outside one its source is printed.
func ExampleHTML() {
	display.HTML("<b>converged</b> after 12 steps")
	// Output: <b>converged</b> after 12 steps
}

// A Handle shows an output once and then replaces it, here a progress line.
func ExampleNewHandle() {
	progress := display.NewHandle()
	progress.Show("step 0 of 3")
	for step := 1; step <= 3; step++ {
		progress.Update(fmt.Sprintf("step %d of 3", step))
	}
	// Output:
	// step 0 of 3
	// step 1 of 3
	// step 2 of 3
	// step 3 of 3
}

// table is a type that renders itself as HTML in a notebook.
type table struct{ rows [][2]float64 }

// HTML renders the rows as an HTML table.
func (t table) HTML() string {
	s := "<table>"
	for _, r := range t.rows {
		s += fmt.Sprintf("<tr><td>%g</td><td>%g</td></tr>", r[0], r[1])
	}
	return s + "</table>"
}

// Bundle lists every form a value can be shown in.
func ExampleBundle() {
	data, _ := display.Bundle(table{rows: [][2]float64{{0, 1}, {1, 0.5}}})
	var mimes []string
	for mime := range data {
		mimes = append(mimes, mime)
	}
	sort.Strings(mimes)
	fmt.Println(mimes)
	fmt.Println(data["text/html"])

	_, metadata := display.Bundle(image.NewGray(image.Rect(0, 0, 32, 16)))
	fmt.Println(metadata["image/png"])
	// Output:
	// [text/html text/plain]
	// <table><tr><td>0</td><td>1</td></tr><tr><td>1</td><td>0.5</td></tr></table>
	// map[height:16 width:32]
}

// A progress bar on an optimizer run: one line plugs it into the run's
// callback. In a notebook the bar is updated in place, at most ten times
// a second, and ends at 20000/20000; outside one each update is printed
// as a line of text.
func ExampleNewProgress() {
	land := optimlib.Rosenbrock(2)
	cfg := optimlib.RunConfig{MaxSteps: 20000}
	cfg.Callback = display.NewProgress(cfg.MaxSteps).Callback
	res, err := optimlib.Run(land, optimlib.NewAdam(0.01), land.Start, cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Steps)
}

// A progress bar on a hand-written loop: count with Add (or Set), give the
// loss with SetLoss, and finish with Done.
func ExampleProgress_Add() {
	const epochs = 50
	p := display.NewProgress(epochs)
	loss := 1.0
	for epoch := 0; epoch < epochs; epoch++ {
		loss *= 0.9 // one epoch of training
		p.SetLoss(loss)
		p.Add(1)
	}
	p.Done()
}

// The live recipe: the trajectory grows over the landscape and the loss
// curve beside it while the run goes on, redrawn in place about twelve
// times a second; SetPace slows a run of milliseconds down to two seconds
// so that it can be watched, and Done shows the exact final figure.
func ExampleNewLive() {
	land := optimlib.Rosenbrock(2)
	live := display.NewLive(land, "Adam")
	live.SetPace(1000) // steps per second
	cfg := optimlib.RunConfig{MaxSteps: 2000, Callback: live.Callback}
	if _, err := optimlib.Run(land, optimlib.NewAdam(0.05), land.Start, cfg); err != nil {
		fmt.Println(err)
	}
	live.Done()
}

// Several optimizers in one live figure, each run feeding its own
// trajectory, with options of your own (here a heat map).
func ExampleShowLive() {
	land := optimlib.Himmelblau()
	fig := figure.NewLive(land, figure.Options{WithLoss: true, HeatMap: true}, "GD", "Adam")
	live := display.ShowLive(fig)
	cfg := optimlib.RunConfig{MaxSteps: 500}
	for i, opt := range []optimlib.Optimizer{optimlib.NewGD(0.01), optimlib.NewAdam(0.05)} {
		cfg.Callback = live.CallbackFor(i)
		if _, err := optimlib.Run(land, opt, land.Start, cfg); err != nil {
			fmt.Println(err)
		}
	}
	live.Done()
}
