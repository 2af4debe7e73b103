package worker

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
)

// Frames between the supervisor and the worker process are a 4-byte
// big-endian length followed by that many bytes of JSON. A frame is written
// with one write call, so that writers serialised by a mutex never
// interleave.

// maxFrame bounds a frame's payload; a longer length means the stream is
// corrupt (or a display is absurdly large) and the connection is dropped.
const maxFrame = 256 << 20

// frameHeader is the size of the length prefix.
const frameHeader = 4

// errFrameTooLarge reports a length prefix beyond maxFrame.
var errFrameTooLarge = errors.New("frame larger than 256 MiB")

// encodeFrame returns v as one frame.
func encodeFrame(v any) ([]byte, error) {
	payload, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode frame: %w", err)
	}
	if len(payload) > maxFrame {
		return nil, errFrameTooLarge
	}
	b := make([]byte, frameHeader+len(payload))
	binary.BigEndian.PutUint32(b, uint32(len(payload)))
	copy(b[frameHeader:], payload)
	return b, nil
}

// nextFrame splits the first whole frame off buf. It returns the payload
// and the bytes after it, or ok=false when buf does not yet hold a whole
// frame.
func nextFrame(buf []byte) (payload, rest []byte, ok bool, err error) {
	if len(buf) < frameHeader {
		return nil, buf, false, nil
	}
	n := binary.BigEndian.Uint32(buf)
	if n > maxFrame {
		return nil, buf, false, errFrameTooLarge
	}
	end := frameHeader + int(n)
	if len(buf) < end {
		return nil, buf, false, nil
	}
	return buf[frameHeader:end], buf[end:], true, nil
}

// frameReader reads frames from a blocking stream (the worker's request
// pipe).
type frameReader struct {
	r      io.Reader
	header [frameHeader]byte
	buf    []byte
}

// read decodes the next frame into v. It returns io.EOF at a clean end of
// stream and io.ErrUnexpectedEOF when the stream ends inside a frame.
func (fr *frameReader) read(v any) error {
	if _, err := io.ReadFull(fr.r, fr.header[:]); err != nil {
		return err
	}
	n := binary.BigEndian.Uint32(fr.header[:])
	if n > maxFrame {
		return errFrameTooLarge
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

// frameWriter writes whole frames to w, one at a time, for any number of
// goroutines.
type frameWriter struct {
	mu sync.Mutex
	w  io.Writer
}

// write encodes v and writes it as one frame.
func (fw *frameWriter) write(v any) error {
	b, err := encodeFrame(v)
	if err != nil {
		return err
	}
	fw.mu.Lock()
	defer fw.mu.Unlock()
	_, err = fw.w.Write(b)
	return err
}
