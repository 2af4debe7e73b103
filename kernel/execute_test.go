package kernel

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/jupyter/client"
)

func TestExecutePublishesInProgramOrder(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{})
	ctx := testContext(t)
	res, err := k.Execute(ctx, "print a\nresult r\neprint b\ndisplay d\nclear\nprint c", client.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != "ok" || res.ExecutionCount != 1 {
		t.Fatalf("reply status %q count %d, want ok 1", res.Status, res.ExecutionCount)
	}
	checkWrapped(t, res.Reply.ParentHeader.MsgID, res.IOPub)
	want := []string{"status:busy", "execute_input", "stream", "execute_result", "stream", "display_data", "clear_output", "stream", "status:idle"}
	if got := client.Types(res.IOPub); !equalStrings(got, want) {
		t.Fatalf("iopub = %v, want %v", got, want)
	}
	in := content(t, res.IOPub[1])
	if in["code"] != "print a\nresult r\neprint b\ndisplay d\nclear\nprint c" || in["execution_count"] != 1.0 {
		t.Errorf("execute_input = %v", in)
	}
	result := content(t, res.IOPub[3])
	if result["execution_count"] != 1.0 || result["data"].(map[string]any)["text/plain"] != "r" {
		t.Errorf("execute_result = %v", result)
	}
	if _, ok := result["metadata"]; !ok {
		t.Errorf("execute_result lacks metadata: %v", result)
	}
	disp := content(t, res.IOPub[5])
	if disp["transient"].(map[string]any)["display_id"] != "d1" {
		t.Errorf("display_data = %v", disp)
	}
	if got := res.Stream("stdout"); got != "a\nc\n" {
		t.Errorf("stdout %q, want %q", got, "a\nc\n")
	}
	if got := res.Stream("stderr"); got != "b\n" {
		t.Errorf("stderr %q, want %q", got, "b\n")
	}
	if got := content(t, res.IOPub[6])["wait"]; got != true {
		t.Errorf("clear_output wait = %v", got)
	}
}

func TestExecuteCountsAndOrderOfQueuedCells(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{})
	ctx := testContext(t)
	const n = 6
	var calls []*client.Call
	for i := 1; i <= n; i++ {
		call, err := k.StartExecute(fmt.Sprintf("print cell %d", i), client.ExecuteOptions{})
		if err != nil {
			t.Fatal(err)
		}
		calls = append(calls, call)
	}
	for i, call := range calls {
		resp, err := call.Wait(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res, err := client.ParseExecute(resp)
		if err != nil {
			t.Fatal(err)
		}
		if res.ExecutionCount != i+1 {
			t.Errorf("cell %d has execution_count %d", i+1, res.ExecutionCount)
		}
		if want := fmt.Sprintf("cell %d\n", i+1); res.Stream("stdout") != want {
			t.Errorf("cell %d printed %q, want %q", i+1, res.Stream("stdout"), want)
		}
		checkWrapped(t, call.ID, res.IOPub)
	}
}

func TestExecuteError(t *testing.T) {
	tests := []struct {
		name  string
		code  string
		ename string
	}{
		{"error event then failure", "print before\nfail ValueError bad value", "ValueError"},
		{"failure without an error event", "failquiet WorkerDied the worker process exited", "WorkerDied"},
		{"a backend that panics", "print before\npanic", "KernelError"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := startKernel(t, newFakeBackend(), kernelSetup{})
			res, err := k.Execute(testContext(t), tt.code, client.ExecuteOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != "error" || res.EName != tt.ename || res.ExecutionCount != 1 || len(res.Traceback) == 0 {
				t.Fatalf("reply = %+v", res)
			}
			var errors int
			for _, m := range res.Outputs() {
				if m.Header.MsgType == "error" {
					errors++
					c := content(t, m)
					if c["ename"] != tt.ename {
						t.Errorf("error message %v", c)
					}
				}
			}
			if errors != 1 {
				t.Errorf("%d error messages (%v), want exactly 1", errors, client.Types(res.IOPub))
			}
			checkWrapped(t, res.Reply.ParentHeader.MsgID, res.IOPub)
		})
	}
}

func TestSilentAndStoreHistory(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{})
	ctx := testContext(t)
	tests := []struct {
		name       string
		opts       client.ExecuteOptions
		wantCount  int
		wantIOPub  []string
		wantStdout string
	}{
		{"silent before anything: counter stays 0", client.ExecuteOptions{Silent: true},
			0, []string{"status:busy", "status:idle"}, ""},
		{"normal cell: 1", client.ExecuteOptions{},
			1, []string{"status:busy", "execute_input", "stream", "execute_result", "status:idle"}, "hi\n"},
		{"store_history false: counter stays 1", client.ExecuteOptions{SkipHistory: true},
			1, []string{"status:busy", "execute_input", "stream", "execute_result", "status:idle"}, "hi\n"},
		{"silent: nothing published", client.ExecuteOptions{Silent: true},
			1, []string{"status:busy", "status:idle"}, ""},
		{"normal again: 2", client.ExecuteOptions{},
			2, []string{"status:busy", "execute_input", "stream", "execute_result", "status:idle"}, "hi\n"},
	}
	for _, tt := range tests {
		res, err := k.Execute(ctx, "print hi\nresult 3", tt.opts)
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != "ok" || res.ExecutionCount != tt.wantCount {
			t.Errorf("%s: status %s count %d, want ok %d", tt.name, res.Status, res.ExecutionCount, tt.wantCount)
		}
		if got := client.Types(res.IOPub); !equalStrings(got, tt.wantIOPub) {
			t.Errorf("%s: iopub %v, want %v", tt.name, got, tt.wantIOPub)
		}
		if got := res.Stream("stdout"); got != tt.wantStdout {
			t.Errorf("%s: stdout %q, want %q", tt.name, got, tt.wantStdout)
		}
	}
	entries, _, err := k.History(ctx, map[string]any{"hist_access_type": "tail", "n": 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 || entries[0].Line != 1 || entries[1].Line != 2 {
		t.Errorf("history %+v, want the two stored cells, lines 1 and 2", entries)
	}
}

func TestStopOnErrorAbortsQueuedExecutes(t *testing.T) {
	tests := []struct {
		name            string
		continueOnError bool
		wantSecond      string
	}{
		{"stop_on_error aborts", false, "aborted"},
		{"stop_on_error false runs the next cell", true, "ok"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFakeBackend()
			k := startKernel(t, fake, kernelSetup{})
			ctx := testContext(t)
			first, err := k.StartExecute("block g\nfail ValueError first cell fails", client.ExecuteOptions{ContinueOnError: tt.continueOnError})
			if err != nil {
				t.Fatal(err)
			}
			<-fake.started
			second, err := k.StartExecute("print second", client.ExecuteOptions{})
			if err != nil {
				t.Fatal(err)
			}
			info, err := k.NewRequest("kernel_info_request", map[string]any{})
			if err != nil {
				t.Fatal(err)
			}
			third, err := k.Send(client.Shell, info, client.CallOptions{})
			if err != nil {
				t.Fatal(err)
			}
			eventually(t, "both requests queued", func() bool { return k.srv.queue.len() == 2 })
			fake.open("g")

			r1, err := first.Wait(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if res, _ := client.ParseExecute(r1); res.Status != "error" {
				t.Fatalf("first cell status %q, want error", res.Status)
			}
			r2, err := second.Wait(ctx)
			if err != nil {
				t.Fatal(err)
			}
			res2, err := client.ParseExecute(r2)
			if err != nil {
				t.Fatal(err)
			}
			if res2.Status != tt.wantSecond {
				t.Fatalf("second cell status %q, want %q", res2.Status, tt.wantSecond)
			}
			checkWrapped(t, second.ID, r2.IOPub)
			ran := fake.executed()
			if tt.wantSecond == "aborted" {
				if len(ran) != 1 {
					t.Errorf("the backend ran %q; the aborted cell must not run", ran)
				}
				if got := client.Types(r2.IOPub); !equalStrings(got, []string{"status:busy", "status:idle"}) {
					t.Errorf("aborted cell published %v", got)
				}
				if res2.ExecutionCount != 1 {
					t.Errorf("aborted reply execution_count %d, want the current count 1", res2.ExecutionCount)
				}
			} else if len(ran) != 2 {
				t.Errorf("the backend ran %q, want both cells", ran)
			}
			if r3, err := third.Wait(ctx); err != nil || content(t, r3.Reply)["status"] != "ok" {
				t.Fatalf("kernel_info queued behind the failure: %v", err)
			}
			res, err := k.Execute(ctx, "print later", client.ExecuteOptions{})
			if err != nil || res.Status != "ok" {
				t.Fatalf("a cell sent after the failure must run: %v %+v", err, res)
			}
		})
	}
}

func TestUserExpressions(t *testing.T) {
	fake := newFakeBackend()
	k := startKernel(t, fake, kernelSetup{})
	res, err := k.Execute(testContext(t), "set x 5", client.ExecuteOptions{
		UserExpressions: map[string]string{"a": "x", "b": "nope"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != "ok" {
		t.Fatalf("status %s", res.Status)
	}
	var a struct {
		Status   string            `json:"status"`
		Data     map[string]string `json:"data"`
		Metadata map[string]any    `json:"metadata"`
	}
	if err := json.Unmarshal(res.UserExpressions["a"], &a); err != nil {
		t.Fatal(err)
	}
	if a.Status != "ok" || a.Data["text/plain"] != "5" || a.Metadata == nil {
		t.Errorf("user_expressions.a = %s", res.UserExpressions["a"])
	}
	var b struct {
		Status    string   `json:"status"`
		EName     string   `json:"ename"`
		EValue    string   `json:"evalue"`
		Traceback []string `json:"traceback"`
	}
	if err := json.Unmarshal(res.UserExpressions["b"], &b); err != nil {
		t.Fatal(err)
	}
	if b.Status != "error" || b.EName != "NameError" || !strings.Contains(b.EValue, "nope") || len(b.Traceback) == 0 {
		t.Errorf("user_expressions.b = %s", res.UserExpressions["b"])
	}
	if got := client.Types(res.IOPub); !equalStrings(got, []string{"status:busy", "execute_input", "status:idle"}) {
		t.Errorf("evaluating expressions published %v", got)
	}
	if ran := fake.executed(); !equalStrings(ran, []string{"set x 5", "x", "nope"}) {
		t.Errorf("backend ran %q", ran)
	}
}

func TestPageRequest(t *testing.T) {
	tests := []struct {
		code       string
		wantTopic  string
		wantDetail int
		wantOK     bool
	}{
		{"?fmt.Println", "fmt.Println", 0, true},
		{"fmt.Println?", "fmt.Println", 0, true},
		{"??x", "x", 1, true},
		{"x??\n", "x", 1, true},
		{"  ? x ", "x", 0, true},
		{"x := 1", "", 0, false},
		{"?", "", 0, false},
		{"?a b", "", 0, false},
	}
	for _, tt := range tests {
		topic, detail, ok := pageRequest(tt.code)
		if topic != tt.wantTopic || detail != tt.wantDetail || ok != tt.wantOK {
			t.Errorf("pageRequest(%q) = %q, %d, %v; want %q, %d, %v", tt.code, topic, detail, ok, tt.wantTopic, tt.wantDetail, tt.wantOK)
		}
	}
}

func TestHelpRequestPagesTheInspection(t *testing.T) {
	fake := newFakeBackend()
	k := startKernel(t, &introspectingBackend{fakeBackend: fake}, kernelSetup{})
	ctx := testContext(t)
	if _, err := k.Execute(ctx, "set speed 3", client.ExecuteOptions{}); err != nil {
		t.Fatal(err)
	}
	res, err := k.Execute(ctx, "?speed", client.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != "ok" || len(res.Payload) != 1 {
		t.Fatalf("reply %+v, want one payload item", res)
	}
	var page struct {
		Source string            `json:"source"`
		Data   map[string]string `json:"data"`
	}
	if err := json.Unmarshal(res.Payload[0], &page); err != nil {
		t.Fatal(err)
	}
	if page.Source != "page" || page.Data["text/plain"] != "speed = 3 (detail 0)" {
		t.Errorf("payload %s", res.Payload[0])
	}
	if ran := fake.executed(); len(ran) != 1 {
		t.Errorf("a help request must not reach the interpreter; it ran %q", ran)
	}
	res, err = k.Execute(ctx, "?unknown", client.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Payload) != 0 || !strings.Contains(res.Stream("stderr"), "no documentation found for unknown") {
		t.Errorf("help for an unknown name: payload %s, stderr %q", res.Payload, res.Stream("stderr"))
	}
}
