package transport

import (
	"encoding/binary"
	"sync"
)

// ZMTP 3 framing (RFC 23/ZMTP): a 64-byte greeting, then frames. A frame is
// a flags byte, a size (one byte, or eight big-endian bytes when the LONG
// flag is set) and the body. A message is a run of frames ending with one
// whose MORE flag is clear; a command is a single frame.
const (
	greetingSize = 64
	flagMore     = 0x01
	flagLong     = 0x02
)

// maxHeld bounds what a messageWriter holds: a bigger message is written in
// pieces, as it would be without the writer.
const maxHeld = 256 << 10

// messageWriter holds what zmq4 writes until the bytes complete a ZMTP
// message (or the greeting), then hands them to emit in one piece, which
// then owns them. It follows the framing byte by byte, so it never holds a
// complete message back, whatever the sizes of the writes.
type messageWriter struct {
	mu   sync.Mutex
	emit func([]byte) error
	buf  []byte

	greeting int    // greeting bytes still to come
	hdr      []byte // the frame header read so far
	body     uint64 // body bytes of the current frame still to come
	more     bool   // the current frame is not its message's last
}

// newMessageWriter returns a writer whose stream starts with greeting
// bytes of ZMTP greeting (0 when the greeting is sent another way).
func newMessageWriter(emit func([]byte) error, greeting int) *messageWriter {
	return &messageWriter{emit: emit, greeting: greeting, hdr: make([]byte, 0, 9)}
}

// Write takes p and writes out every message it completes.
func (w *messageWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	boundary := -1 // the end of the last complete message in buf
	base := len(w.buf)
	w.buf = append(w.buf, p...)
	for i := 0; i < len(p); {
		switch {
		case w.greeting > 0:
			k := min(w.greeting, len(p)-i)
			w.greeting -= k
			i += k
			if w.greeting == 0 {
				boundary = base + i
			}
		case w.body > 0:
			k := min(w.body, uint64(len(p)-i))
			w.body -= k
			i += int(k)
			if w.body == 0 && !w.more {
				boundary = base + i
			}
		default:
			w.hdr = append(w.hdr, p[i])
			i++
			need := 2
			if w.hdr[0]&flagLong != 0 {
				need = 9
			}
			if len(w.hdr) < need {
				continue
			}
			if need == 2 {
				w.body = uint64(w.hdr[1])
			} else {
				w.body = binary.BigEndian.Uint64(w.hdr[1:])
			}
			w.more = w.hdr[0]&flagMore != 0
			w.hdr = w.hdr[:0]
			if w.body == 0 && !w.more {
				boundary = base + i
			}
		}
	}
	if len(w.buf) > maxHeld {
		boundary = len(w.buf)
	}
	if boundary < 0 {
		return len(p), nil
	}
	out, rest := w.buf[:boundary:boundary], w.buf[boundary:]
	w.buf = nil
	if len(rest) > 0 {
		w.buf = append(make([]byte, 0, max(len(rest), 512)), rest...)
	}
	if err := w.emit(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
