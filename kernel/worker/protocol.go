package worker

import "errors"

// This file is the contract between the kernel process (package kernel) and
// the supervised worker process. The kernel process never runs user code: it
// hands an ExecRequest to the Supervisor and receives, in program order, the
// Events the cell produced, then an Outcome.

// EventKind names what an Event carries.
type EventKind string

// The kinds of Event a running cell produces. They map one to one onto Jupyter
// IOPub messages, except InputRequest, which goes to the stdin channel.
const (
	// Stream is text on stdout or stderr (fields Stream, Text).
	Stream EventKind = "stream"
	// Display is a display_data message (Data, Metadata, DisplayID).
	Display EventKind = "display_data"
	// UpdateDisplay replaces an earlier display with the same DisplayID.
	UpdateDisplay EventKind = "update_display_data"
	// ClearOutput clears the cell's output (Wait).
	ClearOutput EventKind = "clear_output"
	// Result is the cell's value, Out[n] (Data, Metadata).
	Result EventKind = "execute_result"
	// Error is the cell's error (EName, EValue, Traceback); at most one per cell.
	Error EventKind = "error"
	// CommOpen opens a comm to the front end (CommID, TargetName, Data,
	// Metadata, Buffers): a widget was created.
	CommOpen EventKind = "comm_open"
	// CommMsg is a message on an open comm (CommID, Data, Metadata,
	// Buffers): a widget's state changed.
	CommMsg EventKind = "comm_msg"
	// CommClose closes a comm (CommID, Data, Metadata).
	CommClose EventKind = "comm_close"
)

// IsComm reports whether k is one of the comm kinds. Comm events are
// published whatever the cell's output settings (a silent cell's widgets
// still exist) and whenever they happen, also between cells.
func (k EventKind) IsComm() bool { return k == CommOpen || k == CommMsg || k == CommClose }

// Event is one output of a running cell.
type Event struct {
	Kind      EventKind      `json:"kind"`
	Stream    string         `json:"stream,omitempty"` // "stdout" or "stderr"
	Text      string         `json:"text,omitempty"`
	Data      map[string]any `json:"data,omitempty"` // MIME type -> content
	Metadata  map[string]any `json:"metadata,omitempty"`
	DisplayID string         `json:"display_id,omitempty"`
	Wait      bool           `json:"wait,omitempty"`
	EName     string         `json:"ename,omitempty"`
	EValue    string         `json:"evalue,omitempty"`
	Traceback []string       `json:"traceback,omitempty"`
	// CommID, TargetName and Buffers belong to the comm kinds; Buffers
	// travel as extra ZeroMQ frames.
	CommID     string   `json:"comm_id,omitempty"`
	TargetName string   `json:"target_name,omitempty"`
	Buffers    [][]byte `json:"buffers,omitempty"`
}

// CommMessage is a comm message from the front end to a comm in the worker
// (a widget's state change, a button click): comm_open, comm_msg or
// comm_close, with its JSON data and metadata and its binary buffers.
type CommMessage struct {
	Kind       EventKind      `json:"kind"`
	CommID     string         `json:"comm_id"`
	TargetName string         `json:"target_name,omitempty"`
	Data       map[string]any `json:"data,omitempty"`
	Metadata   map[string]any `json:"metadata,omitempty"`
	Buffers    [][]byte       `json:"buffers,omitempty"`
}

// ExecRequest is a cell to run.
type ExecRequest struct {
	Code       string `json:"code"`
	AllowStdin bool   `json:"allow_stdin"`
	// Silent suppresses the Result event (output events still flow; the
	// kernel process decides what to publish).
	Silent bool `json:"silent"`
	// ExecutionCount is the n of In[n]/Out[n], for error messages and results.
	ExecutionCount int `json:"execution_count"`
}

// Outcome is how a cell ended.
type Outcome struct {
	// Status is "ok" or "error".
	Status    string   `json:"status"`
	EName     string   `json:"ename,omitempty"`
	EValue    string   `json:"evalue,omitempty"`
	Traceback []string `json:"traceback,omitempty"`
	// Restarted is true when the worker process had to be restarted (a fatal
	// error, or an interrupt the cell did not honour): the variables are lost.
	Restarted bool `json:"restarted,omitempty"`
}

// Handler receives what a running cell produces. The Supervisor calls it from
// a single goroutine, in program order.
type Handler interface {
	// Event delivers one output.
	Event(e Event)
	// Input asks the front end for a line of input (input_request) and blocks
	// until the reply; it returns an error when input is not allowed or the
	// request was interrupted.
	Input(prompt string, password bool) (string, error)
}

// ErrNoInput is what a cell's read of standard input returns when the front
// end does not accept input (allow_stdin is false, or no cell is running).
var ErrNoInput = errors.New("input is not available: this front end does not accept input")

// CommCall is a comm message from the front end on its way through the
// worker. Done is closed once the worker has handled it: the comm's state
// changed, and its callbacks ran, or wait behind the running cell. Finished
// is closed once its callbacks ran too (at the same time as Done when they
// did not wait). Err says why a message could not be delivered or its
// callbacks did not run (no worker running, the worker ended); it is set
// before Done is closed, or before Finished when the worker ends while the
// callbacks wait.
type CommCall struct {
	Done     chan struct{}
	Finished chan struct{}
	Err      error
}

// NewCommCall returns a CommCall not yet done.
func NewCommCall() *CommCall {
	return &CommCall{Done: make(chan struct{}), Finished: make(chan struct{})}
}

// Fail completes c at once with err.
func (c *CommCall) Fail(err error) *CommCall {
	c.Err = err
	close(c.Done)
	close(c.Finished)
	return c
}

// MemoryLimitEnv tells a worker process its memory limit, in bytes. The
// supervisor kills a worker whose resident memory goes over it; the worker
// also limits its own address space to what it had at start plus the
// limit and a margin, so that one huge allocation fails at once instead
// of paging in.
const MemoryLimitEnv = "DESCENT_WORKER_MEMORY_LIMIT"
