package supervisor

import (
	"fmt"
	"os/exec"
	"strings"
	"syscall"

	"github.com/descentlab/descent/kernel/worker"
)

// maxCrashLines bounds the lines of a crash report shown in a cell.
const maxCrashLines = 12

// crash is what is known about a worker process that died on its own.
type crash struct {
	// text is what the process wrote to fd 2: the Go runtime's crash
	// report, possibly after stray runtime text.
	text string
	// state is the exit status (nil if unknown).
	state *exitState
}

// exitState is how a process ended.
type exitState struct {
	code   int    // exit code, or -1 when killed by a signal
	signal string // the signal's name when killed by one
}

// exitStateOf reads the state of a waited-for command.
func exitStateOf(cmd *exec.Cmd) *exitState {
	ps := cmd.ProcessState
	if ps == nil {
		return nil
	}
	st := &exitState{code: ps.ExitCode()}
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		st.signal = ws.Signal().String()
	}
	return st
}

// errorOf is the Error event of a cell whose worker died with c.
func (c crash) errorOf() worker.Event {
	name, value, detail := c.describe()
	tb := append([]string{value}, detail...)
	tb = append(tb, "", "The worker process died; it was restarted and the variables were lost.")
	return worker.Event{Kind: worker.Error, EName: name, EValue: value, Traceback: tb}
}

// describe names the crash: an error name, a one-line message and the
// lines that explain it.
func (c crash) describe() (name, value string, detail []string) {
	if head, more, ok := parseCrashReport(c.text); ok {
		switch {
		case strings.HasPrefix(head, "panic: "):
			return "Panic", head, append(more, "(a panic that is not recovered in a goroutine ends the whole program)")
		default:
			return "FatalError", head, more
		}
	}
	tail := lastLines(c.text, maxCrashLines)
	switch {
	case c.state == nil:
		return "WorkerDied", "the worker process ended", tail
	case c.state.signal != "":
		return "WorkerDied", fmt.Sprintf("the worker process was killed by signal %s", c.state.signal), tail
	default:
		return "Exit", fmt.Sprintf("the program exited with status %d (os.Exit ends the whole worker process)", c.state.code), tail
	}
}

// parseCrashReport finds the Go runtime's crash message in text: the first
// line starting "panic: " or "fatal error: ", with the lines that continue
// it (a multi-line panic value, nested panics, the signal line) and the
// "runtime: " lines just before a fatal error (the stack limit of a stack
// overflow). Goroutine dumps are left out. The "[recovered, repanicked]"
// note the interpreter's re-panic adds is dropped.
func parseCrashReport(text string) (head string, more []string, ok bool) {
	lines := strings.Split(text, "\n")
	at := -1
	for i, l := range lines {
		if strings.HasPrefix(l, "panic: ") || strings.HasPrefix(l, "fatal error: ") {
			at = i
			break
		}
	}
	if at < 0 {
		return "", nil, false
	}
	head = strings.TrimSuffix(lines[at], " [recovered, repanicked]")
	if strings.HasPrefix(head, "fatal error: ") {
		start := at
		for start > 0 && strings.HasPrefix(lines[start-1], "runtime: ") {
			start--
		}
		for _, l := range lines[start:at] {
			if !strings.HasPrefix(l, "runtime: sp=") {
				more = append(more, l)
			}
		}
	}
	for _, l := range lines[at+1:] {
		if l == "" || strings.HasPrefix(l, "goroutine ") || len(more) >= maxCrashLines {
			break
		}
		more = append(more, strings.TrimSuffix(l, " [recovered, repanicked]"))
	}
	return head, more, true
}

// lastLines returns the last n non-empty lines of text.
func lastLines(text string, n int) []string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(text), "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	if len(out) > n {
		out = out[len(out)-n:]
	}
	return out
}
