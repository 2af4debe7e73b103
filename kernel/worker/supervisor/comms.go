package supervisor

import (
	"errors"
	"sync"

	"github.com/descentlab/descent/kernel/worker"
	"github.com/descentlab/descent/kernel/worker/internal/pipe"
)

// ErrNoWorker is the error of a comm message that arrives when no worker is
// ready: there are no comms to deliver it to (a fresh worker has none).
var ErrNoWorker = errors.New("no worker process is running: its comms are gone")

// commCall is a comm message sent to the worker and not yet complete.
type commCall struct {
	call *worker.CommCall
	h    worker.Handler

	doneSeen     bool // OpCommDone arrived
	pending      bool // its callbacks were postponed
	callbacksRan bool // their OpCallbacksDone arrived
}

// idleHandler receives the events that belong to no cell and no comm
// message: comm events of widgets changed between cells.
type idleHandler struct {
	mu sync.Mutex
	f  func(worker.Event)
}

func (h *idleHandler) set(f func(worker.Event)) {
	h.mu.Lock()
	h.f = f
	h.mu.Unlock()
}

func (h *idleHandler) get() func(worker.Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.f
}

// SetIdleHandler makes f receive the events that belong to no cell and no
// comm message, such as the comm messages of a widget a goroutine changes
// between cells, or what callbacks of an unknown message produce. Without
// one they are dropped (except stream text, kept for the next cell).
func (s *Supervisor) SetIdleHandler(f func(worker.Event)) { s.idle.set(f) }

// StartComm hands a comm message from the front end to the worker at once,
// without waiting (messages keep the order of the calls, also relative to
// Execute), and returns its progress. h receives what the callbacks it
// triggers produce; it may be called after Done, until Finished, when the
// callbacks waited for the running cell. With no worker ready the call
// fails at once with ErrNoWorker.
func (s *Supervisor) StartComm(msg worker.CommMessage, h worker.Handler) *worker.CommCall {
	call := worker.NewCommCall()
	s.mu.Lock()
	p := s.cur
	s.mu.Unlock()
	if p == nil || !p.isReady() || p.hasEnded() {
		return call.Fail(ErrNoWorker)
	}
	id := s.ids.Add(1)
	if !p.addComm(id, &commCall{call: call, h: h}) {
		return call.Fail(ErrNoWorker)
	}
	if err := p.send(pipe.Request{Op: pipe.OpComm, ID: id, Comm: &msg}); err != nil {
		// The worker is dying: its merger fails the call.
		s.logf("send a comm message to the worker process: %v", err)
	}
	return call
}

// CommInfo returns the comms open in the worker, comm id to target name;
// a non-empty target keeps that target's only. It works while a cell runs.
func (s *Supervisor) CommInfo(target string) (map[string]string, error) {
	p, err := s.queryProcess()
	if err != nil {
		return nil, err
	}
	rep, err := p.call(pipe.Request{Op: pipe.OpCommInfo, ID: s.ids.Add(1), Code: target}, s.opts.RequestTimeout)
	if err != nil {
		return nil, err
	}
	if rep.Comms == nil {
		return map[string]string{}, nil
	}
	return rep.Comms, nil
}

// addComm registers a comm message sent to the process; it returns false
// once the process is ending.
func (p *process) addComm(id uint64, c *commCall) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.finished {
		return false
	}
	p.comms[id] = c
	return true
}

// commCallOf returns the comm message with id, or nil.
func (p *process) commCallOf(id uint64) *commCall {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.comms[id]
}

// completeComm closes what the reports so far complete of c (Finished
// before Done, so that a message done without waiting is seen finished),
// and forgets it once it is over.
func (p *process) completeComm(id uint64, c *commCall) {
	if !c.doneSeen {
		return
	}
	if !c.pending || c.callbacksRan {
		close(c.call.Finished)
		p.mu.Lock()
		delete(p.comms, id)
		p.mu.Unlock()
	}
	select {
	case <-c.call.Done:
	default:
		close(c.call.Done)
	}
}

// failComms fails the comm messages still in flight; the process is gone.
func (p *process) failComms() {
	p.mu.Lock()
	calls := p.comms
	p.comms = map[uint64]*commCall{}
	p.mu.Unlock()
	for _, c := range calls {
		c.call.Err = errWorkerEnded
		close(c.call.Finished)
		select {
		case <-c.call.Done:
		default:
			close(c.call.Done)
		}
	}
}

// setCallbacks records the callbacks running in the worker (nil when none),
// for Interrupt.
func (p *process) setCallbacks(c *cell) {
	p.mu.Lock()
	p.callbacks = c
	p.mu.Unlock()
}

// currentCallbacks returns the callbacks running in the worker, or nil.
func (p *process) currentCallbacks() *cell {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.callbacks
}
