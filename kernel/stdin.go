package kernel

import (
	"context"
	"errors"
	"sync"

	"github.com/descentlab/descent/kernel/jupyter/messages"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// The errors a cell's read of standard input returns when its wait for the
// front end's answer ends without one.
var (
	// ErrInputInterrupted: the cell was interrupted (■, interrupt_request).
	ErrInputInterrupted = errors.New("the cell was interrupted while it waited for input")
	// ErrInputRestarted: the kernel was restarted.
	ErrInputRestarted = errors.New("the kernel was restarted while the cell waited for input")
	// ErrInputShutdown: the kernel shut down.
	ErrInputShutdown = errors.New("the kernel shut down while the cell waited for input")
)

// broadcast wakes every goroutine waiting on the current round when fired,
// and tells them why.
type broadcast struct {
	mu  sync.Mutex
	cur *round
}

// round is one wait of a broadcast: done is closed when it is fired, after
// reason is set.
type round struct {
	done   chan struct{}
	reason error
}

func newBroadcast() *broadcast { return &broadcast{cur: &round{done: make(chan struct{})}} }

// wait returns the round the next fire ends.
func (b *broadcast) wait() *round {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.cur
}

// fire ends the current round with reason and starts the next one.
func (b *broadcast) fire(reason error) {
	b.mu.Lock()
	b.cur.reason = reason
	close(b.cur.done)
	b.cur = &round{done: make(chan struct{})}
	b.mu.Unlock()
}

// inputBroker matches input_reply messages with the one input_request that
// is waiting (a kernel asks for at most one line at a time). A reply whose
// parent_header is empty answers the waiting request: Notebook 6's
// send_input_reply and jupyter_client's KernelClient.input() (which
// jupyter-console uses) send one so. A reply whose parent names another
// request (one that was cancelled) is dropped.
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

// deliver hands value to the waiting request if parentID names it or is
// empty.
func (b *inputBroker) deliver(parentID, value string) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.waiting == "" || (parentID != "" && parentID != b.waiting) {
		return false
	}
	b.replies <- value
	b.waiting = ""
	return true
}

// requestInput sends input_request to the front end that sent req (same
// identities, req as parent) and waits for the reply, an interrupt, a
// restart or the end of ctx; the error says which.
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
	case <-interrupted.done:
		return "", interrupted.reason
	case <-ctx.Done():
		// A stop fires its reason before it cancels ctx, so when both are
		// ready the reason (restart or shutdown) is the one to report.
		select {
		case <-interrupted.done:
			return "", interrupted.reason
		default:
			return "", ErrInputShutdown
		}
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
