// Package transport gives the kernel's ZeroMQ sockets connections that
// stand up to their peers and write each message in one system call.
//
// It registers two zmq4 transports, "descent-tcp" and "descent-ipc",
// through zmq4's transport registry. They behave as "tcp" and "ipc" on the
// wire (the peer cannot tell) but wrap every connection:
//
//   - A listener runs each new connection's ZMTP handshake in a goroutine of
//     its own, with a deadline, and hands zmq4 only connections whose
//     greeting and READY command have arrived and are well formed: zmq4
//     runs the handshake inside its accept loop, so one silent connection
//     would keep every later client out, and it parses the READY metadata
//     without bounds checks.
//   - Reads are buffered and follow the ZMTP framing: a frame that would
//     take its message over the maximum message size is refused before
//     zmq4 allocates the size it announces.
//   - Writes are held until the framing says a message is complete, then
//     queued for the peer and written by a goroutine of the peer's own, so
//     that a peer that stops reading delays no other peer. A peer that
//     falls too far behind, or takes no bytes for the write timeout, is
//     disconnected.
//
// UPSTREAM.md in this folder describes each zmq4 problem worked around
// here, with a reproduction.
//
// Endpoint maps a connection-file endpoint ("tcp://127.0.0.1:5555") to the
// wrapped one; Listen and Dial take either form.
package transport

import (
	"context"
	"fmt"
	"net"
	"os"
	"strings"
	"sync"

	"github.com/go-zeromq/zmq4"
	zmqtransport "github.com/go-zeromq/zmq4/transport"
)

// The names of the buffered transports.
const (
	TCP = "descent-tcp"
	IPC = "descent-ipc"
)

// networks maps the buffered transports to their Go networks.
var networks = map[string]string{TCP: "tcp", IPC: "unix"}

func init() {
	for name, network := range networks {
		if err := zmq4.RegisterTransport(name, buffered{name: name, network: network, base: zmqtransport.New(network)}); err != nil {
			panic(fmt.Sprintf("transport: register %s: %v", name, err))
		}
	}
}

// Endpoint returns the buffered form of a "tcp://" or "ipc://" endpoint;
// any other endpoint is returned unchanged.
func Endpoint(endpoint string) string {
	switch {
	case strings.HasPrefix(endpoint, "tcp://"):
		return TCP + endpoint[len("tcp"):]
	case strings.HasPrefix(endpoint, "ipc://"):
		return IPC + endpoint[len("ipc"):]
	}
	return endpoint
}

// Listen binds sock to the wrapped form of endpoint, with limits for what
// its peers may send.
func Listen(sock zmq4.Socket, endpoint string, limits Limits) error {
	ep := Endpoint(endpoint)
	listenMu.Lock()
	pendingListens[ep] = listenSettings{limits: limits.withDefaults(), sockType: sock.Type()}
	listenMu.Unlock()
	defer func() {
		listenMu.Lock()
		delete(pendingListens, ep)
		listenMu.Unlock()
	}()
	return sock.Listen(ep)
}

// listenSettings are what Listen hands to the transport's Listen, which
// zmq4 calls with the address alone.
type listenSettings struct {
	limits   Limits
	sockType zmq4.SocketType
}

// The settings of the Listen calls under way, by wrapped endpoint.
var (
	listenMu       sync.Mutex
	pendingListens = map[string]listenSettings{}
)

// settingsFor returns the settings of the Listen call for the wrapped
// endpoint key; a listen that did not come through Listen gets the
// defaults and refuses no socket type.
func settingsFor(key string) listenSettings {
	listenMu.Lock()
	defer listenMu.Unlock()
	if s, ok := pendingListens[key]; ok {
		return s
	}
	return listenSettings{limits: Limits{}.withDefaults()}
}

// Dial connects sock to the buffered form of endpoint.
func Dial(sock zmq4.Socket, endpoint string) error {
	return sock.Dial(Endpoint(endpoint))
}

// RemoveSocketFile removes the file of an "ipc://" endpoint: zmq4 removes it
// only for its own ipc transport.
func RemoveSocketFile(endpoint string) {
	for _, prefix := range []string{"ipc://", IPC + "://"} {
		if path, ok := strings.CutPrefix(endpoint, prefix); ok {
			_ = os.Remove(path)
		}
	}
}

// buffered is a zmq4 transport whose connections are wrapped.
type buffered struct {
	name    string // TCP or IPC
	network string
	base    zmqtransport.Transport
}

func (b buffered) Dial(ctx context.Context, d zmqtransport.Dialer, addr string) (net.Conn, error) {
	c, err := b.base.Dial(ctx, d, addr)
	if err != nil {
		return nil, err
	}
	return newConn(c, Limits{}.withDefaults(), nil), nil
}

func (b buffered) Listen(ctx context.Context, addr string) (net.Listener, error) {
	key := b.name + "://" + addr
	settings := settingsFor(key)
	l := takePrebound(key)
	if l == nil {
		var err error
		if l, err = b.base.Listen(ctx, addr); err != nil {
			return nil, err
		}
	}
	return newListener(l, settings.sockType, settings.limits), nil
}

func (b buffered) Addr(ep string) (string, error) { return b.base.Addr(ep) }
