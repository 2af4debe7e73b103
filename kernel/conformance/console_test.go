package conformance

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// consoleDeadline bounds each wait for the console's screen; it is a guard
// against hangs, not a measure.
const consoleDeadline = 60 * time.Second

// tmuxConsole is jupyter console running in a private tmux server.
type tmuxConsole struct {
	t       *testing.T
	socket  string // the tmux server's socket name (-L)
	session string
	runtime string // the Jupyter runtime dir, where the kernel's connection file is
}

// requireTmux skips the test without tmux, or fails it when
// DESCENT_REQUIRE_JUPYTER=1.
func requireTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err == nil {
		return
	}
	msg := "tmux is not installed: the jupyter console test types into it"
	if os.Getenv("DESCENT_REQUIRE_JUPYTER") == "1" {
		t.Fatal(msg + "\nDESCENT_REQUIRE_JUPYTER=1 makes this a failure; install tmux (see .ci/run).")
	}
	t.Skip(msg)
}

// startConsole runs `jupyter console --kernel descent` in a new tmux
// session, 200x50, and waits for its first prompt. The session, the tmux
// server and the kernel are removed when the test ends.
func startConsole(t *testing.T, env []string) *tmuxConsole {
	t.Helper()
	c := &tmuxConsole{
		t:       t,
		socket:  "descent-console-test-" + strconv.Itoa(os.Getpid()),
		session: "console",
	}
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "JUPYTER_RUNTIME_DIR="); ok {
			c.runtime = v
		}
	}
	// The console's environment is given in full on its command line: a
	// tmux server does not pass its client's environment to new panes.
	args := []string{"env", "-i"}
	for _, kv := range env {
		if k, _, _ := strings.Cut(kv, "="); k == "PATH" || k == "HOME" || k == "LANG" || k == "LC_ALL" || strings.HasPrefix(k, "JUPYTER_") || k == "PYTHONDONTWRITEBYTECODE" {
			args = append(args, kv)
		}
	}
	args = append(args, "TERM=xterm-256color", python, "-m", "jupyter", "console", "--kernel", "descent")
	t.Cleanup(c.close)
	c.tmux("new-session", "-d", "-s", c.session, "-x", "200", "-y", "50", shellJoin(args))
	c.waitFor("the first prompt", func(screen string) bool { return strings.Contains(screen, "In [1]:") })
	return c
}

// shellJoin quotes args for the shell tmux runs the command with.
func shellJoin(args []string) string {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(quoted, " ")
}

// tmux runs a tmux command on the test's private server.
func (c *tmuxConsole) tmux(args ...string) string {
	c.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", c.socket}, args...)...).CombinedOutput()
	if err != nil {
		c.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// screen returns what the console shows.
func (c *tmuxConsole) screen() string {
	c.t.Helper()
	return c.tmux("capture-pane", "-p", "-t", c.session)
}

// typeLine types text literally, then Enter.
func (c *tmuxConsole) typeLine(text string) {
	c.t.Helper()
	c.tmux("send-keys", "-t", c.session, "-l", text)
	c.tmux("send-keys", "-t", c.session, "Enter")
}

// waitFor polls the screen until cond holds.
func (c *tmuxConsole) waitFor(what string, cond func(screen string) bool) string {
	c.t.Helper()
	deadline := time.Now().Add(consoleDeadline)
	for {
		s := c.screen()
		if cond(s) {
			return s
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("jupyter console: timed out waiting for %s; the screen:\n%s", what, s)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// close leaves the console (which shuts its kernel down), then removes the
// tmux server; a kernel still running after that is stopped.
func (c *tmuxConsole) close() {
	if out, err := exec.Command("tmux", "-L", c.socket, "has-session", "-t", c.session).CombinedOutput(); err == nil {
		exec.Command("tmux", "-L", c.socket, "send-keys", "-t", c.session, "C-u").Run()
		exec.Command("tmux", "-L", c.socket, "send-keys", "-t", c.session, "-l", "exit").Run()
		exec.Command("tmux", "-L", c.socket, "send-keys", "-t", c.session, "Enter").Run()
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			if exec.Command("tmux", "-L", c.socket, "has-session", "-t", c.session).Run() != nil {
				break
			}
			time.Sleep(100 * time.Millisecond)
		}
	} else {
		c.t.Logf("tmux session already gone: %s", out)
	}
	exec.Command("tmux", "-L", c.socket, "kill-server").Run()
	c.stopKernels()
}

// stopKernels ends the kernel processes of this test's runtime directory
// that are still running (a console killed before it could shut its
// kernel down leaves it behind).
func (c *tmuxConsole) stopKernels() {
	if c.runtime == "" {
		return
	}
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range procs {
		b, err := os.ReadFile(p)
		if err != nil || !strings.Contains(string(b), filepath.Join(c.runtime, "kernel-")) {
			continue
		}
		pid, err := strconv.Atoi(filepath.Base(filepath.Dir(p)))
		if err != nil || pid == os.Getpid() {
			continue
		}
		c.t.Logf("stopping kernel process %d left by the console", pid)
		syscall.Kill(pid, syscall.SIGTERM)
	}
}

// TestJupyterConsole types into `jupyter console --kernel descent`: a
// function over several lines (Enter inside the body continues the cell,
// as the kernel's is_complete_reply says; the closing brace completes it),
// then a call whose value is shown as Out[2], %version, and fmt.Scan
// answered on the console's own input line.
func TestJupyterConsole(t *testing.T) {
	requireJupyter(t, "jupyter_console", "jupyter_client")
	requireTmux(t)
	c := startConsole(t, kernelEnv(t))

	c.typeLine("func add(a, b int) int {")
	c.waitFor("a continuation prompt after the open brace", func(s string) bool {
		return strings.Contains(s, "In [1]: func add(a, b int) int {\n   ...:")
	})
	c.typeLine("return a + b")
	c.waitFor("a continuation prompt inside the body", func(s string) bool {
		return strings.Contains(s, "...:     return a + b\n   ...:")
	})
	if strings.Contains(c.screen(), "In [2]:") {
		t.Fatalf("the cell ran before its closing brace:\n%s", c.screen())
	}
	c.typeLine("}")
	c.waitFor("the next prompt once the brace closes the function", func(s string) bool { return strings.Contains(s, "In [2]:") })

	c.typeLine("add(40, 2)")
	screen := c.waitFor("the call's result", func(s string) bool { return strings.Contains(s, "In [3]:") })
	if !strings.Contains(screen, "In [2]: add(40, 2)\nOut[2]: 42\n") {
		t.Errorf("no Out[2]: 42 on the screen:\n%s", screen)
	}

	// The real binary reports the interpreter's version.
	c.typeLine("%version")
	screen = c.waitFor("the %version output", func(s string) bool { return strings.Contains(s, "In [4]:") })
	if !strings.Contains(screen, "yaegi v0.16.1") {
		t.Errorf("%%version does not name yaegi v0.16.1:\n%s", screen)
	}

	// fmt.Scan asks the console for a line; the console answers with
	// KernelClient.input(), an input_reply without a parent.
	c.typeLine("var name string")
	c.waitFor("the prompt after the declaration", func(s string) bool { return strings.Contains(s, "In [5]:") })
	c.typeLine(`fmt.Print("name? "); fmt.Scan(&name); fmt.Println("hello", name)`)
	// Type only once the console reads the line: keys typed while it still
	// edits the cell are lost with its editor.
	// (tmux drops the question's trailing space.)
	c.waitFor("the question before fmt.Scan", func(s string) bool { return strings.Contains(s, "\nname?") })
	c.typeLine("Ada")
	screen = c.waitFor("the answer to fmt.Scan", func(s string) bool { return strings.Contains(s, "In [6]:") })
	if !strings.Contains(screen, "hello Ada") {
		t.Errorf("fmt.Scan did not get the line typed in the console:\n%s", screen)
	}

	// exit leaves the console, which shuts the kernel down.
	c.typeLine("exit")
	deadline := time.Now().Add(consoleDeadline)
	for exec.Command("tmux", "-L", c.socket, "has-session", "-t", c.session).Run() == nil {
		if time.Now().After(deadline) {
			t.Fatalf("the console did not exit after exit:\n%s", c.screen())
		}
		time.Sleep(100 * time.Millisecond)
	}
}
