package figure

import (
	"errors"
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Contour line widths in points.
const contourWidth = 0.9

// contourPlot draws cached contour lines, one colour per level.
type contourPlot struct {
	set    *contourSet
	colors []color.Color
}

// Plot implements plot.Plotter.
func (cp *contourPlot) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	var buf []vg.Point
	for k, lines := range cp.set.lines {
		sty := draw.LineStyle{Color: cp.colors[k], Width: vg.Points(contourWidth)}
		for _, line := range lines {
			buf = buf[:0]
			for _, q := range line {
				buf = append(buf, vg.Point{X: trX(q.X), Y: trY(q.Y)})
			}
			c.StrokeLines(sty, c.ClipLinesXY(buf)...)
		}
	}
}

// ContourFunc draws the surface s as contour lines (or a heat map with
// Options.HeatMap) with the trajectories paths on top: distinct colours, a
// ring at each start, a disc at each end, a legend, and the known minima
// and saddles of s marked. The window is Options.Window, else s.Window,
// else one that holds the paths.
//
// Levels: Options.Levels, else Options.NumLevels levels (default 15)
// spaced by Options.LevelScale; ScaleAuto spaces them logarithmically
// above the minimum when most of the window lies far below the highest
// values (Rosenbrock), evenly otherwise. The grid, the contour lines and
// the rendered background are cached (see Cache), so drawing the same
// surface again costs only the trajectories and the encoding.
func ContourFunc(s Surface, opt Options, paths ...Path) *Figure {
	const kind = "contour"
	if s.F == nil {
		return failed(kind, errors.New("surface has no function F"))
	}
	for i, p := range paths {
		if len(p.X) != len(p.Y) {
			return failed(kind, fmt.Errorf("path %d (%q): %d x values but %d y values", i, p.Name, len(p.X), len(p.Y)))
		}
	}
	w, h, err := opt.size(DefaultWidth, DefaultHeight)
	if err != nil {
		return failed(kind, err)
	}
	win, err := surfaceWindow(opt.Window, s.Window, paths)
	if err != nil {
		return failed(kind, err)
	}
	res, err := opt.resolution(DefaultResolution)
	if err != nil {
		return failed(kind, err)
	}
	var bg *surfaceStatic
	if err := safely("build the landscape", func() (err error) {
		bg, err = surfaceBackground(s, win, res, opt)
		return err
	}); err != nil {
		return failed(kind, err)
	}
	pn := &panel{plot: bg.plot, notes: bg.notes, bgKey: fmt.Sprintf("%s|%q|%q|%q|%t|%q", bg.key, opt.Title, opt.XLabel, opt.YLabel,
		opt.HeatMap, opt.ColorKeyLabels)}
	if opt.HeatMap {
		key := newColorKey(bg.cmap, opt.ColorKeyLabels)
		pn.plot.Add(key)
		pn.rightMargin = key.width
	}
	lines := make([]*polyline, 0, len(paths))
	for i, p := range paths {
		col := SeriesColor(opt.ColorOffset + i)
		if p.Color != nil {
			col = toRGBA(p.Color)
		}
		st := trajectoryStyle(len(p.X))
		if p.Points {
			st = pointsStyle()
		}
		lines = append(lines, newPolyline(p.X, p.Y, col, st))
	}
	for _, l := range lines {
		pn.overlays = append(pn.overlays, l)
	}
	pn.overlays = append(pn.overlays, &pathEnds{lines: lines})
	if !opt.NoLegend {
		if lb := pathLegend(paths, lines, bg.marks, win); lb != nil {
			if opt.LegendOutside {
				lb.offset = pn.rightMargin
				putOutside(pn, lb)
			}
			pn.overlays = append(pn.overlays, lb)
		}
	}
	return &Figure{kind: kind, title: opt.Title, width: w, height: h, cache: opt.cache(), panel: pn, notes: bg.notes}
}

// pathLegend returns the legend of trajectories and landmarks (nil when
// there is nothing to name).
func pathLegend(paths []Path, lines []*polyline, marks *landmarks, win Window) *legendBox {
	lb := &legendBox{avoid: lines}
	for i, p := range paths {
		if p.Name != "" {
			lb.entries = append(lb.entries, legendEntry{label: p.Name, color: lines[i].color, line: !p.Points,
				marker: true, shape: shapeDot, edge: white})
		}
	}
	if marks != nil {
		lb.marks = marks.legendEntries(win)
		lb.keep = marks.weighted()
	}
	if len(lb.entries) == 0 && len(lb.marks) == 0 {
		return nil
	}
	return lb
}

// surfaceStatic is the static part of a landscape figure.
type surfaceStatic struct {
	plot  *plot.Plot
	marks *landmarks
	cmap  levelMap // the colours of the levels and of a heat map
	key   string   // identifies everything drawn in plot
	notes []string
}

// surfaceBackground builds the static plot of a 2-D landscape: axes,
// optional heat map, contour lines and landmarks.
func surfaceBackground(s Surface, win Window, res int, opt Options) (*surfaceStatic, error) {
	cache := opt.cache()
	grid, err := cache.Grid(s, win, res, res)
	if err != nil {
		return nil, err
	}
	gkey, err := gridKey(s, win, res, res)
	if err != nil {
		return nil, err
	}
	lkey := "contours|" + gkey + "|" + levelsKey(opt)
	var set *contourSet
	if v, ok := cache.get(lkey); ok {
		set = v.(*contourSet)
	} else {
		levels, cmap, err := chooseLevels(grid, opt)
		if err != nil {
			return nil, err
		}
		set = contourLines(grid, levels)
		set.cmap = cmap
		set = cache.put(lkey, set, set.bytes()).(*contourSet)
	}
	cmap := set.cmap
	st := &surfaceStatic{key: lkey}
	if len(set.levels) == 0 {
		st.notes = append(st.notes, fmt.Sprintf("the landscape is flat (%g) in the window: no contour lines", grid.Min()))
	}
	p := newPlot(opt.Title, orDefault(opt.XLabel, "x"), orDefault(opt.YLabel, "y"))
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = win.XMin, win.XMax, win.YMin, win.YMax
	p.X.Padding, p.Y.Padding = 0, 0
	colors := make([]color.Color, len(set.levels))
	for k, v := range set.levels {
		if opt.HeatMap {
			colors[k] = color.NRGBA{255, 255, 255, 150}
		} else {
			colors[k] = lighten(Viridis(0.9*cmap.t(v)), 0.15)
		}
	}
	if opt.HeatMap {
		p.Add(&heatImage{grid: grid, cmap: cmap})
	}
	p.Add(&contourPlot{set: set, colors: colors})
	marks := &landmarks{saddles: s.Saddles, maxima: s.Maxima}
	marks.global, marks.local = splitMinima(s.Minima, func(q Point) float64 { return s.F(q.X, q.Y) })
	p.Add(marks)
	st.plot, st.marks, st.cmap = p, marks, cmap
	st.key += fmt.Sprintf("|marks%v%v%v%v", marks.global, marks.local, marks.saddles, marks.maxima)
	return st, nil
}
