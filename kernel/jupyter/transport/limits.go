package transport

import (
	"log/slog"
	"time"
)

// Defaults of Limits.
const (
	// DefaultMaxMessageSize bounds one incoming message, all its frames
	// together: far above what a notebook sends (a request is a few
	// kilobytes; a comm message with a large buffer a few megabytes), far
	// below what would hurt the machine.
	DefaultMaxMessageSize = 256 << 20
	// DefaultHandshakeTimeout is how long a new connection has to send its
	// ZMTP greeting and READY command. libzmq allows 30 s; a client on the
	// same machine or a tunnel needs milliseconds.
	DefaultHandshakeTimeout = 10 * time.Second
	// DefaultWriteTimeout is how long a peer may take no bytes at all
	// while messages wait for it, before its connection is closed.
	DefaultWriteTimeout = 30 * time.Second
	// DefaultMaxQueued is how far a peer may fall behind, in bytes of
	// messages waiting for it, before its connection is closed. A live
	// front end reads as fast as the kernel writes; one that is this far
	// behind has stopped, and would make the kernel hold every later
	// message for it.
	DefaultMaxQueued = 128 << 20
)

// frameCost is what each frame of a message is charged on top of its bytes
// against MaxMessageSize: zmq4 keeps a slice header per frame, so a message
// of a million empty frames is not free.
const frameCost = 64

// maxQueuedTotal bounds the bytes queued for all peers of the process
// together: beyond it, a peer that is behind and not taking bytes is
// dropped at once, whatever its own queue holds.
const maxQueuedTotal = 1 << 30

// Limits are what a listening socket accepts from its peers. The zero
// value means the defaults.
type Limits struct {
	// MaxMessageSize bounds an incoming message, in bytes: the sum of its
	// frames' sizes plus a small charge per frame. A peer that announces
	// a bigger frame is disconnected before anything is allocated for it.
	MaxMessageSize int64
	// HandshakeTimeout bounds the ZMTP handshake of a new connection. It
	// runs apart from zmq4's accept loop, so a connection that sends
	// nothing delays no one, and is closed after this long.
	HandshakeTimeout time.Duration
	// WriteTimeout is how long a peer may take no bytes while messages
	// wait for it before it is disconnected.
	WriteTimeout time.Duration
	// MaxQueued is how many bytes of messages may wait for one peer
	// before it is disconnected. Writes to a peer never wait for it.
	MaxQueued int64
	// Log receives a line for each peer refused or dropped; nil means
	// slog.Default().
	Log *slog.Logger
}

// withDefaults fills in the zero fields.
func (l Limits) withDefaults() Limits {
	if l.MaxMessageSize <= 0 {
		l.MaxMessageSize = DefaultMaxMessageSize
	}
	if l.HandshakeTimeout <= 0 {
		l.HandshakeTimeout = DefaultHandshakeTimeout
	}
	if l.WriteTimeout <= 0 {
		l.WriteTimeout = DefaultWriteTimeout
	}
	if l.MaxQueued <= 0 {
		l.MaxQueued = DefaultMaxQueued
	}
	if l.Log == nil {
		l.Log = slog.Default()
	}
	return l
}
