package transport

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// A raw ZMTP peer written from RFC 23, byte by byte, so that tests can send
// what no ZeroMQ library would.

// zmtpGreeting is a ZMTP 3.0 NULL greeting as libzmq would send it.
func zmtpGreeting() []byte {
	g := make([]byte, 64)
	g[0], g[9], g[10] = 0xff, 0x7f, 3
	copy(g[12:], "NULL")
	return g
}

// zmtpFrameHeader is the header of a frame announcing size bytes; long
// forces the 8-byte size form.
func zmtpFrameHeader(flags byte, size uint64, long bool) []byte {
	if size > 255 || long {
		h := make([]byte, 9)
		h[0] = flags | flagLong
		binary.BigEndian.PutUint64(h[1:], size)
		return h
	}
	return []byte{flags, byte(size)}
}

// zmtpReady is a READY command frame with the given properties.
func zmtpReady(props ...string) []byte {
	body := append([]byte{5}, "READY"...)
	for i := 0; i+1 < len(props); i += 2 {
		body = append(body, byte(len(props[i])))
		body = append(body, props[i]...)
		body = binary.BigEndian.AppendUint32(body, uint32(len(props[i+1])))
		body = append(body, props[i+1]...)
	}
	return append(zmtpFrameHeader(flagCommand, uint64(len(body)), false), body...)
}

// zmtpMessage encodes a message of frames.
func zmtpMessage(frames ...[]byte) []byte {
	var out []byte
	for i, f := range frames {
		var flags byte
		if i < len(frames)-1 {
			flags = flagMore
		}
		out = append(out, zmtpFrameHeader(flags, uint64(len(f)), false)...)
		out = append(out, f...)
	}
	return out
}

// rawPeer is a TCP connection driven by hand.
type rawPeer struct {
	t *testing.T
	net.Conn
}

func dialRaw(t *testing.T, endpoint string) *rawPeer {
	t.Helper()
	c, err := net.DialTimeout("tcp", strings.TrimPrefix(endpoint, "tcp://"), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return &rawPeer{t, c}
}

func (p *rawPeer) send(parts ...[]byte) {
	p.t.Helper()
	if _, err := p.Write(bytes.Join(parts, nil)); err != nil {
		p.t.Fatal(err)
	}
}

// handshake completes a ZMTP handshake as a socket of type sockType with
// the given identity, and reads the server's greeting and READY.
func (p *rawPeer) handshake(sockType, identity string) {
	p.t.Helper()
	p.send(zmtpGreeting(), zmtpReady("Socket-Type", sockType, "Identity", identity))
	p.SetReadDeadline(time.Now().Add(10 * time.Second))
	defer p.SetReadDeadline(time.Time{})
	buf := make([]byte, 64+2)
	if _, err := io.ReadFull(p, buf); err != nil {
		p.t.Fatalf("reading the server's greeting: %v", err)
	}
	if buf[64]&flagCommand == 0 {
		p.t.Fatalf("the server's first frame is not a command: % x", buf[64:])
	}
	if _, err := io.ReadFull(p, make([]byte, buf[65])); err != nil {
		p.t.Fatal(err)
	}
}

// closedByServer reports whether the server closes the connection within
// the test's patience: reads drain what was sent, then end.
func (p *rawPeer) closedByServer(patience time.Duration) bool {
	p.SetReadDeadline(time.Now().Add(patience))
	_, err := io.Copy(io.Discard, p)
	var ne net.Error
	return !(errors.As(err, &ne) && ne.Timeout())
}

// logRecorder is a slog handler target that keeps the text.
type logRecorder struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logRecorder) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logRecorder) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func (l *logRecorder) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(l, nil))
}

// waitLog waits until the log mentions s.
func (l *logRecorder) waitLog(t *testing.T, s string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(l.String(), s) {
		if time.Now().After(deadline) {
			t.Fatalf("the log never said %q; it says:\n%s", s, l.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}
