package goeval

import (
	"context"
	"os"
	"os/exec"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

// Item 11: the failures documented as fatal do end the process. Each runs
// in a child process: this test binary, re-executed with crashEnv set, which
// TestMain turns into running one cell.
const crashEnv = "GOEVAL_CRASH_CASE"

var crashCases = map[string]struct {
	cell string
	says string // what the dying process prints
}{
	"goroutine panic": {"go func() { panic(\"in goroutine\") }()\ntime.Sleep(time.Second)", "in goroutine"},
	"recursion":       {"func down(n int) int { return down(n+1) + 1 }\ndown(0)", "stack exceeds"},
}

func TestMain(m *testing.M) {
	if name := os.Getenv(crashEnv); name != "" {
		runCrashCase(name)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// runCrashCase evaluates one crash cell; returning means the process
// survived, which the parent test reports.
func runCrashCase(name string) {
	debug.SetMaxStack(8 << 20) // overflow quickly
	e, err := New(Options{})
	if err != nil {
		os.Stdout.WriteString("NEW FAILED: " + err.Error() + "\n")
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err = e.Eval(ctx, crashCases[name].cell)
	msg := "no error"
	if err != nil {
		msg = strings.ReplaceAll(err.Error(), "\n", " ")
	}
	os.Stdout.WriteString("SURVIVED: " + msg + "\n")
}

func TestFatalFailuresEndTheProcess(t *testing.T) {
	for name, tc := range crashCases {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), crashEnv+"="+name)
			out, err := cmd.CombinedOutput()
			if err == nil || strings.Contains(string(out), "SURVIVED") {
				t.Fatalf("the child survived %s:\n%s", name, out)
			}
			if !strings.Contains(string(out), tc.says) {
				t.Fatalf("the child died without saying %q:\n%.2000s", tc.says, out)
			}
		})
	}
}
