package transport

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"time"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// ZMTP 3.0 (RFC 23/ZMTP) as zmq4 speaks it with the NULL mechanism.
const (
	flagCommand = 0x04
	// maxHandshakeCommand bounds the peer's READY command: a socket type,
	// an identity of at most 255 bytes and perhaps a few properties.
	maxHandshakeCommand = 64 << 10
	// nullMechanism is the security mechanism of Jupyter's sockets (the
	// messages are signed with HMAC instead).
	nullMechanism = "NULL"
)

// ourGreeting is the 64-byte greeting zmq4 sends on a NULL-security
// socket: signature, version 3.0, mechanism "NULL", as-server 0, filler.
// The listener sends it itself, before zmq4 sees the connection; zmq4's own
// copy is checked against it and swallowed (see conn.Write).
func ourGreeting() []byte {
	g := make([]byte, greetingSize)
	g[0], g[9] = 0xff, 0x7f
	g[10], g[11] = 3, 0
	copy(g[12:32], nullMechanism)
	return g
}

// peerHello is what a new connection sent before zmq4 is given it: its
// greeting and its READY command, byte for byte, and the socket type it
// declared.
type peerHello struct {
	raw        []byte
	socketType string
}

// errHandshake wraps every reason a handshake is refused.
var errHandshake = errors.New("transport: ZMTP handshake refused")

// readHello sends our greeting on c and reads the peer's greeting and READY
// command, all within timeout. zmq4 then replays the same handshake from
// memory, so that its accept loop never waits for a peer.
func readHello(c net.Conn, timeout time.Duration) (peerHello, error) {
	if err := c.SetDeadline(time.Now().Add(timeout)); err != nil {
		return peerHello{}, err
	}
	if _, err := c.Write(ourGreeting()); err != nil {
		return peerHello{}, err
	}
	buf := make([]byte, greetingSize, greetingSize+64)
	if _, err := io.ReadFull(c, buf); err != nil {
		return peerHello{}, err
	}
	if err := checkGreeting(buf); err != nil {
		return peerHello{}, err
	}
	hdr := make([]byte, 2, 9)
	if _, err := io.ReadFull(c, hdr); err != nil {
		return peerHello{}, err
	}
	size := uint64(hdr[1])
	if hdr[0]&flagLong != 0 {
		hdr = hdr[:9]
		if _, err := io.ReadFull(c, hdr[2:]); err != nil {
			return peerHello{}, err
		}
		size = binary.BigEndian.Uint64(hdr[1:])
	}
	if hdr[0]&flagCommand == 0 || hdr[0]&flagMore != 0 {
		return peerHello{}, fmt.Errorf("%w: the first frame after the greeting is not a command", errHandshake)
	}
	if size > maxHandshakeCommand {
		return peerHello{}, fmt.Errorf("%w: a READY command of %d bytes (at most %d)", errHandshake, size, maxHandshakeCommand)
	}
	body := make([]byte, size)
	if _, err := io.ReadFull(c, body); err != nil {
		return peerHello{}, err
	}
	socketType, err := checkReady(body)
	if err != nil {
		return peerHello{}, err
	}
	if err := c.SetDeadline(time.Time{}); err != nil {
		return peerHello{}, err
	}
	raw := append(append(buf, hdr...), body...)
	return peerHello{raw: raw, socketType: socketType}, nil
}

// checkGreeting accepts a ZMTP 3.x greeting with the NULL mechanism.
func checkGreeting(g []byte) error {
	switch {
	case g[0] != 0xff || g[9]&0x01 == 0:
		return fmt.Errorf("%w: not a ZMTP 3 greeting", errHandshake)
	case g[10] < 3:
		return fmt.Errorf("%w: ZMTP version %d.%d (3.0 or later is needed)", errHandshake, g[10], g[11])
	case string(bytes.TrimRight(g[12:32], "\x00")) != nullMechanism:
		return fmt.Errorf("%w: security mechanism %q (Jupyter uses NULL)", errHandshake, bytes.TrimRight(g[12:32], "\x00"))
	}
	return nil
}

// checkReady checks that body is a READY command whose metadata is well
// formed (RFC 23: properties of a 1-255 byte name and a 4-byte-length
// value), and returns the Socket-Type it declares. zmq4 parses the same
// bytes without bounds checks, so anything malformed must stop here.
func checkReady(body []byte) (socketType string, err error) {
	if len(body) < 1 || int(body[0]) > len(body)-1 || string(body[1:1+int(body[0])]) != "READY" {
		return "", fmt.Errorf("%w: the first command is not READY", errHandshake)
	}
	md := body[1+int(body[0]):]
	// zmq4 files a name under its title case; a Caser is not safe for
	// concurrent use, so each handshake has its own.
	titleCase := cases.Title(language.Und, cases.NoLower)
	for len(md) > 0 {
		n := int(md[0])
		if n == 0 || len(md) < 1+n+4 {
			return "", fmt.Errorf("%w: malformed READY metadata", errHandshake)
		}
		name := string(md[1 : 1+n])
		v := binary.BigEndian.Uint32(md[1+n : 1+n+4])
		md = md[1+n+4:]
		if uint64(v) > uint64(len(md)) {
			return "", fmt.Errorf("%w: malformed READY metadata", errHandshake)
		}
		// Names are case-insensitive; zmq4 title-cases them and looks up
		// "Socket-Type", and so does this check.
		if titleCase.String(name) == "Socket-Type" {
			socketType = string(md[:v])
		}
		md = md[v:]
	}
	return socketType, nil
}
