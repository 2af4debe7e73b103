package kernel

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/descentlab/descent/kernel/jupyter/client"
	"github.com/descentlab/descent/kernel/jupyter/wire"
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

// TestInputReplyWithEmptyParentAnswers answers an input_request the way
// Notebook 6 and jupyter_client's KernelClient.input() do: an input_reply
// whose parent_header is empty. It answers the one pending request.
func TestInputReplyWithEmptyParentAnswers(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{})
	ctx := testContext(t)
	asked := make(chan struct{})
	call, err := k.StartExecute("input Your name?", client.ExecuteOptions{
		Input: func(string, bool) (string, error) {
			close(asked)
			return "", errors.New("answered below, without a parent")
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	<-asked
	reply, err := wire.NewMessage("input_reply", k.Session(), "test", wire.Header{}, map[string]string{"value": "Ada"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.Send(client.Stdin, reply, client.CallOptions{NoReply: true}); err != nil {
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
	if res.Status != "ok" || res.Stream("stdout") != "got Ada\n" {
		t.Fatalf("reply %s %s %s, stdout %q; want ok and \"got Ada\\n\"", res.Status, res.EName, res.EValue, res.Stream("stdout"))
	}
	if strings.Contains(k.log.String(), "dropping an input_reply") {
		t.Errorf("the kernel dropped the reply:\n%s", k.log.String())
	}
}

// TestInputReplyForAnotherRequestIsDropped checks that a reply naming a
// request that is not the pending one (a cancelled one) answers nothing.
func TestInputReplyForAnotherRequestIsDropped(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{})
	ctx := testContext(t)
	asked := make(chan struct{})
	call, err := k.StartExecute("input name?", client.ExecuteOptions{
		Input: func(string, bool) (string, error) {
			close(asked)
			return "", errors.New("answered below")
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	<-asked
	stale, err := wire.NewMessage("input_reply", k.Session(), "test", wire.Header{MsgID: "a-cancelled-request", MsgType: "input_request"}, map[string]string{"value": "stale"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.Send(client.Stdin, stale, client.CallOptions{NoReply: true}); err != nil {
		t.Fatal(err)
	}
	fresh, err := wire.NewMessage("input_reply", k.Session(), "test", wire.Header{}, map[string]string{"value": "fresh"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k.Send(client.Stdin, fresh, client.CallOptions{NoReply: true}); err != nil {
		t.Fatal(err)
	}
	resp, err := call.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.Stream("stdout"); got != "got fresh\n" {
		t.Fatalf("stdout %q, want the answer without a parent, not the stale one", got)
	}
	if !strings.Contains(k.log.String(), "answers no pending request") {
		t.Errorf("the stale reply was not logged as dropped:\n%s", k.log.String())
	}
}

// TestRestartEndsInputWait restarts the kernel while a cell waits for
// input, in place and as jupyter_client does (shutdown_request with
// restart, then a new process): the wait ends and the cell fails saying
// that the kernel restarted.
func TestRestartEndsInputWait(t *testing.T) {
	for _, inPlace := range []bool{false, true} {
		t.Run(map[bool]string{false: "new process", true: "in place"}[inPlace], func(t *testing.T) {
			k := startKernel(t, newFakeBackend(), kernelSetup{opts: Options{RestartInPlace: inPlace}})
			ctx := testContext(t)
			asked := make(chan struct{})
			call, err := k.StartExecute("input never answered", client.ExecuteOptions{
				Input: func(string, bool) (string, error) {
					close(asked)
					return "", errors.New("no answer")
				},
			})
			if err != nil {
				t.Fatal(err)
			}
			<-asked
			if _, err := k.Shutdown(ctx, true); err != nil {
				t.Fatal(err)
			}
			select {
			case <-call.Replied():
			case <-ctx.Done():
				t.Fatal("the cell waiting for input got no reply after the restart")
			}
			res, err := client.ParseExecute(call.Progress())
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != "error" || !strings.Contains(res.EValue, ErrInputRestarted.Error()) {
				t.Fatalf("reply %s %s: %q, want an error saying %q", res.Status, res.EName, res.EValue, ErrInputRestarted)
			}
		})
	}
}
