package supervisor

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/descentlab/descent/internal/version"

	"golang.org/x/sys/unix"

	"github.com/descentlab/descent/kernel/worker"
	"github.com/descentlab/descent/kernel/worker/internal/pipe"
)

// Bounds on what the merger holds.
const (
	// maxChunk bounds the text of one Stream event. It is at least a pipe's
	// capacity, so one read pass takes everything written before a frame.
	maxChunk = 1 << 20
	// maxRuntimeText bounds what is kept of fd 2 (a crash report is short;
	// a stack overflow's dump is cut).
	maxRuntimeText = 256 << 10
	// maxIdleEvents and maxIdleText bound the output kept between cells
	// (from goroutines a cell left running) for the next cell.
	maxIdleEvents = 1000
	maxIdleText   = 1 << 20
)

// streamPipe is a pipe of cell text: the worker's stdout or stderr.
type streamPipe struct {
	fd      int // -1 once closed
	name    string
	partial []byte // the start of a character whose end has not arrived
}

// merger is the goroutine that reads everything a worker process writes
// and turns it into one ordered stream of Events for the running cell's
// Handler. Before it handles a frame it drains the stdout and stderr pipes,
// so text written before an output is delivered before it; the worker
// waits for the frame's ack before it goes on, so text written after it
// comes after.
type merger struct {
	p     *process
	logf  func(format string, args ...any)
	onEnd func(p *process, idleCrash string)
	// idle returns the handler of events that belong to no cell and no
	// comm message (nil for none).
	idleHandler func() func(worker.Event)
	// callbacks, while the worker runs the callbacks of a comm message
	// (between OpCallbacks and OpCallbacksDone), is that message; inCB
	// says whether callbacks run (callbacks is nil for an unknown one).
	callbacks *commCall
	cbID      uint64
	inCB      bool

	streams  [2]streamPipe
	runtime  int    // fd 2's pipe, -1 once closed
	rtText   []byte // what fd 2 held since the last cell ended
	frames   []byte // report bytes not yet decoded
	scratch  []byte
	idle     []worker.Event
	idleText int
	dropped  int
	brokenAt error // the first corrupt frame
}

// newMerger returns the merger of p.
func newMerger(p *process, logf func(string, ...any), onEnd func(*process, string)) *merger {
	return &merger{
		p:     p,
		logf:  logf,
		onEnd: onEnd,
		streams: [2]streamPipe{
			{fd: p.stdout, name: "stdout"},
			{fd: p.stderr, name: "stderr"},
		},
		runtime: p.runtime,
		scratch: make([]byte, 64<<10),
	}
}

// run serves the process until its report pipe ends, then finishes it.
func (m *merger) run() {
	defer m.finish()
	fds := []unix.PollFd{
		{Fd: int32(m.p.reports), Events: unix.POLLIN},
		{Fd: int32(m.streams[0].fd), Events: unix.POLLIN},
		{Fd: int32(m.streams[1].fd), Events: unix.POLLIN},
		{Fd: int32(m.runtime), Events: unix.POLLIN},
	}
	for {
		fds[1].Fd, fds[2].Fd, fds[3].Fd = int32(m.streams[0].fd), int32(m.streams[1].fd), int32(m.runtime)
		if _, err := unix.Poll(fds, -1); err != nil {
			if errors.Is(err, unix.EINTR) {
				continue
			}
			m.logf("poll the worker's pipes: %v", err)
			m.p.kill(reasonProtocol)
			return
		}
		const ready = unix.POLLIN | unix.POLLHUP | unix.POLLERR
		for i := range m.streams {
			if fds[1+i].Revents&ready != 0 {
				m.readStream(&m.streams[i])
			}
		}
		if fds[3].Revents&ready != 0 {
			m.readRuntime()
		}
		if fds[0].Revents&ready != 0 {
			if !m.readReports() {
				return
			}
		}
	}
}

// readStream delivers what is ready in s as one Stream event, keeping back
// the bytes of a character cut in the middle.
func (m *merger) readStream(s *streamPipe) {
	if s.fd < 0 {
		return
	}
	buf := s.partial
	s.partial = nil
	open := true
	for len(buf) < maxChunk {
		n, err := unix.Read(s.fd, m.scratch)
		if n > 0 {
			buf = append(buf, m.scratch[:n]...)
			continue
		}
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if !errors.Is(err, unix.EAGAIN) {
			open = false // end of stream (n == 0) or a broken pipe
		}
		break
	}
	if !open {
		unix.Close(s.fd)
		s.fd = -1
	}
	cut := len(buf)
	if open {
		cut = wholeCharacters(buf)
		s.partial = append([]byte(nil), buf[cut:]...)
	}
	if cut > 0 {
		m.deliver(worker.Event{Kind: worker.Stream, Stream: s.name, Text: string(buf[:cut])})
	}
}

// drainStreams delivers everything already written to stdout and stderr.
func (m *merger) drainStreams() {
	for i := range m.streams {
		m.readStream(&m.streams[i])
	}
}

// wholeCharacters returns the length of the longest prefix of b that does
// not end inside a UTF-8 character.
func wholeCharacters(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if utf8.FullRune(b[i:]) {
				return len(b)
			}
			return i
		}
	}
	return len(b)
}

// readRuntime keeps what the worker writes to fd 2: the runtime's crash
// report, or stray runtime text forwarded when the cell ends.
func (m *merger) readRuntime() {
	for m.runtime >= 0 {
		n, err := unix.Read(m.runtime, m.scratch)
		if n > 0 {
			if room := maxRuntimeText - len(m.rtText); room > 0 {
				m.rtText = append(m.rtText, m.scratch[:min(n, room)]...)
			}
			continue
		}
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if !errors.Is(err, unix.EAGAIN) {
			unix.Close(m.runtime)
			m.runtime = -1
		}
		return
	}
}

// readReports reads and handles the frames that are ready. It returns
// false when the report pipe has ended (or is corrupt): the worker is dead
// or must be.
func (m *merger) readReports() bool {
	for {
		n, err := unix.Read(m.p.reports, m.scratch)
		if n > 0 {
			m.frames = append(m.frames, m.scratch[:n]...)
			if !m.handleFrames() {
				return false
			}
			continue
		}
		if errors.Is(err, unix.EINTR) {
			continue
		}
		return errors.Is(err, unix.EAGAIN)
	}
}

// handleFrames handles every whole frame in m.frames.
func (m *merger) handleFrames() bool {
	rest := m.frames
	defer func() { m.frames = append(m.frames[:0], rest...) }()
	for {
		payload, after, ok, err := pipe.Next(rest)
		if err != nil {
			return m.corrupt(err)
		}
		if !ok {
			return true
		}
		rest = after
		var r pipe.Report
		if err := json.Unmarshal(payload, &r); err != nil {
			return m.corrupt(err)
		}
		m.handle(r)
	}
}

// corrupt ends a worker whose report stream cannot be read.
func (m *merger) corrupt(err error) bool {
	m.logf("corrupt report from the worker process: %v", err)
	m.brokenAt = err
	m.p.kill(reasonProtocol)
	return false
}

// handle acts on one report.
func (m *merger) handle(r pipe.Report) {
	switch r.Op {
	case pipe.OpReady:
		m.p.versions = r.Versions
		if v := r.Versions["descent"]; v != version.Descent() {
			m.logf("the worker %s is descent %s, this kernel is descent %s: install both programs from the same version", m.p.cmd.Path, v, version.Descent())
		}
		m.p.markReady()
	case pipe.OpEvent:
		m.drainStreams()
		switch {
		case r.Event == nil:
		case r.Comm != 0:
			// A reply of a comm message delivered beside the cell.
			if c := m.p.commCallOf(r.Comm); c != nil {
				m.handlerEvent(c.h, *r.Event)
			} else {
				m.idleEvent(*r.Event)
			}
		default:
			m.deliver(*r.Event)
		}
		if r.ID != 0 {
			m.answer(pipe.Request{Op: pipe.OpAck, ID: r.ID})
		}
	case pipe.OpSync:
		m.drainStreams()
		m.answer(pipe.Request{Op: pipe.OpAck, ID: r.ID})
	case pipe.OpAskInput:
		m.drainStreams()
		m.answer(m.input(r))
	case pipe.OpDone:
		m.drainStreams()
		if c := m.p.currentCell(); r.Event != nil && c != nil {
			// The cell's result or error, even when callbacks started
			// before the report (see the worker's serve).
			m.flushIdle(c)
			m.event(c, *r.Event)
		}
		m.endCell(r)
	case pipe.OpReply:
		m.p.deliverReply(r)
	case pipe.OpCommDone:
		if c := m.p.commCallOf(r.ID); c != nil {
			c.doneSeen, c.pending = true, r.Pending
			m.p.completeComm(r.ID, c)
		}
	case pipe.OpCallbacks:
		m.drainStreams()
		m.inCB, m.cbID, m.callbacks = true, r.Comm, m.p.commCallOf(r.Comm)
		m.p.setCallbacks(&cell{})
		m.answer(pipe.Request{Op: pipe.OpAck, ID: r.ID})
	case pipe.OpCallbacksDone:
		m.drainStreams()
		if r.Event != nil {
			m.deliver(*r.Event)
		}
		c := m.callbacks
		m.inCB, m.callbacks = false, nil
		if cb := m.p.currentCallbacks(); cb != nil {
			cb.stopGrace()
		}
		m.p.setCallbacks(nil)
		if r.Stuck {
			m.p.kill(reasonStuck)
			return
		}
		if c != nil {
			c.callbacksRan = true
			m.p.completeComm(r.Comm, c)
		}
		m.answer(pipe.Request{Op: pipe.OpAck, ID: r.ID})
	case pipe.OpLog:
		m.logf("worker: %s", r.Text)
	default:
		m.logf("unknown report %q from the worker process dropped", r.Op)
	}
}

// answer sends a reply to the worker; a failure means the worker is gone,
// which the report pipe will show.
func (m *merger) answer(r pipe.Request) {
	if err := m.p.send(r); err != nil {
		m.logf("answer the worker process: %v", err)
	}
}

// input asks the running cell's front end for a line of input.
func (m *merger) input(r pipe.Report) pipe.Request {
	c := m.p.currentCell()
	if c == nil {
		return pipe.Request{Op: pipe.OpInput, ID: r.ID, Error: worker.ErrNoInput.Error()}
	}
	m.flushIdle(c)
	value, err := m.callInput(c, r.Prompt, r.Password)
	if err != nil {
		return pipe.Request{Op: pipe.OpInput, ID: r.ID, Error: err.Error()}
	}
	return pipe.Request{Op: pipe.OpInput, ID: r.ID, Value: value}
}

// callInput calls the Handler's Input, which must not take the kernel down.
func (m *merger) callInput(c *cell, prompt string, password bool) (value string, err error) {
	defer func() {
		if r := recover(); r != nil {
			m.logf("Handler.Input panicked: %v", r)
			err = fmt.Errorf("input failed: %v", r)
		}
	}()
	return c.h.Input(prompt, password)
}

// endCell completes the running cell with the worker's outcome, or kills a
// worker whose interrupted cell is stuck.
func (m *merger) endCell(r pipe.Report) {
	if len(m.rtText) > 0 {
		// The worker is alive, so fd 2 held runtime text, not a crash.
		m.deliver(worker.Event{Kind: worker.Stream, Stream: "stderr", Text: string(m.rtText)})
		m.rtText = m.rtText[:0]
	}
	if r.Stuck {
		m.p.kill(reasonStuck)
		return
	}
	c := m.p.takeCell(false)
	if c == nil {
		m.logf("the worker process ended a cell that was not running")
		return
	}
	m.flushIdle(c)
	o := worker.Outcome{Status: "error", EName: "WorkerError", EValue: "the worker process sent no outcome"}
	if r.Outcome != nil {
		o = *r.Outcome
	}
	c.finish(o)
	// The goroutine waiting for the outcome is ready to run on this
	// thread; yield to it before this one blocks in poll, which would hand
	// it to another thread that must first be woken.
	runtime.Gosched()
}

// deliver hands e to whom it belongs: the comm message whose callbacks
// are running, else the running cell; with neither, a comm event goes to
// the idle handler and other output is kept for the next cell.
func (m *merger) deliver(e worker.Event) {
	if m.inCB {
		if m.callbacks != nil {
			m.handlerEvent(m.callbacks.h, e)
		} else {
			m.idleEvent(e)
		}
		return
	}
	c := m.p.currentCell()
	if c == nil {
		if e.Kind.IsComm() {
			m.idleEvent(e)
		} else {
			m.keepIdle(e)
		}
		return
	}
	m.flushIdle(c)
	m.event(c, e)
}

// idleEvent hands e to the idle handler, if there is one.
func (m *merger) idleEvent(e worker.Event) {
	var f func(worker.Event)
	if m.idleHandler != nil {
		f = m.idleHandler()
	}
	if f == nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			m.logf("the idle event handler panicked: %v", r)
		}
	}()
	f(e)
}

// handlerEvent calls h's Event, which must not take the kernel down.
func (m *merger) handlerEvent(h worker.Handler, e worker.Event) {
	defer func() {
		if r := recover(); r != nil {
			m.logf("Handler.Event panicked: %v", r)
		}
	}()
	h.Event(e)
}

// event calls the cell Handler's Event.
func (m *merger) event(c *cell, e worker.Event) { m.handlerEvent(c.h, e) }

// keepIdle keeps output produced between cells, within bounds.
func (m *merger) keepIdle(e worker.Event) {
	if len(m.idle) >= maxIdleEvents || m.idleText+len(e.Text) > maxIdleText {
		m.dropped++
		return
	}
	m.idle = append(m.idle, e)
	m.idleText += len(e.Text)
}

// flushIdle delivers the output kept between cells to c.
func (m *merger) flushIdle(c *cell) {
	if len(m.idle) == 0 && m.dropped == 0 {
		return
	}
	idle, dropped := m.idle, m.dropped
	m.idle, m.idleText, m.dropped = nil, 0, 0
	for _, e := range idle {
		m.event(c, e)
	}
	if dropped > 0 {
		m.event(c, worker.Event{Kind: worker.Stream, Stream: "stderr",
			Text: fmt.Sprintf("(%d outputs written between cells were dropped)\n", dropped)})
	}
}

// finish runs once the report pipe has ended: it makes sure the process is
// gone, delivers the text it wrote last, and ends the running cell with an
// error that says what happened.
func (m *merger) finish() {
	p := m.p
	p.kill(reasonNone)
	<-p.exited
	// The process is gone, so one pass reads what it wrote up to the end of
	// each pipe.
	m.drainStreams()
	m.readRuntime()
	for _, fd := range []int{m.streams[0].fd, m.streams[1].fd, m.runtime, p.reports} {
		if fd >= 0 {
			unix.Close(fd)
		}
	}
	p.req.Close()

	c := p.takeCell(true)
	reason := p.reason.Load()
	ev := m.endError(reason)
	if m.inCB {
		// The worker ended during callbacks: they get the reason.
		cbErr := ev
		cbErr.EValue = "in a widget callback: " + cbErr.EValue
		m.deliver(cbErr)
		m.inCB, m.callbacks = false, nil
		m.p.setCallbacks(nil)
	}
	p.failComms()
	if !p.isReady() {
		p.startErr = errors.New(strings.Join(ev.Traceback, "\n"))
	}
	close(p.ended)
	idleCrash := ""
	if c == nil && (reason == reasonNone || reason == reasonMemory) && p.isReady() {
		idleCrash = ev.EValue
	}
	m.onEnd(p, idleCrash)
	if c != nil {
		m.flushIdle(c)
		m.event(c, ev)
		c.finish(worker.Outcome{Status: "error", EName: ev.EName, EValue: ev.EValue, Traceback: ev.Traceback, Restarted: true})
	}
}

// endError is the error a cell gets when its worker process ends.
func (m *merger) endError(reason int32) worker.Event {
	lost := "The worker process was restarted and the variables were lost."
	switch reason {
	case reasonStuck:
		msg := "the cell was stuck in compiled code and did not stop when interrupted"
		return worker.Event{Kind: worker.Error, EName: "Interrupted", EValue: msg, Traceback: []string{msg, "", lost}}
	case reasonRestart:
		msg := "the kernel was restarted while the cell was running"
		return worker.Event{Kind: worker.Error, EName: "Restarted", EValue: msg, Traceback: []string{msg, "", "The variables were lost."}}
	case reasonClose:
		msg := "the kernel shut down while the cell was running"
		return worker.Event{Kind: worker.Error, EName: "Shutdown", EValue: msg, Traceback: []string{msg}}
	case reasonMemory:
		return memoryError(m.p.limit, m.p.memoryUsed.Load())
	case reasonProtocol:
		msg := "the worker process broke the protocol"
		if m.brokenAt != nil {
			msg += ": " + m.brokenAt.Error()
		}
		return worker.Event{Kind: worker.Error, EName: "WorkerDied", EValue: msg, Traceback: []string{msg, "", lost}}
	}
	if !m.p.isReady() {
		c := crash{text: string(m.rtText), state: exitStateOf(m.p.cmd)}
		_, value, detail := c.describe()
		msg := "the worker process could not start: " + value
		return worker.Event{Kind: worker.Error, EName: "WorkerDied", EValue: msg, Traceback: append([]string{msg}, detail...)}
	}
	c := crash{text: string(m.rtText), state: exitStateOf(m.p.cmd)}
	if m.p.limit.Bytes > 0 && c.outOfMemory() {
		return memoryError(m.p.limit, 0)
	}
	return c.errorOf()
}
