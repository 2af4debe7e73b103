package figure

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"
)

func TestEncodeRGBRoundTrips(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 37, 23))
	for y := range 23 {
		for x := range 37 {
			img.SetRGBA(x, y, color.RGBA{uint8(x * 7), uint8(y * 11), uint8(x*y + 3), 255})
		}
	}
	// A sub-image has a stride wider than its rows.
	sub := img.SubImage(image.Rect(5, 4, 30, 20)).(*image.RGBA)
	for _, src := range []*image.RGBA{img, sub} {
		b, err := encodeRGB(src)
		if err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		if got.Bounds().Dx() != src.Rect.Dx() || got.Bounds().Dy() != src.Rect.Dy() {
			t.Fatalf("decoded %v, want %v", got.Bounds(), src.Rect)
		}
		for y := range src.Rect.Dy() {
			for x := range src.Rect.Dx() {
				want := src.RGBAAt(src.Rect.Min.X+x, src.Rect.Min.Y+y)
				if c := rgbAt(got, x, y); c != want {
					t.Fatalf("pixel (%d, %d) = %v, want %v", x, y, c, want)
				}
			}
		}
	}
	if _, err := encodeRGB(image.NewRGBA(image.Rect(0, 0, 0, 5))); err == nil {
		t.Error("an empty image encoded")
	}
}

func TestEncodeIndexedRoundTrips(t *testing.T) {
	pal := []color.RGBA{{255, 255, 255, 255}, {0, 114, 178, 255}, {213, 94, 0, 255}}
	w, h := 9, 4
	idx := make([]uint8, w*h)
	for i := range idx {
		idx[i] = uint8(i % 3)
	}
	b, err := encodeIndexed(idx, w, h, pal)
	if err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got.(*image.Paletted); !ok {
		t.Errorf("decoded a %T, want a paletted image", got)
	}
	for i := range idx {
		if c := rgbAt(got, i%w, i/w); c != pal[idx[i]] {
			t.Fatalf("pixel %d = %v, want %v", i, c, pal[idx[i]])
		}
	}
	for _, tc := range []struct {
		name string
		idx  []uint8
		pal  []color.RGBA
	}{{"short", idx[:5], pal}, {"no palette", idx, nil}, {"huge palette", idx, make([]color.RGBA, 300)}} {
		if _, err := encodeIndexed(tc.idx, w, h, tc.pal); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}
