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

// A cell that leaves many goroutines running is told so, with their
// number and their stacks' memory; one whose goroutines finished before it
// returned is not, nor one that leaves a few. A slow leak is reported when
// the total passes 1,000, then 10,000.
func TestLeftGoroutinesAreReported(t *testing.T) {
	s := startTest(t, Options{})
	o, events := run(t, s, "var wg sync.WaitGroup\nfor i := 0; i < 200; i++ { wg.Add(1); go func() { defer wg.Done() }() }\nwg.Wait()")
	if o.Status != "ok" || streamText(events, "stderr") != "" {
		t.Fatalf("goroutines that finished: %+v, stderr %q", o, streamText(events, "stderr"))
	}
	o, events = run(t, s, "for i := 0; i < 1000; i++ { go func() { time.Sleep(time.Hour) }() }")
	note := streamText(events, "stderr")
	if o.Status != "ok" || !strings.Contains(note, "this cell left 1000 goroutines running") || !strings.Contains(note, "of stacks") {
		t.Fatalf("1000 sleeping goroutines: %+v, stderr %q", o, note)
	}
	o, events = run(t, s, "1 + 1")
	if o.Status != "ok" || streamText(events, "stderr") != "" {
		t.Fatalf("the next cell: %+v, stderr %q", o, streamText(events, "stderr"))
	}
	// A slow leak: 50 a cell, below the per-cell report, until the total
	// passes 10,000.
	leak := "for i := 0; i < 50; i++ { go func() { time.Sleep(time.Hour) }() }"
	for i := 0; ; i++ {
		o, events = run(t, s, leak)
		note := streamText(events, "stderr")
		if o.Status != "ok" {
			t.Fatalf("%+v", o)
		}
		if note != "" {
			if !strings.Contains(note, "in all") || i < 170 {
				t.Fatalf("after %d cells of 50: %q", i+1, note)
			}
			break
		}
		if i > 200 {
			t.Fatal("9,000 more goroutines and no report")
		}
	}
}
