package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/messages"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// WaitReady blocks until the kernel answers kernel_info and an IOPub message
// for it arrives, which proves the IOPub subscription is live (messages
// published before it are lost). Like jupyter_client, it resends
// kernel_info until then.
func (c *Client) WaitReady(ctx context.Context) error {
	for attempt := 1; ; attempt++ {
		m, err := c.NewRequest("kernel_info_request", map[string]any{})
		if err != nil {
			return err
		}
		call, err := c.Send(Shell, m, CallOptions{})
		if err != nil {
			return err
		}
		replyWait := time.NewTimer(time.Second)
		select {
		case <-call.Replied():
		case <-replyWait.C:
			continue
		case <-ctx.Done():
			replyWait.Stop()
			return fmt.Errorf("client: kernel not ready after %d kernel_info requests: %w", attempt, ctx.Err())
		}
		replyWait.Stop()
		iopubWait := time.NewTimer(200 * time.Millisecond)
		select {
		case <-call.firstIOPubCh:
			iopubWait.Stop()
			return nil
		case <-iopubWait.C:
		case <-ctx.Done():
			iopubWait.Stop()
			return fmt.Errorf("client: iopub not ready: %w", ctx.Err())
		}
	}
}

// KernelInfo sends kernel_info_request on ch and waits for the answer.
func (c *Client) KernelInfo(ctx context.Context, ch Channel) (*Response, error) {
	return c.Request(ctx, ch, "kernel_info_request", map[string]any{})
}

// ExecuteOptions are the fields of an execute_request. The zero value asks
// for what a notebook asks: store history, stop on error, no input.
type ExecuteOptions struct {
	Silent bool
	// SkipHistory sends store_history false.
	SkipHistory bool
	// ContinueOnError sends stop_on_error false.
	ContinueOnError bool
	// AllowStdin sends allow_stdin true; it is implied by Input.
	AllowStdin      bool
	UserExpressions map[string]string
	// Input answers input requests.
	Input InputFunc
}

// ExecuteResult is a finished execute request.
type ExecuteResult struct {
	Response
	Status          string
	ExecutionCount  int
	EName           string
	EValue          string
	Traceback       []string
	Payload         []json.RawMessage
	UserExpressions map[string]json.RawMessage
}

// StartExecute sends an execute_request without waiting.
func (c *Client) StartExecute(code string, opts ExecuteOptions) (*Call, error) {
	storeHistory, stopOnError := !opts.SkipHistory && !opts.Silent, !opts.ContinueOnError
	content := messages.ExecuteRequest{
		Code:            code,
		Silent:          opts.Silent,
		StoreHistory:    &storeHistory,
		UserExpressions: nonNilStrings(opts.UserExpressions),
		AllowStdin:      opts.AllowStdin || opts.Input != nil,
		StopOnError:     &stopOnError,
	}
	m, err := c.NewRequest("execute_request", content)
	if err != nil {
		return nil, err
	}
	return c.Send(Shell, m, CallOptions{Input: opts.Input})
}

// Execute runs code and returns the reply and the outputs published until
// idle.
func (c *Client) Execute(ctx context.Context, code string, opts ExecuteOptions) (*ExecuteResult, error) {
	call, err := c.StartExecute(code, opts)
	if err != nil {
		return nil, err
	}
	resp, err := call.Wait(ctx)
	if err != nil {
		return nil, err
	}
	return ParseExecute(resp)
}

// DecodeExecuteReply reads an execute_reply as the kernel sent it.
func DecodeExecuteReply(resp *Response) (*messages.ExecuteReply, error) {
	if resp == nil || resp.Reply == nil {
		return nil, errors.New("client: no execute_reply")
	}
	var content messages.ExecuteReply
	if err := resp.Reply.DecodeContent(&content); err != nil {
		return nil, err
	}
	return &content, nil
}

// ParseExecute reads an execute_reply, which must carry execution_count.
func ParseExecute(resp *Response) (*ExecuteResult, error) {
	content, err := DecodeExecuteReply(resp)
	if err != nil {
		return nil, err
	}
	if content.ExecutionCount == nil {
		return nil, errors.New("client: execute_reply without execution_count")
	}
	r := &ExecuteResult{Response: *resp}
	r.Status, r.ExecutionCount = content.Status, *content.ExecutionCount
	r.EName, r.EValue, r.Traceback = content.EName, content.EValue, content.Traceback
	r.Payload, r.UserExpressions = content.Payload, content.UserExpressions
	return r, nil
}

// Outputs returns the IOPub messages that are the cell's output: all but
// status and execute_input.
func (r *Response) Outputs() []*wire.Message {
	var out []*wire.Message
	for _, m := range r.IOPub {
		if t := m.Header.MsgType; t != "status" && t != "execute_input" {
			out = append(out, m)
		}
	}
	return out
}

// Stream concatenates the text of the stream messages named name.
func (r *Response) Stream(name string) string {
	var b strings.Builder
	for _, m := range r.IOPub {
		if m.Header.MsgType != "stream" {
			continue
		}
		var s messages.Stream
		if m.DecodeContent(&s) == nil && s.Name == name {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// Complete asks for completions of code at cursor (in code points).
func (c *Client) Complete(ctx context.Context, code string, cursor int) (*messages.CompleteReply, *Response, error) {
	var out messages.CompleteReply
	resp, err := c.requestInto(ctx, "complete_request", messages.CompleteRequest{Code: code, CursorPos: &cursor}, &out)
	return &out, resp, err
}

// Inspect asks about the object at cursor (in code points).
func (c *Client) Inspect(ctx context.Context, code string, cursor, detail int) (*messages.InspectReply, *Response, error) {
	var out messages.InspectReply
	resp, err := c.requestInto(ctx, "inspect_request", messages.InspectRequest{Code: code, CursorPos: &cursor, DetailLevel: detail}, &out)
	return &out, resp, err
}

// IsComplete asks whether code is ready to run.
func (c *Client) IsComplete(ctx context.Context, code string) (*messages.IsCompleteReply, *Response, error) {
	var out messages.IsCompleteReply
	resp, err := c.requestInto(ctx, "is_complete_request", messages.IsCompleteRequest{Code: code}, &out)
	return &out, resp, err
}

// History sends a history_request with the given fields (hist_access_type,
// n, session, start, stop, pattern, unique, output, raw) and parses the
// entries.
func (c *Client) History(ctx context.Context, fields map[string]any) ([]messages.HistoryEntry, *Response, error) {
	var out messages.HistoryReply
	resp, err := c.requestInto(ctx, "history_request", fields, &out)
	if err != nil {
		return nil, resp, err
	}
	return out.History, resp, nil
}

// Interrupt sends interrupt_request on control and waits for the reply.
func (c *Client) Interrupt(ctx context.Context) (*Response, error) {
	return c.Request(ctx, Control, "interrupt_request", map[string]any{})
}

// Shutdown sends shutdown_request on control and waits for the reply (not
// for idle, which a stopping kernel may not deliver).
func (c *Client) Shutdown(ctx context.Context, restart bool) (*wire.Message, error) {
	m, err := c.NewRequest("shutdown_request", messages.ShutdownRequest{Restart: restart})
	if err != nil {
		return nil, err
	}
	call, err := c.Send(Control, m, CallOptions{})
	if err != nil {
		return nil, err
	}
	select {
	case <-call.Replied():
		return call.snapshot().Reply, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("client: no shutdown_reply: %w", ctx.Err())
	}
}

func (c *Client) requestInto(ctx context.Context, msgType string, content any, out any) (*Response, error) {
	resp, err := c.Request(ctx, Shell, msgType, content)
	if err != nil {
		return resp, err
	}
	if err := resp.Reply.DecodeContent(out); err != nil {
		return resp, err
	}
	return resp, nil
}

func nonNilStrings(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}
