package kernel

import (
	"context"
	"flag"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/descentlab/descent/internal/memlimit"
	"github.com/descentlab/descent/kernel/jupyter/client"
	"github.com/descentlab/descent/kernel/worker/supervisor"
)

// long runs the soak and fault tests at their full counts (20,000
// executes); go test runs them small.
var long = flag.Bool("long", false, "run the soak and fault tests at full counts")

// residentBytes reads the resident memory of process pid from /proc.
func residentBytes(t testing.TB, pid int) uint64 {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseUint(f[1], 10, 64)
			return kb << 10
		}
	}
	t.Fatal("no VmRSS in /proc/PID/status")
	return 0
}

// percentile of sorted durations.
func percentile(sorted []time.Duration, p float64) time.Duration {
	return sorted[int(p*float64(len(sorted)-1))]
}

// TestSoak executes small cells, as a long session does, through the real
// interpreter and ZeroMQ, and checks that the worker's memory stays flat
// after warm-up (at most 5 MB more after 20,000 executes with -long). It
// prints the latency of the first and last thousand (or tenth) cells; the
// figures are in BENCHMARKS.md.
func TestSoak(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads the worker's memory from /proc")
	}
	n, warm := 600, 200
	if *long {
		n, warm = 20000, 2000
	}
	sup, err := supervisor.Start(supervisor.Options{Path: os.Args[0], Env: append(os.Environ(), workerEnv+"=1"), Log: testLogWriter{t}})
	if err != nil {
		t.Fatal(err)
	}
	k := startKernel(t, sup, kernelSetup{opts: Options{Logger: NewLogger(io.Discard, false)}})
	cells := []string{
		"x := 1",
		"x + 1",
		`fmt.Println("step", x)`,
		"y := []float64{1, 2, 3}\ny[1] * 2",
		"func sq(v float64) float64 { return v * v }\nsq(3)",
	}
	var took []time.Duration
	var afterWarm uint64
	for i := range n {
		code := cells[i%len(cells)]
		ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
		start := time.Now()
		res, err := k.Execute(ctx, code, client.ExecuteOptions{SkipHistory: i%2 == 1})
		took = append(took, time.Since(start))
		cancel()
		if err != nil || res.Status != "ok" {
			t.Fatalf("cell %d %q: %v %+v", i, code, err, res)
		}
		if i == warm-1 {
			afterWarm = residentBytes(t, sup.WorkerPID())
		}
	}
	end := residentBytes(t, sup.WorkerPID())
	window := min(1000, n/10)
	first := slices.Clone(took[warm : warm+window])
	last := slices.Clone(took[n-window:])
	slices.Sort(first)
	slices.Sort(last)
	growth := int64(end) - int64(afterWarm)
	t.Logf("%d executes: worker RSS %.1f MB after %d, %.1f MB at the end (%+.2f MB); "+
		"p50 %v -> %v, p99 %v -> %v (cells %d-%d vs the last %d)",
		n, float64(afterWarm)/1e6, warm, float64(end)/1e6, float64(growth)/1e6,
		percentile(first, 0.5), percentile(last, 0.5), percentile(first, 0.99), percentile(last, 0.99),
		warm, warm+window, window)
	if growth > 5e6 {
		t.Errorf("the worker grew by %.1f MB over %d executes after warm-up", float64(growth)/1e6, n-warm)
	}
}

// testLogWriter sends a supervisor's log to the test's.
type testLogWriter struct{ t testing.TB }

func (w testLogWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// TestFaultCycle kills the worker over and over, each time another way (a
// panic in a goroutine, a stack overflow, os.Exit, runtime.Goexit, closed
// stdout, the memory limit, an interrupt of a cell stuck in compiled
// code), and checks that every cell ends with an honest status, the next
// cell runs, and the kernel process itself does not grow: 2 rounds in go
// test, 25 with -long.
func TestFaultCycle(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads memory from /proc")
	}
	rounds := 2
	if *long {
		rounds = 25
	}
	// Under the race detector a deep recursion's shadow memory would reach
	// 400 MiB before the stack limit does.
	limit := uint64(400 << 20)
	if raceDetector {
		limit = 2 << 30
	}
	sup, err := supervisor.Start(supervisor.Options{
		Path: os.Args[0], Env: append(os.Environ(), workerEnv+"=1"), Log: io.Discard,
		MemoryLimit:    memlimit.Limit{Bytes: limit, Why: "set by the test"},
		InterruptGrace: 300 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	k := startKernel(t, sup, kernelSetup{opts: Options{Logger: NewLogger(io.Discard, false)}})
	faults := []struct {
		code, ename string
		restarted   bool
	}{
		{`go func() { panic("boom") }(); time.Sleep(time.Minute)`, "Panic", true},
		{"func down(n int) int { return down(n+1) + 1 }\ndown(0)", "FatalError", true},
		{"os.Exit(3)", "Exit", true},
		{`import "runtime"` + "\nruntime.Goexit()", "Goexit", false},
		{`os.Stdout.Close()`, "", false},
		{"var hog [][]byte\nfor { hog = append(hog, make([]byte, 8<<20)) }", "MemoryError", true},
		{`fmt.Println("sleeping")` + "\ntime.Sleep(time.Hour)", "Interrupted", true},
	}
	var kernelGoroutines []int
	for round := range rounds {
		for _, f := range faults {
			timeout := testTimeout
			if raceDetector && f.ename == "MemoryError" {
				// Filling 2 GiB under the race detector, beside the other
				// packages' race tests, can take longer than a cell may.
				timeout = 4 * testTimeout
			}
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			call, err := k.StartExecute(f.code, client.ExecuteOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if f.ename == "Interrupted" {
				eventually(t, "the cell's first output", func() bool { return len(call.Progress().Outputs()) > 0 })
				if _, err := k.Interrupt(ctx); err != nil {
					t.Fatal(err)
				}
			}
			resp, err := call.Wait(ctx)
			if err != nil {
				t.Fatalf("round %d, %q: %v", round, f.code, err)
			}
			res, err := client.ParseExecute(resp)
			if err != nil {
				t.Fatal(err)
			}
			want := "error"
			if f.ename == "" {
				want = "ok"
			}
			if res.Status != want || res.EName != f.ename {
				t.Fatalf("round %d, %q: %s %s %s", round, f.code, res.Status, res.EName, res.EValue)
			}
			if f.ename == "" && !strings.Contains(res.Stream("stderr"), "os.Stdout was closed") {
				t.Fatalf("round %d: closing stdout was not reported: %q", round, res.Stream("stderr"))
			}
			next, err := k.Execute(ctx, `fmt.Println("alive")`, client.ExecuteOptions{})
			cancel()
			if err != nil || next.Status != "ok" || !strings.Contains(next.Stream("stdout"), "alive") {
				t.Fatalf("round %d, after %q: %v %+v", round, f.code, err, next)
			}
		}
		runtime.GC()
		kernelGoroutines = append(kernelGoroutines, runtime.NumGoroutine())
	}
	t.Logf("%d rounds of %d faults; goroutines of this process (the kernel) after each round: %v", rounds, len(faults), kernelGoroutines)
	if first, last := kernelGoroutines[0], kernelGoroutines[len(kernelGoroutines)-1]; last > first+5 {
		t.Errorf("the kernel's goroutines grew from %d to %d", first, last)
	}
}
