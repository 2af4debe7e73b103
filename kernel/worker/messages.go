package worker

// op names what a frame between the supervisor and the worker carries.
type op string

// Frames the supervisor sends to the worker (request.Op).
const (
	// opExec runs a cell (Exec); the worker answers with outputs, then opDone.
	opExec op = "exec"
	// opInterrupt cancels the running cell, if any.
	opInterrupt op = "interrupt"
	// opAck answers an opEvent or opSync with the same ID: everything the
	// worker wrote to its stdout and stderr before that frame has been
	// delivered.
	opAck op = "ack"
	// opInput answers an opAskInput with the same ID (Value, or Error).
	opInput op = "input"
	// opComplete asks for completions (Code, Cursor); answered by opReply.
	opComplete op = "complete"
	// opInspect asks about the name under the cursor (Code, Cursor,
	// Detail); answered by opReply.
	opInspect op = "inspect"
)

// Frames the worker sends to the supervisor (report.Op).
const (
	// opReady says the interpreter is built and cells can run.
	opReady op = "ready"
	// opEvent carries one output of the running cell; the worker waits for
	// the opAck with the same ID, which orders it after the text written
	// before it. ID 0 asks for no ack.
	opEvent op = "event"
	// opSync asks for an opAck only, to order text on stdout against text
	// on stderr.
	opSync op = "sync"
	// opAskInput asks for a line of input (Prompt, Password); the worker
	// waits for the opInput with the same ID.
	opAskInput op = "ask_input"
	// opDone ends the cell (Outcome), with its result or error event when
	// it has one (Event). Stuck says the interrupted cell is still running
	// compiled code: the supervisor must restart the worker.
	opDone op = "done"
	// opReply answers an opComplete or opInspect with the same ID.
	opReply op = "reply"
	// opLog is a diagnostic line for the kernel's log, not for the cell.
	opLog op = "log"
)

// request is a frame from the supervisor to the worker.
type request struct {
	Op     op           `json:"op"`
	ID     uint64       `json:"id,omitempty"`
	Exec   *ExecRequest `json:"exec,omitempty"`
	Code   string       `json:"code,omitempty"`
	Cursor int          `json:"cursor,omitempty"`
	Detail int          `json:"detail,omitempty"`
	Value  string       `json:"value,omitempty"`
	Error  string       `json:"error,omitempty"`
}

// report is a frame from the worker to the supervisor.
type report struct {
	Op         op          `json:"op"`
	ID         uint64      `json:"id,omitempty"`
	Event      *Event      `json:"event,omitempty"`
	Prompt     string      `json:"prompt,omitempty"`
	Password   bool        `json:"password,omitempty"`
	Outcome    *Outcome    `json:"outcome,omitempty"`
	Stuck      bool        `json:"stuck,omitempty"`
	Completion *Completion `json:"completion,omitempty"`
	Inspection *Inspection `json:"inspection,omitempty"`
	Text       string      `json:"text,omitempty"`
}

// Completion is the answer to a completion request. Offsets are bytes of
// the code (the kernel converts them to code points for the front end).
type Completion struct {
	Matches     []string `json:"matches"`
	CursorStart int      `json:"cursor_start"`
	CursorEnd   int      `json:"cursor_end"`
	// Types, when set, has the kind of each match (function, variable,
	// type, module, keyword, field, method, constant), for the front end's
	// icons.
	Types    []string       `json:"types,omitempty"`
	Metadata map[string]any `json:"metadata,omitempty"`
}

// Inspection is the answer to an inspect request: a MIME bundle describing
// the name under the cursor, when Found.
type Inspection struct {
	Found    bool           `json:"found"`
	Data     map[string]any `json:"data,omitempty"`
	Metadata map[string]any `json:"metadata,omitempty"`
}
