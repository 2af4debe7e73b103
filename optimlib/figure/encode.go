package figure

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/color"
	"sync"
)

// pngEncoder holds the buffers of one PNG encoding; encoders are pooled so
// that repeated frames allocate almost nothing. The encoder is written for
// speed over size: rows use the Sub filter, chosen once rather than per row
// (image/png tries five filters on every row), and zlib runs at its fastest
// level; on plot images the file is about the same size as image/png's at
// BestSpeed (see BenchmarkEncodePNG for the times).
type pngEncoder struct {
	raw []byte
	out bytes.Buffer
	zw  *zlib.Writer
}

// encoderPool recycles pngEncoders; a sync.Pool is safe for concurrent use.
var encoderPool = sync.Pool{New: func() any { return new(pngEncoder) }}

// PNG header and chunk constants.
const (
	pngSignature   = "\x89PNG\r\n\x1a\n"
	pngColorRGB    = 2
	pngColorIndex  = 3
	pngFilterNone  = 0
	pngFilterSub   = 1
	maxPaletteSize = 256
)

// encodeRGB encodes the opaque image img as an 8-bit RGB PNG (alpha is
// dropped: figures are drawn on an opaque background).
func encodeRGB(img *image.RGBA) ([]byte, error) {
	w, h := img.Rect.Dx(), img.Rect.Dy()
	if w <= 0 || h <= 0 {
		return nil, errors.New("encode PNG: empty image")
	}
	e := encoderPool.Get().(*pngEncoder)
	defer encoderPool.Put(e)
	rowLen := 1 + 3*w
	e.raw = grow(e.raw, rowLen*h)
	for y := range h {
		src := img.Pix[y*img.Stride : y*img.Stride+4*w]
		dst := e.raw[y*rowLen : (y+1)*rowLen]
		dst[0] = pngFilterSub
		dst[1], dst[2], dst[3] = src[0], src[1], src[2]
		for x := 1; x < w; x++ {
			s, d := src[4*x:4*x+3], dst[1+3*x:4+3*x]
			p := src[4*x-4 : 4*x-1]
			d[0], d[1], d[2] = s[0]-p[0], s[1]-p[1], s[2]-p[2]
		}
	}
	return e.finish(w, h, pngColorRGB, nil)
}

// encodeIndexed encodes a w×h image of palette indices (row-major, stride
// w) as an 8-bit indexed PNG.
func encodeIndexed(idx []uint8, w, h int, pal []color.RGBA) ([]byte, error) {
	if w <= 0 || h <= 0 || len(idx) < w*h {
		return nil, errors.New("encode PNG: empty image")
	}
	if len(pal) == 0 || len(pal) > maxPaletteSize {
		return nil, fmt.Errorf("encode PNG: palette of %d colours", len(pal))
	}
	e := encoderPool.Get().(*pngEncoder)
	defer encoderPool.Put(e)
	rowLen := 1 + w
	e.raw = grow(e.raw, rowLen*h)
	for y := range h {
		e.raw[y*rowLen] = pngFilterNone
		copy(e.raw[y*rowLen+1:(y+1)*rowLen], idx[y*w:(y+1)*w])
	}
	plte := make([]byte, 3*len(pal))
	for i, c := range pal {
		plte[3*i], plte[3*i+1], plte[3*i+2] = c.R, c.G, c.B
	}
	return e.finish(w, h, pngColorIndex, plte)
}

// finish compresses e.raw and writes the whole file.
func (e *pngEncoder) finish(w, h int, colorType byte, plte []byte) ([]byte, error) {
	e.out.Reset()
	e.out.WriteString(pngSignature)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8] = 8 // bit depth
	ihdr[9] = colorType
	writeChunk(&e.out, "IHDR", ihdr[:])
	if plte != nil {
		writeChunk(&e.out, "PLTE", plte)
	}
	// Compress into the output buffer after a placeholder chunk header,
	// then fill in the length.
	start := e.out.Len()
	e.out.Write([]byte{0, 0, 0, 0, 'I', 'D', 'A', 'T'})
	if e.zw == nil {
		zw, err := zlib.NewWriterLevel(&e.out, zlib.BestSpeed)
		if err != nil {
			return nil, fmt.Errorf("encode PNG: %w", err)
		}
		e.zw = zw
	} else {
		e.zw.Reset(&e.out)
	}
	if _, err := e.zw.Write(e.raw); err != nil {
		return nil, fmt.Errorf("encode PNG: %w", err)
	}
	if err := e.zw.Close(); err != nil {
		return nil, fmt.Errorf("encode PNG: %w", err)
	}
	b := e.out.Bytes()
	n := len(b) - start - 8
	binary.BigEndian.PutUint32(b[start:], uint32(n))
	var crc [4]byte
	binary.BigEndian.PutUint32(crc[:], crc32.ChecksumIEEE(b[start+4:]))
	e.out.Write(crc[:])
	writeChunk(&e.out, "IEND", nil)
	return bytes.Clone(e.out.Bytes()), nil
}

// writeChunk appends one PNG chunk: length, type, data, CRC of type+data.
func writeChunk(b *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	b.Write(n[:])
	crc := crc32.Update(crc32.ChecksumIEEE([]byte(typ)), crc32.IEEETable, data)
	b.WriteString(typ)
	b.Write(data)
	binary.BigEndian.PutUint32(n[:], crc)
	b.Write(n[:])
}

// grow returns buf resized to n bytes, reusing its storage when possible.
func grow(buf []byte, n int) []byte {
	if cap(buf) < n {
		return make([]byte, n)
	}
	return buf[:n]
}
