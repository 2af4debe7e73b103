package supervisor

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/descentlab/descent/internal/binaries"
	"github.com/descentlab/descent/kernel/worker"
	"github.com/descentlab/descent/kernel/worker/runner"
)

// testWorkerBin is the worker binary the supervisor tests start, built from
// ./internal/testworker by TestMain.
var testWorkerBin string

func TestMain(m *testing.M) {
	if os.Getenv(fakeWorkerEnv) == "1" {
		os.Exit(runner.Run(runner.Config{NewEvaluator: newScriptEvaluator, Preload: []string{}}))
	}
	dir, err := os.MkdirTemp("", "descent-worker-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	testWorkerBin = filepath.Join(dir, "testworker")
	root, _ := binaries.Checkout(".")
	args := append([]string{"build", "-o", testWorkerBin}, binaries.WorkerFlags(root)...)
	if out, err := exec.Command(goTool(), append(args, "../internal/testworker")...).CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build the test worker: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	if nativeDir != "" {
		os.RemoveAll(nativeDir)
	}
	os.Exit(code)
}

// goTool returns the go command that runs these tests.
func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// startTest starts a Supervisor running the test worker; Close runs at the
// end of the test.
func startTest(t *testing.T, opts Options) *Supervisor {
	t.Helper()
	opts.Path = testWorkerBin
	opts.Args = []string{}
	if opts.Log == nil {
		opts.Log = testLog{t}
	}
	s, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// startScripted starts a Supervisor whose worker is this test binary
// running scripts (see scriptEvaluator).
func startScripted(t *testing.T, opts Options) *Supervisor {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	opts.Path = exe
	opts.Args = []string{}
	opts.Env = append(os.Environ(), fakeWorkerEnv+"=1")
	if opts.Log == nil {
		opts.Log = testLog{t}
	}
	s, err := Start(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// testLog sends the supervisor's log to the test's.
type testLog struct{ t *testing.T }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSuffix(string(p), "\n"))
	return len(p), nil
}

// recorder is a Handler that keeps what it receives and answers input
// requests with answer (or fails them when answer is nil).
type recorder struct {
	mu      sync.Mutex
	events  []worker.Event
	prompts []string
	answer  func(prompt string) (string, error)
	onEvent func() // called after each event, if set
}

func (r *recorder) Event(e worker.Event) {
	r.mu.Lock()
	r.events = append(r.events, e)
	r.mu.Unlock()
	if r.onEvent != nil {
		r.onEvent()
	}
}

func (r *recorder) Input(prompt string, password bool) (string, error) {
	r.mu.Lock()
	r.prompts = append(r.prompts, prompt)
	answer := r.answer
	r.mu.Unlock()
	if answer == nil {
		return "", fmt.Errorf("no input in this test")
	}
	return answer(prompt)
}

// snapshot returns the events so far.
func (r *recorder) snapshot() []worker.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]worker.Event(nil), r.events...)
}

// run executes code and returns its outcome and events; the test fails if
// the cell takes more than a minute (it never should).
func run(t *testing.T, s *Supervisor, code string) (worker.Outcome, []worker.Event) {
	t.Helper()
	return runRequest(t, s, worker.ExecRequest{Code: code}, &recorder{})
}

func runRequest(t *testing.T, s *Supervisor, req worker.ExecRequest, r *recorder) (worker.Outcome, []worker.Event) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	o := s.Execute(ctx, req, r)
	if ctx.Err() != nil {
		t.Fatalf("cell %q did not end within a minute", req.Code)
	}
	return o, r.snapshot()
}

// streamText joins the text of the Stream events on stream.
func streamText(events []worker.Event, stream string) string {
	var b strings.Builder
	for _, e := range events {
		if e.Kind == worker.Stream && e.Stream == stream {
			b.WriteString(e.Text)
		}
	}
	return b.String()
}

// kinds lists the kinds of events, for messages.
func kinds(events []worker.Event) []string {
	var ks []string
	for _, e := range events {
		k := string(e.Kind)
		if e.Kind == worker.Stream {
			k += ":" + e.Stream
		}
		ks = append(ks, k)
	}
	return ks
}
