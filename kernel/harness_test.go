package kernel

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/client"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// testTimeout bounds every wait in these tests; it is a guard against hangs,
// not a performance assertion.
const testTimeout = 30 * time.Second

// logBuffer collects the server's log for assertions.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if os.Getenv(DebugEnv) == "1" {
		os.Stderr.Write(p)
	}
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// testKernel is a server driven through a real client over ZeroMQ.
type testKernel struct {
	*client.Kernel
	srv *Server
	log *logBuffer
}

type kernelSetup struct {
	launch client.LaunchOptions
	opts   Options
}

// startKernel starts a server with backend and a client connected to it;
// cleanup shuts both down and fails the test if the client saw anything a
// correct kernel never sends.
func startKernel(t testing.TB, backend Backend, setup kernelSetup) *testKernel {
	t.Helper()
	tk := &testKernel{log: &logBuffer{}}
	if setup.opts.Logger == nil {
		setup.opts.Logger = NewLogger(tk.log, true)
	}
	start := func(info wire.ConnectionInfo) (io.Closer, error) {
		srv, err := Start(info, backend, setup.opts)
		tk.srv = srv
		return srv, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	k, err := client.StartInProcess(ctx, start, setup.launch)
	if err != nil {
		t.Fatal(err)
	}
	tk.Kernel = k
	t.Cleanup(func() {
		k.Close()
		for _, a := range k.Anomalies() {
			t.Errorf("client anomaly: %s", a)
		}
		if t.Failed() {
			t.Logf("server log:\n%s", tk.log.String())
		}
	})
	return tk
}

func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// content decodes a message's content into a generic map.
func content(t *testing.T, m *wire.Message) map[string]any {
	t.Helper()
	var c map[string]any
	if err := m.DecodeContent(&c); err != nil {
		t.Fatal(err)
	}
	return c
}

// checkWrapped asserts that iopub starts with busy and ends with idle, all
// with req as parent, and that no status message sits between them.
func checkWrapped(t *testing.T, req string, iopub []*wire.Message) {
	t.Helper()
	types := client.Types(iopub)
	if len(types) < 2 || types[0] != "status:busy" || types[len(types)-1] != "status:idle" {
		t.Fatalf("iopub for %s = %v, want busy ... idle", req, types)
	}
	for i, m := range iopub {
		if m.ParentHeader.MsgID != req {
			t.Errorf("iopub %d (%s) has parent %q, want %q", i, types[i], m.ParentHeader.MsgID, req)
		}
		if i > 0 && i < len(iopub)-1 && strings.HasPrefix(types[i], "status") {
			t.Errorf("status message inside the busy/idle pair: %v", types)
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// eventually polls cond; it is for waiting on the server's internal state
// in tests, never on the hot path.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(testTimeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}
