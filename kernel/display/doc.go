// Package display sends rich output from a notebook cell to the front end:
// HTML, Markdown, LaTeX, SVG and PNG images, JSON, gonum plots, and outputs
// that are updated in place.
//
// Inside the descent kernel every function here publishes a Jupyter
// display_data (or update_display_data, clear_output) message at once, in
// order with the cell's printed text. Outside a kernel (a plain go test or
// program) nothing is published: the plain-text form of the value is written
// to standard output instead, so code that uses display still runs.
//
// A value shows itself richly when it has one of the methods
//
//	HTML() string      text/html
//	Markdown() string  text/markdown
//	SVG() string       image/svg+xml
//	LaTeX() string     text/latex
//	PNG() []byte       image/png
//	JSON() any         application/json
//
// and every image.Image and gonum *plot.Plot is shown as a PNG. Each method
// set has a small interface here (HTMLer, Markdowner, ...): the interpreter
// needs them to see the methods of types declared in a cell.
//
// # Outputs updated in place
//
// A Handle shows an output and then replaces it. Two helpers build on it
// for long work. A Progress is a progress bar (steps done out of the
// total, rate, loss, time elapsed and left), updated at most ten times a
// second and exact at the end; it plugs into a run in one line:
//
//	cfg := optimlib.RunConfig{MaxSteps: 20000}
//	cfg.Callback = display.NewProgress(cfg.MaxSteps).Callback
//	res, err := optimlib.Run(land, optimlib.NewAdam(0.01), land.Start, cfg)
//
// A LiveFigure redraws an optimizer's trajectory over the landscape, and
// its loss curve beside it, while the run goes on, about twelve frames a
// second, then shows the exact final figure:
//
//	live := display.NewLive(land, "Adam")
//	live.SetPace(1000) // optional: at most 1000 steps a second, to watch it
//	res, err := optimlib.Run(land, optimlib.NewAdam(0.05), land.Start,
//		optimlib.RunConfig{MaxSteps: 2000, Callback: live.Callback})
//	live.Done()
//
// ShowLive does the same for a figure.Live made with options of one's own.
// The frames are 256-colour PNGs; each is sent as an update_display_data
// message with the same display_id, the final one in full colour.
//
// Two limits apply to types declared in a cell (compiled types have
// neither): Show and Bundle see only the first of those methods the type
// has, in the order above (then String), and Handle's methods see none of
// them. Update a handle with the text form instead, as in
// h.Update(display.HTMLText(v.HTML())).
package display
