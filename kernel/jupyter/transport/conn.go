package transport

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"sync"
)

// readBufferSize is the read buffer of a connection; a typical Jupyter
// message fits in it whole.
const readBufferSize = 32 << 10

// conn is what zmq4 sees of a connection: reads come through a buffer and
// the frame-size guard, writes are gathered into whole messages and queued
// for the peer's own writer goroutine.
type conn struct {
	net.Conn
	in     io.Reader
	frames *frameReader
	out    *messageWriter
	q      *peerQueue
	limits Limits

	mu   sync.Mutex
	skip []byte // the part of zmq4's greeting still to be checked and swallowed

	refuseOnce sync.Once
}

// newConn wraps c. hello is the handshake the listener already read from
// the peer (nil for a connection we dialed): zmq4 reads it again from
// memory, and the greeting zmq4 writes is swallowed, since the listener
// sent the same bytes already.
func newConn(c net.Conn, limits Limits, hello *peerHello) *conn {
	w := &conn{Conn: c, limits: limits, q: newPeerQueue(c, limits)}
	src := bufio.NewReaderSize(c, readBufferSize)
	greeting := greetingSize
	if hello != nil {
		greeting = 0
		w.skip = ourGreeting()
	}
	subscriptionsOnly := hello != nil && (hello.socketType == "SUB" || hello.socketType == "XSUB")
	w.frames = newFrameReader(src, greeting, limits.MaxMessageSize, subscriptionsOnly)
	w.frames.onDrop = func() {
		limits.Log.Warn("transport: dropping messages other than subscriptions from a subscriber", "peer", w.q.peerName())
	}
	w.in = w.frames
	if hello != nil {
		w.in = io.MultiReader(bytes.NewReader(hello.raw), w.frames)
	}
	w.out = newMessageWriter(w.q.push, greeting)
	return w
}

// Read reads through the buffer and the frame guard. Only zmq4's
// connection goroutine reads.
func (c *conn) Read(p []byte) (int, error) {
	n, err := c.in.Read(p)
	var refused *refusedFrame
	if errors.As(err, &refused) {
		c.refuseOnce.Do(func() {
			c.limits.Log.Warn(refused.Error(), "peer", c.q.peerName())
			c.q.abort(refused)
		})
	}
	return n, err
}

// Write gathers p into whole messages and queues them for the peer; it
// never waits for the peer.
func (c *conn) Write(p []byte) (int, error) {
	c.mu.Lock()
	skipped := 0
	if len(c.skip) > 0 {
		k := min(len(c.skip), len(p))
		if !bytes.Equal(p[:k], c.skip[:k]) {
			c.mu.Unlock()
			err := errors.New("transport: zmq4 sent a greeting other than the one the listener sent for it")
			c.limits.Log.Error(err.Error())
			c.q.abort(err)
			return 0, err
		}
		c.skip = c.skip[k:]
		p, skipped = p[k:], k
	}
	c.mu.Unlock()
	if len(p) == 0 {
		return skipped, nil
	}
	n, err := c.out.Write(p)
	return skipped + n, err
}

// Close closes the connection once what is queued for the peer is written
// (see Drain); it does not wait.
func (c *conn) Close() error {
	c.q.close()
	return nil
}
