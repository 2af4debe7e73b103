package kernel

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/descentlab/descent/kernel/jupyter/client"
)

func TestInputWithAllowStdin(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{})
	var mu sync.Mutex // the callback runs on a client goroutine
	var prompts []string
	res, err := k.Execute(testContext(t), "print before\ninput Your name?\nprint after", client.ExecuteOptions{
		Input: func(prompt string, password bool) (string, error) {
			mu.Lock()
			prompts = append(prompts, prompt)
			mu.Unlock()
			if password {
				return "", errors.New("unexpected password prompt")
			}
			return "Ada", nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != "ok" {
		t.Fatalf("status %s: %s %s", res.Status, res.EName, res.EValue)
	}
	mu.Lock()
	if len(prompts) != 1 || prompts[0] != "Your name?" {
		t.Errorf("prompts %q, want [\"Your name?\"]", prompts)
	}
	mu.Unlock()
	if got := res.Stream("stdout"); got != "before\ngot Ada\nafter\n" {
		t.Errorf("stdout %q", got)
	}
	if len(res.InputRequests) != 1 {
		t.Fatalf("%d input requests", len(res.InputRequests))
	}
	ir := res.InputRequests[0]
	if ir.ParentHeader.MsgID != res.Reply.ParentHeader.MsgID || ir.ParentHeader.MsgType != "execute_request" {
		t.Errorf("input_request parent %+v, want the execute_request", ir.ParentHeader)
	}
	if c := content(t, ir); c["prompt"] != "Your name?" || c["password"] != false {
		t.Errorf("input_request content %v", c)
	}
	// The text printed before the prompt was published before it.
	types := client.Types(res.IOPub)
	if !equalStrings(types, []string{"status:busy", "execute_input", "stream", "stream", "status:idle"}) {
		t.Errorf("iopub %v", types)
	}
	if first := content(t, res.IOPub[2])["text"]; first != "before\n" {
		t.Errorf("first stream %q, want the text printed before the prompt", first)
	}
}

func TestInputWithoutAllowStdinFailsAtOnce(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{})
	res, err := k.Execute(testContext(t), "input name?", client.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != "error" || !strings.Contains(res.EValue, "allow_stdin is false") {
		t.Fatalf("reply %s %s: %s", res.Status, res.EName, res.EValue)
	}
	if len(res.InputRequests) != 0 {
		t.Errorf("the kernel sent %d input requests", len(res.InputRequests))
	}
}

func TestInterruptCancelsInputWait(t *testing.T) {
	fake := newFakeBackend()
	k := startKernel(t, fake, kernelSetup{})
	ctx := testContext(t)
	asked := make(chan struct{})
	call, err := k.StartExecute("input never answered", client.ExecuteOptions{
		Input: func(string, bool) (string, error) {
			close(asked)
			return "", errors.New("no answer") // the front end never replies
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	<-asked
	if _, err := k.Interrupt(ctx); err != nil {
		t.Fatal(err)
	}
	resp, err := call.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res, err := client.ParseExecute(resp)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != "error" || !strings.Contains(res.EValue, ErrInputInterrupted.Error()) {
		t.Fatalf("reply %s %s: %s", res.Status, res.EName, res.EValue)
	}
	// A late answer to the cancelled request is dropped, not delivered to the
	// next cell.
	next, err := k.Execute(ctx, "print still here", client.ExecuteOptions{})
	if err != nil || next.Stream("stdout") != "still here\n" {
		t.Fatalf("next cell: %v %+v", err, next)
	}
}
