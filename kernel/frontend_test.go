package kernel

import (
	"encoding/json"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/descentlab/descent/internal/version"
	"github.com/descentlab/descent/kernel/jupyter/client"
	"github.com/descentlab/descent/kernel/worker/supervisor"
)

// startInterpreterKernel serves a kernel whose backend is the real worker
// process (this test binary, see TestMain) with the yaegi interpreter.
func startInterpreterKernel(t testing.TB, opts Options) *testKernel {
	t.Helper()
	sup, err := supervisor.Start(supervisor.Options{
		Path: os.Args[0],
		Env:  append(os.Environ(), workerEnv+"=1"),
		Log:  io.Discard,
	})
	if err != nil {
		t.Fatal(err)
	}
	return startKernel(t, sup, kernelSetup{opts: opts})
}

// mustRun executes a cell that must succeed.
func mustRun(t *testing.T, k *testKernel, code string) *client.ExecuteResult {
	t.Helper()
	res, err := k.Execute(testContext(t), code, client.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != "ok" {
		t.Fatalf("cell %q: %s %s %s", code, res.Status, res.EName, res.EValue)
	}
	return res
}

func TestCompletionOverTheWire(t *testing.T) {
	k := startInterpreterKernel(t, Options{})
	ctx := testContext(t)
	mustRun(t, k, "opt := optimlib.NewAdam(0.1)\nétape := 2\nres, err := optimlib.Run(optimlib.Rosenbrock(2), opt, []float64{0, 0}, optimlib.RunConfig{MaxSteps: 3})")
	tests := []struct {
		name       string
		code       string
		cursor     int // in code points; -1 for the end
		want       []string
		types      []string
		start, end int // in code points
	}{
		{"fields of an earlier cell's variable", "opt.Bet", -1, []string{"Beta1", "Beta2"}, []string{"field", "field"}, 4, 7},
		{"methods of a result's field", "res.Trace.Los", -1, []string{"Losses"}, []string{"method"}, 10, 13},
		// é is one code point (two bytes); ∇ one (three bytes); 🙂 one
		// (four bytes): the offsets are code points, counted by hand.
		{"after é", "é := 1.0\nréponse := opt.Be", -1, []string{"Beta1", "Beta2"}, []string{"field", "field"}, 24, 26},
		{"after ∇ in a string", "s := \"∇f\"\nopt.Ep", -1, []string{"Eps"}, []string{"field"}, 14, 16},
		{"after an emoji", "// 🙂\nétap", -1, []string{"étape"}, []string{"variable"}, 5, 9},
		{"a cursor inside the identifier", "opt.Beta1 + 1", 6, []string{"Beta1", "Beta2"}, []string{"field", "field"}, 4, 9},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cursor := tt.cursor
			if cursor < 0 {
				cursor = utf8.RuneCountInString(tt.code)
			}
			r, _, err := k.Complete(ctx, tt.code, cursor)
			if err != nil {
				t.Fatal(err)
			}
			if !equalStrings(r.Matches, tt.want) || r.CursorStart != tt.start || r.CursorEnd != tt.end {
				t.Fatalf("complete(%q, %d) = %v %d..%d; want %v %d..%d", tt.code, cursor, r.Matches, r.CursorStart, r.CursorEnd, tt.want, tt.start, tt.end)
			}
			raw, _ := json.Marshal(r.Metadata[typesMetadataKey])
			var types []completionType
			if err := json.Unmarshal(raw, &types); err != nil || len(types) != len(tt.want) {
				t.Fatalf("metadata %s: %v", raw, err)
			}
			for i, ct := range types {
				if ct.Text != tt.want[i] || ct.Type != tt.types[i] || ct.Start != tt.start || ct.End != tt.end {
					t.Errorf("types[%d] = %+v; want %s %s %d..%d", i, ct, tt.want[i], tt.types[i], tt.start, tt.end)
				}
			}
		})
	}
}

func TestInspectionOverTheWire(t *testing.T) {
	k := startInterpreterKernel(t, Options{})
	ctx := testContext(t)
	mustRun(t, k, "opt := optimlib.NewAdam(0.1)")
	in, _, err := k.Inspect(ctx, "δ := opt.Step", 11, 0)
	if err != nil {
		t.Fatal(err)
	}
	md, _ := in.Data["text/markdown"].(string)
	plain, _ := in.Data["text/plain"].(string)
	if !in.Found || !strings.HasPrefix(md, "```go\nfunc (o *Adam) Step(x, grad []float64)\n```\n") || !strings.HasPrefix(plain, "func (o *Adam) Step(x, grad []float64)\n\nStep performs") {
		t.Errorf("inspect_reply %+v", in)
	}
	// A variable: its type's doc comment with the update rule.
	in, _, err = k.Inspect(ctx, "opt", 3, 0)
	if err != nil {
		t.Fatal(err)
	}
	if md, _ := in.Data["text/markdown"].(string); !strings.Contains(md, "var opt *optimlib.Adam") || !strings.Contains(md, "v ← β₂·v + (1−β₂)·g²") {
		t.Errorf("inspect of a variable: %v", in.Data)
	}

	// ?name pages the same documentation.
	res := mustRun(t, k, "?optimlib.NewAdam")
	if len(res.Payload) != 1 {
		t.Fatalf("payload %s", res.Payload)
	}
	var page struct {
		Source string            `json:"source"`
		Data   map[string]string `json:"data"`
	}
	if err := json.Unmarshal(res.Payload[0], &page); err != nil {
		t.Fatal(err)
	}
	if page.Source != "page" || !strings.HasPrefix(page.Data["text/plain"], "func NewAdam(lr float64) *Adam\n\nNewAdam returns") || !strings.HasPrefix(page.Data["text/markdown"], "```go\nfunc NewAdam") {
		t.Errorf("page %+v", page)
	}
	// ?? adds the methods of a type.
	res = mustRun(t, k, "optimlib.Adam??")
	if err := json.Unmarshal(res.Payload[0], &page); err != nil || !strings.Contains(page.Data["text/plain"], "func (o *Adam) Step(x, grad []float64)") {
		t.Errorf("?? page %+v %v", page, err)
	}
}

func TestMagicsOverTheWire(t *testing.T) {
	k := startInterpreterKernel(t, Options{Version: "9.8.7"})
	ctx := testContext(t)
	res := mustRun(t, k, "%help")
	for _, m := range []string{"%help", "%reset", "%time", "%version", "%who"} {
		if !strings.Contains(res.Stream("stdout"), m) {
			t.Errorf("%%help lacks %s:\n%s", m, res.Stream("stdout"))
		}
	}
	res = mustRun(t, k, "%version")
	// The worker (this test binary) reports its yaegi, and a descent
	// version that is not the kernel's 9.8.7: %version warns. A test binary
	// may not know its modules' versions; the conformance test checks the
	// real binary's.
	yaegi := regexp.QuoteMeta(version.Module("github.com/traefik/yaegi"))
	if !regexp.MustCompile(`^descent 9\.8\.7\nGo go1\.\S+\nyaegi ` + yaegi + `\nJupyter protocol 5\.3\nwarning: the worker is descent devel built with go1\.\S+: install both programs from the same version\n$`).MatchString(res.Stream("stdout")) {
		t.Errorf("%%version: %q", res.Stream("stdout"))
	}
	res = mustRun(t, k, "%time\nx := 0\nfor i := range 100 { x += i }\nx")
	if !regexp.MustCompile(`^Wall time: [0-9.]+ (ns|µs|ms|s)\n$`).MatchString(res.Stream("stdout")) {
		t.Errorf("%%time: %q", res.Stream("stdout"))
	}
	if r := outputOfType(res, "execute_result"); r == nil || r["data"].(map[string]any)["text/plain"] != "4950" {
		t.Errorf("%%time lost the cell's result: %v", client.Types(res.IOPub))
	}
	res = mustRun(t, k, "%who")
	if res.Stream("stdout") != "Variable  Type\n--------  ----\nx         int\n" {
		t.Errorf("%%who: %q", res.Stream("stdout"))
	}
	res = mustRun(t, k, "%reset")
	if !strings.HasPrefix(res.Stream("stdout"), "Reset: a fresh interpreter; forgot 1 variable.") {
		t.Errorf("%%reset: %q", res.Stream("stdout"))
	}
	res, err := k.Execute(ctx, "x", client.ExecuteOptions{})
	if err != nil || res.Status != "error" {
		t.Errorf("x after %%reset: %+v %v", res, err)
	}
	res, err = k.Execute(ctx, "%timeit x", client.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != "error" || res.EName != "UsageError" || !strings.Contains(res.EValue, "the magics are %%compile, %go, %help, %reset, %time, %version, %who") {
		t.Errorf("unknown magic: %+v", res)
	}
	if types := client.Types(res.IOPub); !equalStrings(types, []string{"status:busy", "execute_input", "error", "status:idle"}) {
		t.Errorf("iopub of an unknown magic %v", types)
	}
}

// outputOfType returns the content of the first IOPub message of a type.
func outputOfType(res *client.ExecuteResult, msgType string) map[string]any {
	for _, m := range res.IOPub {
		if m.Header.MsgType == msgType {
			var c map[string]any
			if json.Unmarshal(m.Content, &c) == nil {
				return c
			}
		}
	}
	return nil
}

func TestPrintlnIsStderrOverTheWire(t *testing.T) {
	k := startInterpreterKernel(t, Options{})
	res := mustRun(t, k, "println(\"to stderr\")\nfmt.Println(\"to stdout\")")
	if res.Stream("stderr") != "to stderr\n" || res.Stream("stdout") != "to stdout\n" {
		t.Errorf("stderr %q stdout %q", res.Stream("stderr"), res.Stream("stdout"))
	}
}

func TestIsCompleteAnswersWhileACellRuns(t *testing.T) {
	k := startInterpreterKernel(t, Options{})
	ctx := testContext(t)
	call, err := k.StartExecute("fmt.Println(\"spinning\")\nfor {}", client.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "the cell's first output", func() bool { return len(call.Progress().Outputs()) > 0 })
	r, _, err := k.IsComplete(ctx, "func add(a, b int) int {")
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-call.Replied():
		t.Fatal("the cell ended before is_complete was answered")
	default:
	}
	if r.Status != "incomplete" || r.Indent != "    " {
		t.Errorf("is_complete while a cell runs: %+v", r)
	}
	if _, err := k.Interrupt(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := call.Wait(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestExitAsksTheConsoleToLeave(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{})
	for _, code := range []string{"exit", " quit\n", "exit()"} {
		res := mustRun(t, k, code)
		if len(res.Payload) != 1 || string(res.Payload[0]) != `{"keepkernel":false,"source":"ask_exit"}` {
			t.Errorf("%q: payload %s", code, res.Payload)
		}
	}
	// Anything else is code for the backend.
	if res := mustRun(t, k, "print exited"); len(res.Payload) != 0 || res.Stream("stdout") != "exited\n" {
		t.Errorf("a cell mentioning exit: %+v", res)
	}
}
