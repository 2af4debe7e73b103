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
)

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
