// Package widgets puts Jupyter widgets in notebook cells: sliders,
// dropdowns, checkboxes, buttons, a player, images, output areas, HTML and
// labels, in rows and columns, and Interact, which redraws a figure as
// sliders move.
//
//	eta := widgets.NewFloatSlider("η", 0.1, 0.01, 1.2)
//	widgets.Interact(func(eta float64) *figure.Figure {
//		res := optimlib.Minimize(valley, optimlib.NewGD(eta), start, 30)
//		return figure.Contour(valley, figure.Options{Title: fmt.Sprintf("η = %.2f", eta)}, res)
//	}, eta)
//
// A widget shows where a cell ends with it, or through display.Show, and
// stays in sync with the front end: its value is what the student last
// set, readable from any later cell (eta.Value()) and by a cell that is
// running. Observe and OnClick take ordinary Go functions, closures of a
// cell included.
//
// # When callbacks run
//
// A change in the front end reaches the kernel at once, also while a cell
// runs: the widget's value changes then. The functions it calls (Observe,
// OnClick, Interact's redraw) run one at a time, never beside a cell: at
// once when no cell runs, otherwise right after the running cell, before
// the next one. Changes that arrive together are applied first, so a
// redraw sees the newest values. What a callback prints goes nowhere
// visible in most front ends: show text in an Output instead. An
// interrupt stops a callback as it stops a cell.
//
// # Front ends
//
// The widgets speak the Jupyter widgets protocol 2.1.0 with the model
// versions of ipywidgets 8 (base 2.0.0, controls 2.0.0, output 1.0.0), as
// JupyterLab 4, Notebook 7 and VS Code expect. A front end that cannot
// show widgets (a console, nbconvert, an old Notebook) shows their
// text/plain form, one line saying so, and Interact's figure as an image.
// `descent run` saves the widgets' state in the notebook, and the course
// pages show their last state (the figure) without a kernel.
package widgets
