package transport

import (
	"errors"
	"net"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
)

// listener accepts connections in a goroutine of its own and runs each
// one's ZMTP handshake in another, with a deadline. zmq4 runs the handshake
// of each connection inside its accept loop, without a deadline: a client
// that connects and sends nothing would keep every later client out. Here
// zmq4's Accept gets only connections whose greeting and READY command have
// arrived, and replays that handshake from memory without waiting.
type listener struct {
	raw    net.Listener
	limits Limits
	// sockType is the type of the zmq4 socket listening; a peer whose
	// type does not go with it is refused here (zmq4 would refuse it but
	// leave its connection open).
	sockType zmq4.SocketType

	ready chan net.Conn
	done  chan struct{}
	once  sync.Once

	mu      sync.Mutex
	pending map[net.Conn]time.Time // connections in their handshake, since when
}

// maxPendingHandshakes bounds the connections in their handshake at once:
// beyond it the oldest is closed, so that connections that send nothing
// cannot pile up until the process runs out of file descriptors. A front
// end finishes its handshake in a millisecond.
const maxPendingHandshakes = 256

func newListener(raw net.Listener, sockType zmq4.SocketType, limits Limits) *listener {
	l := &listener{raw: raw, limits: limits, sockType: sockType, ready: make(chan net.Conn), done: make(chan struct{}),
		pending: map[net.Conn]time.Time{}}
	go l.acceptLoop()
	return l
}

// Accept returns the next connection that has completed its handshake.
func (l *listener) Accept() (net.Conn, error) {
	select {
	case c := <-l.ready:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close stops accepting; connections still in their handshake are closed.
func (l *listener) Close() error {
	var err error
	l.once.Do(func() {
		close(l.done)
		err = l.raw.Close()
	})
	return err
}

// Addr is the listening address.
func (l *listener) Addr() net.Addr { return l.raw.Addr() }

func (l *listener) closed() bool {
	select {
	case <-l.done:
		return true
	default:
		return false
	}
}

// acceptLoop accepts connections until the listener is closed, backing off
// when accepting fails (out of file descriptors, say) instead of spinning.
func (l *listener) acceptLoop() {
	var delay time.Duration
	for {
		c, err := l.raw.Accept()
		if err != nil {
			if l.closed() || errors.Is(err, net.ErrClosed) {
				return
			}
			delay = min(max(2*delay, 5*time.Millisecond), time.Second)
			l.limits.Log.Warn("transport: accept failed; retrying", "err", err, "in", delay)
			select {
			case <-time.After(delay):
			case <-l.done:
				return
			}
			continue
		}
		delay = 0
		l.admit(c)
		go l.handshake(c)
	}
}

// admit records c as in its handshake, closing the oldest pending
// connection when there are too many.
func (l *listener) admit(c net.Conn) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.pending) >= maxPendingHandshakes {
		var oldest net.Conn
		var since time.Time
		for p, t := range l.pending {
			if oldest == nil || t.Before(since) {
				oldest, since = p, t
			}
		}
		oldest.Close() // its handshake fails and it is forgotten
		delete(l.pending, oldest)
		l.limits.Log.Warn("transport: too many connections in their handshake; closed the oldest",
			"peer", oldest.RemoteAddr().String(), "waiting", time.Since(since).Round(time.Millisecond))
	}
	l.pending[c] = time.Now()
}

// handshake reads the peer's half of the handshake and hands the
// connection to zmq4, or closes it.
func (l *listener) handshake(c net.Conn) {
	hello, err := readHello(c, l.limits.HandshakeTimeout)
	l.mu.Lock()
	delete(l.pending, c)
	l.mu.Unlock()
	if err == nil && l.sockType != "" && !l.sockType.IsCompatible(zmq4.SocketType(hello.socketType)) {
		err = errors.New("transport: a " + hello.socketType + " peer cannot talk to a " + string(l.sockType) + " socket")
	}
	if err != nil {
		c.Close()
		if !l.closed() {
			l.limits.Log.Info("transport: closed a connection whose handshake failed", "peer", c.RemoteAddr().String(), "err", err)
		}
		return
	}
	wrapped := newConn(c, l.limits, &hello)
	select {
	case l.ready <- wrapped:
	case <-l.done:
		wrapped.q.abort(net.ErrClosed)
	}
}
