package comm

import (
	"sync"

	"github.com/google/uuid"
)

// Kind is the type of a comm message, as the Jupyter protocol names it.
type Kind string

// The three comm messages.
const (
	// OpenKind opens a comm (comm_open).
	OpenKind Kind = "comm_open"
	// MsgKind is a message on an open comm (comm_msg).
	MsgKind Kind = "comm_msg"
	// CloseKind closes a comm (comm_close).
	CloseKind Kind = "comm_close"
)

// Message is what a comm message carries: JSON data and metadata, and
// binary buffers (sent as extra frames, outside the JSON).
type Message struct {
	Data     map[string]any
	Metadata map[string]any
	Buffers  [][]byte
}

// Work is what a message from the front end asks of the cells' code: it runs
// in the interpreter's turn, never beside a running cell (see the package
// documentation). A nil Work is nothing to do.
type Work func()

// Handler receives the messages of the front end on a comm: comm_msg, and
// comm_close (Kind tells which). It runs beside a running cell and must
// return quickly; what needs the cells' code goes in the Work it returns.
type Handler func(kind Kind, m Message) Work

// Comm is one open comm.
type Comm struct {
	id     string
	target string

	mu      sync.Mutex
	handler Handler
	closed  bool
}

// Open opens a comm to target in the front end with an initial message
// (comm_open) and returns it. h receives the front end's messages on it; it
// may be nil, and set later with Handle.
func Open(target string, m Message, h Handler) *Comm {
	c := &Comm{id: uuid.NewString(), target: target, handler: h}
	hub.add(c)
	hub.publish(OpenKind, c.id, target, m)
	return c
}

// ID returns the comm's id, unique in the kernel's lifetime (a widget's
// model id).
func (c *Comm) ID() string { return c.id }

// Target returns the comm's target name.
func (c *Comm) Target() string { return c.target }

// Handle sets the handler of the front end's messages.
func (c *Comm) Handle(h Handler) {
	c.mu.Lock()
	c.handler = h
	c.mu.Unlock()
}

// Send publishes a comm_msg to the front end. It does nothing once the comm
// is closed.
func (c *Comm) Send(m Message) {
	if c.Closed() {
		return
	}
	hub.publish(MsgKind, c.id, c.target, m)
}

// Close closes the comm with a final message (comm_close); later calls do
// nothing.
func (c *Comm) Close(m Message) {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return
	}
	c.closed = true
	c.mu.Unlock()
	hub.remove(c.id)
	hub.publish(CloseKind, c.id, c.target, m)
}

// Closed reports whether the comm was closed, by either side.
func (c *Comm) Closed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.closed
}

// receive hands a message of the front end to the comm's handler.
func (c *Comm) receive(kind Kind, m Message) Work {
	c.mu.Lock()
	h := c.handler
	if kind == CloseKind {
		c.closed = true
	}
	c.mu.Unlock()
	if h == nil {
		return nil
	}
	return h(kind, m)
}
