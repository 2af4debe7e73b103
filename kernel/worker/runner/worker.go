package runner

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"reflect"
	"regexp"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/descentlab/descent/internal/idlegc"

	"github.com/descentlab/descent/internal/version"

	"github.com/traefik/yaegi/interp"
	"golang.org/x/sys/unix"

	"github.com/descentlab/descent/kernel/display"
	"github.com/descentlab/descent/kernel/display/comm"
	"github.com/descentlab/descent/kernel/magic"
	"github.com/descentlab/descent/kernel/native"
	"github.com/descentlab/descent/kernel/worker"
	"github.com/descentlab/descent/kernel/worker/internal/pipe"
	"github.com/descentlab/descent/optimlib"
)

// The file descriptors a worker process inherits besides 0, 1 and 2. Its
// stdout (fd 1) is a pipe the supervisor reads; its fd 2 is a pipe the
// supervisor keeps apart, because the Go runtime writes a crash report
// there; os.Stderr is moved to fdStderr, another pipe the supervisor reads
// as the cell's stderr.
const (
	fdRequests = 3 // frames from the supervisor
	fdReports  = 4 // frames to the supervisor
	fdStderr   = 5 // the cell's stderr
)

// Defaults of Config.
const (
	// DefaultSettleTimeout is how long an interrupted cell may take to stop
	// after its Eval returned before the worker reports it stuck.
	DefaultSettleTimeout = 500 * time.Millisecond
	// DefaultMaxStack bounds a goroutine's stack, so that infinite
	// recursion fails within a second instead of filling 1 GiB. It allows
	// interpreted recursion over 100,000 calls deep (measured: depth 10^5
	// runs, 3·10^5 overflows).
	DefaultMaxStack = 64 << 20
)

// Config tunes a worker process; the zero value is the production worker.
type Config struct {
	// NewEvaluator builds the interpreter; nil means the goeval
	// interpreter.
	NewEvaluator func(EvalOptions) (Evaluator, error)
	// Exports are compiled packages offered to cells besides the standard
	// library and the project's symbols (tests add their own).
	Exports []interp.Exports
	// Preload lists the packages imported before the first cell; nil means
	// DefaultPreload().
	Preload []string
	// SettleTimeout is DefaultSettleTimeout when zero.
	SettleTimeout time.Duration
	// MaxStack is DefaultMaxStack when zero.
	MaxStack int
	// Native configures the plugin builder behind %go get, %%compile and
	// imports of packages that are not preloaded.
	Native native.Options
}

// DefaultPreload returns the packages a cell can use without importing
// them.
func DefaultPreload() []string {
	return []string{
		"errors", "fmt", "image", "image/color", "math", "os", "sort", "strconv", "strings", "time",
		"github.com/descentlab/descent/optimlib",
		"github.com/descentlab/descent/kernel/display",
		"github.com/descentlab/descent/kernel/display/widgets",
	}
}

// Versions are the versions of this build: "descent", "go" and "yaegi".
func Versions() map[string]string {
	return map[string]string{
		"descent": version.Descent(),
		"go":      runtime.Version(),
		"yaegi":   version.Module("github.com/traefik/yaegi"),
	}
}

// Main is the worker process: `descent-worker serve`, started by a Supervisor,
// never by hand. It returns the process's exit code.
func Main() int { return Run(Config{}) }

// Run is Main with a Config.
func Run(cfg Config) int {
	runtimeErr := os.Stderr // fd 2, kept for reports that are not cell output
	for _, fd := range []int{fdRequests, fdReports, fdStderr} {
		if _, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err != nil {
			fmt.Fprintf(runtimeErr, "descent-worker: file descriptor %d is missing: the worker is started by the kernel, not by hand\n", fd)
			return 2
		}
	}
	requests := os.NewFile(fdRequests, "requests")
	reports := os.NewFile(fdReports, "reports")
	stderr := os.NewFile(fdStderr, "stderr")

	// The race detector's shadow memory does not fit under an address-space
	// cap; the supervisor's watchdog still enforces the limit.
	if v := os.Getenv(worker.MemoryLimitEnv); v != "" && !raceDetector {
		if limit, err := strconv.ParseUint(v, 10, 64); err == nil && limit > 0 {
			if err := limitAddressSpace(limit); err != nil {
				fmt.Fprintf(runtimeErr, "descent-worker: limiting the address space: %v\n", err)
			}
		}
	}

	maxStack := cfg.MaxStack
	if maxStack == 0 {
		maxStack = DefaultMaxStack
	}
	debug.SetMaxStack(maxStack)
	// The worker runs in its own process group; an interrupt from a
	// terminal must not end it (interrupts come as frames).
	signal.Ignore(os.Interrupt)
	os.Stderr = stderr
	log.SetOutput(stderr)

	w := newRunner(cfg, newLink(reports), stderr)
	w.stdio = &stdioGuard{}
	for _, s := range []struct {
		name string
		fd   int
		file *(*os.File)
		use  func(*os.File)
	}{
		{"os.Stdout", 1, &os.Stdout, w.stdout.use},
		{"os.Stderr", fdStderr, &os.Stderr, func(f *os.File) { w.stderr.use(f); log.SetOutput(f) }},
		{"fd 2", 2, nil, nil},
	} {
		if err := w.stdio.guard(s.name, s.fd, s.file, s.use); err != nil {
			fmt.Fprintf(runtimeErr, "descent-worker: %v\n", err)
		}
	}
	ev, err := w.newEvaluator()
	if err != nil {
		fmt.Fprintf(runtimeErr, "descent-worker: cannot start the interpreter: %v\n", err)
		return 1
	}
	w.eval = ev
	w.setupNative()
	display.SetPublisher(w.publish)
	comm.SetTransport(commTransport{w})
	go w.serveComms()
	go w.serveDeferred()
	// The one place the worker reaches into optimlib: its compiled loops
	// poll this hook, since a context cannot reach them through the
	// interpreter.
	optimlib.SetInterrupt(w.interruptRequested)

	if err := w.link.send(pipe.Report{Op: pipe.OpReady, Versions: Versions()}); err != nil {
		return 0
	}
	readerGone := make(chan error, 1)
	go w.serve(pipe.NewReader(bufio.NewReaderSize(requests, 64<<10)), readerGone)
	if err := <-readerGone; err != nil && !errors.Is(err, io.EOF) {
		fmt.Fprintf(runtimeErr, "descent-worker: reading requests: %v\n", err)
	}
	// The kernel process is gone: stop the cell, and do not outlive one
	// stuck in compiled code.
	w.interrupt()
	select {
	case <-w.lastCell:
	case <-time.After(2 * time.Second):
	}
	return 0
}

// serve reads requests until one is a cell, hands the reading to a fresh
// goroutine, and runs the cell itself, in turn after the cells before it.
// The goroutine that read a cell runs it, so a cell starts without waiting
// for another goroutine to wake. When the request stream ends, serve sends
// the reason on gone.
func (w *runner) serve(fr *pipe.Reader, gone chan<- error) {
	next, err := w.link.nextWork(fr, requestHandlers{
		interrupt: w.interrupt,
		query:     w.query,
		comm:      w.comms.push,
		commCount: w.comms.count,
	})
	if err != nil {
		gone <- err
		return
	}
	prev, done := w.lastCell, make(chan struct{})
	w.lastCell = done
	go w.serve(fr, gone)
	<-prev
	defer close(done)
	w.comms.waitApplied(next.commsFirst)
	w.turn.mu.Lock()
	if !w.runDeferred() {
		w.turn.mu.Unlock()
		return // a callback is stuck: the supervisor restarts the worker
	}
	report := w.handle(next.req)
	// The turn is free before the cell's end is reported: a comm message
	// that follows the report finds no cell running. Callbacks may start
	// before the report is written; the supervisor gives the report's
	// result to the cell all the same.
	w.turn.mu.Unlock()
	if report != nil {
		_ = w.link.send(*report)
	}
	w.gc.CellDone()
}

// worker is the state of a worker process.
type runner struct {
	cfg  Config
	link *link
	// lastCell is closed when the last cell read has finished. Only the
	// goroutine reading requests touches it; each cell waits for the one
	// before it, so cells run one at a time and in order.
	lastCell chan struct{}
	cells    cellSlot
	comms    *commQueue // messages from the front end to comms
	turn     *turn      // the interpreter's turn: a cell or callbacks
	// delivering is the OpComm the comm goroutine (commGoroutine) is
	// delivering beside a running cell, 0 when none.
	delivering    atomic.Uint64
	commGoroutine atomic.Int64
	stdin         *inputReader
	stdout        *textWriter
	stderr        *textWriter
	eval          Evaluator
	gc            *idlegc.Collector
	native        nativeGo
	stdio         *stdioGuard // nil in tests that build a runner by hand
	// goroutines counts the goroutines cells leave running.
	goroutines goroutineWatch
}

// newRunner returns a runner whose interpreted output goes to os.Stdout and
// stderr.
func newRunner(cfg Config, l *link, stderr *os.File) *runner {
	w := &runner{cfg: cfg, link: l, lastCell: make(chan struct{}), gc: idlegc.New(), native: nativeGo{opts: cfg.Native},
		comms: newCommQueue(), turn: newTurn()}
	close(w.lastCell)
	var mu sync.Mutex
	w.stdout = &textWriter{link: l, stream: streamStdout, file: os.Stdout, mu: &mu}
	w.stderr = &textWriter{link: l, stream: streamStderr, file: stderr, mu: &mu}
	w.stdin = &inputReader{link: l, cells: &w.cells}
	return w
}

// newEvaluator builds the interpreter with the worker's stdio.
func (w *runner) newEvaluator() (Evaluator, error) {
	preload := w.cfg.Preload
	if preload == nil {
		preload = DefaultPreload()
	}
	opts := EvalOptions{
		Stdout:  w.stdout,
		Stderr:  w.stderr,
		Stdin:   w.stdin,
		Exports: append(standardExports(), w.cfg.Exports...),
		Preload: preload,
	}
	if w.cfg.NewEvaluator != nil {
		return w.cfg.NewEvaluator(opts)
	}
	return newGoeval(opts)
}

// cellState is the running cell.
type cellState struct {
	ctx         context.Context
	cancel      context.CancelFunc
	allowStdin  bool
	interrupted atomic.Bool
}

// cellSlot holds the running cell, or nil between cells.
type cellSlot struct{ p atomic.Pointer[cellState] }

func (s *cellSlot) current() *cellState { return s.p.Load() }
func (s *cellSlot) set(c *cellState)    { s.p.Store(c) }

// interrupt cancels the running cell, if any.
func (w *runner) interrupt() {
	if c := w.cells.current(); c != nil {
		c.interrupted.Store(true)
		c.cancel()
	}
}

// interruptRequested reports whether the running cell was interrupted; it
// is the hook compiled optimlib loops poll.
func (w *runner) interruptRequested() bool {
	c := w.cells.current()
	return c != nil && c.interrupted.Load()
}

// handle runs one request from the supervisor's queue and returns the
// report that ends it, if any.
func (w *runner) handle(req pipe.Request) *pipe.Report {
	switch req.Op {
	case pipe.OpExec:
		if req.Exec != nil {
			return w.execute(*req.Exec)
		}
	default:
		w.logf("unknown request %q dropped", req.Op)
	}
	return nil
}

// query answers a completion, inspection or comm info request; it may run
// while a cell runs. A panic in the evaluator answers with nothing rather than end
// the worker.
func (w *runner) query(req pipe.Request) {
	defer func() {
		if r := recover(); r != nil {
			w.logf("%s request panicked: %v", req.Op, r)
			w.reply(pipe.Report{Op: pipe.OpReply, ID: req.ID, Completion: &worker.Completion{Matches: []string{}}, Inspection: &worker.Inspection{}})
		}
	}()
	// A magic's name is blanked out: the rest of the cell is Go, at the
	// same offsets.
	if req.Op == pipe.OpCommInfo {
		w.commInfo(req)
		return
	}
	code := req.Code
	if l, ok := magic.Parse(code); ok {
		code = l.Body
	}
	switch req.Op {
	case pipe.OpComplete:
		c := w.eval.Complete(code, req.Cursor)
		if c.Matches == nil {
			c.Matches = []string{}
		}
		w.reply(pipe.Report{Op: pipe.OpReply, ID: req.ID, Completion: &c})
	case pipe.OpInspect:
		insp := &worker.Inspection{}
		if in, ok := w.eval.(Inspector); ok {
			insp.Data, insp.Found = in.Inspect(code, req.Cursor, req.Detail)
		}
		w.reply(pipe.Report{Op: pipe.OpReply, ID: req.ID, Inspection: insp})
	}
}

// execute runs one cell, reporting its outputs, and returns the report of
// its end (OpDone).
func (w *runner) execute(req worker.ExecRequest) *pipe.Report {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := &cellState{ctx: ctx, cancel: cancel, allowStdin: req.AllowStdin}
	w.stdin.reset()
	w.cells.set(c)
	defer w.cells.set(nil)
	w.repairStdio() // a goroutine of an earlier cell may have broken them
	w.goroutines.start()

	value, hasValue, err := w.runCell(ctx, req.Code)
	w.repairStdio()
	if c.interrupted.Load() && (errors.Is(err, native.ErrStuck) || !w.eval.Settle(w.settleTimeout())) {
		// The supervisor restarts the worker and says why.
		return &pipe.Report{Op: pipe.OpDone, Stuck: true, Outcome: &worker.Outcome{Status: "error", EName: "Interrupted"}}
	}
	if note := w.goroutines.report(); note != "" {
		_, _ = w.stderr.Write([]byte(note))
	}
	outcome := worker.Outcome{Status: "ok"}
	// The cell's result or error travels in the done frame: the cell has
	// returned, so nothing it writes can follow it, and the supervisor
	// still delivers the text written before it first.
	var final *worker.Event
	switch {
	case err != nil:
		ev := errorEvent(err, c.interrupted.Load())
		if code, ok := exitCode(ev.EValue); ok {
			// The interpreter turns os.Exit into a panic to survive it; a
			// program that exits means to end, and the supervisor reports
			// the exit and starts a fresh worker.
			os.Exit(code)
		}
		final = &ev
		outcome = worker.Outcome{Status: "error", EName: ev.EName, EValue: ev.EValue, Traceback: ev.Traceback}
	case hasValue && !req.Silent:
		data, metadata := display.Bundle(interfaceOf(value))
		final = &worker.Event{Kind: worker.Result, Data: data, Metadata: metadata}
	}
	return &pipe.Report{Op: pipe.OpDone, Event: final, Outcome: &outcome}
}

// repairStdio restores the standard streams a cell closed or replaced, and
// says so on the cell's stderr.
func (w *runner) repairStdio() {
	if note := w.stdio.repair(); note != "" {
		_, _ = w.stderr.Write([]byte(note))
	}
}

// evalCell runs the evaluator, turning a panic in it into an error.
func (w *runner) evalCell(ctx context.Context, code string) (value reflect.Value, hasValue bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error in the interpreter: %v", r)
		}
	}()
	return w.eval.Eval(ctx, code)
}

func (w *runner) settleTimeout() time.Duration {
	if w.cfg.SettleTimeout > 0 {
		return w.cfg.SettleTimeout
	}
	return DefaultSettleTimeout
}

// emit sends one output and waits until the supervisor has delivered it.
func (w *runner) emit(e worker.Event) {
	// If the kernel process is gone there is no one left to show it to.
	_, _ = w.link.exchange(pipe.Report{Op: pipe.OpEvent, Event: &e}, nil)
}

// publish is the display package's publisher in the worker.
func (w *runner) publish(o display.Output) {
	e := worker.Event{Data: o.Data, Metadata: o.Metadata, DisplayID: o.DisplayID, Wait: o.Wait}
	switch o.Kind {
	case display.DisplayData:
		e.Kind = worker.Display
	case display.UpdateDisplayData:
		e.Kind = worker.UpdateDisplay
	case display.ClearOutput:
		e.Kind = worker.ClearOutput
	default:
		w.logf("display output of unknown kind %v dropped", o.Kind)
		return
	}
	w.emit(e)
}

// reply sends an answer to a completion or inspection request.
func (w *runner) reply(r pipe.Report) {
	if err := w.link.send(r); err != nil {
		w.logf("reply: %v", err)
	}
}

// logf sends a line to the kernel's log.
func (w *runner) logf(format string, args ...any) {
	_ = w.link.send(pipe.Report{Op: pipe.OpLog, Text: fmt.Sprintf(format, args...)})
}

// interfaceOf returns the value v holds, or nil when it holds none (or one
// that cannot be read).
func interfaceOf(v reflect.Value) (x any) {
	defer func() {
		if recover() != nil {
			x = fmt.Sprintf("<%v>", v.Type())
		}
	}()
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

// exitPanic matches the panic the interpreter raises for os.Exit(code).
var exitPanic = regexp.MustCompile(`^(?:panic: )?os\.Exit\((-?\d+)\)$`)

// exitCode returns the code of an os.Exit the cell called, given the
// message of the error it ended with.
func exitCode(msg string) (int, bool) {
	m := exitPanic.FindStringSubmatch(strings.TrimSpace(msg))
	if m == nil {
		return 0, false
	}
	code, err := strconv.Atoi(m[1])
	if err != nil {
		return 0, false
	}
	return code, true
}

// errorEvent is the Error event of a cell that failed with err.
func errorEvent(err error, interrupted bool) worker.Event {
	var ce JupyterError
	if errors.As(err, &ce) {
		tb := ce.ErrorTraceback()
		if len(tb) == 0 {
			tb = []string{ce.ErrorName() + ": " + ce.ErrorValue()}
		}
		return worker.Event{Kind: worker.Error, EName: ce.ErrorName(), EValue: ce.ErrorValue(), Traceback: tb}
	}
	name := "Error"
	if interrupted || errors.Is(err, context.Canceled) {
		name = "Interrupted"
	}
	msg := err.Error()
	return worker.Event{Kind: worker.Error, EName: name, EValue: msg, Traceback: []string{name + ": " + msg}}
}
