package transport

import (
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// writeChunk is the most a peer's writer hands to one system call: the
// write timeout is renewed for each chunk, so a slow but live peer is not
// taken for a stalled one in the middle of a big message.
const writeChunk = 1 << 20

// inlineWait bounds a write made in the writer's own goroutine: a message
// for a peer with nothing queued is written at once, without waking the
// peer's writer goroutine, unless the peer's socket buffer is full; then
// the rest waits in the queue. A peer that has just stopped reading costs
// the others this much, once.
const inlineWait = time.Millisecond

// closeLinger is how long a closed connection may take to write out what
// is queued for it before it is closed anyway.
const closeLinger = 2 * time.Second

// totalQueued is what is queued for all peers of the process, in bytes.
var totalQueued atomic.Int64

// lingering counts the connections closed by zmq4 that are still writing
// out their queue; Drain waits for them. (A sync.WaitGroup would not do:
// connections close while Drain waits.)
var lingering struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to zero
}

func lingerStart() {
	lingering.mu.Lock()
	if lingering.n == 0 {
		lingering.idle = make(chan struct{})
	}
	lingering.n++
	lingering.mu.Unlock()
}

func lingerDone() {
	lingering.mu.Lock()
	lingering.n--
	if lingering.n == 0 {
		close(lingering.idle)
	}
	lingering.mu.Unlock()
}

// Drain waits until every connection closed so far has written out what was
// queued for it, or until timeout. A program calls it before it exits, so
// that its last replies are not lost with the process.
func Drain(timeout time.Duration) bool {
	t := time.NewTimer(timeout)
	defer t.Stop()
	for {
		lingering.mu.Lock()
		if lingering.n == 0 {
			lingering.mu.Unlock()
			return true
		}
		idle := lingering.idle
		lingering.mu.Unlock()
		select {
		case <-idle:
		case <-t.C:
			return false
		}
	}
}

// peerQueue holds the messages written to one peer and writes them out from
// a goroutine of its own (a message for a peer with nothing queued is
// written at once, within inlineWait). A write to it never waits for the
// peer: zmq4
// writes to its peers one after another while holding a socket-wide lock,
// so a peer that stops reading would otherwise hold up every other peer's
// replies, interrupts and heartbeats. A peer that falls MaxQueued bytes
// behind, or takes no bytes for WriteTimeout, is disconnected (a ZeroMQ
// client reconnects by itself, as after libzmq drops it).
type peerQueue struct {
	c      net.Conn
	limits Limits

	mu      sync.Mutex
	bufs    [][]byte
	queued  int64     // bytes in bufs and in the write under way
	writing time.Time // when the write under way began; zero when idle
	inline  bool      // push is writing a message itself
	closing bool      // write out what is queued, then close
	err     error     // why the queue stopped; later writes fail with it
	wake    chan struct{}
	done    chan struct{} // closed when the writer goroutine has ended
}

func newPeerQueue(c net.Conn, limits Limits) *peerQueue {
	q := &peerQueue{c: c, limits: limits, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go q.run()
	return q
}

// stalledPeer is the error of writes to a peer that was disconnected for
// not reading. It is a net.Error that is not a timeout, so that zmq4 takes
// the connection as closed.
type stalledPeer struct{ reason string }

func (e *stalledPeer) Error() string   { return "transport: " + e.reason }
func (e *stalledPeer) Timeout() bool   { return false }
func (e *stalledPeer) Temporary() bool { return false }

// errQueueClosed is the error of writes after Close.
var errQueueClosed = net.ErrClosed

// push queues b, which the queue now owns.
func (q *peerQueue) push(b []byte) error {
	n := int64(len(b))
	q.mu.Lock()
	if q.err != nil {
		err := q.err
		q.mu.Unlock()
		return err
	}
	if q.closing {
		q.mu.Unlock()
		return errQueueClosed
	}
	if q.queued > 0 {
		var reason string
		switch {
		case q.queued+n > q.limits.MaxQueued:
			reason = fmt.Sprintf("the peer %s fell more than %d bytes behind; its connection was closed", q.peerName(), q.limits.MaxQueued)
		case totalQueued.Load()+n > maxQueuedTotal && !q.writing.IsZero() && time.Since(q.writing) > time.Second:
			reason = fmt.Sprintf("the peer %s is not reading while %d bytes wait for all peers; its connection was closed", q.peerName(), totalQueued.Load())
		}
		if reason != "" {
			err := q.failLocked(&stalledPeer{reason})
			q.mu.Unlock()
			q.limits.Log.Warn(reason)
			return err
		}
	}
	if q.queued == 0 {
		return q.writeInlineLocked(b)
	}
	q.bufs = append(q.bufs, b)
	q.queued += n
	totalQueued.Add(n)
	q.mu.Unlock()
	q.signal()
	return nil
}

// writeInlineLocked writes b from the calling goroutine, when nothing is
// queued or being written; what the peer does not take within inlineWait
// goes to the head of the queue. It is called with q.mu held and releases
// it.
func (q *peerQueue) writeInlineLocked(b []byte) error {
	n := int64(len(b))
	q.queued += n
	totalQueued.Add(n)
	q.inline, q.writing = true, time.Now()
	q.mu.Unlock()
	var written int
	err := q.c.SetWriteDeadline(time.Now().Add(inlineWait))
	if err == nil {
		written, err = q.c.Write(b)
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	defer q.signal() // the writer waits while an inline write is under way
	q.inline, q.writing = false, time.Time{}
	if q.err != nil {
		return q.err // aborted meanwhile; the counts were reset
	}
	q.queued -= int64(written)
	totalQueued.Add(-int64(written))
	switch {
	case err == nil:
		return nil
	case errors.Is(err, os.ErrDeadlineExceeded):
		// The peer's buffer is full: the rest goes first in the queue.
		q.bufs = append([][]byte{b[written:]}, q.bufs...)
		return nil
	}
	return q.failLocked(err)
}

func (q *peerQueue) signal() {
	select {
	case q.wake <- struct{}{}:
	default:
	}
}

func (q *peerQueue) peerName() string {
	if a := q.c.RemoteAddr(); a != nil && a.String() != "" {
		return a.String()
	}
	return "(local socket)"
}

// failLocked stops the queue with err and closes the connection.
func (q *peerQueue) failLocked(err error) error {
	if q.err == nil {
		q.err = err
		totalQueued.Add(-q.queued)
		q.queued, q.bufs = 0, nil
		q.c.Close()
		q.signal()
	}
	return q.err
}

// abort closes the connection at once, dropping what is queued.
func (q *peerQueue) abort(err error) {
	q.mu.Lock()
	q.failLocked(err)
	q.mu.Unlock()
}

// close closes the connection once what is queued is written, or after
// closeLinger; it does not wait.
func (q *peerQueue) close() {
	q.mu.Lock()
	if q.closing || q.err != nil {
		q.mu.Unlock()
		return
	}
	q.closing = true
	q.mu.Unlock()
	lingerStart()
	t := time.AfterFunc(closeLinger, func() { q.abort(net.ErrClosed) })
	go func() {
		<-q.done
		t.Stop()
		lingerDone()
	}()
	q.signal()
}

// run writes out the queue until the connection fails or is closed.
func (q *peerQueue) run() {
	defer close(q.done)
	for {
		q.mu.Lock()
		for q.err == nil && (q.inline || len(q.bufs) == 0 && !q.closing) {
			q.mu.Unlock()
			<-q.wake
			q.mu.Lock()
		}
		if q.err != nil {
			q.mu.Unlock()
			return
		}
		if len(q.bufs) == 0 { // closing, and everything is written
			q.failLocked(net.ErrClosed)
			q.mu.Unlock()
			return
		}
		chunk := q.takeChunkLocked()
		q.writing = time.Now()
		q.mu.Unlock()

		var n int64
		err := q.c.SetWriteDeadline(time.Now().Add(q.limits.WriteTimeout))
		if err == nil {
			n, err = chunk.WriteTo(q.c)
		}

		q.mu.Lock()
		q.writing = time.Time{}
		if q.err == nil {
			q.queued -= n
			totalQueued.Add(-n)
		}
		if err != nil {
			if errors.Is(err, os.ErrDeadlineExceeded) {
				reason := fmt.Sprintf("the peer %s took no bytes for %v; its connection was closed", q.peerName(), q.limits.WriteTimeout)
				err = &stalledPeer{reason}
				q.limits.Log.Warn(reason)
			}
			q.failLocked(err)
			q.mu.Unlock()
			return
		}
		q.mu.Unlock()
	}
}

// takeChunkLocked removes up to writeChunk bytes from the head of the
// queue (at least one buffer, or the first writeChunk bytes of it).
func (q *peerQueue) takeChunkLocked() net.Buffers {
	var out net.Buffers
	size := 0
	for len(q.bufs) > 0 {
		b := q.bufs[0]
		if size > 0 && size+len(b) > writeChunk {
			break
		}
		if len(b) > writeChunk {
			out = append(out, b[:writeChunk])
			q.bufs[0] = b[writeChunk:]
			break
		}
		out = append(out, b)
		q.bufs[0] = nil
		q.bufs = q.bufs[1:]
		size += len(b)
	}
	if len(q.bufs) == 0 {
		q.bufs = nil // let the backing array go
	}
	return out
}
