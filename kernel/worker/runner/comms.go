package runner

import (
	"bytes"
	"context"
	"fmt"
	"runtime"
	"strconv"
	"sync"

	"github.com/descentlab/descent/kernel/display/comm"
	"github.com/descentlab/descent/kernel/worker"
	"github.com/descentlab/descent/kernel/worker/internal/pipe"
)

// Messages from the front end to comms (widgets) take two steps in the
// worker; the supervisor's package documentation states the order they
// give.
//
//  1. The request reader hands each OpComm to the comm goroutine at once,
//     also while a cell runs. That goroutine delivers it to its comm
//     (comm.Deliver): the widget's state changes, requests for state are
//     answered. A cell read after the message sees the change, as a cell
//     that is running does from then on.
//  2. The Work the message asks for (callbacks into cells' code) runs in
//     the interpreter's turn, which cells hold while they run: at once
//     when the turn is free, before OpCommDone; otherwise it waits, the
//     OpCommDone goes out at once with Pending, and the work runs when the
//     running cell ends, before the next cell starts.

// commQueue holds the messages from the front end that the comm goroutine
// has not delivered yet, and counts them so that a cell can wait for the
// messages that arrived before it.
type commQueue struct {
	mu       sync.Mutex
	cond     *sync.Cond
	items    []pipe.Request
	received uint64 // messages received
	applied  uint64 // messages delivered to their comms
}

func newCommQueue() *commQueue {
	q := &commQueue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

// push adds a message; it never blocks (the reader must not).
func (q *commQueue) push(r pipe.Request) {
	q.mu.Lock()
	q.items = append(q.items, r)
	q.received++
	q.mu.Unlock()
	q.cond.Broadcast()
}

// count returns how many messages were received so far.
func (q *commQueue) count() uint64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.received
}

// takeAll waits for messages and returns all that are waiting.
func (q *commQueue) takeAll() []pipe.Request {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 {
		q.cond.Wait()
	}
	items := q.items
	q.items = nil
	return items
}

// markApplied records that n more messages were delivered.
func (q *commQueue) markApplied(n int) {
	q.mu.Lock()
	q.applied += uint64(n)
	q.mu.Unlock()
	q.cond.Broadcast()
}

// waitApplied waits until the first n messages were delivered.
func (q *commQueue) waitApplied(n uint64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for q.applied < n {
		q.cond.Wait()
	}
}

// pendingWork is the work of one message from the front end, waiting for
// the interpreter's turn.
type pendingWork struct {
	id   uint64 // the OpComm's ID
	work comm.Work
}

// turn is the interpreter's turn: cells hold it while they run, and the
// work of comm messages runs while holding it. Work that cannot have it at
// once waits in deferred, which runs before anything else takes the turn.
type turn struct {
	mu       sync.Mutex // the turn itself
	dmu      sync.Mutex
	deferred []pendingWork
	wake     chan struct{} // a token while deferred may be non-empty
}

func newTurn() *turn { return &turn{wake: make(chan struct{}, 1)} }

// tryTake takes the turn if it is free and no earlier work waits for it.
func (t *turn) tryTake() bool {
	t.dmu.Lock()
	defer t.dmu.Unlock()
	return len(t.deferred) == 0 && t.mu.TryLock()
}

// defer queues work for the next turn.
func (t *turn) postpone(p pendingWork) {
	t.dmu.Lock()
	t.deferred = append(t.deferred, p)
	t.dmu.Unlock()
	select {
	case t.wake <- struct{}{}:
	default:
	}
}

// takeDeferred returns the waiting work; the turn must be held.
func (t *turn) takeDeferred() []pendingWork {
	t.dmu.Lock()
	defer t.dmu.Unlock()
	d := t.deferred
	t.deferred = nil
	return d
}

// commTransport publishes the comm messages of cells as events.
type commTransport struct{ w *runner }

// Publish implements comm.Transport. What a comm sends while the comm
// goroutine delivers a message beside a running cell (a state reply) is
// tagged with that message, so that it reaches the front end as the
// message's reply rather than as the cell's output.
func (t commTransport) Publish(kind comm.Kind, commID, target string, m comm.Message) {
	e := worker.Event{CommID: commID, Data: m.Data, Metadata: m.Metadata, Buffers: m.Buffers}
	switch kind {
	case comm.OpenKind:
		e.Kind, e.TargetName = worker.CommOpen, target
	case comm.MsgKind:
		e.Kind = worker.CommMsg
	case comm.CloseKind:
		e.Kind = worker.CommClose
	default:
		t.w.logf("comm message of unknown kind %q dropped", kind)
		return
	}
	var of uint64
	if id := t.w.delivering.Load(); id != 0 && goroutineID() == t.w.commGoroutine.Load() {
		of = id
	}
	_, _ = t.w.link.exchange(pipe.Report{Op: pipe.OpEvent, Event: &e, Comm: of}, nil)
}

// goroutineID parses the calling goroutine's id from its stack header
// ("goroutine 42 [running]:").
func goroutineID() int64 {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	f := bytes.Fields(buf[:n])
	if len(f) < 2 {
		return 0
	}
	id, _ := strconv.ParseInt(string(f[1]), 10, 64)
	return id
}

// serveComms is the comm goroutine: it delivers the front end's messages in
// order, then runs or postpones the work they ask for.
func (w *runner) serveComms() {
	w.commGoroutine.Store(goroutineID())
	for {
		batch := w.comms.takeAll()
		applied := func() { w.comms.markApplied(len(batch)) }
		if w.turn.tryTake() {
			w.handleNow(batch, applied)
			w.turn.mu.Unlock()
		} else {
			w.handleBeside(batch, applied)
		}
	}
}

// handleNow handles a batch while holding the turn: each message is
// delivered, then the work of each runs, all between OpCallbacks and
// OpCallbacksDone for the message, so that what they send (a state reply,
// the redrawn figure) has the message as parent; each message is answered
// once its work is done. A batch is delivered before any of its work runs,
// so a redraw runs once with the newest state.
func (w *runner) handleNow(batch []pipe.Request, applied func()) {
	work := make([]pendingWork, len(batch))
	for i, req := range batch {
		work[i].id = req.ID
		if !w.inCallbacks(req.ID, func(context.Context) error { work[i].work = w.deliverComm(req); return nil }) {
			return // stuck: the supervisor restarts the worker
		}
	}
	applied()
	for _, p := range work {
		if p.work != nil && !w.runWork(p) {
			return
		}
		w.commDone(p.id, false)
	}
}

// handleBeside handles a batch while a cell holds the turn: the messages
// are delivered at once (what they send is tagged as theirs, see
// commTransport), their work waits for the turn, and they are answered at
// once.
func (w *runner) handleBeside(batch []pipe.Request, applied func()) {
	work := make([]pendingWork, len(batch))
	for i, req := range batch {
		w.delivering.Store(req.ID)
		work[i] = pendingWork{id: req.ID, work: w.deliverComm(req)}
		w.delivering.Store(0)
		if work[i].work != nil {
			w.turn.postpone(work[i])
		}
	}
	applied()
	for _, p := range work {
		w.commDone(p.id, p.work != nil)
	}
}

// deliverComm hands one message to its comm and returns the work it asks
// for; a message that cannot be delivered is logged and dropped.
func (w *runner) deliverComm(req pipe.Request) comm.Work {
	m := req.Comm
	if m == nil {
		w.logf("comm request without a message dropped")
		return nil
	}
	kind := comm.Kind(m.Kind)
	work, err := comm.Deliver(kind, m.CommID, m.TargetName, comm.Message{Data: m.Data, Metadata: m.Metadata, Buffers: m.Buffers})
	if err != nil {
		w.logf("%v", err)
	}
	return work
}

// serveDeferred runs postponed work as soon as the turn is free, when no
// cell comes to run it first.
func (w *runner) serveDeferred() {
	for range w.turn.wake {
		w.turn.mu.Lock()
		ok := w.runDeferred()
		w.turn.mu.Unlock()
		if !ok {
			return
		}
	}
}

// runDeferred runs the postponed work; the turn is held. It returns false
// when a callback is stuck.
func (w *runner) runDeferred() bool {
	for _, p := range w.turn.takeDeferred() {
		if !w.runWork(p) {
			return false
		}
	}
	return true
}

// commDone answers an OpComm.
func (w *runner) commDone(id uint64, pending bool) {
	if err := w.link.send(pipe.Report{Op: pipe.OpCommDone, ID: id, Pending: pending}); err != nil {
		w.logf("comm done: %v", err)
	}
}

// runWork runs the work of the OpComm p.id as callbacks (see
// inCallbacks); the turn is held. It returns false when an interrupted
// callback is stuck in compiled code.
func (w *runner) runWork(p pendingWork) bool {
	return w.inCallbacks(p.id, func(ctx context.Context) error { return w.callWork(ctx, p.work) })
}

// inCallbacks runs f for the OpComm id between OpCallbacks and
// OpCallbacksDone, interruptible like a cell; the turn is held. An error
// of f goes in OpCallbacksDone. It returns false when an interrupted f is
// stuck in compiled code.
func (w *runner) inCallbacks(id uint64, f func(ctx context.Context) error) bool {
	if _, err := w.link.exchange(pipe.Report{Op: pipe.OpCallbacks, Comm: id}, nil); err != nil {
		return true // the kernel process is gone
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := &cellState{ctx: ctx, cancel: cancel}
	w.cells.set(c)
	err := f(ctx)
	w.cells.set(nil)
	if c.interrupted.Load() && !w.eval.Settle(w.settleTimeout()) {
		_, _ = w.link.exchange(pipe.Report{Op: pipe.OpCallbacksDone, Comm: id, Stuck: true}, nil)
		return false
	}
	var ev *worker.Event
	if err != nil {
		e := errorEvent(err, c.interrupted.Load())
		e.EValue = "in a widget callback: " + e.EValue
		if len(e.Traceback) > 0 {
			e.Traceback[0] = "in a widget callback: " + e.Traceback[0]
		}
		ev = &e
	}
	_, _ = w.link.exchange(pipe.Report{Op: pipe.OpCallbacksDone, Comm: id, Event: ev}, nil)
	return true
}

// callWork runs work through the evaluator when it can run callbacks (so
// that they can be interrupted), directly otherwise; a panic becomes an
// error.
func (w *runner) callWork(ctx context.Context, work comm.Work) (err error) {
	if c, ok := w.eval.(Caller); ok {
		return c.Call(ctx, work)
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	work()
	return nil
}

// commInfo answers an OpCommInfo.
func (w *runner) commInfo(req pipe.Request) {
	w.reply(pipe.Report{Op: pipe.OpReply, ID: req.ID, Comms: comm.Info(req.Code)})
}
