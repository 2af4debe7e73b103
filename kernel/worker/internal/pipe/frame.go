package pipe

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
)

// MaxFrame bounds a frame's payload; a longer length means the stream is
// corrupt (or a display is absurdly large) and the connection is dropped.
const MaxFrame = 256 << 20

// HeaderSize is the size of the length prefix.
const HeaderSize = 4

// ErrFrameTooLarge reports a length prefix beyond MaxFrame.
var ErrFrameTooLarge = errors.New("frame larger than 256 MiB")

// Encode returns v as one frame.
func Encode(v any) ([]byte, error) {
	payload, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode frame: %w", err)
	}
	if len(payload) > MaxFrame {
		return nil, ErrFrameTooLarge
	}
	b := make([]byte, HeaderSize+len(payload))
	binary.BigEndian.PutUint32(b, uint32(len(payload)))
	copy(b[HeaderSize:], payload)
	return b, nil
}

// Next splits the first whole frame off buf. It returns the payload
// and the bytes after it, or ok=false when buf does not yet hold a whole
// frame.
func Next(buf []byte) (payload, rest []byte, ok bool, err error) {
	if len(buf) < HeaderSize {
		return nil, buf, false, nil
	}
	n := binary.BigEndian.Uint32(buf)
	if n > MaxFrame {
		return nil, buf, false, ErrFrameTooLarge
	}
	end := HeaderSize + int(n)
	if len(buf) < end {
		return nil, buf, false, nil
	}
	return buf[HeaderSize:end], buf[end:], true, nil
}

// Reader reads frames from a blocking stream (the worker's request
// pipe).
type Reader struct {
	r      io.Reader
	header [HeaderSize]byte
	buf    []byte
}

// NewReader returns a Reader of the frames in r.
func NewReader(r io.Reader) *Reader { return &Reader{r: r} }

// Receive decodes the next frame into v. It returns io.EOF at a clean end of
// stream and io.ErrUnexpectedEOF when the stream ends inside a frame.
func (fr *Reader) Receive(v any) error {
	if _, err := io.ReadFull(fr.r, fr.header[:]); err != nil {
		return err
	}
	n := binary.BigEndian.Uint32(fr.header[:])
	if n > MaxFrame {
		return ErrFrameTooLarge
	}
	if cap(fr.buf) < int(n) {
		fr.buf = make([]byte, n)
	}
	fr.buf = fr.buf[:n]
	if _, err := io.ReadFull(fr.r, fr.buf); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return err
	}
	if err := json.Unmarshal(fr.buf, v); err != nil {
		return fmt.Errorf("decode frame: %w", err)
	}
	return nil
}

// Writer writes whole frames to w, one at a time, for any number of
// goroutines.
type Writer struct {
	mu sync.Mutex
	w  io.Writer
}

// NewWriter returns a Writer of frames to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: w} }

// Send encodes v and writes it as one frame.
func (fw *Writer) Send(v any) error {
	b, err := Encode(v)
	if err != nil {
		return err
	}
	fw.mu.Lock()
	defer fw.mu.Unlock()
	_, err = fw.w.Write(b)
	return err
}
