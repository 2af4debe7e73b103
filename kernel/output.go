package kernel

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/messages"
	"github.com/descentlab/descent/kernel/jupyter/wire"
	"github.com/descentlab/descent/kernel/worker"
)

// Limits of stream coalescing: a stream message holds at most
// streamMaxBytes, and text waits at most streamFlushDelay before it is sent.
const (
	streamMaxBytes   = 64 << 10
	streamFlushDelay = 50 * time.Millisecond
)

// ErrStdinNotAllowed is returned to a cell that asks for input when the
// front end sent allow_stdin false.
var ErrStdinNotAllowed = errors.New("input is not available: the front end does not accept input requests (allow_stdin is false)")

// cellOutput publishes what one execute request produces: it is the
// worker.Handler the server gives the backend. Stream text is coalesced;
// every other event first flushes the pending text, so IOPub keeps program
// order. After close nothing more is published.
type cellOutput struct {
	srv     *Server
	ctx     context.Context
	request *wire.Message
	silent  bool
	stdin   bool
	count   int

	mu        sync.Mutex
	streams   *streamCoalescer
	timer     *time.Timer
	closed    bool
	sawError  bool
	errorSeen worker.Event
	resultTxt *string // text/plain of the execute_result, for history
}

func newCellOutput(ctx context.Context, srv *Server, req *wire.Message, silent, allowStdin bool, count int) *cellOutput {
	return &cellOutput{
		srv: srv, ctx: ctx, request: req, silent: silent, stdin: allowStdin, count: count,
		streams: newStreamCoalescer(streamMaxBytes),
	}
}

// Event implements worker.Handler.
func (o *cellOutput) Event(e worker.Event) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if e.Kind == worker.Error {
		o.sawError, o.errorSeen = true, e
	}
	if e.Kind == worker.Result {
		if txt, ok := e.Data["text/plain"].(string); ok {
			o.resultTxt = &txt
		}
	}
	if e.Kind.IsComm() {
		// A widget exists whatever the cell's output settings.
		if !o.closed && !o.silent {
			o.flushLocked(false)
		}
		o.srv.publishComm(o.request.Header, e)
		return
	}
	if o.closed || o.silent {
		return
	}
	if e.Kind == worker.Stream {
		o.publishChunks(o.streams.add(e.Stream, e.Text))
		if o.streams.hasPending() && o.timer == nil {
			o.timer = time.AfterFunc(streamFlushDelay, o.flushTick)
		}
		return
	}
	o.flushLocked(false)
	parent := o.request.Header
	switch e.Kind {
	case worker.Display, worker.UpdateDisplay:
		o.srv.publish(parent, string(e.Kind), messages.DisplayData{
			Data:      nonNil(e.Data),
			Metadata:  nonNil(e.Metadata),
			Transient: transient(e.DisplayID),
		})
	case worker.ClearOutput:
		o.srv.publish(parent, "clear_output", messages.ClearOutput{Wait: e.Wait})
	case worker.Result:
		o.srv.publish(parent, "execute_result", messages.ExecuteResult{
			ExecutionCount: o.count, Data: nonNil(e.Data), Metadata: nonNil(e.Metadata),
		})
	case worker.Error:
		o.srv.publish(parent, "error", messages.Error{EName: e.EName, EValue: e.EValue, Traceback: nonNilStrings(e.Traceback)})
	default:
		o.srv.log.Warn("ignoring an output event of unknown kind", "kind", e.Kind)
	}
}

// Input implements worker.Handler: it forwards the prompt to the front end
// on the stdin channel and waits for the answer.
func (o *cellOutput) Input(prompt string, password bool) (string, error) {
	if !o.stdin {
		return "", ErrStdinNotAllowed
	}
	o.mu.Lock()
	o.flushLocked(false)
	o.mu.Unlock()
	return o.srv.requestInput(o.ctx, o.request, prompt, password)
}

// flushTick runs on the timer: it publishes the text that waited long enough.
func (o *cellOutput) flushTick() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.timer = nil
	if !o.closed {
		o.publishChunks(o.streams.flush(false))
	}
}

// flushLocked publishes pending text; o.mu is held.
func (o *cellOutput) flushLocked(final bool) {
	if o.timer != nil {
		o.timer.Stop()
		o.timer = nil
	}
	o.publishChunks(o.streams.flush(final))
}

func (o *cellOutput) publishChunks(chunks []streamChunk) {
	for _, c := range chunks {
		o.srv.publish(o.request.Header, "stream", messages.Stream{Name: c.name, Text: c.text})
	}
}

// flush publishes the pending text now.
func (o *cellOutput) flush() {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.closed && !o.silent {
		o.flushLocked(false)
	}
}

// close flushes everything, including incomplete UTF-8 tails, and stops
// publishing. It returns whether an error event was seen and its content.
func (o *cellOutput) close() (sawError bool, errEvent worker.Event, resultText *string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.closed && !o.silent {
		o.flushLocked(true)
	}
	if o.timer != nil {
		o.timer.Stop()
		o.timer = nil
	}
	o.closed = true
	return o.sawError, o.errorSeen, o.resultTxt
}

func transient(displayID string) map[string]any {
	if displayID == "" {
		return map[string]any{}
	}
	return map[string]any{"display_id": displayID}
}

func nonNil(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// expressionCapture is the handler for user_expressions: it publishes
// nothing and keeps the value or the error.
type expressionCapture struct {
	mu     sync.Mutex
	result *worker.Event
	err    *worker.Event
}

// Event implements worker.Handler.
func (c *expressionCapture) Event(e worker.Event) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch e.Kind {
	case worker.Result:
		c.result = &e
	case worker.Error:
		c.err = &e
	}
}

// Input implements worker.Handler: expressions cannot read input.
func (c *expressionCapture) Input(string, bool) (string, error) {
	return "", errors.New("input is not available while evaluating user_expressions")
}
