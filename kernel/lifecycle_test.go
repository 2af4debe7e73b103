package kernel

import (
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/client"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

func TestHeartbeatAnswersWhileACellRuns(t *testing.T) {
	fake := newFakeBackend()
	k := startKernel(t, fake, kernelSetup{})
	ctx := testContext(t)
	call, err := k.StartExecute("sleep", client.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	<-fake.started
	// The cell runs for as long as these heartbeats take, which is seconds.
	deadline := time.Now().Add(2 * time.Second)
	beats := 0
	for time.Now().Before(deadline) {
		if err := k.Heartbeat(ctx); err != nil {
			t.Fatalf("heartbeat %d: %v", beats+1, err)
		}
		beats++
		time.Sleep(50 * time.Millisecond)
	}
	select {
	case <-call.Replied():
		t.Fatal("the sleeping cell ended on its own")
	default:
	}
	if _, err := k.KernelInfo(ctx, client.Control); err != nil {
		t.Fatalf("kernel_info on control while a cell runs: %v", err)
	}
	if _, err := k.Interrupt(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := call.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d heartbeats answered while the cell ran", beats)
}

func TestInterruptViaControl(t *testing.T) {
	fake := newFakeBackend()
	k := startKernel(t, fake, kernelSetup{})
	ctx := testContext(t)
	call, err := k.StartExecute("print started\nsleep\nprint never", client.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	<-fake.started
	resp, err := k.Interrupt(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c := content(t, resp.Reply); c["status"] != "ok" || resp.Reply.Header.MsgType != "interrupt_reply" {
		t.Errorf("interrupt reply %s %v", resp.Reply.Header.MsgType, c)
	}
	checkWrapped(t, resp.Reply.ParentHeader.MsgID, resp.IOPub)
	cell, err := call.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	res, err := client.ParseExecute(cell)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != "error" || res.EName != "Interrupted" {
		t.Errorf("interrupted cell: %s %s", res.Status, res.EName)
	}
	if got := res.Stream("stdout"); got != "started\n" {
		t.Errorf("stdout %q, want only the text before the interrupt", got)
	}
	if interrupts, _, _ := fake.counts(); interrupts != 1 {
		t.Errorf("backend interrupted %d times, want 1", interrupts)
	}
	next, err := k.Execute(ctx, "print next", client.ExecuteOptions{})
	if err != nil || next.Status != "ok" {
		t.Fatalf("the cell after an interrupt: %v %+v", err, next)
	}
}

func TestShutdown(t *testing.T) {
	tests := []struct {
		name        string
		ch          client.Channel
		restart     bool
		inPlace     bool
		wantStop    bool
		wantRestart int
	}{
		{"control, no restart", client.Control, false, false, true, 0},
		{"control, restart: the process exits for the manager to relaunch it", client.Control, true, false, true, 0},
		{"control, restart in place", client.Control, true, true, false, 1},
		{"shell, no restart", client.Shell, false, false, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := newFakeBackend()
			k := startKernel(t, fake, kernelSetup{opts: Options{RestartInPlace: tt.inPlace}})
			ctx := testContext(t)
			if _, err := k.Execute(ctx, "set x 1", client.ExecuteOptions{}); err != nil {
				t.Fatal(err)
			}
			resp, err := k.Request(ctx, tt.ch, "shutdown_request", map[string]any{"restart": tt.restart})
			if err != nil {
				t.Fatal(err)
			}
			c := content(t, resp.Reply)
			if resp.Reply.Header.MsgType != "shutdown_reply" || c["status"] != "ok" || c["restart"] != tt.restart {
				t.Errorf("reply %s %v", resp.Reply.Header.MsgType, c)
			}
			checkWrapped(t, resp.Reply.ParentHeader.MsgID, resp.IOPub)
			_, restarts, closes := fake.counts()
			if tt.wantStop {
				select {
				case <-k.srv.Done():
				case <-ctx.Done():
					t.Fatal("the server did not stop after shutdown_request")
				}
				if _, _, closes = fake.counts(); closes != 1 {
					t.Errorf("backend closed %d times, want 1", closes)
				}
				return
			}
			if restarts != tt.wantRestart || closes != 0 {
				t.Errorf("restarts %d closes %d, want %d and 0", restarts, closes, tt.wantRestart)
			}
			res, err := k.Execute(ctx, "x", client.ExecuteOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if res.ExecutionCount != 1 || res.EName != "NameError" {
				t.Errorf("after a restart: count %d ename %q, want 1 and NameError (variables lost)", res.ExecutionCount, res.EName)
			}
			entries, _, err := k.History(ctx, map[string]any{"hist_access_type": "tail", "n": 5})
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 2 || entries[0].Session != 1 || entries[1].Session != 2 {
				t.Errorf("history across the restart %+v, want sessions 1 then 2", entries)
			}
		})
	}
}

func TestShutdownWhileACellRuns(t *testing.T) {
	fake := newFakeBackend()
	k := startKernel(t, fake, kernelSetup{})
	ctx := testContext(t)
	call, err := k.StartExecute("sleep", client.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	<-fake.started
	reply, err := k.Shutdown(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	if reply.Header.MsgType != "shutdown_reply" {
		t.Fatalf("reply %s", reply.Header.MsgType)
	}
	select {
	case <-k.srv.Done():
	case <-ctx.Done():
		t.Fatal("the server did not stop")
	}
	// The running cell was ended by closing the backend; whatever reached
	// the client about it must still be well formed (checked at cleanup).
	_ = call
	if !strings.Contains(k.log.String(), "shutdown_reply") {
		t.Error("no shutdown_reply in the debug log")
	}
}

// Listening runs once all five sockets accept connections: descent forks the
// worker there, after the front end can connect.
func TestListeningRunsOnceTheSocketsListen(t *testing.T) {
	var info wire.ConnectionInfo
	reached := make(chan []error, 1)
	opts := Options{Listening: func() {
		var errs []error
		for _, ep := range info.Endpoints() {
			c, err := net.DialTimeout("tcp", strings.TrimPrefix(ep, "tcp://"), time.Second)
			if err == nil {
				c.Close()
			}
			errs = append(errs, err)
		}
		reached <- errs
	}}
	start := func(ci wire.ConnectionInfo) (io.Closer, error) {
		info = ci
		return Start(ci, newFakeBackend(), opts)
	}
	k, err := client.StartInProcess(testContext(t), start, client.LaunchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	select {
	case errs := <-reached:
		for i, err := range errs {
			if err != nil {
				t.Errorf("socket %d was not listening when Listening ran: %v", i, err)
			}
		}
	case <-time.After(testTimeout):
		t.Fatal("Listening was never called")
	}
}
