package transport

import (
	"bufio"
	"encoding/binary"
	"fmt"
)

// maxSubscription bounds a subscription message from a SUB peer: a flag
// byte and a topic prefix (Jupyter subscribes to "").
const maxSubscription = 4 << 10

// frameReader follows the ZMTP framing of what a peer sends and lets zmq4
// read it unchanged, except that it refuses a frame that would take the
// message over max bytes before zmq4 sees the frame's size: zmq4 allocates
// whatever size a frame header announces (2^60 bytes panics the process, 64
// GB exhausts the machine). A refusal is an error for every later read.
//
// With subscriptionsOnly (the peer is a SUB socket talking to our PUB), it
// also drops, unread by zmq4, every message that is not a subscription:
// zmq4's PUB socket queues such messages for a Recv that a publisher never
// calls, and the peer's reading goroutine then blocks forever, holding the
// message.
type frameReader struct {
	src               *bufio.Reader
	max               int64
	subscriptionsOnly bool

	greeting int    // greeting bytes still to pass through
	header   int    // header bytes of the current frame still to pass
	body     uint64 // body bytes of the current frame still to pass
	more     bool   // the current frame's message goes on after it
	msg      int64  // what the current message has been charged so far
	dropped  int    // messages dropped by the subscription filter
	err      error

	// onDrop is called when the subscription filter drops its first
	// message.
	onDrop func()
}

// newFrameReader returns a reader of src positioned greeting bytes before
// the first frame.
func newFrameReader(src *bufio.Reader, greeting int, max int64, subscriptionsOnly bool) *frameReader {
	return &frameReader{src: src, greeting: greeting, max: max, subscriptionsOnly: subscriptionsOnly}
}

// refusedFrame is the error of a frame the reader refused. It is a
// net.Error that is not a timeout, so that zmq4 takes the connection as
// closed and forgets it.
type refusedFrame struct{ reason string }

func (e *refusedFrame) Error() string   { return "transport: " + e.reason }
func (e *refusedFrame) Timeout() bool   { return false }
func (e *refusedFrame) Temporary() bool { return false }

// Read implements io.Reader.
func (r *frameReader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	var limit int
	switch {
	case r.greeting > 0:
		limit = r.greeting
	case r.header > 0:
		limit = r.header
	case r.body > 0:
		limit = int(min(r.body, uint64(len(p))))
	default:
		if err := r.nextFrame(); err != nil {
			r.err = err
			return 0, err
		}
		limit = r.header
	}
	n, err := r.src.Read(p[:min(len(p), limit)])
	switch {
	case r.greeting > 0:
		r.greeting -= n
	case r.header > 0:
		r.header -= n
	default:
		r.body -= uint64(n)
	}
	return n, err
}

// nextFrame reads ahead the header of the next frame that zmq4 is to see,
// checks its size against the message bound and, for a SUB peer, drops the
// messages that are not subscriptions.
func (r *frameReader) nextFrame() error {
	for {
		flags, size, hlen, err := r.peekHeader()
		if err != nil {
			return err
		}
		if r.msg == 0 {
			// A new message starts here.
			if r.subscriptionsOnly {
				ok, err := r.isSubscription(flags, size, hlen)
				if err != nil {
					return err
				}
				if !ok {
					if err := r.dropMessage(); err != nil {
						return err
					}
					continue
				}
			}
		}
		r.msg += frameCost
		if size > uint64(r.max) || r.msg+int64(size) > r.max {
			return &refusedFrame{fmt.Sprintf("a message of more than %d bytes (a frame announces %d bytes); the connection was closed", r.max, size)}
		}
		r.msg += int64(size)
		r.header, r.body, r.more = hlen, size, flags&flagMore != 0
		if !r.more {
			r.msg = 0 // the next frame starts a new message
		}
		return nil
	}
}

// peekHeader reads ahead the frame header at the head of the buffered
// input without consuming it.
func (r *frameReader) peekHeader() (flags byte, size uint64, hlen int, err error) {
	b, err := r.src.Peek(2)
	if err != nil {
		return 0, 0, 0, err
	}
	flags, hlen, size = b[0], 2, uint64(b[1])
	if flags&flagLong != 0 {
		hlen = 9
		if b, err = r.src.Peek(9); err != nil {
			return 0, 0, 0, err
		}
		size = binary.BigEndian.Uint64(b[1:9])
	}
	return flags, size, hlen, nil
}

// isSubscription reports whether the frame at the head of the input is a
// whole subscription message: one frame, not a command, a flag byte of 0
// or 1 and a short topic.
func (r *frameReader) isSubscription(flags byte, size uint64, hlen int) (bool, error) {
	if flags&(flagMore|flagCommand) != 0 || size < 1 || size > maxSubscription {
		return false, nil
	}
	b, err := r.src.Peek(hlen + 1)
	if err != nil {
		return false, err
	}
	return b[hlen] <= 1, nil
}

// dropMessage consumes the message at the head of the input, frame by
// frame, without allocating for it.
func (r *frameReader) dropMessage() error {
	var charged int64
	for {
		flags, size, hlen, err := r.peekHeader()
		if err != nil {
			return err
		}
		charged += frameCost + int64(min(size, uint64(r.max)+1))
		if size > uint64(r.max) || charged > r.max {
			return &refusedFrame{fmt.Sprintf("a message of more than %d bytes (a frame announces %d bytes); the connection was closed", r.max, size)}
		}
		if _, err := r.src.Discard(hlen); err != nil {
			return err
		}
		if _, err := r.src.Discard(int(size)); err != nil {
			return err
		}
		if flags&flagMore == 0 {
			r.dropped++
			if r.dropped == 1 && r.onDrop != nil {
				r.onDrop()
			}
			return nil
		}
	}
}
