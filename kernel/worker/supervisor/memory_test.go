package supervisor

import (
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/descentlab/descent/internal/memlimit"
	"github.com/descentlab/descent/kernel/worker"
)

const testMemoryLimit = 512 << 20

func startLimited(t *testing.T) *Supervisor {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the memory watchdog reads /proc")
	}
	return startTest(t, Options{MemoryLimit: memlimit.Limit{Bytes: testMemoryLimit, Why: "set by the test"}})
}

// A cell that goes over the worker's memory limit fails with "out of
// memory (limit N)"; the worker is replaced and the next cell runs.
func TestCellOverTheMemoryLimit(t *testing.T) {
	for name, code := range map[string]string{
		// Compiled code touching memory as fast as it can, kept alive.
		"growing":             "var keep [][]byte\nfor { keep = append(keep, bytes.Repeat([]byte{1}, 16<<20)) }",
		"one huge allocation": "x := make([]byte, 1<<40)\nx[len(x)-1] = 1",
		"interpreted growth":  "var keep [][]float64\nfor { s := make([]float64, 1<<20); for i := range s { s[i] = 1 }; keep = append(keep, s) }",
	} {
		t.Run(name, func(t *testing.T) {
			s := startLimited(t)
			run(t, s, `import "bytes"`)
			run(t, s, "kept := 1")
			o, events := run(t, s, code)
			if o.Status != "error" || o.EName != "MemoryError" || !o.Restarted ||
				!strings.HasPrefix(o.EValue, "out of memory (limit 512 MiB)") {
				t.Fatalf("outcome %+v", o)
			}
			tb := strings.Join(o.Traceback, "\n")
			if !strings.Contains(tb, "set by the test") || !strings.Contains(tb, memlimit.Env) || !strings.Contains(tb, "variables were lost") {
				t.Errorf("traceback %q", o.Traceback)
			}
			if n := len(errorsIn(events)); n != 1 {
				t.Errorf("%d error events", n)
			}
			t.Logf("%s", o.EValue)
			assertFreshWorker(t, s, "kept")
		})
	}
}

func errorsIn(events []worker.Event) []worker.Event {
	var out []worker.Event
	for _, e := range events {
		if e.Kind == "error" {
			out = append(out, e)
		}
	}
	return out
}

// A cell that makes a lot of garbage but keeps little stays under the
// limit: the Go runtime's soft limit makes the collector work harder
// before the watchdog would act.
func TestGarbageUnderTheMemoryLimitIsFine(t *testing.T) {
	s := startLimited(t)
	run(t, s, `import "bytes"`)
	o, _ := run(t, s, "n := 0\nfor i := 0; i < 200; i++ { n += len(bytes.Repeat([]byte{1}, 32<<20)) }\nn")
	if o.Status != "ok" {
		t.Fatalf("6.4 GB of garbage in 32 MB pieces under a 512 MiB limit: %+v", o)
	}
}

// Memory a goroutine keeps taking after its cell ended is caught too; the
// next cell says why the worker restarted.
func TestMemoryLimitBetweenCells(t *testing.T) {
	s := startLimited(t)
	run(t, s, `import "bytes"`)
	o, _ := run(t, s, "go func() { var keep [][]byte; for { keep = append(keep, bytes.Repeat([]byte{1}, 16<<20)); time.Sleep(10 * time.Millisecond) } }()")
	if o.Status != "ok" {
		t.Fatalf("%+v", o)
	}
	deadline := time.Now().Add(time.Minute)
	for s.pendingNote() == "" {
		if time.Now().After(deadline) {
			t.Fatal("the worker was not stopped")
		}
		time.Sleep(20 * time.Millisecond)
	}
	_, events := run(t, s, "1 + 1")
	if note := streamText(events, "stderr"); !strings.Contains(note, "out of memory (limit 512 MiB)") {
		t.Fatalf("note %q", note)
	}
}
