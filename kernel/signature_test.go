package kernel

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/descentlab/descent/kernel/jupyter/client"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// TestBadMessagesAreDroppedAndTheKernelKeepsServing sends, on each channel,
// frames that must be ignored, then a good request on the same channel. The
// channel is served in order, so once the good reply is in, the bad message
// was handled: it must have caused no reply and no IOPub message (the
// client's anomaly check fails the test otherwise) and a log line.
func TestBadMessagesAreDroppedAndTheKernelKeepsServing(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{})
	good, err := k.NewRequest("kernel_info_request", map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	signed, err := k.Codec().Encode(good)
	if err != nil {
		t.Fatal(err)
	}
	wrongKey, err := wire.NewCodec("not-the-key").Encode(good)
	if err != nil {
		t.Fatal(err)
	}
	with := func(i int, frame string) [][]byte {
		out := append([][]byte(nil), signed...)
		out[i] = []byte(frame)
		return out
	}
	// signed = [<IDS|MSG>, sig, header, parent, metadata, content]
	tests := []struct {
		name    string
		frames  [][]byte
		wantLog string
	}{
		{"wrong key", wrongKey, "invalid signature"},
		{"missing signature", with(1, ""), "not signed"},
		{"tampered content", with(5, `{"evil":true}`), "invalid signature"},
		{"no delimiter", append([][]byte{[]byte("x")}, signed[1:]...), "delimiter"},
		{"too few frames", signed[:4], "fewer than 5"},
		{"single empty frame", [][]byte{{}}, "delimiter"},
		{"header not JSON", resign(k.Codec(), with(2, `{"msg_id":`)), "header frame"},
		{"content not an object", resign(k.Codec(), with(5, `[]`)), "content frame"},
		{"no msg_type", resign(k.Codec(), with(2, `{"msg_id":"m1","session":"s","username":"u","date":"","version":"5.3"}`)), "without msg_type"},
	}
	for _, ch := range []client.Channel{client.Shell, client.Control, client.Stdin} {
		for _, tt := range tests {
			t.Run(ch.String()+"/"+tt.name, func(t *testing.T) {
				if err := k.SendRaw(ch, tt.frames); err != nil {
					t.Fatal(err)
				}
				probe := client.Shell
				if ch == client.Control {
					probe = client.Control
				}
				if ch == client.Stdin {
					waitForLog(t, k.log, tt.wantLog)
				}
				if _, err := k.KernelInfo(testContext(t), probe); err != nil {
					t.Fatalf("the kernel stopped answering: %v", err)
				}
				if !strings.Contains(k.log.String(), tt.wantLog) {
					t.Errorf("log does not mention %q", tt.wantLog)
				}
			})
		}
	}
}

// resign recomputes the signature of frames laid out as
// [<IDS|MSG>, sig, header, parent, metadata, content].
func resign(c *wire.Codec, frames [][]byte) [][]byte {
	frames[1] = []byte(c.Sign(frames[2:6]...))
	return frames
}

func waitForLog(t *testing.T, l *logBuffer, s string) {
	t.Helper()
	eventually(t, "log line "+s, func() bool { return strings.Contains(l.String(), s) })
}

func TestUnsignedMode(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{launch: client.LaunchOptions{Unsigned: true}})
	ctx := testContext(t)
	res, err := k.Execute(ctx, "print unsigned", client.ExecuteOptions{})
	if err != nil || res.Stream("stdout") != "unsigned\n" {
		t.Fatalf("execute in unsigned mode: %v %+v", err, res)
	}

	// Talk to the shell socket directly to see the frames: the kernel must
	// accept any signature and send an empty one.
	dealer := zmq4.NewDealer(context.Background(), zmq4.WithID(zmq4.SocketIdentity("raw-peer")))
	defer dealer.Close()
	if err := dealer.Dial(k.Info().ShellEndpoint()); err != nil {
		t.Fatal(err)
	}
	req, err := wire.NewMessage("kernel_info_request", "raw", "raw", wire.Header{}, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	frames, err := wire.NewCodec("").Encode(req)
	if err != nil {
		t.Fatal(err)
	}
	frames[1] = []byte("whatever, nobody checks")
	if err := dealer.Send(zmq4.NewMsgFrom(frames...)); err != nil {
		t.Fatal(err)
	}
	got := make(chan zmq4.Msg, 1)
	go func() {
		m, err := dealer.Recv()
		if err == nil {
			got <- m
		}
	}()
	select {
	case m := <-got:
		if len(m.Frames) < 6 || string(m.Frames[0]) != wire.Delimiter {
			t.Fatalf("reply frames %q", m.Frames)
		}
		if len(m.Frames[1]) != 0 {
			t.Errorf("unsigned kernel sent signature %q, want empty", m.Frames[1])
		}
		reply, err := wire.NewCodec("").Decode(m.Frames)
		if err != nil || reply.Header.MsgType != "kernel_info_reply" || reply.ParentHeader.MsgID != req.Header.MsgID {
			t.Errorf("reply %+v, %v", reply, err)
		}
	case <-time.After(testTimeout):
		t.Fatal("no reply to a raw kernel_info_request")
	}
}

// A signed message sent again, byte for byte, on the same channel or
// another, is dropped with a log line and runs once, as jupyter_client's
// Session rejects a repeated signature.
func TestReplayedMessagesAreDropped(t *testing.T) {
	backend := newFakeBackend()
	k := startKernel(t, backend, kernelSetup{})
	ctx := testContext(t)
	req, err := k.NewRequest("execute_request", map[string]any{
		"code": "print once", "silent": false, "store_history": true,
		"user_expressions": map[string]any{}, "allow_stdin": false, "stop_on_error": true,
	})
	if err != nil {
		t.Fatal(err)
	}
	frames, err := k.Codec().Encode(req)
	if err != nil {
		t.Fatal(err)
	}
	call, err := k.Send(client.Shell, req, client.CallOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := call.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	for _, ch := range []client.Channel{client.Shell, client.Shell, client.Control} {
		if err := k.SendRaw(ch, frames); err != nil {
			t.Fatal(err)
		}
	}
	waitForLog(t, k.log, "replayed message")
	// Each channel is served in order: once a later request is answered,
	// the replays before it have been handled.
	for _, ch := range []client.Channel{client.Shell, client.Control} {
		if _, err := k.KernelInfo(ctx, ch); err != nil {
			t.Fatal(err)
		}
	}
	if got := backend.executed(); len(got) != 1 {
		t.Fatalf("the cell ran %d times: %q", len(got), got)
	}
	if n := strings.Count(k.log.String(), "replayed message"); n != 3 {
		t.Errorf("%d log lines about replays, want 3", n)
	}
}
