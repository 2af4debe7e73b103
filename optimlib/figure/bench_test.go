package figure

import (
	"bytes"
	"image/color"
	"image/png"
	"math"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/descentlab/descent/optimlib"
)

// benchRuns are four 1,000-step runs on Rosenbrock, the standard figure's
// trajectories.
func benchRuns(b *testing.B) (*optimlib.Landscape, []*optimlib.Result) {
	b.Helper()
	land := optimlib.Rosenbrock(2)
	var runs []*optimlib.Result
	for _, o := range []optimlib.Optimizer{optimlib.NewGD(0.001), optimlib.NewMomentum(0.001),
		optimlib.NewAdam(0.05), optimlib.NewRMSprop(0.01)} {
		r := optimlib.Minimize(land, o, land.Start, 1000)
		if r.Trace.Len() < 1000 {
			b.Fatalf("%s: trace of %d points, want ≥ 1000", r.Optimizer, r.Trace.Len())
		}
		runs = append(runs, r)
	}
	return land, runs
}

// reportMS adds a ms/op column.
func reportMS(b *testing.B) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/op")
}

// gonumGrid adapts plain slices to gonum's GridXYZ for the reference.
type gonumGrid struct {
	xs, ys, z []float64
}

func (g gonumGrid) Dims() (int, int)   { return len(g.xs), len(g.ys) }
func (g gonumGrid) Z(c, r int) float64 { return g.z[r*len(g.xs)+c] }
func (g gonumGrid) X(c int) float64    { return g.xs[c] }
func (g gonumGrid) Y(r int) float64    { return g.ys[r] }

// gonumReference renders the standard figure with plain gonum/plot: the
// grid sampled by the landscape, the same levels and colours, four lines,
// PNG through plot.WriterTo.
func gonumReference(land *optimlib.Landscape, runs []*optimlib.Result, levels []float64) ([]byte, error) {
	xs, ys, z := land.Grid(DefaultResolution, DefaultResolution, optimlib.Window{})
	p := plot.New()
	p.Title.Text = land.Name
	pal := viridisPalette(len(levels))
	p.Add(plotter.NewContour(gonumGrid{xs, ys, z}, levels, pal))
	for i, r := range runs {
		tr := r.Trace
		pts := make(plotter.XYs, tr.Len())
		for k, x := range tr.Xs() {
			pts[k].X = x
		}
		for k, y := range tr.Ys() {
			pts[k].Y = y
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			return nil, err
		}
		l.Color = SeriesColor(i)
		l.Width = vg.Points(pathWidth)
		p.Add(l)
		p.Legend.Add(r.Optimizer, l)
	}
	w := land.Window
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = w.XMin, w.XMax, w.YMin, w.YMax
	wt, err := p.WriterTo(pxLen(DefaultWidth), pxLen(DefaultHeight), "png")
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// BenchmarkStandardFigure is the 600×400 contour of Rosenbrock with four
// 1,000-point trajectories, encoded as PNG: warm (the landscape's grid,
// contours and background are cached, as when a cell is run again), cold
// (an empty cache each time), and the same figure drawn by plain
// gonum/plot for reference.
func BenchmarkStandardFigure(b *testing.B) {
	land, runs := benchRuns(b)
	b.Run("warm", func(b *testing.B) {
		cache := NewCache(0)
		if len(Contour(land, Options{Cache: cache}, runs...).PNG()) == 0 {
			b.Fatal("no PNG")
		}
		for b.Loop() {
			if len(Contour(land, Options{Cache: cache}, runs...).PNG()) == 0 {
				b.Fatal("no PNG")
			}
		}
		reportMS(b)
	})
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			if len(Contour(land, Options{Cache: NewCache(0)}, runs...).PNG()) == 0 {
				b.Fatal("no PNG")
			}
		}
		reportMS(b)
	})
	b.Run("gonum-reference", func(b *testing.B) {
		s, _ := SurfaceOf(land)
		g, err := SampleSurface(s.F, s.Window, DefaultResolution, DefaultResolution)
		if err != nil {
			b.Fatal(err)
		}
		levels, _, err := chooseLevels(g, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			if _, err := gonumReference(land, runs, levels); err != nil {
				b.Fatal(err)
			}
		}
		reportMS(b)
	})
	b.Run("svg-warm", func(b *testing.B) {
		cache := NewCache(0)
		for b.Loop() {
			if Contour(land, Options{Cache: cache}, runs...).SVG() == "" {
				b.Fatal("no SVG")
			}
		}
		reportMS(b)
	})
}

// BenchmarkLiveFrame renders one live frame of four trajectories of 1,000
// points over Rosenbrock (after a first frame has built the background and
// palette), and, as "final", the exact full-colour frame; the "-with-loss"
// cases do the same for the 960×400 figure with the loss curves beside
// the landscape (Options.WithLoss).
func BenchmarkLiveFrame(b *testing.B) {
	land, runs := benchRuns(b)
	names := make([]string, len(runs))
	for i, r := range runs {
		names[i] = r.Optimizer
	}
	for _, bc := range []struct {
		suffix string
		opt    Options
	}{
		{"", Options{Cache: NewCache(0)}},
		{"-with-loss", Options{WithLoss: true, Cache: NewCache(0)}},
	} {
		lv := NewLive(land, bc.opt, names...)
		for i, r := range runs {
			losses := r.Trace.Losses()
			for k := range r.Trace.Len() {
				lv.Record(i, k, r.Trace.Point(k), losses[k])
			}
		}
		if len(lv.PNG()) == 0 {
			b.Fatal(lv.Err())
		}
		b.Run("frame"+bc.suffix, func(b *testing.B) {
			for b.Loop() {
				if len(lv.PNG()) == 0 {
					b.Fatal("no frame")
				}
			}
			reportMS(b)
		})
		b.Run("final"+bc.suffix, func(b *testing.B) {
			fin := lv.Final()
			for b.Loop() {
				if len(fin.PNG()) == 0 {
					b.Fatal("no final frame")
				}
			}
			reportMS(b)
		})
	}
}

// BenchmarkAnimation renders the 60-frame GIF of the four runs racing.
func BenchmarkAnimation(b *testing.B) {
	land, runs := benchRuns(b)
	cache := NewCache(0)
	var size int
	for b.Loop() {
		g := Animate(land, Options{Cache: cache}, runs...).GIF()
		if len(g) == 0 {
			b.Fatal("no GIF")
		}
		size = len(g)
	}
	reportMS(b)
	b.ReportMetric(float64(size), "bytes")
}

// BenchmarkLossFigure draws four loss curves of 1,000 points on a log axis.
func BenchmarkLossFigure(b *testing.B) {
	_, runs := benchRuns(b)
	for b.Loop() {
		if len(Loss(Options{}, runs...).PNG()) == 0 {
			b.Fatal("no PNG")
		}
	}
	reportMS(b)
}

// BenchmarkEncodePNG encodes the standard figure's image with this
// package's encoder and, for reference, with image/png at BestSpeed and at
// its default level.
func BenchmarkEncodePNG(b *testing.B) {
	land, runs := benchRuns(b)
	img, err := Contour(land, Options{Cache: NewCache(0)}, runs...).Image()
	if err != nil {
		b.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		enc  func() (int, error)
	}{
		{"figure", func() (int, error) { p, err := encodeRGB(img); return len(p), err }},
		{"image-png-bestspeed", func() (int, error) {
			var buf bytes.Buffer
			err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img)
			return buf.Len(), err
		}},
		{"image-png-default", func() (int, error) {
			var buf bytes.Buffer
			err := png.Encode(&buf, img)
			return buf.Len(), err
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var size int
			for b.Loop() {
				n, err := tc.enc()
				if err != nil {
					b.Fatal(err)
				}
				size = n
			}
			reportMS(b)
			b.ReportMetric(float64(size), "bytes")
		})
	}
}

// viridisPalette adapts Viridis to gonum's palette.Palette for the
// reference render.
type viridisPalette int

func (n viridisPalette) Colors() []color.Color {
	out := make([]color.Color, int(n))
	for i := range out {
		out[i] = Viridis(float64(i) / math.Max(1, float64(n-1)))
	}
	return out
}
