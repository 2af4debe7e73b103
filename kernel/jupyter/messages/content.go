package messages

import "encoding/json"

// Field names follow the Jupyter messaging specification, version 5.3.

// ExecuteRequest is the content of execute_request. StoreHistory and StopOnError
// are true when absent.
type ExecuteRequest struct {
	Code            string            `json:"code"`
	Silent          bool              `json:"silent"`
	StoreHistory    *bool             `json:"store_history"`
	UserExpressions map[string]string `json:"user_expressions"`
	AllowStdin      bool              `json:"allow_stdin"`
	StopOnError     *bool             `json:"stop_on_error"`
}

// ExecuteInput is the content of execute_input, the code being run.
type ExecuteInput struct {
	Code           string `json:"code"`
	ExecutionCount int    `json:"execution_count"`
}

// ExecuteReplyOK is the content of an execute_reply with status "ok".
type ExecuteReplyOK struct {
	Status          string         `json:"status"`
	ExecutionCount  int            `json:"execution_count"`
	Payload         []any          `json:"payload"`
	UserExpressions map[string]any `json:"user_expressions"`
}

// Error is the content of an error message, also part of every reply with
// status "error".
type Error struct {
	EName     string   `json:"ename"`
	EValue    string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}

// ExecuteReplyError is the content of an execute_reply with status "error".
type ExecuteReplyError struct {
	Status         string `json:"status"`
	ExecutionCount int    `json:"execution_count"`
	Error
}

// ExecuteReplyAborted is the content of an execute_reply with status "aborted".
type ExecuteReplyAborted struct {
	Status         string `json:"status"`
	ExecutionCount int    `json:"execution_count"`
}

// ExecuteReply is an execute_reply of any status, as a client reads it.
// ExecutionCount is nil when the kernel left it out.
type ExecuteReply struct {
	Status         string `json:"status"`
	ExecutionCount *int   `json:"execution_count"`
	Error
	Payload         []json.RawMessage          `json:"payload"`
	UserExpressions map[string]json.RawMessage `json:"user_expressions"`
}

// ExecuteResult is the content of execute_result.
type ExecuteResult struct {
	ExecutionCount int            `json:"execution_count"`
	Data           map[string]any `json:"data"`
	Metadata       map[string]any `json:"metadata"`
}

// DisplayData is the content of display_data and update_display_data.
type DisplayData struct {
	Data      map[string]any `json:"data"`
	Metadata  map[string]any `json:"metadata"`
	Transient map[string]any `json:"transient"`
}

// Stream is the content of stream: text written to stdout or stderr.
type Stream struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// Status is the content of status: busy, idle or starting.
type Status struct {
	ExecutionState string `json:"execution_state"`
}

// ClearOutput is the content of clear_output.
type ClearOutput struct {
	Wait bool `json:"wait"`
}

// UserExpressionOK is the value of one user expression that evaluated.
type UserExpressionOK struct {
	Status   string         `json:"status"`
	Data     map[string]any `json:"data"`
	Metadata map[string]any `json:"metadata"`
}

// UserExpressionError is the value of one user expression that failed.
type UserExpressionError struct {
	Status string `json:"status"`
	Error
}

// IsCompleteRequest is the content of is_complete_request.
type IsCompleteRequest struct {
	Code string `json:"code"`
}

// IsCompleteReply is the content of is_complete_reply; Indent is set when
// the status is "incomplete".
type IsCompleteReply struct {
	Status string `json:"status"`
	Indent string `json:"indent,omitempty"`
}

// CompleteRequest is the content of complete_request; CursorPos counts code
// points, and is the end of Code when absent.
type CompleteRequest struct {
	Code      string `json:"code"`
	CursorPos *int   `json:"cursor_pos"`
}

// CompleteReply is the content of complete_reply.
type CompleteReply struct {
	Status      string         `json:"status"`
	Matches     []string       `json:"matches"`
	CursorStart int            `json:"cursor_start"`
	CursorEnd   int            `json:"cursor_end"`
	Metadata    map[string]any `json:"metadata"`
}

// InspectRequest is the content of inspect_request.
type InspectRequest struct {
	Code        string `json:"code"`
	CursorPos   *int   `json:"cursor_pos"`
	DetailLevel int    `json:"detail_level"`
}

// InspectReply is the content of inspect_reply.
type InspectReply struct {
	Status   string         `json:"status"`
	Found    bool           `json:"found"`
	Data     map[string]any `json:"data"`
	Metadata map[string]any `json:"metadata"`
}

// HistoryRequest is the content of history_request.
type HistoryRequest struct {
	Output         bool   `json:"output"`
	Raw            bool   `json:"raw"`
	HistAccessType string `json:"hist_access_type"`
	Session        *int   `json:"session"`
	Start          *int   `json:"start"`
	Stop           *int   `json:"stop"`
	N              *int   `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

// CommInfoReply is the content of comm_info_reply.
type CommInfoReply struct {
	Status string         `json:"status"`
	Comms  map[string]any `json:"comms"`
}

// CommInfoRequest is the content of comm_info_request; an empty
// TargetName asks for every comm.
type CommInfoRequest struct {
	TargetName string `json:"target_name,omitempty"`
}

// CommOpen is the content of comm_open.
type CommOpen struct {
	CommID     string         `json:"comm_id"`
	TargetName string         `json:"target_name"`
	Data       map[string]any `json:"data"`
}

// CommMsg is the content of comm_msg.
type CommMsg struct {
	CommID string         `json:"comm_id"`
	Data   map[string]any `json:"data"`
}

// CommClose is the content of comm_close.
type CommClose struct {
	CommID string         `json:"comm_id"`
	Data   map[string]any `json:"data"`
}

// ShutdownRequest is the content of shutdown_request.
type ShutdownRequest struct {
	Restart bool `json:"restart"`
}

// ShutdownReply is the content of shutdown_reply.
type ShutdownReply struct {
	Status  string `json:"status"`
	Restart bool   `json:"restart"`
}

// StatusReply is the content of a reply that carries only its status.
type StatusReply struct {
	Status string `json:"status"`
}

// InputRequest is the content of input_request, on the stdin channel.
type InputRequest struct {
	Prompt   string `json:"prompt"`
	Password bool   `json:"password"`
}

// InputReply is the content of input_reply.
type InputReply struct {
	Value string `json:"value"`
}

// BadRequestReply is the content of an error reply to a request the kernel
// could not read.
type BadRequestReply struct {
	Status string `json:"status"`
	Error
}
