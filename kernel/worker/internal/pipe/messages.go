package pipe

import "github.com/descentlab/descent/kernel/worker"

// Op names what a frame between the supervisor and the worker carries.
type Op string

// Frames the supervisor sends to the worker (Request.Op).
const (
	// OpExec runs a cell (Exec); the worker answers with outputs, then OpDone.
	OpExec Op = "exec"
	// OpInterrupt cancels the running cell, if any.
	OpInterrupt Op = "interrupt"
	// OpAck answers an OpEvent or OpSync with the same ID: everything the
	// worker wrote to its stdout and stderr before that frame has been
	// delivered.
	OpAck Op = "ack"
	// OpInput answers an OpAskInput with the same ID (Value, or Error).
	OpInput Op = "input"
	// OpComplete asks for completions (Code, Cursor); answered by OpReply.
	OpComplete Op = "complete"
	// OpInspect asks about the name under the cursor (Code, Cursor,
	// Detail); answered by OpReply.
	OpInspect Op = "inspect"
	// OpComm delivers a comm message from the front end (Comm); the worker
	// answers with OpCommDone with the same ID.
	OpComm Op = "comm"
	// OpCommInfo asks for the open comms of a target (Code; "" for all);
	// answered by OpReply with Comms.
	OpCommInfo Op = "comm_info"
)

// Frames the worker sends to the supervisor (Report.Op).
const (
	// OpReady says the interpreter is built and cells can run.
	OpReady Op = "ready"
	// OpEvent carries one output of the running cell; the worker waits for
	// the OpAck with the same ID, which orders it after the text written
	// before it. ID 0 asks for no ack. With Comm set, the output (a comm
	// message) belongs to that OpComm, not to the cell.
	OpEvent Op = "event"
	// OpSync asks for an OpAck only, to order text on stdout against text
	// on stderr.
	OpSync Op = "sync"
	// OpAskInput asks for a line of input (Prompt, Password); the worker
	// waits for the OpInput with the same ID.
	OpAskInput Op = "ask_input"
	// OpDone ends the cell (Outcome), with its result or error event when
	// it has one (Event). Stuck says the interrupted cell is still running
	// compiled code: the supervisor must restart the worker.
	OpDone Op = "done"
	// OpReply answers an OpComplete or OpInspect with the same ID.
	OpReply Op = "reply"
	// OpLog is a diagnostic line for the kernel's log, not for the cell.
	OpLog Op = "log"
	// OpCommDone says the OpComm with the same ID was handled: its state
	// change applied and its callbacks run, or, with Pending, queued
	// behind the running cell; they then run between an OpCallbacks and an
	// OpCallbacksDone with Comm set to that ID.
	OpCommDone Op = "comm_done"
	// OpCallbacks starts the callbacks of the OpComm whose ID is in Comm:
	// the events up to the matching OpCallbacksDone are theirs. The worker
	// waits for the ack, as for OpEvent.
	OpCallbacks Op = "callbacks"
	// OpCallbacksDone ends them, with the error event of a callback that
	// failed (Event); Stuck says an interrupted callback is still running
	// compiled code and the worker must be restarted. Acked like OpEvent.
	OpCallbacksDone Op = "callbacks_done"
)

// Request is a frame from the supervisor to the worker.
type Request struct {
	Op     Op                  `json:"op"`
	ID     uint64              `json:"id,omitempty"`
	Exec   *worker.ExecRequest `json:"exec,omitempty"`
	Code   string              `json:"code,omitempty"`
	Cursor int                 `json:"cursor,omitempty"`
	Detail int                 `json:"detail,omitempty"`
	Value  string              `json:"value,omitempty"`
	Error  string              `json:"error,omitempty"`
	Comm   *worker.CommMessage `json:"comm,omitempty"`
}

// Report is a frame from the worker to the supervisor.
type Report struct {
	Op         Op                 `json:"op"`
	ID         uint64             `json:"id,omitempty"`
	Event      *worker.Event      `json:"event,omitempty"`
	Prompt     string             `json:"prompt,omitempty"`
	Password   bool               `json:"password,omitempty"`
	Outcome    *worker.Outcome    `json:"outcome,omitempty"`
	Stuck      bool               `json:"stuck,omitempty"`
	Completion *worker.Completion `json:"completion,omitempty"`
	Inspection *worker.Inspection `json:"inspection,omitempty"`
	Text       string             `json:"text,omitempty"`
	// Versions, with OpReady, are the worker's build: "descent", "go"
	// and "yaegi".
	Versions map[string]string `json:"versions,omitempty"`
	// Comm is the OpComm a report is about (OpCallbacks,
	// OpCallbacksDone, OpEvent); Pending goes with OpCommDone.
	Comm    uint64 `json:"comm,omitempty"`
	Pending bool   `json:"pending,omitempty"`
	// Comms answers OpCommInfo: comm id to target name.
	Comms map[string]string `json:"comms,omitempty"`
}
