package figure

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// lastFrameDelay is how long an animation holds its last frame, in
// hundredths of a second.
const lastFrameDelay = 200

// Animation is an animated GIF of trajectories drawn over a landscape,
// all advancing together (a race): frame k of F shows the first
// ⌈(k+1)·n/F⌉ points of each trajectory, where n is the length of the
// longest, so shorter runs finish early. It loops forever and holds the
// last frame, which shows the complete trajectories, for two seconds. A
// notebook shows it through its GIF method (MIME type image/gif).
type Animation struct {
	mu     sync.Mutex
	fig    *Figure
	frames int
	delay  int
	gif    []byte
	err    error
}

// AnimateFunc returns the animation of paths racing over the surface s
// (see ContourFunc for the figure and Options.Frames and
// Options.FrameDelay for the timing). The GIF is rendered on first use.
func AnimateFunc(s Surface, opt Options, paths ...Path) *Animation {
	return newAnimation(ContourFunc(s, opt, paths...), opt)
}

// AnimateCurve returns the animation of the iterates of paths on the 1-D
// landscape c (see Landscape1DFunc).
func AnimateCurve(c Curve, opt Options, paths ...Path) *Animation {
	return newAnimation(Landscape1DFunc(c, opt, paths...), opt)
}

// newAnimation checks the timing options.
func newAnimation(fig *Figure, opt Options) *Animation {
	a := &Animation{fig: fig, frames: opt.Frames, delay: opt.FrameDelay}
	if a.frames == 0 {
		a.frames = DefaultFrames
	}
	if a.delay == 0 {
		a.delay = DefaultFrameDelay
	}
	switch {
	case fig.err != nil:
		a.err = fig.err
	case a.frames < 1 || a.frames > MaxFrames:
		a.err = fmt.Errorf("animation: %d frames is outside 1…%d", a.frames, MaxFrames)
	case a.delay < 0:
		a.err = fmt.Errorf("animation: negative frame delay %d", a.delay)
	}
	return a
}

// Err returns why the animation cannot be drawn, or nil.
func (a *Animation) Err() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.errLocked()
}

// errLocked is Err for a caller that holds a.mu.
func (a *Animation) errLocked() error {
	if a.fig == nil && a.err == nil {
		return errors.New("animation: not made by Animate, AnimateFunc or AnimateCurve")
	}
	return a.err
}

// Frames returns the number of frames.
func (a *Animation) Frames() int { return a.frames }

// String describes the animation.
func (a *Animation) String() string {
	if err := a.Err(); err != nil {
		return "animation; error: " + err.Error()
	}
	return fmt.Sprintf("animation of %s, %d frames at %d/100 s", a.fig, a.frames, a.delay)
}

// GIF returns the animated GIF, or nil when it cannot be drawn (see Err).
func (a *Animation) GIF() []byte {
	b, err := a.EncodeGIF()
	if err != nil {
		return nil
	}
	return b
}

// Save writes the animated GIF to path (which must end in .gif).
func (a *Animation) Save(path string) error {
	if ext := strings.ToLower(filepath.Ext(path)); ext != ".gif" {
		return fmt.Errorf("save %s: an animation is saved as .gif, not %q", path, ext)
	}
	b, err := a.EncodeGIF()
	if err != nil {
		return fmt.Errorf("save %s: %w", path, err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("save animation: %w", err)
	}
	return nil
}

// EncodeGIF renders the animation (once; later calls return the same
// bytes) or says why it cannot.
func (a *Animation) EncodeGIF() ([]byte, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.errLocked(); err != nil {
		return nil, err
	}
	if a.gif != nil {
		return a.gif, nil
	}
	b, err := a.render()
	if err != nil {
		a.err = err
		return nil, err
	}
	a.gif = b
	return b, nil
}

// render draws every frame and encodes the GIF. The first frame is whole;
// each later one holds only the rectangle that changed since the previous
// frame, with unchanged pixels in it transparent, which keeps the file
// small.
func (a *Animation) render() ([]byte, error) {
	f := a.fig
	f.mu.Lock()
	defer f.mu.Unlock()
	lines, lb := overlayLines(f.panel)
	full := make([]int, len(lines))
	longest := 0
	for i, l := range lines {
		full[i] = l.n
		longest = max(longest, l.n)
	}
	defer func() {
		for i, l := range lines {
			l.n = full[i]
		}
	}()
	if lb != nil {
		lb.whole = true
		defer func() { lb.whole = false }()
	}
	fr := frameRenderer{panel: f.panel, w: f.width, h: f.height, cache: f.cache}
	if err := fr.init(reservedColours(lines), true); err != nil {
		return nil, fmt.Errorf("animation: %w", err)
	}
	pal := make(color.Palette, len(fr.quant.palette))
	for i, c := range fr.quant.palette {
		pal[i] = c
	}
	out := &gif.GIF{Config: image.Config{ColorModel: pal, Width: f.width, Height: f.height}}
	prev := make([]uint8, len(fr.idx))
	for k := range a.frames {
		for i, l := range lines {
			shown := (k + 1) * longest / a.frames
			if (k+1)*longest%a.frames != 0 {
				shown++
			}
			l.n = min(full[i], shown)
		}
		if err := fr.draw(); err != nil {
			return nil, fmt.Errorf("animation frame %d: %w", k, err)
		}
		var frame *image.Paletted
		if k == 0 {
			frame = &image.Paletted{Pix: append([]uint8(nil), fr.idx...), Stride: f.width,
				Rect: image.Rect(0, 0, f.width, f.height), Palette: pal}
		} else {
			frame = deltaFrame(fr.idx, prev, f.width, f.height, uint8(fr.quant.transparent), pal)
		}
		copy(prev, fr.idx)
		delay := a.delay
		if k == a.frames-1 {
			delay = max(delay, lastFrameDelay)
		}
		out.Image = append(out.Image, frame)
		out.Delay = append(out.Delay, delay)
		out.Disposal = append(out.Disposal, gif.DisposalNone)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, out); err != nil {
		return nil, fmt.Errorf("animation: encode GIF: %w", err)
	}
	return buf.Bytes(), nil
}

// deltaFrame returns the smallest rectangle of cur that differs from prev,
// with the pixels that did not change set to the transparent index (a 1×1
// transparent frame when nothing changed).
func deltaFrame(cur, prev []uint8, w, h int, transparent uint8, pal color.Palette) *image.Paletted {
	x0, y0, x1, y1 := w, h, -1, -1
	for y := range h {
		row, prow := cur[y*w:(y+1)*w], prev[y*w:(y+1)*w]
		for x := range w {
			if row[x] != prow[x] {
				x0, x1 = min(x0, x), max(x1, x)
				y0, y1 = min(y0, y), max(y1, y)
			}
		}
	}
	if x1 < 0 {
		return &image.Paletted{Pix: []uint8{transparent}, Stride: 1, Rect: image.Rect(0, 0, 1, 1), Palette: pal}
	}
	r := image.Rect(x0, y0, x1+1, y1+1)
	fw := r.Dx()
	pix := make([]uint8, fw*r.Dy())
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			v := cur[y*w+x]
			if v == prev[y*w+x] {
				v = transparent
			}
			pix[(y-r.Min.Y)*fw+x-r.Min.X] = v
		}
	}
	return &image.Paletted{Pix: pix, Stride: fw, Rect: r, Palette: pal}
}
