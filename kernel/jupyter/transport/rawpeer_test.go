package transport

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/transport/rawzmtp"
)

// Shorthands for the hand-written ZMTP of package rawzmtp.
var (
	zmtpGreeting    = rawzmtp.Greeting
	zmtpFrameHeader = rawzmtp.FrameHeader
	zmtpReady       = rawzmtp.Ready
	zmtpMessage     = rawzmtp.Message
)

// rawPeer is a hand-driven connection that fails the test on errors.
type rawPeer struct {
	t *testing.T
	*rawzmtp.Peer
}

func dialRaw(t *testing.T, endpoint string) *rawPeer {
	t.Helper()
	p, err := rawzmtp.Dial(endpoint)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return &rawPeer{t, p}
}

func (p *rawPeer) send(parts ...[]byte) {
	p.t.Helper()
	if err := p.Send(parts...); err != nil {
		p.t.Fatal(err)
	}
}

func (p *rawPeer) handshake(sockType, identity string) {
	p.t.Helper()
	if err := p.Handshake(sockType, identity); err != nil {
		p.t.Fatal(err)
	}
}

func (p *rawPeer) closedByServer(patience time.Duration) bool { return p.ClosedByServer(patience) }

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
