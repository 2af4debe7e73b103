package kernel

import (
	"sync"

	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// queuedRequest is a shell request waiting for the execution loop.
type queuedRequest struct {
	ch      *channel
	msg     *wire.Message
	aborted bool // an earlier cell failed with stop_on_error
}

// requestQueue is the unbounded FIFO between the shell receiver and the
// execution loop. Keeping requests here, rather than in the socket, lets a
// failed cell abort the execute requests that are already waiting.
type requestQueue struct {
	mu     sync.Mutex
	items  []*queuedRequest
	closed bool
	ready  chan struct{} // holds a token while items may be non-empty
}

func newRequestQueue() *requestQueue {
	return &requestQueue{ready: make(chan struct{}, 1)}
}

// push appends a request; it is dropped once the queue is closed.
func (q *requestQueue) push(ch *channel, m *wire.Message) {
	q.mu.Lock()
	if !q.closed {
		q.items = append(q.items, &queuedRequest{ch: ch, msg: m})
	}
	q.mu.Unlock()
	q.signal()
}

func (q *requestQueue) signal() {
	select {
	case q.ready <- struct{}{}:
	default:
	}
}

// pop blocks until a request is available or the queue is closed.
func (q *requestQueue) pop() (*queuedRequest, bool) {
	for {
		q.mu.Lock()
		if q.closed {
			q.mu.Unlock()
			return nil, false
		}
		if len(q.items) > 0 {
			it := q.items[0]
			q.items[0] = nil
			q.items = q.items[1:]
			q.mu.Unlock()
			return it, true
		}
		q.mu.Unlock()
		<-q.ready
	}
}

// abortExecutes marks every queued execute_request as aborted and returns
// how many it marked.
func (q *requestQueue) abortExecutes() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	n := 0
	for _, it := range q.items {
		if it.msg.Header.MsgType == "execute_request" && !it.aborted {
			it.aborted = true
			n++
		}
	}
	return n
}

// len returns the number of waiting requests.
func (q *requestQueue) len() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.items)
}

// close wakes the execution loop and makes it return.
func (q *requestQueue) close() {
	q.mu.Lock()
	q.closed = true
	q.items = nil
	q.mu.Unlock()
	q.signal()
}
