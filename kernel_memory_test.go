package main

import (
	"bytes"
	"context"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/client"
)

// syncBuffer collects a process's stderr.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// residentKiB reads VmRSS of a process from /proc.
func residentKiB(t *testing.T, pid int) int {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

// The real kernel, with the limit set as kernel.json's env would set it: a
// cell that takes memory without bound fails with "out of memory (limit
// 400 MiB)", the kernel process stays up and small, and the next cell runs
// on a fresh worker.
func TestKernelUnderAMemoryLimit(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the memory watchdog reads /proc")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	stderr := &syncBuffer{}
	k, err := client.StartProcess(ctx, []string{descentBin, "kernel", "{connection_file}"}, client.LaunchOptions{
		Env:    []string{"DESCENT_MEMORY_LIMIT=400MiB"},
		Stderr: stderr,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	if _, err := k.Execute(ctx, "kept := 1", client.ExecuteOptions{}); err != nil {
		t.Fatal(err)
	}
	res, err := k.Execute(ctx, "var hog [][]byte\nfor { hog = append(hog, bytes.Repeat([]byte{1}, 8<<20)) }", client.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != "error" || res.EName != "MemoryError" || !strings.HasPrefix(res.EValue, "out of memory (limit 400 MiB)") {
		t.Fatalf("the hog: %s %s %s", res.Status, res.EName, res.EValue)
	}
	select {
	case <-k.Exited():
		t.Fatalf("the kernel process exited: %v", k.ExitErr())
	default:
	}
	if err := k.Heartbeat(ctx); err != nil {
		t.Fatal(err)
	}
	if rss := residentKiB(t, k.Cmd.Process.Pid); rss > 100<<10 {
		t.Errorf("the kernel process holds %d KiB", rss)
	}
	next, err := k.Execute(ctx, "kept", client.ExecuteOptions{})
	if err != nil || next.Status != "error" || !strings.Contains(next.EValue, "undefined: kept") {
		t.Fatalf("after the restart: %v %+v", err, next)
	}
	if ok, err := k.Execute(ctx, "1 + 1", client.ExecuteOptions{}); err != nil || ok.Status != "ok" {
		t.Fatalf("a cell on the fresh worker: %v %+v", err, ok)
	}
	if !strings.Contains(stderr.String(), "the worker's memory limit is 400 MiB (DESCENT_MEMORY_LIMIT=400MiB)") {
		t.Errorf("the kernel's log does not state the limit:\n%s", stderr.String())
	}
}
