package figure

import (
	"bytes"
	"image"
	"image/draw"
	"image/gif"
	"strings"
	"testing"
)

// decodeGIF decodes an animated GIF and returns it with the frames
// composed in order (each drawn over the last, as a viewer shows them).
func decodeGIF(t *testing.T, b []byte) (*gif.GIF, []*image.RGBA) {
	t.Helper()
	g, err := gif.DecodeAll(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode GIF: %v", err)
	}
	canvas := image.NewRGBA(image.Rect(0, 0, g.Config.Width, g.Config.Height))
	var shown []*image.RGBA
	for _, fr := range g.Image {
		draw.Draw(canvas, fr.Bounds(), fr, fr.Bounds().Min, draw.Over)
		shown = append(shown, image.NewRGBA(canvas.Rect))
		copy(shown[len(shown)-1].Pix, canvas.Pix)
	}
	return g, shown
}

func TestAnimationFramesRace(t *testing.T) {
	a := line("alpha", -1.5, 2.6, 1.5, 2.6, 200)
	b := line("beta", -1.5, -0.6, -0.5, -0.6, 50) // shorter: finishes early
	anim := AnimateFunc(rosenSurface(), Options{Frames: 12, Cache: NewCache(0)}, a, b)
	data := anim.GIF()
	g, shown := decodeGIF(t, data)
	if len(g.Image) != 12 || anim.Frames() != 12 {
		t.Fatalf("%d frames, want 12", len(g.Image))
	}
	if g.Config.Width != 600 || g.Config.Height != 400 || g.LoopCount != 0 {
		t.Errorf("config %d×%d loop %d", g.Config.Width, g.Config.Height, g.LoopCount)
	}
	if g.Delay[0] != DefaultFrameDelay || g.Delay[11] != lastFrameDelay {
		t.Errorf("delays %v, want %d then %d for the last", g.Delay, DefaultFrameDelay, lastFrameDelay)
	}
	for k := 1; k < 12; k++ {
		if g.Image[k].Bounds() == image.Rect(0, 0, 600, 400) {
			t.Errorf("frame %d is whole; later frames should hold only what changed", k)
		}
	}
	m := newPixelMap(t, anim.fig)
	drawn := func(img image.Image, p Path, colour, k int) bool {
		x, y := m.at(p.X[k], p.Y[k])
		return colourNear(img, x, y, 1, SeriesColor(colour), 8)
	}
	// Frame 3 (0-based) shows ⌈4·200/12⌉ = 67 points: alpha to point 66,
	// beta (50 points) complete.
	for _, tc := range []struct {
		frame  int
		p      Path
		colour int
		k      int
		want   bool
	}{
		{3, a, 0, 30, true}, {3, a, 60, 0, true}, {3, a, 0, 120, false}, {3, a, 0, 190, false},
		{3, b, 1, 45, true},
		{11, a, 0, 120, true}, {11, a, 0, 190, true}, {11, b, 1, 10, true},
	} {
		if tc.k == 0 {
			tc.k, tc.colour = 60, 0
		}
		if got := drawn(shown[tc.frame], tc.p, tc.colour, tc.k); got != tc.want {
			t.Errorf("frame %d: %s point %d drawn = %v, want %v", tc.frame, tc.p.Name, tc.k, got, tc.want)
		}
	}
	if again := anim.GIF(); &again[0] != &data[0] {
		t.Error("the GIF was rendered twice")
	}
}

func TestAnimationOptionsAndErrors(t *testing.T) {
	p := line("p", 0, 0, 1, 1, 20)
	if n := AnimateFunc(rosenSurface(), Options{Cache: NewCache(0)}, p).Frames(); n != DefaultFrames {
		t.Errorf("default frames %d, want %d", n, DefaultFrames)
	}
	for _, tc := range []struct {
		name string
		a    *Animation
		want string
	}{
		{"negative frames", AnimateFunc(rosenSurface(), Options{Frames: -1}, p), "frames"},
		{"too many frames", AnimateFunc(rosenSurface(), Options{Frames: MaxFrames + 1}, p), "frames"},
		{"negative delay", AnimateFunc(rosenSurface(), Options{FrameDelay: -3}, p), "delay"},
		{"bad surface", AnimateFunc(Surface{}, Options{}, p), "no function"},
		{"zero value", &Animation{}, "not made"},
	} {
		err := tc.a.Err()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Err() = %v, want %q", tc.name, err, tc.want)
		}
		if tc.a.GIF() != nil || !strings.Contains(tc.a.String(), "error") {
			t.Errorf("%s: a failed animation rendered or hid its error", tc.name)
		}
	}
	a := AnimateFunc(rosenSurface(), Options{Frames: 2, Cache: NewCache(0)}, p)
	dir := t.TempDir()
	if err := a.Save(dir + "/a.png"); err == nil {
		t.Error("saved a GIF as .png")
	}
	if err := a.Save(dir + "/a.gif"); err != nil {
		t.Error(err)
	}
}

func TestAnimateCurve(t *testing.T) {
	it := Path{Name: "GD", X: []float64{1.6, 1.3, 1.1, 1.0, 0.97}}
	g, _ := decodeGIF(t, AnimateCurve(doubleWell(), Options{Frames: 5, Cache: NewCache(0)}, it).GIF())
	if len(g.Image) != 5 {
		t.Errorf("%d frames, want 5", len(g.Image))
	}
}
