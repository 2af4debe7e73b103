// Package rawzmtp writes ZMTP 3.0 (RFC 23/ZMTP) by hand, byte by byte, for
// tests that must send what no ZeroMQ library would: absurd frame sizes,
// half a greeting, malformed metadata, a peer that never reads.
package rawzmtp

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"
)

// Frame flags.
const (
	More    = 0x01
	Long    = 0x02
	Command = 0x04
)

// Greeting is a ZMTP 3.0 greeting with the NULL mechanism, as a client
// sends it.
func Greeting() []byte {
	g := make([]byte, 64)
	g[0], g[9], g[10] = 0xff, 0x7f, 3
	copy(g[12:], "NULL")
	return g
}

// FrameHeader is the header of a frame announcing size bytes; long forces
// the 8-byte size form.
func FrameHeader(flags byte, size uint64, long bool) []byte {
	if size > 255 || long {
		h := make([]byte, 9)
		h[0] = flags | Long
		binary.BigEndian.PutUint64(h[1:], size)
		return h
	}
	return []byte{flags, byte(size)}
}

// Ready is a READY command frame with the given properties, as name, value
// pairs.
func Ready(props ...string) []byte {
	body := append([]byte{5}, "READY"...)
	for i := 0; i+1 < len(props); i += 2 {
		body = append(body, byte(len(props[i])))
		body = append(body, props[i]...)
		body = binary.BigEndian.AppendUint32(body, uint32(len(props[i+1])))
		body = append(body, props[i+1]...)
	}
	return append(FrameHeader(Command, uint64(len(body)), false), body...)
}

// Message encodes a message of frames.
func Message(frames ...[]byte) []byte {
	var out []byte
	for i, f := range frames {
		var flags byte
		if i < len(frames)-1 {
			flags = More
		}
		out = append(out, FrameHeader(flags, uint64(len(f)), false)...)
		out = append(out, f...)
	}
	return out
}

// Peer is a connection driven by hand.
type Peer struct {
	net.Conn
}

// Dial connects to a "tcp://host:port" endpoint.
func Dial(endpoint string) (*Peer, error) {
	c, err := net.DialTimeout("tcp", strings.TrimPrefix(endpoint, "tcp://"), 5*time.Second)
	if err != nil {
		return nil, err
	}
	return &Peer{c}, nil
}

// Send writes the parts in one write.
func (p *Peer) Send(parts ...[]byte) error {
	_, err := p.Write(bytes.Join(parts, nil))
	return err
}

// Handshake completes a ZMTP handshake as a socket of type sockType with
// the given identity, and reads the server's greeting and READY command.
func (p *Peer) Handshake(sockType, identity string) error {
	if err := p.Send(Greeting(), Ready("Socket-Type", sockType, "Identity", identity)); err != nil {
		return err
	}
	p.SetReadDeadline(time.Now().Add(10 * time.Second))
	defer p.SetReadDeadline(time.Time{})
	buf := make([]byte, 64+2)
	if _, err := io.ReadFull(p, buf); err != nil {
		return fmt.Errorf("reading the server's greeting: %w", err)
	}
	if buf[64]&Command == 0 || buf[64]&Long != 0 {
		return fmt.Errorf("the server's first frame is not a short command: % x", buf[64:])
	}
	_, err := io.ReadFull(p, make([]byte, buf[65]))
	return err
}

// ClosedByServer reports whether the server closes the connection within
// patience: reads drain what the server sent, then end.
func (p *Peer) ClosedByServer(patience time.Duration) bool {
	p.SetReadDeadline(time.Now().Add(patience))
	_, err := io.Copy(io.Discard, p)
	var ne net.Error
	return !(errors.As(err, &ne) && ne.Timeout())
}
