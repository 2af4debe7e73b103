package figure

import (
	"errors"
	"fmt"
	"image"
	stddraw "image/draw"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// gridTitleHeight is the height of a grid's title band in pixels.
const gridTitleHeight = 28

// Grid composes figures into one image of rows × cols panels, filled row
// by row (rows = ⌈len(panels)/cols⌉), with Options.Title above them. Each
// panel is redrawn at the panel size, so its fonts stay readable; the
// default size is 400×300 px per panel. Panels keep their own titles,
// legends and cached backgrounds.
//
//	figure.Grid(figure.Options{Title: "Four optimizers"}, 2, gd, momentum, rmsprop, adam)
func Grid(opt Options, cols int, panels ...*Figure) *Figure {
	const kind = "grid"
	if cols < 1 {
		return failed(kind, fmt.Errorf("%d columns (need at least 1)", cols))
	}
	if len(panels) == 0 {
		return failed(kind, errors.New("no panels"))
	}
	for i, p := range panels {
		if p == nil {
			return failed(kind, fmt.Errorf("panel %d is nil", i))
		}
		if p.err != nil {
			return failed(kind, fmt.Errorf("panel %d: %w", i, p.err))
		}
	}
	cols = min(cols, len(panels))
	rows := (len(panels) + cols - 1) / cols
	titleH := 0
	if opt.Title != "" {
		titleH = gridTitleHeight
	}
	w, h, err := opt.size(cols*DefaultPanelWidth, rows*DefaultPanelHeight+titleH)
	if err != nil {
		return failed(kind, err)
	}
	if w/cols < MinSize || (h-titleH)/rows < MinSize {
		return failed(kind, fmt.Errorf("panels of %d×%d px are smaller than %d px", w/cols, (h-titleH)/rows, MinSize))
	}
	f := &Figure{kind: kind, title: opt.Title, width: w, height: h, cells: append([]*Figure(nil), panels...), cols: cols}
	if opt.LegendOutside {
		f.shareLegend()
		if opt.Width == 0 {
			f.width += f.legendWidth
		}
	}
	for i, p := range panels {
		for _, n := range p.notes {
			f.notes = append(f.notes, fmt.Sprintf("panel %d: %s", i, n))
		}
	}
	return f
}

// gridLayout returns the pixel rectangle of cell i (y down, as in images)
// and the title band height.
func (f *Figure) gridLayout(w, h, i int) image.Rectangle {
	rows := (len(f.cells) + f.cols - 1) / f.cols
	titleH := 0
	if f.title != "" {
		titleH = gridTitleHeight
	}
	cw, ch := (w-f.legendWidth)/f.cols, (h-titleH)/rows
	r, c := i/f.cols, i%f.cols
	return image.Rect(c*cw, titleH+r*ch, (c+1)*cw, titleH+(r+1)*ch)
}

// gridTitleStyle is the text style of a grid's title.
func gridTitleStyle() text.Style {
	return text.Style{Color: black, Font: font.From(sans, titleSize+1), XAlign: draw.XCenter, YAlign: draw.YCenter,
		Handler: plot.DefaultTextHandler}
}

// gridRaster renders the grid at w × h px: each panel at its cell size,
// copied into place.
func (f *Figure) gridRaster(w, h int) (*image.RGBA, error) {
	c := newRasterCanvas(w, h)
	if f.title != "" {
		if err := safely("draw grid title", func() error {
			dc := draw.New(c)
			dc.FillText(gridTitleStyle(), vg.Point{X: pxLen(w) / 2, Y: pxLen(h) - pxLen(gridTitleHeight)/2}, f.title)
			return nil
		}); err != nil {
			return nil, err
		}
	}
	img := c.Image().(*image.RGBA)
	for i, cell := range f.cells {
		r := f.gridLayout(w, h, i)
		cell.mu.Lock()
		sub, err := cell.raster(r.Dx(), r.Dy())
		cell.mu.Unlock()
		if err != nil {
			return nil, fmt.Errorf("panel %d: %w", i, err)
		}
		stddraw.Draw(img, r, sub, image.Point{}, stddraw.Src)
	}
	if f.legend != nil {
		if err := safely("draw the grid's legend", func() error {
			f.drawSharedLegend(draw.New(c), w, h)
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return img, nil
}

// shareLegend takes the series of the first panel that has a legend, and
// the landmark symbols of all panels, as the grid's legend, drawn in a
// column right of the panels, and replaces the panels by copies without
// their legends.
func (f *Figure) shareLegend() {
	var series, marks []legendEntry
	seenMark := map[string]bool{}
	for i, cell := range f.cells {
		if cell.panel == nil {
			continue
		}
		var kept []plot.Plotter
		for _, o := range cell.panel.overlays {
			if lb, ok := o.(*legendBox); ok {
				if series == nil {
					series = append([]legendEntry{}, lb.entries...)
				}
				for _, m := range lb.marks {
					if !seenMark[m.label] {
						seenMark[m.label] = true
						marks = append(marks, m)
					}
				}
				continue
			}
			kept = append(kept, o)
		}
		pn := *cell.panel
		pn.overlays = kept
		f.cells[i] = &Figure{kind: cell.kind, title: cell.title, width: cell.width, height: cell.height,
			cache: cell.cache, panel: &pn, notes: cell.notes}
	}
	if len(series)+len(marks) > 0 {
		f.legend = &legendBox{entries: append(series, marks...)}
		f.legendWidth = int(math.Ceil(float64(f.legend.width()+vg.Points(2*legendMargin)) * pxPerPt))
	}
}

// drawSharedLegend draws the grid's legend at the top of its column.
func (f *Figure) drawSharedLegend(dc draw.Canvas, w, h int) {
	titleH := 0
	if f.title != "" {
		titleH = gridTitleHeight
	}
	lw, lh, _ := f.legend.size(legendStyle())
	x := dc.Min.X + pxLen(w-f.legendWidth) + vg.Points(legendMargin)
	top := dc.Min.Y + pxLen(h-titleH) - vg.Points(legendMargin)
	f.legend.drawBox(dc, vg.Rectangle{Min: vg.Point{X: x, Y: top - lh}, Max: vg.Point{X: x + lw, Y: top}})
}

// gridVector draws the grid on dc, each panel in its cell.
func (f *Figure) gridVector(dc draw.Canvas) error {
	size := dc.Size()
	w, h := int(float64(size.X)*pxPerPt+0.5), int(float64(size.Y)*pxPerPt+0.5)
	if f.title != "" {
		if err := safely("draw grid title", func() error {
			dc.FillText(gridTitleStyle(), vg.Point{X: dc.Min.X + size.X/2, Y: dc.Max.Y - pxLen(gridTitleHeight)/2}, f.title)
			return nil
		}); err != nil {
			return err
		}
	}
	for i, cell := range f.cells {
		r := f.gridLayout(w, h, i)
		sub := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: dc.Min.X + pxLen(r.Min.X), Y: dc.Max.Y - pxLen(r.Max.Y)},
			Max: vg.Point{X: dc.Min.X + pxLen(r.Max.X), Y: dc.Max.Y - pxLen(r.Min.Y)},
		}}
		cell.mu.Lock()
		err := cell.vector(sub)
		cell.mu.Unlock()
		if err != nil {
			return fmt.Errorf("panel %d: %w", i, err)
		}
	}
	if f.legend != nil {
		return safely("draw the grid's legend", func() error {
			f.drawSharedLegend(dc, w, h)
			return nil
		})
	}
	return nil
}
