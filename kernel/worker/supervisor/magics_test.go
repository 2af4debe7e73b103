package supervisor

import (
	"regexp"
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/worker"
)

func TestMagicTime(t *testing.T) {
	s := startTest(t, Options{})
	o, events := run(t, s, "%time\nsum := 0\nfor i := range 1000 { sum += i }\nsum")
	if o.Status != "ok" {
		t.Fatalf("outcome %+v", o)
	}
	out := streamText(events, "stdout")
	if !regexp.MustCompile(`^Wall time: [0-9.]+ (ns|µs|ms|s)\n$`).MatchString(out) {
		t.Errorf("stdout %q, want one Wall time line", out)
	}
	// The value of the timed code is still the cell's result, after the time.
	last := events[len(events)-1]
	if last.Kind != worker.Result || last.Data["text/plain"] != "499500" {
		t.Errorf("last event %+v, want the result 499500", last)
	}
	// On the magic's line, and with an error: the error keeps the cell's
	// line and column.
	o, events = run(t, s, "%time undefinedName + 1")
	if o.Status != "error" || !strings.Contains(strings.Join(o.Traceback, "\n"), "1:7") {
		t.Errorf("outcome %+v, want a compile error at 1:7", o)
	}
	if !strings.HasPrefix(streamText(events, "stdout"), "Wall time: ") {
		t.Errorf("events %+v: no wall time for a failed cell", events)
	}
}

func TestMagicWhoAndReset(t *testing.T) {
	s := startTest(t, Options{})
	o, events := run(t, s, "%who")
	if o.Status != "ok" || streamText(events, "stdout") != "No variables are defined.\n" {
		t.Fatalf("%%who on a fresh kernel: %+v %q", o, streamText(events, "stdout"))
	}
	run(t, s, "opt := optimlib.NewAdam(0.1)\ntype P struct{ X float64 }\np := P{1}\nfunc f() {}\nimport \"math/rand\"\nn := rand.Intn(3)")
	o, events = run(t, s, "%who")
	want := "Variable  Type\n--------  ----\nn         int\nopt       *optimlib.Adam\np         P\n"
	if o.Status != "ok" || streamText(events, "stdout") != want {
		t.Fatalf("%%who: %+v\n%q\nwant\n%q", o, streamText(events, "stdout"), want)
	}
	o, events = run(t, s, "%reset")
	wantReset := "Reset: a fresh interpreter; forgot 3 variables, 1 function and 1 type. Imports dropped: math/rand. The preloaded packages are imported again.\n"
	if o.Status != "ok" || streamText(events, "stdout") != wantReset {
		t.Fatalf("%%reset: %+v\n%q\nwant\n%q", o, streamText(events, "stdout"), wantReset)
	}
	if o, _ := run(t, s, "opt"); o.Status != "error" || o.EName != "CompileError" {
		t.Errorf("opt after %%reset: %+v, want undefined", o)
	}
	if o, _ := run(t, s, "optimlib.NewAdam(0.1).Beta1"); o.Status != "ok" {
		t.Errorf("the preloaded packages after %%reset: %+v", o)
	}
}

func TestMagicErrors(t *testing.T) {
	s := startTest(t, Options{})
	tests := []struct{ code, want string }{
		{"%timeit f()", "%timeit is not a magic of this kernel; the magics are %%compile, %go, %help, %reset, %time, %version, %who"},
		{"%who\nx := 1", "%who takes no arguments and no code after it"},
		{"%reset now", "%reset takes no arguments"},
		{"%time", "%time needs code to run"},
	}
	for _, tt := range tests {
		o, events := run(t, s, tt.code)
		if o.Status != "error" || o.EName != "UsageError" || !strings.Contains(o.EValue, tt.want) {
			t.Errorf("%q: outcome %+v, want a UsageError saying %q", tt.code, o, tt.want)
		}
		if len(events) != 1 || events[0].Kind != worker.Error {
			t.Errorf("%q: events %v, want only the error", tt.code, kinds(events))
		}
	}
	if o, _ := run(t, s, "x := 7 % 3\nx"); o.Status != "ok" {
		t.Errorf("a %% inside Go code is not a magic: %+v", o)
	}
}

func TestPrintBuiltinsGoToStderr(t *testing.T) {
	s := startTest(t, Options{})
	o, events := run(t, s, "println(\"builtin\")\nfmt.Println(\"fmt\")")
	if o.Status != "ok" {
		t.Fatalf("outcome %+v", o)
	}
	if got := streamText(events, "stderr"); got != "builtin\n" {
		t.Errorf("stderr %q, want the println", got)
	}
	if got := streamText(events, "stdout"); got != "fmt\n" {
		t.Errorf("stdout %q, want fmt.Println's", got)
	}
}

func TestCompleteAndInspectInAMagicCell(t *testing.T) {
	s := startTest(t, Options{})
	run(t, s, "opt := optimlib.NewAdam(0.1)")
	code := "%time\nopt.Bet"
	c, err := s.Complete(code, len(code))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(c.Matches, ",") != "Beta1,Beta2" || strings.Join(c.Types, ",") != "field,field" || c.CursorStart != 10 || c.CursorEnd != 13 {
		t.Errorf("completion %+v", c)
	}
	in, err := s.Inspect("%time\nopt.Beta1", 12, 0)
	if err != nil {
		t.Fatal(err)
	}
	md, _ := in.Data["text/markdown"].(string)
	if !in.Found || !strings.HasPrefix(md, "```go\nBeta1 float64\n```") {
		t.Errorf("inspection %+v", in)
	}
}
