package client

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/descentlab/descent/kernel/jupyter/messages"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// InputFunc answers an input_request. Returning an error sends no reply, as
// a front end that never answers would.
type InputFunc func(prompt string, password bool) (string, error)

// CallOptions tune Send.
type CallOptions struct {
	// NoReply is for messages that get no reply (comm_open, comm_msg, an
	// unknown type): Wait returns at the idle status.
	NoReply bool
	// Input answers the input requests of this call.
	Input InputFunc
}

// Call is a request in flight. Its reply and the IOPub messages whose parent
// it is are collected as they arrive.
type Call struct {
	// ID is the request's msg_id.
	ID string
	// Request is the message as sent.
	Request *wire.Message

	client    *Client
	wantReply bool
	input     InputFunc

	mu            sync.Mutex
	reply         *wire.Message
	iopub         []*wire.Message
	inputRequests []*wire.Message
	idle          bool
	replyCh       chan struct{}
	idleCh        chan struct{}
	firstIOPubCh  chan struct{}
}

// Response is a finished request: its reply (nil for messages that have
// none) and every IOPub message it caused, from busy to idle.
type Response struct {
	Reply *wire.Message
	IOPub []*wire.Message
	// InputRequests are the input_request messages the kernel sent.
	InputRequests []*wire.Message
}

// Send sends m on ch and returns the call that collects its answers.
func (c *Client) Send(ch Channel, m *wire.Message, opts CallOptions) (*Call, error) {
	call := &Call{
		ID: m.Header.MsgID, Request: m, client: c,
		wantReply: !opts.NoReply, input: opts.Input,
		replyCh: make(chan struct{}), idleCh: make(chan struct{}), firstIOPubCh: make(chan struct{}),
	}
	c.mu.Lock()
	c.calls[call.ID] = call
	c.mu.Unlock()
	if err := c.sendMessage(ch, m); err != nil {
		c.mu.Lock()
		delete(c.calls, call.ID)
		c.mu.Unlock()
		return nil, err
	}
	return call, nil
}

// Request sends a msgType request with content on ch and waits for its reply
// and its idle status.
func (c *Client) Request(ctx context.Context, ch Channel, msgType string, content any) (*Response, error) {
	m, err := c.NewRequest(msgType, content)
	if err != nil {
		return nil, err
	}
	call, err := c.Send(ch, m, CallOptions{})
	if err != nil {
		return nil, err
	}
	return call.Wait(ctx)
}

func (call *Call) setReply(m *wire.Message) {
	call.mu.Lock()
	defer call.mu.Unlock()
	if call.reply != nil {
		call.client.anomaly("second reply %s for request %s", m.Header.MsgType, call.ID)
		return
	}
	call.reply = m
	close(call.replyCh)
	call.checkDoneLocked()
}

// addIOPub records m; it reports false when the call had already seen idle.
func (call *Call) addIOPub(m *wire.Message) bool {
	call.mu.Lock()
	defer call.mu.Unlock()
	if call.idle {
		return false
	}
	if len(call.iopub) == 0 {
		close(call.firstIOPubCh)
	}
	call.iopub = append(call.iopub, m)
	if m.Header.MsgType == "status" {
		var st messages.Status
		if json.Unmarshal(m.Content, &st) == nil && st.ExecutionState == "idle" {
			call.idle = true
			close(call.idleCh)
			call.checkDoneLocked()
		}
	}
	return true
}

func (call *Call) checkDoneLocked() {
	if call.idle && (call.reply != nil || !call.wantReply) {
		go call.client.finish(call.ID)
	}
}

// Replied is closed when the reply arrives.
func (call *Call) Replied() <-chan struct{} { return call.replyCh }

// Idle is closed when the idle status for the call arrives.
func (call *Call) Idle() <-chan struct{} { return call.idleCh }

// Wait blocks until the reply (unless the call expects none) and the idle
// status have arrived, or ctx ends.
func (call *Call) Wait(ctx context.Context) (*Response, error) {
	if call.wantReply {
		select {
		case <-call.replyCh:
		case <-ctx.Done():
			return call.snapshot(), fmt.Errorf("client: no reply to %s: %w", call.Request.Header.MsgType, ctx.Err())
		}
	}
	select {
	case <-call.idleCh:
	case <-ctx.Done():
		return call.snapshot(), fmt.Errorf("client: no idle status after %s: %w", call.Request.Header.MsgType, ctx.Err())
	}
	return call.snapshot(), nil
}

// snapshot returns what the call has collected so far.
func (call *Call) snapshot() *Response {
	call.mu.Lock()
	defer call.mu.Unlock()
	return &Response{
		Reply:         call.reply,
		IOPub:         append([]*wire.Message(nil), call.iopub...),
		InputRequests: append([]*wire.Message(nil), call.inputRequests...),
	}
}

// Progress returns what the call has collected so far without waiting.
func (call *Call) Progress() *Response { return call.snapshot() }

// Types lists the msg_type of each message, for assertions on order.
func Types(msgs []*wire.Message) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.Header.MsgType
		if m.Header.MsgType == "status" {
			var st messages.Status
			if json.Unmarshal(m.Content, &st) == nil {
				out[i] = "status:" + st.ExecutionState
			}
		}
	}
	return out
}
