// Package figure draws the lesson figures: loss curves, learning-rate
// schedules, contour or heat maps of 2-D landscapes with optimizer
// trajectories, 1-D landscapes with their iterates, bar charts, grids of
// panels, live frames and animated GIFs.
//
// Every figure is a *Figure with PNG() []byte and SVG() string, so a
// notebook shows it inline when it is the value of a cell, and Save(path)
// writes it to a .png or .svg file. A *Live shows its current frame through
// PNG, an *Animation through GIF() []byte (image/gif), and a *Table
// through HTML. The defaults suit a notebook: 600×400
// px, Liberation Sans text, the Okabe–Ito colour-blind-safe palette for
// series, viridis for landscapes. Options changes size, title, labels,
// window, contour levels and axis scales; its zero value means "defaults".
//
// Each figure has two forms: one on plain data (Series, Path, Surface,
// Curve: slices of float64 and funcs), and a convenience form on optimlib
// values (*optimlib.Result, *optimlib.Landscape, optimlib.Schedule).
//
//	res := optimlib.Minimize(land, optimlib.NewAdam(0.01), []float64{-1.5, 2}, 2000)
//	figure.Contour(land, figure.Options{}, res)
//
// Figures are fast enough to animate. Landscape grids, contour lines and the
// rendered static background of a landscape figure are computed once per
// (landscape, window, resolution, levels, size, labels) and kept in a
// bounded cache (see Cache), so drawing the same landscape again only draws
// the trajectories on top and encodes the image. Live draws a trajectory
// point by point at animation rates (with Options.WithLoss, its loss curve
// beside the landscape too), and Animate makes an animated GIF of one
// trajectory or several racing.
//
// Nothing here panics on bad input: a figure that cannot be drawn records
// the reason in Err, and PNG returns nil (SVG "") for it. Data a log axis
// cannot show (zero or negative values) is left out and Notes says so.
package figure
