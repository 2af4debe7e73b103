package runner

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"github.com/descentlab/descent/kernel/worker/internal/pipe"
)

// errSupervisorGone is returned by a link whose request stream has ended:
// the kernel process is gone and the worker should exit.
var errSupervisorGone = errors.New("the kernel process closed the connection")

// link is the worker's end of the connection to the supervisor: it writes
// reports and routes the answers (acks, input replies) to the goroutine
// waiting for them. Other requests go to the work channel.
type link struct {
	out *pipe.Writer

	// xmu makes exchanges one at a time: while a report waits for its
	// answer no other output can overtake it.
	xmu     sync.Mutex
	nextID  atomic.Uint64
	pmu     sync.Mutex
	pending map[uint64]chan pipe.Request

	// lastStream is the stream (streamStdout or streamStderr) interpreted
	// code wrote to since the last exchange, or streamNone.
	lastStream atomic.Int32

	gone     chan struct{} // closed when the request stream ends
	goneOnce sync.Once
}

// newLink returns a link writing reports to w.
func newLink(w io.Writer) *link {
	return &link{out: pipe.NewWriter(w), pending: map[uint64]chan pipe.Request{}, gone: make(chan struct{})}
}

// send writes one report without waiting for an answer.
func (l *link) send(r pipe.Report) error {
	if err := l.out.Send(r); err != nil {
		return fmt.Errorf("write to the kernel process: %w", err)
	}
	return nil
}

// exchange writes r with a fresh ID and waits for the supervisor's answer
// with that ID. cancel, when not nil, abandons the wait (the answer, if it
// comes, is dropped).
func (l *link) exchange(r pipe.Report, cancel <-chan struct{}) (pipe.Request, error) {
	l.xmu.Lock()
	defer l.xmu.Unlock()
	r.ID = l.nextID.Add(1)
	answer := make(chan pipe.Request, 1)
	l.pmu.Lock()
	l.pending[r.ID] = answer
	l.pmu.Unlock()
	defer func() {
		l.pmu.Lock()
		delete(l.pending, r.ID)
		l.pmu.Unlock()
	}()
	if err := l.send(r); err != nil {
		return pipe.Request{}, err
	}
	select {
	case a := <-answer:
		// The supervisor has delivered everything written before r.
		l.lastStream.Store(streamNone)
		return a, nil
	case <-l.gone:
		return pipe.Request{}, errSupervisorGone
	case <-cancel:
		return pipe.Request{}, errInterrupted
	}
}

// answer hands an ack or input reply to the exchange waiting for it; an
// answer nobody waits for any more is dropped.
func (l *link) answer(a pipe.Request) {
	l.pmu.Lock()
	ch := l.pending[a.ID]
	l.pmu.Unlock()
	if ch != nil {
		ch <- a
	}
}

// close marks the request stream as ended, releasing every waiter.
func (l *link) close() { l.goneOnce.Do(func() { close(l.gone) }) }

// requestHandlers receive the requests that are not a cell, on the
// reading goroutine: they must not block.
type requestHandlers struct {
	interrupt func()
	// query answers completion, inspection and comm info requests; it
	// runs in a goroutine of its own, so they are answered while a cell
	// runs.
	query func(pipe.Request)
	// comm takes a comm message from the front end.
	comm func(pipe.Request)
	// commCount returns how many comm messages were taken so far.
	commCount func() uint64
}

// work is a cell to run, and how many comm messages arrived before it: the
// cell runs after they are delivered.
type work struct {
	req        pipe.Request
	commsFirst uint64
}

// nextWork reads frames from fr until one is work for the worker (a cell),
// handing answers to their waiters and everything else to h. It never
// blocks on a busy worker, so acks, interrupts and comm messages get
// through while a cell runs. When the request stream ends it closes the
// link and returns io.EOF (or the read error).
func (l *link) nextWork(fr *pipe.Reader, h requestHandlers) (work, error) {
	for {
		var req pipe.Request
		if err := fr.Receive(&req); err != nil {
			l.close()
			return work{}, err
		}
		switch req.Op {
		case pipe.OpAck, pipe.OpInput:
			l.answer(req)
		case pipe.OpInterrupt:
			h.interrupt()
		case pipe.OpComplete, pipe.OpInspect, pipe.OpCommInfo:
			go h.query(req)
		case pipe.OpComm:
			h.comm(req)
		default:
			return work{req: req, commsFirst: h.commCount()}, nil
		}
	}
}
