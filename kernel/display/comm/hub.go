package comm

import (
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
)

// Transport carries comm messages to the front end. Publish must return
// once the message is on its way, in order with the cell's other output,
// and must be safe for concurrent use.
type Transport interface {
	Publish(kind Kind, commID, target string, m Message)
}

// Opener answers a comm the front end opens for a target: it receives the
// new comm and the comm_open message, sets the comm's handler, and returns
// the Work the opening asks for (nil for none).
type Opener func(c *Comm, m Message) Work

// hub is the process's registry of open comms and targets.
var hub = newRegistry()

type registry struct {
	transport atomic.Pointer[Transport]

	mu      sync.Mutex
	comms   map[string]*Comm
	targets map[string]Opener
}

func newRegistry() *registry {
	return &registry{comms: map[string]*Comm{}, targets: map[string]Opener{}}
}

// SetTransport registers t as the carrier of every comm message and
// returns the previous one (nil if none). The kernel's worker process calls
// it once at start; nil turns sending off.
func SetTransport(t Transport) Transport {
	var old *Transport
	if t == nil {
		old = hub.transport.Swap(nil)
	} else {
		old = hub.transport.Swap(&t)
	}
	if old == nil {
		return nil
	}
	return *old
}

// RegisterTarget makes open answer the comms the front end opens for
// target, replacing an earlier registration.
func RegisterTarget(target string, open Opener) {
	hub.mu.Lock()
	hub.targets[target] = open
	hub.mu.Unlock()
}

// Deliver hands a message from the front end to its comm: a comm_open to
// the target's Opener (a target nobody registered gets the comm closed
// again), a comm_msg or comm_close to the comm's handler. It returns the
// Work the message asks for. A message for a comm that is not open is
// dropped with an error saying so. Deliver never runs a cell's code itself
// unless a handler does so against the rules; a panicking handler is
// reported as an error.
func Deliver(kind Kind, commID, target string, m Message) (w Work, err error) {
	defer func() {
		if r := recover(); r != nil {
			w, err = nil, fmt.Errorf("comm %s: the handler of a %s panicked: %v", commID, kind, r)
		}
	}()
	switch kind {
	case OpenKind:
		return hub.open(commID, target, m)
	case MsgKind, CloseKind:
		hub.mu.Lock()
		c := hub.comms[commID]
		if kind == CloseKind {
			delete(hub.comms, commID)
		}
		hub.mu.Unlock()
		if c == nil {
			return nil, fmt.Errorf("%s for comm %s, which is not open", kind, commID)
		}
		return c.receive(kind, m), nil
	}
	return nil, fmt.Errorf("unknown comm message %q", kind)
}

// open answers a comm_open from the front end.
func (r *registry) open(commID, target string, m Message) (Work, error) {
	r.mu.Lock()
	opener := r.targets[target]
	_, taken := r.comms[commID]
	r.mu.Unlock()
	if commID == "" || taken {
		return nil, fmt.Errorf("comm_open with an empty or already used comm id %q", commID)
	}
	if opener == nil {
		// The protocol's answer to an unknown target: close the comm.
		r.publish(CloseKind, commID, target, Message{})
		return nil, fmt.Errorf("comm_open for target %q, which nothing registered: closed", target)
	}
	c := &Comm{id: commID, target: target}
	r.add(c)
	return opener(c, m), nil
}

// Open comms, as comm_info_request lists them.

// Info returns the open comms, comm id to target name; with a non-empty
// target, only that target's.
func Info(target string) map[string]string {
	hub.mu.Lock()
	defer hub.mu.Unlock()
	out := map[string]string{}
	for id, c := range hub.comms {
		if target == "" || c.target == target {
			out[id] = c.target
		}
	}
	return out
}

// Lookup returns the open comm with the given id, or nil.
func Lookup(commID string) *Comm {
	hub.mu.Lock()
	defer hub.mu.Unlock()
	return hub.comms[commID]
}

// OpenIDs returns the ids of the open comms of target, sorted.
func OpenIDs(target string) []string {
	info := Info(target)
	ids := make([]string, 0, len(info))
	for id := range info {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func (r *registry) add(c *Comm) {
	r.mu.Lock()
	r.comms[c.id] = c
	r.mu.Unlock()
}

func (r *registry) remove(id string) {
	r.mu.Lock()
	delete(r.comms, id)
	r.mu.Unlock()
}

// publish sends a message through the transport, if there is one.
func (r *registry) publish(kind Kind, commID, target string, m Message) {
	if t := r.transport.Load(); t != nil {
		(*t).Publish(kind, commID, target, m)
	}
}
