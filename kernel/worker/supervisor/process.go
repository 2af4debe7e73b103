package supervisor

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/sys/unix"

	"github.com/descentlab/descent/internal/memlimit"
	"github.com/descentlab/descent/kernel/worker"
	"github.com/descentlab/descent/kernel/worker/internal/pipe"
)

// Why the supervisor ended a worker process.
const (
	reasonNone     int32 = iota // it died on its own
	reasonStuck                 // an interrupted cell did not stop
	reasonRestart               // Restart
	reasonClose                 // Close
	reasonProtocol              // it sent a corrupt frame
	reasonMemory                // it went over its memory limit
)

// errWorkerEnded is returned by calls to a worker process that has ended.
var errWorkerEnded = errors.New("the worker process ended")

// process is one worker process: the command, the pipes to it, and the
// state its merger goroutine shares with the Supervisor.
type process struct {
	cmd *exec.Cmd
	req *os.File     // write end of the request pipe (the worker's fd 3)
	out *pipe.Writer // frames to req

	// Read ends of the worker's outputs: non-blocking descriptors owned by
	// the merger.
	reports, stdout, stderr, runtime int

	ready     chan struct{} // closed when the worker reports ready
	readyOnce sync.Once
	versions  map[string]string // the worker's build, set before ready is closed
	exited    chan struct{}     // closed when the process has been waited for
	ended     chan struct{}     // closed when the merger is done with the process

	reason atomic.Int32 // why the supervisor ended it; reasonNone if it did not
	// limit is the memory limit it runs under; memoryUsed is the resident
	// memory the watchdog saw when it killed it for going over.
	limit      memlimit.Limit
	memoryUsed atomic.Uint64
	// startErr says why a process that never became ready ended; it is set
	// before ended is closed.
	startErr error

	mu       sync.Mutex
	cell     *cell                       // the running cell
	finished bool                        // no cell may start any more
	calls    map[uint64]chan pipe.Report // completion and inspection requests waiting for a reply
	comms    map[uint64]*commCall        // comm messages not yet complete
	// callbacks are the comm callbacks running in the worker, between
	// OpCallbacks and OpCallbacksDone (its done channel is unused).
	callbacks *cell
}

// cell is a cell running in a process.
type cell struct {
	h     worker.Handler
	done  chan worker.Outcome // receives the outcome once
	grace *time.Timer         // the interrupt escalation, once armed
	gmu   sync.Mutex
}

// finish stops the cell's timer and hands over its outcome.
func (c *cell) finish(o worker.Outcome) {
	c.stopGrace()
	c.done <- o
}

// stopGrace stops the interrupt escalation, if armed.
func (c *cell) stopGrace() {
	c.gmu.Lock()
	if c.grace != nil {
		c.grace.Stop()
	}
	c.gmu.Unlock()
}

// armGrace calls kill after d unless the cell ends first; only the first
// call counts.
func (c *cell) armGrace(d time.Duration, kill func()) {
	c.gmu.Lock()
	defer c.gmu.Unlock()
	if c.grace == nil {
		c.grace = time.AfterFunc(d, kill)
	}
}

// nonblockingPipe returns a pipe whose read end is a non-blocking
// descriptor for the merger and whose write end is a file for the child.
func nonblockingPipe() (r int, w *os.File, err error) {
	var p [2]int
	// pipe + close-on-exec under the fork lock (as package os does) rather
	// than pipe2, which macOS lacks.
	syscall.ForkLock.RLock()
	err = unix.Pipe(p[:])
	if err == nil {
		unix.CloseOnExec(p[0])
		unix.CloseOnExec(p[1])
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return -1, nil, fmt.Errorf("pipe: %w", err)
	}
	if err := unix.SetNonblock(p[0], true); err != nil {
		unix.Close(p[0])
		unix.Close(p[1])
		return -1, nil, fmt.Errorf("pipe: %w", err)
	}
	return p[0], os.NewFile(uintptr(p[1]), "pipe"), nil
}

// startProcess starts a worker process with GOTRACEBACK=none (crash
// reports without goroutine dumps) in its own process group.
func startProcess(path string, args, env []string, limit memlimit.Limit) (_ *process, err error) {
	p := &process{
		limit:  limit,
		ready:  make(chan struct{}),
		exited: make(chan struct{}),
		ended:  make(chan struct{}),
		calls:  map[uint64]chan pipe.Report{},
		comms:  map[uint64]*commCall{},
	}
	var readEnds []int
	var childEnds []*os.File
	defer func() {
		for _, f := range childEnds {
			f.Close()
		}
		if err != nil {
			for _, fd := range readEnds {
				unix.Close(fd)
			}
			if p.req != nil {
				p.req.Close()
			}
		}
	}()
	reqR, reqW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("pipe: %w", err)
	}
	p.req = reqW
	p.out = pipe.NewWriter(reqW)
	childEnds = append(childEnds, reqR)
	ends := make([]*os.File, 4)
	for i, fd := range []*int{&p.reports, &p.stdout, &p.stderr, &p.runtime} {
		r, w, err := nonblockingPipe()
		if err != nil {
			return nil, err
		}
		*fd = r
		readEnds = append(readEnds, r)
		childEnds = append(childEnds, w)
		ends[i] = w
	}

	cmd := exec.Command(path, args...)
	cmd.Env = append(append(append([]string(nil), env...), "GOTRACEBACK=none"), memoryEnv(env, limit.Bytes)...)
	cmd.Stdout = ends[1]
	cmd.Stderr = ends[3]
	cmd.ExtraFiles = []*os.File{reqR, ends[0], ends[2]} // fds 3, 4, 5
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start the worker process %s: %w", path, err)
	}
	p.cmd = cmd
	go func() {
		_ = cmd.Wait() // the exit status is read from cmd.ProcessState
		close(p.exited)
	}()
	return p, nil
}

// kill ends the process for reason; the first reason given is the one
// reported. Killing a process that has already exited does nothing.
func (p *process) kill(reason int32) {
	p.reason.CompareAndSwap(reasonNone, reason)
	_ = p.cmd.Process.Kill()
}

// send writes one request to the worker.
func (p *process) send(r pipe.Request) error {
	if err := p.out.Send(r); err != nil {
		return fmt.Errorf("write to the worker process: %w", err)
	}
	return nil
}

// begin makes c the running cell; it returns false if the process is
// ending.
func (p *process) begin(c *cell) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.finished {
		return false
	}
	p.cell = c
	return true
}

// currentCell returns the running cell, or nil.
func (p *process) currentCell() *cell {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.cell
}

// takeCell ends the running cell's tenure and returns it (nil if none).
// With final, no cell may start any more.
func (p *process) takeCell(final bool) *cell {
	p.mu.Lock()
	defer p.mu.Unlock()
	c := p.cell
	p.cell = nil
	if final {
		p.finished = true
	}
	return c
}

// call sends a request that the worker answers with an OpReply, and waits
// for the reply.
func (p *process) call(r pipe.Request, timeout time.Duration) (pipe.Report, error) {
	ch := make(chan pipe.Report, 1)
	p.mu.Lock()
	if p.finished {
		p.mu.Unlock()
		return pipe.Report{}, errWorkerEnded
	}
	p.calls[r.ID] = ch
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		delete(p.calls, r.ID)
		p.mu.Unlock()
	}()
	if err := p.send(r); err != nil {
		return pipe.Report{}, err
	}
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case rep := <-ch:
		return rep, nil
	case <-p.ended:
		return pipe.Report{}, errWorkerEnded
	case <-t.C:
		return pipe.Report{}, fmt.Errorf("the worker process did not answer within %v", timeout)
	}
}

// deliverReply hands a reply to the call waiting for it.
func (p *process) deliverReply(r pipe.Report) {
	p.mu.Lock()
	ch := p.calls[r.ID]
	p.mu.Unlock()
	if ch != nil {
		ch <- r
	}
}

// markReady records that the worker can run cells.
func (p *process) markReady() { p.readyOnce.Do(func() { close(p.ready) }) }

// isReady reports whether the worker ever became ready.
func (p *process) isReady() bool {
	select {
	case <-p.ready:
		return true
	default:
		return false
	}
}

// hasEnded reports whether the merger is done with the process.
func (p *process) hasEnded() bool {
	select {
	case <-p.ended:
		return true
	default:
		return false
	}
}
