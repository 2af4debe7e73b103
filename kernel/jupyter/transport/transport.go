// Package transport gives the kernel's ZeroMQ sockets connections that read
// through a buffer and write each message in one system call.
//
// zmq4 reads a message frame by frame, two reads a frame, and its ROUTER
// socket writes a reply frame by frame, two writes a frame: a seven-frame
// Jupyter message costs fourteen system calls each way, and on loopback each
// write wakes the peer. This package registers two zmq4 transports,
// "descent-tcp" and "descent-ipc", through zmq4's transport registry. They
// behave as "tcp" and "ipc" on the wire (the peer cannot tell) but wrap every
// connection so that reads are buffered and writes are held until the ZMTP
// framing says a message is complete, then written at once. A peer that
// stops reading is disconnected after writeTimeout rather than left to
// block the socket for every other peer.
//
// Endpoint maps a connection-file endpoint ("tcp://127.0.0.1:5555") to the
// buffered one; Listen and Dial take either form.
package transport

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"github.com/go-zeromq/zmq4"
	zmqtransport "github.com/go-zeromq/zmq4/transport"
)

// The names of the buffered transports.
const (
	TCP = "descent-tcp"
	IPC = "descent-ipc"
)

// readBufferSize is the read buffer of a connection; a typical Jupyter
// message fits in it whole.
const readBufferSize = 32 << 10

// writeTimeout bounds how long a message may wait for a peer that does not
// read. zmq4 writes to each peer in turn and has no high-water mark, so one
// stuck front end (a suspended laptop on a tunnel, a client that stopped
// reading) would otherwise block every output of every cell for every
// client. After the timeout the peer's connection is closed, as libzmq
// would drop its messages; a ZeroMQ client reconnects by itself. A variable
// so that tests can shorten it.
var writeTimeout = 30 * time.Second

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

// Listen binds sock to the buffered form of endpoint.
func Listen(sock zmq4.Socket, endpoint string) error {
	return sock.Listen(Endpoint(endpoint))
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

// buffered is a zmq4 transport whose connections are wrapped by wrap.
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
	return wrap(c), nil
}

func (b buffered) Listen(ctx context.Context, addr string) (net.Listener, error) {
	if l := takePrebound(b.name + "://" + addr); l != nil {
		return listener{l}, nil
	}
	l, err := b.base.Listen(ctx, addr)
	if err != nil {
		return nil, err
	}
	return listener{l}, nil
}

func (b buffered) Addr(ep string) (string, error) { return b.base.Addr(ep) }

// listener wraps the connections it accepts.
type listener struct{ net.Listener }

func (l listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return wrap(c), nil
}

// conn is a connection with a read buffer and a message-coalescing writer.
type conn struct {
	net.Conn
	r *bufio.Reader
	w *messageWriter
}

func wrap(c net.Conn) net.Conn {
	return &conn{Conn: c, r: bufio.NewReaderSize(c, readBufferSize), w: newMessageWriter(deadlineWriter{c})}
}

// deadlineWriter writes to a connection within writeTimeout, and closes
// the connection when the peer does not take the bytes in time: part of a
// message may have gone, so the stream cannot go on.
type deadlineWriter struct{ c net.Conn }

func (d deadlineWriter) Write(p []byte) (int, error) {
	if err := d.c.SetWriteDeadline(time.Now().Add(writeTimeout)); err != nil {
		return 0, err
	}
	n, err := d.c.Write(p)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		d.c.Close()
		return n, stalledPeer{}
	}
	return n, err
}

// stalledPeer is the error of a write to a peer that stopped reading. It is
// not a timeout, so that zmq4 takes the connection as closed.
type stalledPeer struct{}

func (stalledPeer) Error() string {
	return fmt.Sprintf("transport: the peer read nothing for %v; its connection was closed", writeTimeout)
}
func (stalledPeer) Timeout() bool   { return false }
func (stalledPeer) Temporary() bool { return false }

// Read reads through the buffer. Only zmq4's connection goroutine reads.
func (c *conn) Read(p []byte) (int, error) { return c.r.Read(p) }

// Write holds p until it completes a ZMTP message, then writes the message.
func (c *conn) Write(p []byte) (int, error) { return c.w.Write(p) }
