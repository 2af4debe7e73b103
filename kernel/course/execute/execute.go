package execute

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/client"
	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

// Defaults of Options.
const (
	DefaultInterruptGrace = 15 * time.Second
	DefaultStartupTimeout = 60 * time.Second
	DefaultIOPubTimeout   = 4 * time.Second
)

// Options tune the execution of a notebook. The zero value runs every cell
// without a time limit and stops at the first error.
type Options struct {
	// Name is the notebook's name in progress lines and errors.
	Name string
	// Timeout bounds each cell; 0 means no limit. A cell that runs out is
	// interrupted and fails the notebook, whatever AllowErrors says.
	Timeout time.Duration
	// AllowErrors keeps going after a cell's error reply, as nbclient's
	// allow_errors does.
	AllowErrors bool
	// Progress receives a line per executed cell and the kernel process's
	// stderr; nil discards both.
	Progress io.Writer
	// InterruptGrace is how long a timed-out cell has to answer after the
	// interrupt (default DefaultInterruptGrace).
	InterruptGrace time.Duration
	// StartupTimeout bounds the start of a kernel process (default
	// DefaultStartupTimeout).
	StartupTimeout time.Duration
	// IOPubTimeout is how long the outputs of a cell may trail its reply,
	// as nbclient's iopub_timeout (default DefaultIOPubTimeout).
	IOPubTimeout time.Duration
}

// Result says what an execution did.
type Result struct {
	// Executed is how many code cells ran.
	Executed int
	// Errors are the errors of cells that were allowed to fail.
	Errors []*CellFailure
}

// Run starts a kernel process with argv (each "{connection_file}" is
// replaced by the path of a fresh connection file), executes nb on it and
// shuts the kernel down.
func Run(ctx context.Context, argv []string, nb *nbformat.Notebook, opts Options) (*Result, error) {
	prog := newProgress(opts.Progress)
	startup := opts.StartupTimeout
	if startup <= 0 {
		startup = DefaultStartupTimeout
	}
	k, err := client.StartProcess(ctx, argv, client.LaunchOptions{Stderr: prog, ReadyTimeout: startup})
	if err != nil {
		return nil, fmt.Errorf("notebook %s: starting the kernel: %w", opts.Name, err)
	}
	res, err := execute(ctx, k, nb, opts, prog)
	if cerr := k.Close(); cerr != nil && err == nil {
		prog.note("notebook %s: shutting the kernel down: %v", opts.Name, cerr)
	}
	return res, err
}

// Notebook executes the code cells of nb in order on k, which stays
// running. The outputs and execution counts of the executed cells are
// replaced; nb.Metadata.language_info is set from the kernel, and
// nb.Metadata.widgets holds the last state of the widgets the cells made
// (none: no such key). On failure nb
// holds the cells executed so far and the error is a *CellFailure.
func Notebook(ctx context.Context, k *client.Kernel, nb *nbformat.Notebook, opts Options) (*Result, error) {
	return execute(ctx, k, nb, opts, newProgress(opts.Progress))
}

// session is one execution of a notebook on a kernel.
type session struct {
	k       *client.Kernel
	nb      *nbformat.Notebook
	rec     *nbformat.Recorder
	widgets *nbformat.WidgetRecorder
	opts    Options
	prog    *progress
}

func execute(ctx context.Context, k *client.Kernel, nb *nbformat.Notebook, opts Options, prog *progress) (*Result, error) {
	if err := setLanguageInfo(ctx, k, nb); err != nil {
		return nil, fmt.Errorf("notebook %s: %w", opts.Name, err)
	}
	s := &session{k: k, nb: nb, rec: nbformat.NewRecorder(nb), widgets: nbformat.NewWidgetRecorder(), opts: opts, prog: prog}
	// The widgets' last state goes in the notebook, as a front end saves
	// it, so that pages and nbconvert can show them without a kernel.
	defer s.widgets.Save(nb)
	res := &Result{}
	for i, c := range nb.Cells {
		if c.Type != nbformat.Code || strings.TrimSpace(c.Source) == "" || c.HasTag("skip-execution") {
			continue
		}
		allow := opts.AllowErrors || c.HasTag("raises-exception")
		prog.start(opts.Name, i+1, len(nb.Cells))
		began := time.Now()
		cellErr, err := s.runCell(ctx, i, allow)
		took := time.Since(began)
		res.Executed++
		switch {
		case err != nil:
			prog.end("stopped", took)
			return res, err
		case cellErr == nil:
			prog.end("", took)
		case cellErr.Timeout > 0:
			prog.end("timed out", took)
			return res, cellErr
		case cellErr.Err != nil:
			prog.end("failed", took)
			return res, cellErr
		default:
			prog.end(cellErr.EName, took)
			if !allow {
				return res, cellErr
			}
			res.Errors = append(res.Errors, cellErr)
		}
	}
	return res, nil
}

// Why a cell's wait ended early.
var (
	errCellTimeout = errors.New("cell timeout")
	errDied        = errors.New("kernel exited")
)

// runCell executes cell index and records its outputs. It returns the
// cell's failure, if any, or an error when ctx ended.
func (s *session) runCell(ctx context.Context, index int, allow bool) (*CellFailure, error) {
	k, opts := s.k, s.opts
	cell := s.nb.Cells[index]
	if err := s.rec.StartCell(index); err != nil {
		return nil, err
	}
	failure := &CellFailure{Notebook: opts.Name, Cell: index + 1}
	call, err := k.StartExecute(cell.Source, client.ExecuteOptions{ContinueOnError: allow})
	if err != nil {
		failure.Err = err
		return failure, nil
	}
	cellCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	if opts.Timeout > 0 {
		timer := time.AfterFunc(opts.Timeout, func() { cancel(errCellTimeout) })
		defer timer.Stop()
	}
	go watchExit(cellCtx, k, cancel)
	resp, waitErr := waitForCell(cellCtx, call, opts)
	if errors.Is(waitErr, errNoIdle) {
		s.prog.note("notebook %s, cell %d: no idle status within %s of the reply; outputs published later are lost", opts.Name, index+1, iopubTimeout(opts))
		waitErr = nil
	}
	if waitErr != nil {
		switch context.Cause(cellCtx) {
		case errCellTimeout:
			failure.Timeout = opts.Timeout
			resp = interruptAndWait(ctx, k, call, opts)
		case errDied:
			failure.Err = fmt.Errorf("%w (%v)", ErrKernelDied, k.ExitErr())
		default:
			s.record(index, call.Progress())
			return nil, fmt.Errorf("notebook %s, cell %d: %w", opts.Name, index+1, ctx.Err())
		}
	}
	s.record(index, resp)
	if failure.Timeout > 0 || failure.Err != nil {
		return failure, nil
	}
	reply, err := client.DecodeExecuteReply(resp)
	if err != nil {
		failure.Err = err
		return failure, nil
	}
	if cell.ExecutionCount == nil && reply.ExecutionCount != nil {
		cell.ExecutionCount = reply.ExecutionCount
	}
	switch reply.Status {
	case "ok":
		return nil, nil
	case "error":
		failure.EName, failure.EValue, failure.Traceback = reply.EName, reply.EValue, reply.Traceback
		failure.Line = errorLine(reply.EValue, reply.Traceback)
		if failure.EName == "" {
			failure.EName = "Error"
		}
	default:
		failure.EName = reply.Status
		failure.EValue = "the kernel did not run the cell"
	}
	return failure, nil
}

// errNoIdle is a reply without an idle status after it.
var errNoIdle = errors.New("no idle status after the reply")

// waitForCell waits for the reply, then, like nbclient, at most the IOPub
// timeout for the idle status that ends the cell's outputs.
func waitForCell(ctx context.Context, call *client.Call, opts Options) (*client.Response, error) {
	select {
	case <-call.Replied():
	case <-ctx.Done():
		return call.Progress(), ctx.Err()
	}
	idleCtx, cancel := context.WithTimeout(ctx, iopubTimeout(opts))
	defer cancel()
	resp, err := call.Wait(idleCtx)
	if err != nil && ctx.Err() == nil {
		return call.Progress(), errNoIdle
	}
	return resp, err
}

func iopubTimeout(opts Options) time.Duration {
	if opts.IOPubTimeout > 0 {
		return opts.IOPubTimeout
	}
	return DefaultIOPubTimeout
}

// watchExit ends ctx with errDied if the kernel process exits first.
func watchExit(ctx context.Context, k *client.Kernel, cancel context.CancelCauseFunc) {
	select {
	case <-k.Exited():
		cancel(errDied)
	case <-ctx.Done():
	}
}

// interruptAndWait interrupts a cell that ran out of time and waits a
// grace period for its reply, returning what the cell published.
func interruptAndWait(ctx context.Context, k *client.Kernel, call *client.Call, opts Options) *client.Response {
	grace := opts.InterruptGrace
	if grace <= 0 {
		grace = DefaultInterruptGrace
	}
	graceCtx, cancel := context.WithTimeout(ctx, grace)
	defer cancel()
	if _, err := k.Interrupt(graceCtx); err == nil {
		exitCtx, stop := context.WithCancelCause(graceCtx)
		defer stop(nil)
		go watchExit(exitCtx, k, stop)
		if resp, err := call.Wait(exitCtx); err == nil {
			return resp
		}
	}
	return call.Progress()
}

// record gives the IOPub messages of a cell to the recorder, reporting
// malformed ones.
func (s *session) record(index int, resp *client.Response) {
	for _, m := range resp.IOPub {
		if err := s.rec.Record(index, m); err != nil {
			s.prog.note("notebook %s, cell %d: dropped an output: %v", s.opts.Name, index+1, err)
		}
		if err := s.widgets.Record(m); err != nil {
			s.prog.note("notebook %s, cell %d: dropped a widget message: %v", s.opts.Name, index+1, err)
		}
	}
	if err := s.rec.FinishCell(index); err != nil {
		s.prog.note("notebook %s, cell %d: %v", s.opts.Name, index+1, err)
	}
}

// setLanguageInfo copies the kernel's language_info into the notebook's
// metadata, as nbclient does.
func setLanguageInfo(ctx context.Context, k *client.Kernel, nb *nbformat.Notebook) error {
	infoCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	resp, err := k.KernelInfo(infoCtx, client.Shell)
	if err != nil {
		return fmt.Errorf("kernel_info: %w", err)
	}
	var content struct {
		LanguageInfo json.RawMessage `json:"language_info"`
	}
	if err := resp.Reply.DecodeContent(&content); err != nil {
		return err
	}
	if len(content.LanguageInfo) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(content.LanguageInfo))
	dec.UseNumber()
	var info map[string]any
	if err := dec.Decode(&info); err != nil || info == nil {
		return nil
	}
	if nb.Metadata == nil {
		nb.Metadata = map[string]any{}
	}
	nb.Metadata["language_info"] = info
	return nil
}
