package figure

import (
	"fmt"
	"math"
)

// Default sizes and counts used when the matching Options field is zero.
const (
	// DefaultWidth and DefaultHeight are the size of a figure in pixels.
	DefaultWidth, DefaultHeight = 600, 400
	// DefaultPanelWidth and DefaultPanelHeight are the size of one panel of
	// a Grid in pixels.
	DefaultPanelWidth, DefaultPanelHeight = 400, 300
	// DefaultResolution is the number of grid samples per axis of a 2-D
	// landscape.
	DefaultResolution = 128
	// DefaultResolution1D is the number of samples of a 1-D landscape.
	DefaultResolution1D = 400
	// DefaultNumLevels is the number of contour levels.
	DefaultNumLevels = 15
	// DefaultScheduleSteps is the number of steps a schedule figure shows.
	DefaultScheduleSteps = 100
	// DefaultFrames is the number of frames of an animation.
	DefaultFrames = 60
	// DefaultLiveLossWidth is the width of a Live figure with a loss panel
	// (Options.WithLoss): two panels of 480 px.
	DefaultLiveLossWidth = 960
	// DefaultFrameDelay is the delay between animation frames, in hundredths
	// of a second (5: 20 frames per second).
	DefaultFrameDelay = 5
)

// Limits on Options; values outside them make the figure fail with an error.
const (
	// MinSize and MaxSize bound Width and Height in pixels.
	MinSize, MaxSize = 64, 4096
	// MaxResolution bounds Resolution (samples per axis).
	MaxResolution = 1024
	// MaxFrames bounds Frames.
	MaxFrames = 1000
)

// Scale chooses between a linear and a logarithmic scale, for an axis or
// for the spacing of contour levels.
type Scale int

const (
	// ScaleAuto lets the figure choose: log when the data spans at least
	// two decades (loss curves) or when most of a landscape lies far below
	// its highest values (contour levels), linear otherwise.
	ScaleAuto Scale = iota
	// ScaleLinear is an even spacing.
	ScaleLinear
	// ScaleLog is a logarithmic spacing. On an axis, values ≤ 0 cannot be
	// shown and are left out (Notes says how many); contour levels are
	// spaced logarithmically above the landscape's minimum.
	ScaleLog
)

// String returns "auto", "linear" or "log".
func (s Scale) String() string {
	switch s {
	case ScaleAuto:
		return "auto"
	case ScaleLinear:
		return "linear"
	case ScaleLog:
		return "log"
	}
	return fmt.Sprintf("Scale(%d)", int(s))
}

// Window is the rectangle [XMin, XMax] × [YMin, YMax] of data coordinates
// a figure shows. The zero Window means "choose automatically".
type Window struct {
	XMin, XMax, YMin, YMax float64
}

// IsZero reports whether w is the zero Window.
func (w Window) IsZero() bool { return w == Window{} }

// check returns an error unless both ranges are finite and not empty.
func (w Window) check() error {
	for _, v := range []float64{w.XMin, w.XMax, w.YMin, w.YMax} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("window %v is not finite", w)
		}
	}
	if !(w.XMin < w.XMax) || !(w.YMin < w.YMax) {
		return fmt.Errorf("window %v is empty (need XMin < XMax and YMin < YMax)", w)
	}
	return nil
}

// String formats w as "[xmin, xmax] × [ymin, ymax]".
func (w Window) String() string {
	return fmt.Sprintf("[%g, %g] × [%g, %g]", w.XMin, w.XMax, w.YMin, w.YMax)
}

// Options adjusts a figure. Its zero value gives the defaults, and each
// figure reads only the fields that apply to it.
type Options struct {
	// Width and Height are the image size in pixels (default 600×400; a
	// Grid defaults to 400×300 per panel).
	Width, Height int
	// Title is drawn above the plot; XLabel and YLabel name the axes
	// (each figure has sensible default labels).
	Title, XLabel, YLabel string
	// Window is the visible data range. For landscapes it defaults to the
	// landscape's recommended window; for line charts and bar charts a
	// zero range on an axis means "fit the data" (set XMin = XMax = 0 to
	// fix only the y range, and so on).
	Window Window
	// YScale is the y-axis scale of line charts. For Loss, ScaleAuto means
	// log when the positive losses span at least two decades.
	YScale Scale
	// Resolution is the number of samples per axis of a landscape grid
	// (default 128 in 2-D, 400 in 1-D).
	Resolution int
	// Levels are explicit contour levels; when empty, NumLevels levels are
	// spaced according to LevelScale.
	Levels []float64
	// NumLevels is the number of automatic contour levels (default 15).
	NumLevels int
	// LevelScale spaces automatic contour levels (and the colours of a
	// heat map): ScaleAuto picks log for landscapes with a narrow valley
	// such as Rosenbrock.
	LevelScale Scale
	// HeatMap shades the landscape with colours under its contour lines,
	// with a colour key right of the plot.
	HeatMap bool
	// NoLegend hides the legend.
	NoLegend bool
	// LegendOutside puts the legend right of the plot, in a margin kept
	// for it, instead of inside the data area where it hides the least;
	// use it when the data fill the whole plot. On a Grid it draws one
	// legend for all panels, right of them, taken from the first panel
	// that has one (the panels' own legends are left out).
	LegendOutside bool
	// ColorKeyLabels, for a heat map whose values are the categories 0,
	// 1, 2, … (such as the index of the minimum a start reaches), names
	// them: the colour key then shows one swatch per label instead of a
	// scale of values.
	ColorKeyLabels []string
	// ColorOffset shifts the series colours: series i takes
	// SeriesColor(ColorOffset + i), so that a panel showing only the third
	// optimizer can draw it in the third colour, as in the loss figure.
	ColorOffset int
	// StepsPerEpoch, when positive, makes the x axis of a loss curve count
	// epochs (step / StepsPerEpoch).
	StepsPerEpoch int
	// EvalsPerStep, when positive, makes the x axis of a loss curve count
	// evaluations (step × EvalsPerStep), e.g. the batch size.
	EvalsPerStep float64
	// WithLoss gives a Live figure a second panel, right of the landscape:
	// the loss curve of each trajectory, redrawn with every frame. The
	// image is then two panels side by side, DefaultLiveLossWidth ×
	// DefaultHeight px unless Width and Height say otherwise; YScale,
	// StepsPerEpoch and EvalsPerStep apply to the loss panel.
	WithLoss bool
	// Steps is the number of steps of a schedule figure (default 100).
	Steps int
	// Frames is the number of frames of an animation (default 60); the
	// last frame always shows the complete trajectories.
	Frames int
	// FrameDelay is the delay between animation frames in hundredths of a
	// second (default 5).
	FrameDelay int
	// ValueFormat is the fmt verb that prints the value on top of each bar
	// of a bar chart (default "%.3g"; "" keeps the default, "-" prints no
	// values).
	ValueFormat string
	// Cache keeps landscape grids, contour lines and backgrounds between
	// figures; nil means the package's shared cache (see SharedCache).
	Cache *Cache
}

// size returns the image size, applying defaults, or an error.
func (o Options) size(defW, defH int) (int, int, error) {
	w, h := o.Width, o.Height
	if w == 0 {
		w = defW
	}
	if h == 0 {
		h = defH
	}
	if w < MinSize || w > MaxSize || h < MinSize || h > MaxSize {
		return 0, 0, fmt.Errorf("size %d×%d px is outside %d…%d px", w, h, MinSize, MaxSize)
	}
	return w, h, nil
}

// resolution returns the number of samples per axis, applying def.
func (o Options) resolution(def int) (int, error) {
	n := o.Resolution
	if n == 0 {
		n = def
	}
	if n < 2 || n > MaxResolution {
		return 0, fmt.Errorf("resolution %d is outside 2…%d", n, MaxResolution)
	}
	return n, nil
}

// cache returns the cache to use.
func (o Options) cache() *Cache {
	if o.Cache != nil {
		return o.Cache
	}
	return sharedCache
}

// orDefault returns s unless it is empty.
func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
