package figure

import (
	"image"
	"image/color"
	"math"
	"slices"
)

// quantizer maps frames drawn over one background to a fixed palette of at
// most 256 colours: the reserved colours (trajectory colours, black,
// white, ...) exactly, plus a median-cut palette of the background. Each
// background pixel's index is computed once; a frame pixel that still
// equals the background reuses it, and any other colour is matched to its
// nearest palette entry once and remembered.
type quantizer struct {
	palette []color.RGBA
	// transparent is the index of the fully transparent entry (−1: none);
	// it is never chosen for a pixel.
	transparent int
	bg          []uint8 // background pixels (RGBA, tightly packed)
	bgIndex     []uint8 // palette index of each background pixel
	lookup      map[uint32]uint8
}

// newQuantizer builds the palette for frames over bg. reserved colours
// come first and are kept exactly; with transparent, entry 0 is a fully
// transparent colour (for GIF frames that only update part of the image).
func newQuantizer(bg *image.RGBA, reserved []color.RGBA, transparent bool) *quantizer {
	q := &quantizer{transparent: -1, lookup: map[uint32]uint8{}}
	if transparent {
		q.palette = append(q.palette, color.RGBA{})
		q.transparent = 0
	}
	seen := map[uint32]bool{}
	for _, c := range reserved {
		c.A = 255
		if k := rgbKey(c.R, c.G, c.B); !seen[k] && len(q.palette) < maxPaletteSize {
			seen[k] = true
			q.palette = append(q.palette, c)
		}
	}
	w, h := bg.Rect.Dx(), bg.Rect.Dy()
	q.bg = make([]uint8, 4*w*h)
	for y := range h {
		copy(q.bg[4*w*y:4*w*(y+1)], bg.Pix[y*bg.Stride:y*bg.Stride+4*w])
	}
	hist := map[uint32]int{}
	for i := 0; i < len(q.bg); i += 4 {
		hist[rgbKey(q.bg[i], q.bg[i+1], q.bg[i+2])]++
	}
	for k := range seen {
		delete(hist, k)
	}
	q.palette = append(q.palette, medianCut(hist, maxPaletteSize-len(q.palette))...)
	q.bgIndex = make([]uint8, w*h)
	for i := range q.bgIndex {
		q.bgIndex[i] = q.nearest(q.bg[4*i], q.bg[4*i+1], q.bg[4*i+2])
	}
	return q
}

// rgbKey packs a colour into a map key.
func rgbKey(r, g, b uint8) uint32 { return uint32(r)<<16 | uint32(g)<<8 | uint32(b) }

// nearest returns the index of the palette colour closest to (r, g, b), in
// squared RGB distance, remembering the answer.
func (q *quantizer) nearest(r, g, b uint8) uint8 {
	k := rgbKey(r, g, b)
	if i, ok := q.lookup[k]; ok {
		return i
	}
	best, bestD := 0, -1
	for i, c := range q.palette {
		if i == q.transparent {
			continue
		}
		dr, dg, db := int(c.R)-int(r), int(c.G)-int(g), int(c.B)-int(b)
		d := 2*dr*dr + 4*dg*dg + 3*db*db
		if bestD < 0 || d < bestD {
			best, bestD = i, d
		}
	}
	q.lookup[k] = uint8(best)
	return uint8(best)
}

// index writes the palette index of every pixel of img (the size of the
// background) into dst, row-major.
func (q *quantizer) index(img *image.RGBA, dst []uint8) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	for y := range h {
		row := img.Pix[y*img.Stride : y*img.Stride+4*w]
		bgRow := q.bg[4*w*y : 4*w*(y+1)]
		out := dst[w*y : w*(y+1)]
		idx := q.bgIndex[w*y : w*(y+1)]
		for x := range w {
			p := row[4*x : 4*x+3]
			b := bgRow[4*x : 4*x+3]
			if p[0] == b[0] && p[1] == b[1] && p[2] == b[2] {
				out[x] = idx[x]
				continue
			}
			out[x] = q.nearest(p[0], p[1], p[2])
		}
	}
}

// colourCount is one colour of a histogram.
type colourCount struct {
	c [3]uint8
	n int
}

// medianCut reduces the colours of hist to at most n representatives:
// boxes of colours are split, the one with the widest channel range
// (weighted by its pixel count) first, at the weighted median of that
// channel, and each final box contributes its weighted mean colour.
func medianCut(hist map[uint32]int, n int) []color.RGBA {
	if n <= 0 || len(hist) == 0 {
		return nil
	}
	all := make([]colourCount, 0, len(hist))
	for k, cnt := range hist {
		all = append(all, colourCount{c: [3]uint8{uint8(k >> 16), uint8(k >> 8), uint8(k)}, n: cnt})
	}
	// Sort for a deterministic result (map order is random).
	slices.SortFunc(all, func(a, b colourCount) int {
		return int(rgbKey(a.c[0], a.c[1], a.c[2])) - int(rgbKey(b.c[0], b.c[1], b.c[2]))
	})
	if len(all) <= n {
		out := make([]color.RGBA, len(all))
		for i, cc := range all {
			out[i] = color.RGBA{cc.c[0], cc.c[1], cc.c[2], 255}
		}
		return out
	}
	boxes := [][]colourCount{all}
	for len(boxes) < n {
		bi, axis, score := -1, 0, 0.0
		for i, b := range boxes {
			if len(b) < 2 {
				continue
			}
			ax, rng := widestChannel(b)
			total := 0
			for _, cc := range b {
				total += cc.n
			}
			// range² · √pixels keeps large flat areas from taking every split.
			if s := float64(rng*rng) * math.Sqrt(float64(total)); rng > 0 && s > score {
				bi, axis, score = i, ax, s
			}
		}
		if bi < 0 {
			break
		}
		b := boxes[bi]
		slices.SortFunc(b, func(x, y colourCount) int { return int(x.c[axis]) - int(y.c[axis]) })
		total := 0
		for _, cc := range b {
			total += cc.n
		}
		cut, acc := 1, 0
		for i, cc := range b {
			acc += cc.n
			if acc*2 >= total {
				cut = min(max(i+1, 1), len(b)-1)
				break
			}
		}
		boxes[bi] = b[:cut]
		boxes = append(boxes, b[cut:])
	}
	out := make([]color.RGBA, 0, len(boxes))
	for _, b := range boxes {
		var sr, sg, sb, total int
		for _, cc := range b {
			sr += int(cc.c[0]) * cc.n
			sg += int(cc.c[1]) * cc.n
			sb += int(cc.c[2]) * cc.n
			total += cc.n
		}
		out = append(out, color.RGBA{uint8(sr / total), uint8(sg / total), uint8(sb / total), 255})
	}
	return out
}

// widestChannel returns the channel with the largest range in b and that
// range.
func widestChannel(b []colourCount) (axis, rng int) {
	for ax := range 3 {
		lo, hi := 255, 0
		for _, cc := range b {
			v := int(cc.c[ax])
			lo, hi = min(lo, v), max(hi, v)
		}
		if hi-lo > rng {
			axis, rng = ax, hi-lo
		}
	}
	return axis, rng
}
