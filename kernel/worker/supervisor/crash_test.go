package supervisor

import (
	"reflect"
	"strings"
	"syscall"
	"testing"

	"github.com/descentlab/descent/kernel/worker"
)

// Crash reports as the Go runtime writes them with GOTRACEBACK=none
// (captured from small programs on go1.26).
const (
	reportGoroutinePanic = "panic: boom [recovered, repanicked]\n"
	reportMultiLine      = "panic: line1\n\tline2\n"
	reportNilDeref       = "panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1624]\n"
	reportStackOverflow  = "runtime: goroutine stack exceeds 268435456-byte limit\nruntime: sp=0x1d94b80e0378 stack=[0x1d94b80e0000, 0x1d94c80e0000]\nfatal error: stack overflow\n\nruntime stack:\nruntime.throw({0x4c9748?, 0x41a725?})\n\t/usr/local/go/src/runtime/panic.go:1229 +0x48\n\ngoroutine 1 gp=0x1d94a7fe81e0 m=0 [running]:\nmain.rec(0x35e4ff?)\n"
	reportMapWrites      = "fatal error: concurrent map writes\n"
	// kill -SEGV, then a register dump (abridged).
	reportKillSEGV = "SIGSEGV: segmentation violation\nPC=0x40816e m=0 sigcode=0 addr=0x739c\n\ngoroutine 0 gp=0x558580 m=0 mp=0x559340 [idle]:\nrax    0xfffffffffffffffc\nrbx    0x0\n"
	// a fault in non-Go code, as the runtime reports it (sigcode 2, BUS_ADRERR).
	reportFaultBUS = "SIGBUS: bus error\nPC=0x7f12 m=3 sigcode=2 addr=0x7f0000001000\n\nrax    0x0\n"
)

func TestParseCrashReport(t *testing.T) {
	tests := []struct {
		name string
		text string
		head string
		more []string
		ok   bool
	}{
		{"goroutine panic, re-panicked by the interpreter", reportGoroutinePanic, "panic: boom", nil, true},
		{"multi-line panic value", reportMultiLine, "panic: line1", []string{"\tline2"}, true},
		{"nil dereference", reportNilDeref, "panic: runtime error: invalid memory address or nil pointer dereference",
			[]string{"[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1624]"}, true},
		{"stack overflow", reportStackOverflow, "fatal error: stack overflow",
			[]string{"runtime: goroutine stack exceeds 268435456-byte limit"}, true},
		{"concurrent map writes", reportMapWrites, "fatal error: concurrent map writes", nil, true},
		{"after stray text", "a println from compiled code\n" + reportMapWrites, "fatal error: concurrent map writes", nil, true},
		{"no crash", "just text\n", "", nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			head, more, ok := parseCrashReport(tc.text)
			if head != tc.head || !reflect.DeepEqual(more, tc.more) || ok != tc.ok {
				t.Errorf("parseCrashReport = %q, %q, %v; want %q, %q, %v", head, more, ok, tc.head, tc.more, tc.ok)
			}
		})
	}
}

func TestCrashDescribe(t *testing.T) {
	tests := []struct {
		name  string
		c     crash
		ename string
		value string
	}{
		{"panic", crash{text: reportGoroutinePanic, state: &exitState{code: 2}}, "Panic", "panic: boom"},
		{"fatal error", crash{text: reportStackOverflow, state: &exitState{code: 2}}, "FatalError", "fatal error: stack overflow"},
		{"exit", crash{state: &exitState{code: 3}}, "Exit", "the program exited with status 3 (os.Exit ends the whole worker process)"},
		{"SIGKILL", crash{state: &exitState{code: -1, signal: syscall.SIGKILL}}, "Signal",
			"SIGKILL (killed): the worker process was killed, by another process or by the system when memory ran out"},
		{"SIGTERM", crash{state: &exitState{code: -1, signal: syscall.SIGTERM}}, "Signal",
			"SIGTERM (terminated): the worker process was ended by another process"},
		{"SIGSEGV from kill", crash{text: reportKillSEGV, state: &exitState{code: 2}}, "Signal",
			"SIGSEGV (segmentation violation): the worker process received this signal from another process"},
		{"SIGBUS fault", crash{text: reportFaultBUS, state: &exitState{code: 2}}, "Signal",
			"SIGBUS (bus error): compiled code touched memory it may not (address 0x7f0000001000)"},
		{"unknown", crash{}, "WorkerDied", "the worker process ended"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := tc.c.errorOf()
			if e.Kind != worker.Error || e.EName != tc.ename || e.EValue != tc.value {
				t.Errorf("errorOf = %s %q, want %s %q", e.EName, e.EValue, tc.ename, tc.value)
			}
			if e.Traceback[0] != tc.value || !strings.Contains(strings.Join(e.Traceback, "\n"), "variables were lost") {
				t.Errorf("traceback %q must start with the message and say the variables were lost", e.Traceback)
			}
			if tb := strings.Join(e.Traceback, "\n"); strings.Contains(tb, "rax ") || strings.Contains(tb, "PC=") {
				t.Errorf("traceback %q shows the register dump", e.Traceback)
			}
		})
	}
}

func TestLastLines(t *testing.T) {
	got := lastLines("a\n\nb\n  \nc\nd\n", 2)
	if !reflect.DeepEqual(got, []string{"c", "d"}) {
		t.Errorf("lastLines = %q", got)
	}
}
