package figure

import (
	"fmt"
	"image"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// lossPanelTitle is the title of a Live figure's loss panel; the landscape
// panel beside it has a title too, so the two plots line up.
const lossPanelTitle = "loss"

// lossPane is the loss panel of a Live figure made with Options.WithLoss:
// the image is two panels side by side, the landscape on the left and the
// loss curves on the right, laid out as Grid lays out two columns. The
// landscape panel's frames come from the Live's frameRenderer; the loss
// panel is drawn in full each frame (its axes follow the data), mapped to
// the landscape frames' palette, and copied beside it.
type lossPane struct {
	opt   Options  // the loss panel's options, at the panel's size
	names []string // one per trajectory
	w, h  int      // the whole image
	cell  int      // the width of each panel

	// Frame buffers, made on first use and reused.
	canvas *vgimg.Canvas // the loss panel
	img    *image.RGBA   // canvas's pixels
	idx    []uint8       // palette indices of the whole image
}

// liveLayout returns the options of a Live figure's landscape panel and,
// with opt.WithLoss, its loss pane: the image of opt's size (default
// DefaultLiveLossWidth × DefaultHeight) is split into two columns.
func liveLayout(opt Options, names []string) (Options, *lossPane, error) {
	if !opt.WithLoss {
		return opt, nil, nil
	}
	w, h, err := opt.size(DefaultLiveLossWidth, DefaultHeight)
	if err != nil {
		return opt, nil, err
	}
	cell := w / 2
	if cell < MinSize {
		return opt, nil, fmt.Errorf("width %d px leaves panels narrower than %d px", w, MinSize)
	}
	land := opt
	land.Width, land.Height = cell, h
	_, xLabel := lossAxis(nil, opt)
	lp := &lossPane{
		opt: Options{Width: cell, Height: h, Title: lossPanelTitle, XLabel: xLabel, YScale: opt.YScale,
			NoLegend: true, Cache: opt.Cache},
		names: emptyNames(names),
		w:     w, h: h, cell: cell,
	}
	lp.opt.StepsPerEpoch, lp.opt.EvalsPerStep = opt.StepsPerEpoch, opt.EvalsPerStep
	return land, lp, nil
}

// emptyNames returns names, or one empty name when there are none (a Live
// then has one unnamed trajectory).
func emptyNames(names []string) []string {
	if len(names) == 0 {
		return []string{""}
	}
	return append([]string(nil), names...)
}

// figure returns the loss panel of series as a Figure, its x values in
// the unit Options asks for (steps, epochs or evaluations).
func (lp *lossPane) figure(series []Series) *Figure {
	scaled := make([]Series, len(series))
	points := 0
	for i, s := range series {
		scaled[i] = s
		scaled[i].X, _ = lossAxis(s.X, lp.opt)
		points += len(s.Y)
	}
	f := LossCurves(lp.opt, scaled...)
	if points == 0 && f.err == nil {
		// Before the first step the panel is empty, which needs no note.
		f.notes, f.panel.notes = nil, nil
	}
	return f
}

// compose returns the full-colour figure of the landscape panel land and
// the loss curves series, side by side.
func (lp *lossPane) compose(land *Figure, series []Series) *Figure {
	return Grid(Options{Width: lp.w, Height: lp.h}, 2, land, lp.figure(series))
}

// draw renders the loss panel of series and writes the palette indices of
// the whole frame into lp.idx: the landscape panel's from fr (drawn
// already), the loss panel's mapped to fr's palette.
func (lp *lossPane) draw(fr *frameRenderer, series []Series) error {
	f := lp.figure(series)
	if f.err != nil {
		return f.err
	}
	if lp.canvas == nil {
		lp.canvas = newRasterCanvas(lp.cell, lp.h)
		img, ok := lp.canvas.Image().(*image.RGBA)
		if !ok {
			return fmt.Errorf("loss panel canvas image is %T, not *image.RGBA", lp.canvas.Image())
		}
		lp.img = img
		lp.idx = make([]uint8, lp.w*lp.h)
	}
	for i := range lp.img.Pix {
		lp.img.Pix[i] = 0xff
	}
	if err := f.panel.vector(draw.New(lp.canvas)); err != nil {
		return err
	}
	white := fr.quant.nearest(0xff, 0xff, 0xff)
	for y := range lp.h {
		row := lp.idx[y*lp.w : (y+1)*lp.w]
		copy(row[:lp.cell], fr.idx[y*fr.w:(y+1)*fr.w])
		pix := lp.img.Pix[y*lp.img.Stride : y*lp.img.Stride+4*lp.cell]
		var prev [3]uint8
		prevIdx := -1
		for x := range lp.cell {
			p := [3]uint8{pix[4*x], pix[4*x+1], pix[4*x+2]}
			if prevIdx < 0 || p != prev {
				prev, prevIdx = p, int(fr.quant.nearest(p[0], p[1], p[2]))
			}
			row[lp.cell+x] = uint8(prevIdx)
		}
		for x := 2 * lp.cell; x < lp.w; x++ {
			row[x] = white // the column an odd width leaves, white as in Grid
		}
	}
	return nil
}
