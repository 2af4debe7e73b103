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
// Two limits apply to types declared in a cell (compiled types have
// neither): Show and Bundle see only the first of those methods the type
// has, in the order above (then String), and Handle's methods see none of
// them. Update a handle with the text form instead, as in
// h.Update(display.HTMLText(v.HTML())).
package display
