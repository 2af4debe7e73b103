package supervisor

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/descentlab/descent/internal/binaries"
	"github.com/descentlab/descent/kernel/worker"
)

func TestResults(t *testing.T) {
	s := startTest(t, Options{})
	tests := []struct {
		name   string
		req    worker.ExecRequest
		result string // "" means no Result event
	}{
		{"arithmetic", worker.ExecRequest{Code: "6 * 7"}, "42"},
		{"string", worker.ExecRequest{Code: `"de" + "scent"`}, "descent"},
		{"float", worker.ExecRequest{Code: "1.5 * 3"}, "4.5"},
		{"statement has no value", worker.ExecRequest{Code: "v := 3"}, ""},
		{"variable kept from the cell before", worker.ExecRequest{Code: "v * 2"}, "6"},
		{"silent suppresses the result", worker.ExecRequest{Code: "v * 10", Silent: true}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, events := runRequest(t, s, tc.req, &recorder{})
			if o.Status != "ok" {
				t.Fatalf("outcome %+v", o)
			}
			var results []string
			for _, e := range events {
				if e.Kind == worker.Result {
					results = append(results, fmt.Sprint(e.Data["text/plain"]))
				}
			}
			switch {
			case tc.result == "" && len(results) != 0:
				t.Errorf("results %v, want none", results)
			case tc.result != "" && !reflect.DeepEqual(results, []string{tc.result}):
				t.Errorf("results %v, want [%s]", results, tc.result)
			}
		})
	}
}

func TestErrorIsOneEvent(t *testing.T) {
	s := startTest(t, Options{})
	o, events := run(t, s, `panic("boom")`)
	if o.Status != "error" || o.EName != "Panic" || o.Restarted {
		t.Fatalf("outcome %+v, want a Panic error without restart", o)
	}
	if len(events) != 1 || events[0].Kind != worker.Error || events[0].EValue != o.EValue {
		t.Fatalf("events %v, want exactly one error event matching the outcome", kinds(events))
	}
}

// The order test's cell mixes every source of output. Expected: the stdout
// pieces before the first display in one run of text, and so on.
func TestOutputOrder(t *testing.T) {
	s := startTest(t, Options{})
	run(t, s, `import ("log"; "descent.test/hooks")`)
	code := strings.Join([]string{
		`fmt.Println("interpreted 1")`,
		`os.Stdout.WriteString("os.Stdout 2\n")`,
		`hooks.PrintCompiled("compiled 3")`,
		`display.Show("display 4")`,
		`fmt.Println("interpreted 5")`,
		`log.SetFlags(0)`,
		`log.Println("log 6")`,
		`fmt.Println("interpreted 7")`,
		`hooks.PrintCompiled("compiled 8")`,
		`display.Show("display 9")`,
		`fmt.Fprintln(os.Stderr, "os.Stderr 10")`,
		`display.Show("display 11")`,
		`fmt.Print("interpreted 12")`,
	}, "\n")
	// Repeat: a misordering shows up as a race, not on every run.
	for i := 0; i < 20; i++ {
		o, events := run(t, s, code)
		if o.Status != "ok" {
			t.Fatalf("outcome %+v", o)
		}
		got := coalesce(events)
		want := []string{
			"stdout:interpreted 1\nos.Stdout 2\ncompiled 3\n",
			"display_data:display 4",
			"stdout:interpreted 5\n",
			"stderr:log 6\n",
			"stdout:interpreted 7\ncompiled 8\n",
			"display_data:display 9",
			"stderr:os.Stderr 10\n",
			"display_data:display 11",
			"stdout:interpreted 12",
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("run %d: outputs\n%q\nwant\n%q", i, got, want)
		}
	}
}

// TestStreamsKeepProgramOrder switches between stdout and stderr with no
// display in between (a display drains both pipes): each switch must come
// out where the program made it, whatever the cell writes through.
func TestStreamsKeepProgramOrder(t *testing.T) {
	s := startTest(t, Options{})
	run(t, s, `import "log"`)
	tests := []struct {
		name string
		code string
		want []string
	}{
		{"first second third", `fmt.Println("first"); fmt.Fprintln(os.Stderr, "second"); fmt.Println("third")`,
			[]string{"stdout:first\n", "stderr:second\n", "stdout:third\n"}},
		{"every kind of write", strings.Join([]string{
			`fmt.Fprintf(os.Stderr, "e%d\n", 1)`,
			`fmt.Print("o2\n")`,
			`log.SetFlags(0); log.Print("e3")`,
			`io.WriteString(os.Stdout, "o4\n")`,
			`println("e5")`,
			`w := bufio.NewWriter(os.Stdout); w.WriteString("o6\n"); w.Flush()`,
			`fmt.Fprintln(os.Stderr, "e7")`,
		}, "\n"), []string{"stderr:e1\n", "stdout:o2\n", "stderr:e3\n", "stdout:o4\n", "stderr:e5\n", "stdout:o6\n", "stderr:e7\n"}},
		{"prints and displays", strings.Join([]string{
			`fmt.Println("a")`, `display.Show("D1")`, `fmt.Fprintln(os.Stderr, "b")`, `fmt.Println("c")`,
			`display.Show("D2")`, `display.Show("D3")`, `fmt.Fprintln(os.Stderr, "d")`, `display.Show("D4")`, `fmt.Println("e")`,
		}, "\n"), []string{"stdout:a\n", "display_data:D1", "stderr:b\n", "stdout:c\n", "display_data:D2", "display_data:D3",
			"stderr:d\n", "display_data:D4", "stdout:e\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Repeat: a misordering shows up as a race, not on every run.
			for i := 0; i < 20; i++ {
				o, events := run(t, s, tt.code)
				if o.Status != "ok" {
					t.Fatalf("outcome %+v", o)
				}
				if got := coalesce(events); !reflect.DeepEqual(got, tt.want) {
					t.Fatalf("run %d: outputs\n%q\nwant\n%q", i, got, tt.want)
				}
			}
		})
	}
}

// coalesce describes events as "kind:text", joining consecutive text on
// the same stream.
func coalesce(events []worker.Event) []string {
	var out []string
	last := ""
	for _, e := range events {
		switch e.Kind {
		case worker.Stream:
			if last == e.Stream {
				out[len(out)-1] += e.Text
				continue
			}
			out = append(out, e.Stream+":"+e.Text)
			last = e.Stream
		default:
			out = append(out, fmt.Sprintf("%s:%v", e.Kind, e.Data["text/plain"]))
			last = ""
		}
	}
	return out
}

func TestManyLinesAllArrive(t *testing.T) {
	s := startTest(t, Options{})
	const n = 200_000
	start := time.Now()
	o, events := run(t, s, fmt.Sprintf("for i := 0; i < %d; i++ { fmt.Println(i) }", n))
	elapsed := time.Since(start)
	if o.Status != "ok" {
		t.Fatalf("outcome %+v", o)
	}
	lines := strings.Split(streamText(events, "stdout"), "\n")
	if len(lines) != n+1 || lines[n] != "" {
		t.Fatalf("got %d lines, want %d and a final newline", len(lines)-1, n)
	}
	for i, l := range lines[:n] {
		if l != strconv.Itoa(i) {
			t.Fatalf("line %d is %q", i, l)
		}
	}
	t.Logf("%d lines in %d stream events, %v (%.0f lines/s)", n, len(events), elapsed, n/elapsed.Seconds())
}

func TestUTF8NeverSplit(t *testing.T) {
	s := startTest(t, Options{})
	run(t, s, `import "descent.test/hooks"`)
	const unit = "é€😀" // 2, 3 and 4 bytes
	tests := []struct {
		name string
		code string
		want string
	}{
		// 450 kB in one write: pipe reads cut it at arbitrary bytes.
		{"one long write", `fmt.Print(strings.Repeat("é€😀", 50000))`, strings.Repeat(unit, 50000)},
		// A character whose bytes are written on both sides of an output.
		{"character split by a display", `hooks.WriteBytes([]byte{0xe2, 0x82}); display.Show(1); hooks.WriteBytes([]byte{0xac, '\n'})`, "€\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, events := run(t, s, tc.code)
			if o.Status != "ok" {
				t.Fatalf("outcome %+v", o)
			}
			for i, e := range events {
				if e.Kind == worker.Stream && !utf8.ValidString(e.Text) {
					t.Errorf("stream event %d of %d is not valid UTF-8 (ends %q)", i, len(events), e.Text[max(0, len(e.Text)-4):])
				}
			}
			if got := streamText(events, "stdout"); got != tc.want {
				t.Errorf("stdout has %d bytes, want %d", len(got), len(tc.want))
			}
		})
	}
}

// notifier is a recorder that signals the first event.
func notifier() (*recorder, <-chan struct{}) {
	started := make(chan struct{})
	var once sync.Once
	r := &recorder{}
	r.onEvent = func() { once.Do(func() { close(started) }) }
	return r, started
}

func TestInterruptInterpretedLoop(t *testing.T) {
	s := startTest(t, Options{InterruptGrace: 10 * time.Second})
	run(t, s, "x := 5")
	r, started := notifier()
	done := make(chan worker.Outcome, 1)
	go func() {
		done <- s.Execute(context.Background(), worker.ExecRequest{Code: `for { x++; if x == 6 { fmt.Println("looping") } }`}, r)
	}()
	<-started
	asked := time.Now()
	s.Interrupt()
	o := <-done
	t.Logf("the loop stopped %v after the interrupt", time.Since(asked))
	if o.Status != "error" || o.EName != "Interrupted" || o.Restarted {
		t.Fatalf("outcome %+v, want Interrupted without a restart", o)
	}
	o, events := run(t, s, "x > 5")
	if o.Status != "ok" || len(events) != 1 || events[0].Data["text/plain"] != "true" {
		t.Fatalf("after the interrupt: outcome %+v, events %+v; want x kept and grown", o, events)
	}
}

func TestInterruptStuckInCompiledCode(t *testing.T) {
	tests := []struct {
		name  string
		grace time.Duration
	}{
		{"the worker reports it stuck", 10 * time.Second},
		{"the grace period runs out first", 50 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := startTest(t, Options{InterruptGrace: tc.grace})
			run(t, s, `import "descent.test/hooks"`)
			run(t, s, "y := 1")
			r, started := notifier()
			done := make(chan worker.Outcome, 1)
			go func() {
				// time.Sleep(time.Hour), called once "sleeping" is printed,
				// so that the interrupt cannot land before the sleep.
				done <- s.Execute(context.Background(), worker.ExecRequest{Code: `hooks.PrintThenSleep("sleeping", time.Hour)`}, r)
			}()
			<-started
			s.Interrupt()
			o := <-done
			if o.Status != "error" || o.EName != "Interrupted" || !o.Restarted {
				t.Fatalf("outcome %+v, want Interrupted with a restart", o)
			}
			tb := strings.Join(o.Traceback, "\n")
			for _, want := range []string{"stuck in compiled code", "restarted", "variables were lost"} {
				if !strings.Contains(tb, want) {
					t.Errorf("traceback %q does not say %q", tb, want)
				}
			}
			errs := 0
			for _, e := range r.snapshot() {
				if e.Kind == worker.Error {
					errs++
				}
			}
			if errs != 1 {
				t.Errorf("%d error events, want 1", errs)
			}
			assertFreshWorker(t, s, "y")
		})
	}
}

// assertFreshWorker checks that the worker runs cells and has lost the
// variable name.
func assertFreshWorker(t *testing.T, s *Supervisor, name string) {
	t.Helper()
	if o, _ := run(t, s, name); o.Status != "error" {
		t.Errorf("%s is still defined: the worker was not restarted", name)
	}
	if o, events := run(t, s, "1 + 1"); o.Status != "ok" || len(events) != 1 || events[0].Data["text/plain"] != "2" {
		t.Errorf("fresh worker: outcome %+v, events %+v", o, events)
	}
}

func TestFatalErrors(t *testing.T) {
	tests := []struct {
		name   string
		setup  []string
		code   string
		ename  string
		prefix string // of the error value
	}{
		{"panic in a goroutine", nil,
			`go func() { panic("boom") }(); time.Sleep(time.Minute)`, "Panic", "panic: boom"},
		{"panic in a compiled goroutine", []string{`import "descent.test/hooks"`},
			`hooks.GoPanic("compiled boom")`, "Panic", "panic: compiled boom"},
		{"infinite recursion", []string{`func down(n int) int { return down(n+1) + 1 }`},
			`down(0)`, "FatalError", "fatal error: stack overflow"},
		{"concurrent map writes", []string{`m := map[int]int{}`},
			`for g := 0; g < 4; g++ { go func() { for i := 0; ; i++ { m[i%64] = i } }() }; time.Sleep(time.Minute)`,
			"FatalError", "fatal error: concurrent map"},
		{"os.Exit", nil, `os.Exit(3)`, "Exit", "the program exited with status 3"},
		{"os.Exit in compiled code", []string{`import "descent.test/hooks"`},
			`hooks.Exit(4)`, "Exit", "the program exited with status 4"},
		{"SIGSEGV", []string{`import "descent.test/hooks"`},
			`hooks.Raise("SIGSEGV")`, "Signal", "SIGSEGV (segmentation violation): the worker process received this signal from another process"},
		{"SIGBUS", []string{`import "descent.test/hooks"`},
			`hooks.Raise("SIGBUS")`, "Signal", "SIGBUS (bus error)"},
		{"SIGABRT", []string{`import "descent.test/hooks"`},
			`hooks.Raise("SIGABRT")`, "Signal", "SIGABRT (abort)"},
		{"SIGKILL", []string{`import "descent.test/hooks"`},
			`hooks.Raise("SIGKILL")`, "Signal", "SIGKILL (killed): the worker process was killed"},
		{"SIGTERM", []string{`import "descent.test/hooks"`},
			`hooks.Raise("SIGTERM")`, "Signal", "SIGTERM (terminated)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := startTest(t, Options{})
			for _, c := range append([]string{"before := 1"}, tc.setup...) {
				if o, _ := run(t, s, c); o.Status != "ok" {
					t.Fatalf("setup %q: %+v", c, o)
				}
			}
			o, events := run(t, s, `fmt.Println("printed first"); `+tc.code)
			if o.Status != "error" || o.EName != tc.ename || !strings.HasPrefix(o.EValue, tc.prefix) || !o.Restarted {
				t.Fatalf("outcome %+v, want %s %q... with a restart", o, tc.ename, tc.prefix)
			}
			var errs []worker.Event
			for _, e := range events {
				if e.Kind == worker.Error {
					errs = append(errs, e)
				}
				if e.Kind == worker.Stream && (strings.Contains(e.Text, "panic") || strings.Contains(e.Text, "fatal error")) {
					t.Errorf("the crash text also came as a %s stream: %q", e.Stream, e.Text)
				}
			}
			if len(errs) != 1 || errs[0].EValue != o.EValue {
				t.Errorf("events %v, want one error event with the outcome's message", kinds(events))
			}
			if tb := strings.Join(o.Traceback, "\n"); strings.Contains(tb, "PC=") || strings.Contains(tb, "rax ") {
				t.Errorf("the traceback shows the register dump: %q", o.Traceback)
			}
			if got := streamText(events, "stdout"); got != "printed first\n" {
				t.Errorf("stdout %q, want the text printed before the crash", got)
			}
			t.Logf("%s: %q", o.EName, o.Traceback)
			assertFreshWorker(t, s, "before")
		})
	}
}

func TestWorkerDeathBetweenCells(t *testing.T) {
	s := startTest(t, Options{})
	run(t, s, "kept := 1")
	o, _ := run(t, s, `go func() { time.Sleep(100 * time.Millisecond); panic("later") }()`)
	if o.Status != "ok" {
		t.Fatalf("outcome %+v", o)
	}
	deadline := time.Now().Add(30 * time.Second)
	for s.pendingNote() == "" {
		if time.Now().After(deadline) {
			t.Fatal("the worker did not die")
		}
		time.Sleep(10 * time.Millisecond)
	}
	o, events := run(t, s, "1 + 1")
	if o.Status != "ok" || o.Restarted {
		t.Fatalf("outcome %+v, want ok on the fresh worker", o)
	}
	got := coalesce(events)
	want := []string{
		"stderr:(the worker process stopped between cells: panic: later; it was restarted and the variables were lost)\n",
		"execute_result:2",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("events %q, want %q", got, want)
	}
	assertFreshWorker(t, s, "kept")
}

// pendingNote returns the note for the next cell without taking it.
func (s *Supervisor) pendingNote() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.note
}

func TestStdin(t *testing.T) {
	s := startTest(t, Options{})
	tests := []struct {
		name    string
		allow   bool
		answers []string
		code    string
		stdout  string
		result  string
	}{
		{"one line", true, []string{"ada"},
			`name := ""; fmt.Scanln(&name); fmt.Println("hello " + name)`, "hello ada\n", ""},
		{"two reads", true, []string{"3", "4"},
			`a, b := 0, 0; fmt.Scan(&a); fmt.Scan(&b); a + b`, "", "7"},
		{"not allowed", false, nil,
			`n, err := fmt.Scanln(new(string)); fmt.Println(n, err)`,
			"0 input is not available: this front end does not accept input\n", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			answers := tc.answers
			r := &recorder{answer: func(string) (string, error) {
				if len(answers) == 0 {
					return "", errors.New("no more answers")
				}
				a := answers[0]
				answers = answers[1:]
				return a, nil
			}}
			o, events := runRequest(t, s, worker.ExecRequest{Code: tc.code, AllowStdin: tc.allow}, r)
			if o.Status != "ok" {
				t.Fatalf("outcome %+v", o)
			}
			if got := streamText(events, "stdout"); got != tc.stdout {
				t.Errorf("stdout %q, want %q", got, tc.stdout)
			}
			if len(r.prompts) != len(tc.answers) {
				t.Errorf("%d input requests, want %d", len(r.prompts), len(tc.answers))
			}
			if tc.result != "" && (len(events) == 0 || events[len(events)-1].Data["text/plain"] != tc.result) {
				t.Errorf("events %+v, want result %s", events, tc.result)
			}
		})
	}
}

func TestDisplayEvents(t *testing.T) {
	s := startTest(t, Options{})
	code := strings.Join([]string{
		`display.Show(7)`,
		`display.HTML("<b>bold</b>")`,
		`display.Show(image.NewRGBA(image.Rect(0, 0, 4, 4)))`,
		`h := display.NewHandle()`,
		`h.Show("first")`,
		`h.Update("second")`,
		`display.Clear()`,
		`display.ClearWait()`,
	}, "\n")
	o, events := run(t, s, code)
	if o.Status != "ok" {
		t.Fatalf("outcome %+v", o)
	}
	if len(events) != 7 {
		t.Fatalf("events %v, want 7", kinds(events))
	}
	check := func(i int, kind worker.EventKind, mime, want string) {
		t.Helper()
		e := events[i]
		if e.Kind != kind {
			t.Errorf("event %d is %s, want %s", i, e.Kind, kind)
		}
		if mime != "" {
			if _, ok := e.Data[mime]; !ok {
				t.Errorf("event %d has no %s: %v", i, mime, e.Data)
			}
		}
		if want != "" && e.Data["text/plain"] != want {
			t.Errorf("event %d text/plain %v, want %q", i, e.Data["text/plain"], want)
		}
	}
	check(0, worker.Display, "", "7")
	check(1, worker.Display, "text/html", "")
	check(2, worker.Display, "image/png", "<*image.RGBA 4×4>")
	check(3, worker.Display, "", "first")
	check(4, worker.UpdateDisplay, "", "second")
	check(5, worker.ClearOutput, "", "")
	check(6, worker.ClearOutput, "", "")
	if id := events[3].DisplayID; id == "" || events[4].DisplayID != id {
		t.Errorf("display ids %q and %q, want the same non-empty id", id, events[4].DisplayID)
	}
	if events[5].Wait || !events[6].Wait {
		t.Errorf("clear waits %v and %v, want false then true", events[5].Wait, events[6].Wait)
	}
	meta, _ := events[2].Metadata["image/png"].(map[string]any)
	if meta["width"] != 4.0 || meta["height"] != 4.0 {
		t.Errorf("image metadata %v, want 4×4", events[2].Metadata)
	}
}

func TestRestartLosesVariables(t *testing.T) {
	s := startTest(t, Options{})
	run(t, s, "z := 1")
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	assertFreshWorker(t, s, "z")
}

func TestRestartDuringCell(t *testing.T) {
	s := startTest(t, Options{})
	r, started := notifier()
	done := make(chan worker.Outcome, 1)
	go func() {
		done <- s.Execute(context.Background(), worker.ExecRequest{Code: `fmt.Println("busy"); for {}`}, r)
	}()
	<-started
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	if o := <-done; o.Status != "error" || o.EName != "Restarted" || !o.Restarted {
		t.Fatalf("outcome %+v, want Restarted", o)
	}
	assertFreshWorker(t, s, "undefinedName")
}

func TestExecuteContextInterrupts(t *testing.T) {
	s := startTest(t, Options{})
	r, started := notifier()
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-started
		cancel()
	}()
	o := s.Execute(ctx, worker.ExecRequest{Code: `fmt.Println("spin"); for {}`}, r)
	if o.Status != "error" || o.EName != "Interrupted" || o.Restarted {
		t.Fatalf("outcome %+v, want Interrupted", o)
	}
}

func TestCompleteAndInspect(t *testing.T) {
	s := startTest(t, Options{})
	code := "x := strings.ToUpp"
	c, err := s.Complete(code, len(code))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(c.Matches, "ToUpper") || c.CursorEnd != len(code) || code[c.CursorStart:c.CursorEnd] != "ToUpp" {
		t.Errorf("completion %+v, want ToUpper replacing ToUpp", c)
	}
	in, err := s.Inspect("fmt.Println", 11, 1)
	if err != nil {
		t.Fatal(err)
	}
	if text, _ := in.Data["text/plain"].(string); !in.Found || !strings.HasPrefix(text, "func Println(") {
		t.Errorf("inspection %+v, want the signature of fmt.Println", in)
	}

	r, started := notifier()
	done := make(chan worker.Outcome, 1)
	go func() {
		done <- s.Execute(context.Background(), worker.ExecRequest{Code: `fmt.Println("busy"); for {}`}, r)
	}()
	<-started
	if c, err := s.Complete(code, len(code)); err != nil || !slices.Contains(c.Matches, "ToUpper") {
		t.Errorf("Complete during a cell: %+v, %v", c, err)
	}
	s.Interrupt()
	<-done
}

func TestWorkerThatCannotStart(t *testing.T) {
	if _, err := Start(Options{Path: "/nonexistent/descent-worker"}); err == nil {
		t.Error("Start with a missing binary succeeded")
	}
	s, err := Start(Options{Path: "/bin/sh", Args: []string{"-c", "echo broken install >&2; exit 7"}, Log: testLog{t}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	o, events := run(t, s, "1")
	if o.Status != "error" || !strings.Contains(o.EValue, "could not start") || !strings.Contains(o.EValue, "broken install") {
		t.Fatalf("outcome %+v, want a start failure with the worker's message", o)
	}
	if len(events) != 1 || events[0].Kind != worker.Error {
		t.Errorf("events %v, want one error", kinds(events))
	}
}

func TestCloseLeavesNoGoroutines(t *testing.T) {
	before := runtime.NumGoroutine()
	s, err := Start(Options{Path: testWorkerBin, Args: []string{}, Log: testLog{t}})
	if err != nil {
		t.Fatal(err)
	}
	run(t, s, `fmt.Println("hi")`)
	r, started := notifier()
	done := make(chan worker.Outcome, 1)
	go func() {
		done <- s.Execute(context.Background(), worker.ExecRequest{Code: `fmt.Println("busy"); for {}`}, r)
	}()
	<-started
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if o := <-done; o.EName != "Shutdown" {
		t.Errorf("running cell outcome %+v, want Shutdown", o)
	}
	if o := s.Execute(context.Background(), worker.ExecRequest{Code: "1"}, &recorder{}); o.Status != "error" {
		t.Errorf("Execute after Close: %+v", o)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines before Start, %d after Close:\n%s", before, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestOutputBetweenCellsGoesToTheNextCell(t *testing.T) {
	s := startTest(t, Options{})
	o, events := run(t, s, `go func() { time.Sleep(50 * time.Millisecond); fmt.Println("late") }()`)
	if o.Status != "ok" || len(events) != 0 {
		t.Fatalf("outcome %+v, events %v", o, kinds(events))
	}
	// The next cell waits long enough for the line to be printed, before
	// or while it runs; either way it comes before the cell's result.
	o, events = run(t, s, `time.Sleep(300 * time.Millisecond); 1`)
	if got, want := coalesce(events), []string{"stdout:late\n", "execute_result:1"}; o.Status != "ok" || !reflect.DeepEqual(got, want) {
		t.Errorf("outcome %+v, events %q; want %q", o, got, want)
	}
}

func TestWorkerExitsWhenTheKernelGoes(t *testing.T) {
	s := startTest(t, Options{})
	run(t, s, "1")
	s.mu.Lock()
	p := s.cur
	s.mu.Unlock()
	// Closing the request pipe is what the kernel process's death does.
	p.req.Close()
	select {
	case <-p.exited:
	case <-time.After(time.Minute):
		t.Fatal("the worker did not exit")
	}
	if code := p.cmd.ProcessState.ExitCode(); code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
}

func TestEvaluationErrors(t *testing.T) {
	s := startTest(t, Options{})
	tests := []struct {
		code      string
		ename     string
		evalue    string
		traceback []string // lines the traceback must contain, in order
	}{
		{"x := 1\ny := undefinedThing", "CompileError", "undefined: undefinedThing",
			[]string{"2:6: undefined: undefinedThing", "    y := undefinedThing", "         ^"}},
		{"var a []int\na[3] = 1", "RuntimeError", "index out of range",
			[]string{"at line 2: a[3] = 1"}},
		{"func f() { panic(\"deep\") }\nf()", "Panic", "deep",
			[]string{"panic: deep", "at line 2: f()"}},
	}
	for _, tc := range tests {
		o, events := run(t, s, tc.code)
		if o.Status != "error" || o.EName != tc.ename || o.EValue != tc.evalue || o.Restarted {
			t.Errorf("%q: outcome %+v, want %s %q", tc.code, o, tc.ename, tc.evalue)
			continue
		}
		if len(events) != 1 || events[0].Kind != worker.Error || !reflect.DeepEqual(events[0].Traceback, o.Traceback) {
			t.Errorf("%q: events %v, want one error event like the outcome", tc.code, kinds(events))
		}
		rest := o.Traceback
		for _, want := range tc.traceback {
			i := slices.Index(rest, want)
			if i < 0 {
				t.Errorf("%q: traceback %q lacks %q", tc.code, o.Traceback, want)
				break
			}
			rest = rest[i+1:]
		}
	}
}

// Without descent-worker the kernel still serves, and each cell says what to
// install: a kernel process that exits would only show "kernel died".
func TestMissingWorkerFailsEachCellWithTheReason(t *testing.T) {
	t.Setenv(binaries.WorkerEnv, filepath.Join(t.TempDir(), binaries.WorkerName()))
	s, err := New(Options{Log: testLog{t}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Prestart(); err == nil || !strings.Contains(err.Error(), "go install "+binaries.WorkerPackage) {
		t.Fatalf("Prestart: %v", err)
	}
	for range 2 {
		r := &recorder{}
		o := s.Execute(context.Background(), worker.ExecRequest{Code: "1"}, r)
		if o.Status != "error" || !strings.Contains(o.EValue, "not found; install it next to descent") {
			t.Fatalf("outcome %+v", o)
		}
		if ev := r.snapshot(); len(ev) != 1 || ev[0].Kind != worker.Error {
			t.Fatalf("events %+v", ev)
		}
	}
}
