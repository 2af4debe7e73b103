package supervisor

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/descentlab/descent/internal/binaries"
	"github.com/descentlab/descent/internal/memlimit"
	"github.com/descentlab/descent/kernel/worker"
	"github.com/descentlab/descent/kernel/worker/internal/pipe"
)

// Defaults of Options.
const (
	// DefaultInterruptGrace is how long an interrupted cell has to stop
	// before its worker is killed and restarted.
	DefaultInterruptGrace = 2 * time.Second
	// DefaultRequestTimeout bounds a completion or inspection request.
	DefaultRequestTimeout = 10 * time.Second
)

// ErrClosed is returned by a Supervisor after Close.
var ErrClosed = errors.New("the worker supervisor is closed")

// Options configures a Supervisor; the zero value runs `descent-worker
// serve` from where FindWorker finds it.
type Options struct {
	// Path is the worker binary; empty means binaries.FindWorker().
	Path string
	// Args are its arguments; nil means []string{binaries.ServeArg}.
	Args []string
	// Env is its environment; nil means os.Environ(). GOTRACEBACK=none is
	// always added.
	Env []string
	// InterruptGrace is DefaultInterruptGrace when zero.
	InterruptGrace time.Duration
	// RequestTimeout is DefaultRequestTimeout when zero.
	RequestTimeout time.Duration
	// Log receives one line per restart and other diagnostics; nil means
	// os.Stderr.
	Log io.Writer
	// MemoryLimit bounds the worker's memory (memlimit.Machine.Decide
	// gives the usual one); zero bytes means no limit. A worker that goes
	// over it is killed and restarted, and its cell fails with
	// "out of memory (limit N)".
	MemoryLimit memlimit.Limit
}

// Supervisor runs cells in a worker process and keeps one running: it
// restarts a worker that dies or does not honour an interrupt, and turns
// the death into an error on the cell that caused it. Its methods are safe
// for concurrent use; Execute runs one cell at a time.
type Supervisor struct {
	opts    Options
	missing error // why there is no worker binary, from New

	execMu sync.Mutex // held by Execute

	mu      sync.Mutex
	cur     *process
	closed  bool
	note    string // why the worker restarted between cells, for the next cell
	workers sync.WaitGroup

	ids atomic.Uint64 // completion, inspection and comm request IDs

	idle idleHandler // events that belong to no cell and no comm message
}

// Start starts a Supervisor and its first worker process, without waiting
// for the worker to be ready: the first Execute waits.
func Start(opts Options) (*Supervisor, error) {
	s, err := New(opts)
	if err != nil {
		return nil, err
	}
	if err := s.Prestart(); err != nil {
		return nil, err
	}
	return s, nil
}

// New returns a Supervisor that starts its worker process when Prestart
// or the first request needs it. The kernel binds its sockets first, then
// calls Prestart, so that a front end can connect before the worker has
// been forked. When opts.Path is empty and descent-worker cannot be found,
// New still succeeds: Prestart returns the reason, and every cell fails
// with it, so that the notebook shows what to install instead of a kernel
// that died.
func New(opts Options) (*Supervisor, error) {
	var missing error
	if opts.Path == "" {
		exe, err := binaries.FindWorker()
		if err != nil {
			missing = binaries.InstallHint(err)
		}
		opts.Path = exe
	}
	if opts.Args == nil {
		opts.Args = []string{binaries.ServeArg}
	}
	if opts.Env == nil {
		opts.Env = os.Environ()
	}
	if opts.InterruptGrace <= 0 {
		opts.InterruptGrace = DefaultInterruptGrace
	}
	if opts.RequestTimeout <= 0 {
		opts.RequestTimeout = DefaultRequestTimeout
	}
	if opts.Log == nil {
		opts.Log = os.Stderr
	}
	return &Supervisor{opts: opts, missing: missing}, nil
}

// Prestart starts the worker process now, if none is running, so that it
// is ready by the first cell. Requests start one themselves when needed.
func (s *Supervisor) Prestart() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if s.cur != nil && !s.cur.hasEnded() {
		return nil
	}
	_, err := s.spawnLocked()
	return err
}

// logf writes a diagnostic line.
func (s *Supervisor) logf(format string, args ...any) {
	fmt.Fprintf(s.opts.Log, "descent: "+format+"\n", args...)
}

// spawnLocked starts a worker process and makes it the current one.
func (s *Supervisor) spawnLocked() (*process, error) {
	if s.missing != nil {
		return nil, s.missing
	}
	p, err := startProcess(s.opts.Path, s.opts.Args, s.opts.Env, s.opts.MemoryLimit)
	if err != nil {
		return nil, err
	}
	s.cur = p
	m := newMerger(p, s.logf, s.processEnded)
	m.idleHandler = s.idle.get
	s.workers.Add(1)
	go func() {
		defer s.workers.Done()
		m.run()
	}()
	if s.opts.MemoryLimit.Bytes > 0 {
		s.workers.Add(1)
		go func() {
			defer s.workers.Done()
			s.watchMemory(p)
		}()
	}
	return p, nil
}

// processEnded is called by a process's merger once the process is over.
// A worker that died on its own after it had started is replaced at once,
// so the next cell does not wait for it; idleCrash says what killed a
// worker that died between cells.
func (s *Supervisor) processEnded(p *process, idleCrash string) {
	reason := p.reason.Load()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || s.cur != p {
		return // Close or Restart replaced it
	}
	if idleCrash != "" {
		s.note = fmt.Sprintf("(the worker process stopped between cells: %s; it was restarted and the variables were lost)\n", idleCrash)
	}
	if !p.isReady() || reason == reasonClose {
		s.cur = nil // it cannot start: the next Execute tries again and reports why
		return
	}
	s.logf("worker process %d ended (%s); restarting it", p.cmd.Process.Pid, describeReason(reason, idleCrash))
	if _, err := s.spawnLocked(); err != nil {
		s.logf("restart the worker process: %v", err)
		s.cur = nil
	}
}

// describeReason is a short reason for the log.
func describeReason(reason int32, idleCrash string) string {
	switch reason {
	case reasonStuck:
		return "stuck in compiled code after an interrupt"
	case reasonProtocol:
		return "broke the protocol"
	case reasonMemory:
		return "went over its memory limit"
	}
	if idleCrash != "" {
		return idleCrash
	}
	return "died while running a cell"
}

// readyProcess returns the current worker once it is ready, starting one if
// needed. A worker that ends before it is ready is tried once more; one
// that keeps ending is reported.
func (s *Supervisor) readyProcess(ctx context.Context) (*process, error) {
	var last *process
	for attempt := 0; attempt < 3; attempt++ {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return nil, ErrClosed
		}
		p := s.cur
		if p == nil || p.hasEnded() {
			var err error
			if p, err = s.spawnLocked(); err != nil {
				s.mu.Unlock()
				return nil, err
			}
		}
		s.mu.Unlock()
		select {
		case <-p.ready:
			return p, nil
		case <-p.ended:
			last = p
			if !p.isReady() && attempt > 0 {
				return nil, p.startErr
			}
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if last.startErr != nil {
		return nil, last.startErr
	}
	return nil, errors.New("the worker process keeps ending as soon as it starts")
}

// Execute runs one cell, delivering its outputs to h in program order from
// a single goroutine, and returns how it ended. It waits for the worker to
// start if needed. Cancelling ctx interrupts the cell (as Interrupt does).
// A cell whose worker dies, or does not honour an interrupt within the
// grace period, ends with an error event and Outcome.Restarted, and a fresh
// worker takes over.
func (s *Supervisor) Execute(ctx context.Context, req worker.ExecRequest, h worker.Handler) worker.Outcome {
	s.execMu.Lock()
	defer s.execMu.Unlock()
	for {
		p, err := s.readyProcess(ctx)
		if err != nil {
			msg := "the cell could not run: " + err.Error()
			e := worker.Event{Kind: worker.Error, EName: "WorkerError", EValue: msg, Traceback: []string{msg}}
			h.Event(e)
			return worker.Outcome{Status: "error", EName: e.EName, EValue: e.EValue, Traceback: e.Traceback}
		}
		if note := s.takeNote(); note != "" {
			h.Event(worker.Event{Kind: worker.Stream, Stream: "stderr", Text: note})
		}
		c := &cell{h: h, done: make(chan worker.Outcome, 1)}
		if !p.begin(c) {
			continue // it died just now; the next one is starting
		}
		if err := p.send(pipe.Request{Op: pipe.OpExec, Exec: &req}); err != nil {
			// The worker is dying: its merger ends the cell.
			s.logf("send a cell to the worker process: %v", err)
		}
		select {
		case o := <-c.done:
			return o
		case <-ctx.Done():
			s.interrupt(p, c)
			return <-c.done
		}
	}
}

// WorkerVersions returns the versions of the worker's build ("descent",
// "go", "yaegi"), waiting for a worker to be ready.
func (s *Supervisor) WorkerVersions(ctx context.Context) (map[string]string, error) {
	p, err := s.readyProcess(ctx)
	if err != nil {
		return nil, err
	}
	return p.versions, nil
}

// WorkerPID returns the process id of the current worker, or 0 when none
// is running: for diagnostics and tests that watch its memory.
func (s *Supervisor) WorkerPID() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil || s.cur.cmd == nil || s.cur.cmd.Process == nil || s.cur.hasEnded() {
		return 0
	}
	return s.cur.cmd.Process.Pid
}

// takeNote returns, once, why the worker restarted between cells.
func (s *Supervisor) takeNote() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	note := s.note
	s.note = ""
	return note
}

// Interrupt asks the running cell, if any, to stop. Interpreted code stops
// within a fraction of a second and the variables are kept; a cell stuck in
// compiled code is given InterruptGrace, then its worker is killed and
// restarted.
func (s *Supervisor) Interrupt() {
	s.mu.Lock()
	p := s.cur
	s.mu.Unlock()
	if p == nil {
		return
	}
	if c := p.currentCell(); c != nil {
		s.interrupt(p, c)
		return
	}
	if c := p.currentCallbacks(); c != nil {
		s.interrupt(p, c)
		c.armGrace(s.opts.InterruptGrace, func() {
			if p.currentCallbacks() == c {
				p.kill(reasonStuck)
			}
		})
	}
}

// interrupt sends the interrupt to p and arms the escalation for c.
func (s *Supervisor) interrupt(p *process, c *cell) {
	if err := p.send(pipe.Request{Op: pipe.OpInterrupt}); err != nil {
		s.logf("interrupt the worker process: %v", err)
	}
	c.armGrace(s.opts.InterruptGrace, func() {
		if p.currentCell() == c {
			p.kill(reasonStuck)
		}
	})
}

// Restart replaces the worker with a fresh one: the variables are lost. A
// running cell ends with an error. It returns once the old worker is gone,
// without waiting for the new one to be ready.
func (s *Supervisor) Restart() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	old := s.cur
	s.cur = nil
	s.mu.Unlock()
	if old != nil {
		old.kill(reasonRestart)
		<-old.ended
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if s.cur == nil {
		if _, err := s.spawnLocked(); err != nil {
			return err
		}
	}
	s.logf("worker process restarted on request")
	return nil
}

// Close kills the worker and waits for every goroutine of the Supervisor
// to end. A running cell ends with an error.
func (s *Supervisor) Close() error { return s.close(reasonClose) }

// CloseForRestart is Close for a kernel process that stops because the
// front end restarts the kernel (it starts a new process): a running
// cell's error says that the kernel was restarted.
func (s *Supervisor) CloseForRestart() error { return s.close(reasonRestart) }

// close kills the worker for reason and waits for every goroutine of the
// Supervisor to end.
func (s *Supervisor) close(reason int32) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	p := s.cur
	s.cur = nil
	s.mu.Unlock()
	if p != nil {
		p.kill(reason)
	}
	s.workers.Wait()
	return nil
}

// queryProcess returns the ready worker for a completion or inspection
// request, waiting at most the request timeout for one to start.
func (s *Supervisor) queryProcess() (*process, error) {
	ctx, cancel := context.WithTimeout(context.Background(), s.opts.RequestTimeout)
	defer cancel()
	return s.readyProcess(ctx)
}

// Complete returns completions for the code at cursorByte (a byte offset;
// the Completion's offsets are bytes too). It works while a cell runs.
func (s *Supervisor) Complete(code string, cursorByte int) (worker.Completion, error) {
	p, err := s.queryProcess()
	if err != nil {
		return worker.Completion{}, err
	}
	rep, err := p.call(pipe.Request{Op: pipe.OpComplete, ID: s.ids.Add(1), Code: code, Cursor: cursorByte}, s.opts.RequestTimeout)
	if err != nil {
		return worker.Completion{}, err
	}
	if rep.Completion == nil {
		return worker.Completion{}, errors.New("the worker process sent an empty completion reply")
	}
	return *rep.Completion, nil
}

// Inspect describes the name at cursorByte (a byte offset); detail is 0 or
// 1. It works while a cell runs.
func (s *Supervisor) Inspect(code string, cursorByte, detail int) (worker.Inspection, error) {
	p, err := s.queryProcess()
	if err != nil {
		return worker.Inspection{}, err
	}
	rep, err := p.call(pipe.Request{Op: pipe.OpInspect, ID: s.ids.Add(1), Code: code, Cursor: cursorByte, Detail: detail}, s.opts.RequestTimeout)
	if err != nil {
		return worker.Inspection{}, err
	}
	if rep.Inspection == nil {
		return worker.Inspection{}, errors.New("the worker process sent an empty inspection reply")
	}
	return *rep.Inspection, nil
}
