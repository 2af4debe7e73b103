package figure

import (
	"image"
	"image/color"
	"testing"
)

func TestMedianCut(t *testing.T) {
	// A gradient of 256 greys, equally common, cut into 16 boxes: each
	// box holds 16 consecutive greys and its mean is the middle one.
	hist := map[uint32]int{}
	for v := range 256 {
		hist[rgbKey(uint8(v), uint8(v), uint8(v))] = 1
	}
	pal := medianCut(hist, 16)
	if len(pal) != 16 {
		t.Fatalf("%d colours, want 16", len(pal))
	}
	seen := map[uint8]bool{}
	for _, c := range pal {
		if c.R != c.G || c.G != c.B {
			t.Errorf("%v is not grey", c)
		}
		if c.R%16 != 7 {
			t.Errorf("grey %d is not the mean of a box of 16 (7, 23, 39, …)", c.R)
		}
		seen[c.R] = true
	}
	if len(seen) != 16 {
		t.Errorf("%d distinct greys, want 16", len(seen))
	}
	// Few colours are kept exactly.
	small := map[uint32]int{rgbKey(1, 2, 3): 5, rgbKey(200, 100, 0): 1}
	if got := medianCut(small, 16); len(got) != 2 {
		t.Errorf("2 colours gave %v", got)
	}
}

func TestQuantizerKeepsReservedColoursAndBackground(t *testing.T) {
	bg := image.NewRGBA(image.Rect(0, 0, 64, 32))
	for y := range 32 {
		for x := range 64 {
			// Red is 0 like the trajectory's, so only green and blue
			// tell them apart.
			bg.SetRGBA(x, y, color.RGBA{0, uint8(4 * x), uint8(8 * y), 255})
		}
	}
	blue := SeriesColor(0)
	q := newQuantizer(bg, []color.RGBA{blue, white}, true)
	if q.palette[0].A != 0 || q.transparent != 0 {
		t.Fatalf("entry 0 = %v, want the transparent colour", q.palette[0])
	}
	if len(q.palette) > 256 {
		t.Fatalf("%d colours", len(q.palette))
	}
	frame := image.NewRGBA(bg.Rect)
	copy(frame.Pix, bg.Pix)
	for x := 10; x < 50; x++ {
		frame.SetRGBA(x, 16, blue)
	}
	idx := make([]uint8, 64*32)
	q.index(frame, idx)
	for i, v := range idx {
		x, y := i%64, i/64
		if v == 0 {
			t.Fatalf("pixel (%d, %d) mapped to the transparent entry", x, y)
		}
		got := q.palette[v]
		if y == 16 && x >= 10 && x < 50 {
			if got != blue {
				t.Fatalf("trajectory pixel (%d, %d) = %v, want exactly %v", x, y, got, blue)
			}
			continue
		}
		// 2048 background colours in 253 entries: each within a small
		// distance of its original.
		want := bg.RGBAAt(x, y)
		if d := absDiff(got.R, want.R) + absDiff(got.G, want.G) + absDiff(got.B, want.B); d > 40 {
			t.Fatalf("background pixel (%d, %d) = %v, want near %v", x, y, got, want)
		}
	}
}
