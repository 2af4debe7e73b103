package supervisor

import (
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

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
	code   int            // exit code, or -1 when killed by a signal
	signal syscall.Signal // the signal that killed it, or 0
}

// exitStateOf reads the state of a waited-for command.
func exitStateOf(cmd *exec.Cmd) *exitState {
	ps := cmd.ProcessState
	if ps == nil {
		return nil
	}
	st := &exitState{code: ps.ExitCode()}
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		st.signal = ws.Signal()
	}
	return st
}

// signalName is a signal's name as in C and kill(1): "SIGKILL".
func signalName(sig syscall.Signal) string {
	if name := unix.SignalName(sig); name != "" {
		return name
	}
	return "signal " + strconv.Itoa(int(sig))
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
	if r, ok := parseSignalReport(c.text); ok {
		return "Signal", r.describe(), nil
	}
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
	case c.state.signal != 0:
		return "Signal", killedBy(c.state.signal), tail
	default:
		return "Exit", fmt.Sprintf("the program exited with status %d (os.Exit ends the whole worker process)", c.state.code), tail
	}
}

// outOfMemory reports whether the runtime ended the process because an
// allocation failed (under the worker's address-space limit, or the
// system's).
func (c crash) outOfMemory() bool {
	head, _, ok := parseCrashReport(c.text)
	return ok && (head == "fatal error: out of memory" || head == "fatal error: runtime: out of memory")
}

// killedBy says what a signal that killed the worker process (one the Go
// runtime does not catch) means.
func killedBy(sig syscall.Signal) string {
	head := fmt.Sprintf("%s (%s): ", signalName(sig), sig.String())
	switch sig {
	case syscall.SIGKILL:
		return head + "the worker process was killed, by another process or by the system when memory ran out"
	case syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT:
		return head + "the worker process was ended by another process"
	}
	return head + "the worker process was ended by this signal"
}

// signalReport is the Go runtime's report of a fatal signal it caught:
// "SIGSEGV: segmentation violation", then "PC=0x... m=0 sigcode=0 addr=0x0"
// and a register dump.
type signalReport struct {
	name, what string // "SIGSEGV", "segmentation violation"
	code       int    // the siginfo code: <= 0 sent by a process, > 0 raised by the CPU or kernel
	addr       string // the faulting address, when there is one
}

var (
	signalHeadRE = regexp.MustCompile(`^(SIG[A-Z0-9]+): (.+)$`)
	sigcodeRE    = regexp.MustCompile(`\bsigcode=(-?\d+)`)
	sigaddrRE    = regexp.MustCompile(`\baddr=(0x[0-9a-f]+)`)
)

// parseSignalReport finds the runtime's report of a fatal signal in text.
func parseSignalReport(text string) (signalReport, bool) {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		m := signalHeadRE.FindStringSubmatch(l)
		if m == nil || i+1 >= len(lines) || !strings.HasPrefix(lines[i+1], "PC=") {
			continue
		}
		r := signalReport{name: m[1], what: m[2]}
		if c := sigcodeRE.FindStringSubmatch(lines[i+1]); c != nil {
			r.code, _ = strconv.Atoi(c[1])
		}
		if a := sigaddrRE.FindStringSubmatch(lines[i+1]); a != nil {
			r.addr = a[1]
		}
		return r, true
	}
	return signalReport{}, false
}

// describe says what the signal was and where it came from.
func (r signalReport) describe() string {
	head := fmt.Sprintf("%s (%s): ", r.name, r.what)
	if r.code <= 0 {
		return head + "the worker process received this signal from another process"
	}
	switch r.name {
	case "SIGSEGV", "SIGBUS":
		msg := head + "compiled code touched memory it may not"
		if r.addr != "" {
			msg += " (address " + r.addr + ")"
		}
		return msg
	}
	return head + "raised while the worker process ran compiled code"
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
