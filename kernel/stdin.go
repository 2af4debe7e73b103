package kernel

import (
	"context"
	"errors"
	"sync"

	"github.com/descentlab/descent/kernel/jupyter/messages"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// ErrInputInterrupted is returned to a cell whose input request was
// cancelled by an interrupt or a shutdown.
var ErrInputInterrupted = errors.New("input request interrupted")

// broadcast wakes every goroutine waiting on the current channel when fired.
type broadcast struct {
	mu sync.Mutex
	ch chan struct{}
}

func newBroadcast() *broadcast { return &broadcast{ch: make(chan struct{})} }

// wait returns the channel the next fire closes.
func (b *broadcast) wait() <-chan struct{} {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.ch
}

func (b *broadcast) fire() {
	b.mu.Lock()
	close(b.ch)
	b.ch = make(chan struct{})
	b.mu.Unlock()
}

// inputBroker matches input_reply messages with the one input_request that
// is waiting (a kernel asks for at most one line at a time).
type inputBroker struct {
	mu      sync.Mutex
	waiting string // msg_id of the pending input_request
	replies chan string
}

func newInputBroker() *inputBroker { return &inputBroker{} }

func (b *inputBroker) expect(requestID string) <-chan string {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.waiting = requestID
	b.replies = make(chan string, 1)
	return b.replies
}

func (b *inputBroker) forget() {
	b.mu.Lock()
	b.waiting, b.replies = "", nil
	b.mu.Unlock()
}

// deliver hands value to the waiting request if parentID names it.
func (b *inputBroker) deliver(parentID, value string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.waiting == "" || parentID != b.waiting {
		return false
	}
	b.replies <- value
	b.waiting = ""
	return true
}

// requestInput sends input_request to the front end that sent req (same
// identities, req as parent) and waits for the reply, an interrupt or the
// end of ctx.
func (s *Server) requestInput(ctx context.Context, req *wire.Message, prompt string, password bool) (string, error) {
	interrupted := s.interrupts.wait()
	m, err := wire.NewMessage("input_request", s.session, s.username, req.Header, messages.InputRequest{Prompt: prompt, Password: password})
	if err != nil {
		return "", err
	}
	m.Identities = req.Identities
	replies := s.inputs.expect(m.Header.MsgID)
	defer s.inputs.forget()
	s.send(s.stdin, m)
	select {
	case v := <-replies:
		return v, nil
	case <-interrupted:
		return "", ErrInputInterrupted
	case <-ctx.Done():
		return "", ErrInputInterrupted
	}
}

// handleStdin receives input_reply messages.
func (s *Server) handleStdin(_ *channel, m *wire.Message) {
	if m.Header.MsgType != "input_reply" {
		s.log.Warn("ignoring a stdin message", "msg_type", m.Header.MsgType)
		return
	}
	var r messages.InputReply
	if err := m.DecodeContent(&r); err != nil {
		s.log.Warn("dropping an input_reply", "err", err)
		return
	}
	if !s.inputs.deliver(m.ParentHeader.MsgID, r.Value) {
		s.log.Warn("dropping an input_reply that answers no pending request", "parent", m.ParentHeader.MsgID)
	}
}
