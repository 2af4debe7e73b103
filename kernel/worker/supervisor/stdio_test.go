package supervisor

import (
	"strings"
	"testing"
)

// A cell that closes or replaces os.Stdout or os.Stderr, or closes the
// descriptor where the runtime reports a crash, gets a note saying so, and
// the next cell's output arrives as usual (from interpreted and compiled
// code alike).
func TestClosedStdioIsRestoredForTheNextCell(t *testing.T) {
	s := startTest(t, Options{})
	if o, _ := run(t, s, `import "descent.test/hooks"`); o.Status != "ok" {
		t.Fatalf("%+v", o)
	}
	steps := []struct {
		code       string
		stdout     string
		stderrHas  string
		stderrNone bool
	}{
		{`fmt.Println("before"); os.Stdout.Close(); fmt.Println("lost")`, "before\n", "os.Stdout was closed: what was written to it after that was lost; it is open again for the next cell", false},
		{`fmt.Println("back"); fmt.Fprintln(os.Stdout, "file back"); hooks.PrintCompiled("compiled back")`, "back\nfile back\ncompiled back\n", "", true},
		{`os.Stderr.Close()`, "", "os.Stderr was closed", false},
		{`fmt.Fprintln(os.Stderr, "err back"); log.Println("log back")`, "", "err back", false},
		{`os.Stdout = os.Stderr`, "", "os.Stdout was assigned another file; it is the cell's stdout again", false},
		{`fmt.Fprintln(os.Stdout, "stdout again")`, "stdout again\n", "", true},
		{`os.NewFile(2, "fd2").Close()`, "", "file descriptor 2, where the Go runtime reports a crash; it is restored", false},
	}
	for i, st := range steps {
		o, events := run(t, s, st.code)
		if o.Status != "ok" {
			t.Fatalf("step %d %q: %+v", i, st.code, o)
		}
		if got := streamText(events, "stdout"); got != st.stdout {
			t.Errorf("step %d %q: stdout %q, want %q", i, st.code, got, st.stdout)
		}
		stderr := streamText(events, "stderr")
		if st.stderrNone && stderr != "" || !strings.Contains(stderr, st.stderrHas) {
			t.Errorf("step %d %q: stderr %q, want it to say %q", i, st.code, stderr, st.stderrHas)
		}
	}
	// The crash report still reaches the kernel through fd 2.
	o, _ := run(t, s, `go func() { panic("after fd 2 came back") }(); time.Sleep(time.Minute)`)
	if o.EName != "Panic" || o.EValue != "panic: after fd 2 came back" {
		t.Fatalf("crash after restoring fd 2: %+v", o)
	}
}
