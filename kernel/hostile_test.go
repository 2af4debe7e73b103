package kernel

import (
	"context"
	"fmt"
	"testing"

	"github.com/descentlab/descent/kernel/jupyter/client"
	"github.com/descentlab/descent/kernel/jupyter/transport/rawzmtp"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// port is one of the kernel's five sockets, with the socket type a
// front end connects to it as.
type port struct {
	name, endpoint, peerType string
}

func kernelPorts(info wire.ConnectionInfo) []port {
	return []port{
		{"shell", info.ShellEndpoint(), "DEALER"},
		{"control", info.ControlEndpoint(), "DEALER"},
		{"stdin", info.StdinEndpoint(), "DEALER"},
		{"iopub", info.IOPubEndpoint(), "SUB"},
		{"hb", info.HeartbeatEndpoint(), "REQ"},
	}
}

func dialRawZMTP(t testing.TB, endpoint string) *rawzmtp.Peer {
	t.Helper()
	p, err := rawzmtp.Dial(endpoint)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// alive fails the test if the kernel process has exited.
func alive(t *testing.T, k *client.Kernel) {
	t.Helper()
	select {
	case <-k.Exited():
		t.Fatalf("the kernel process exited: %v", k.ExitErr())
	default:
	}
}

// Bytes from someone without the key, on any of the five ports, neither
// stop the kernel process nor keep anyone out: frames announcing 2^60 or
// 64 GB bytes and malformed handshakes get their connection closed, and
// connections that send nothing (or half a greeting) stay open while a
// new front end connects and works. With zmq4 alone, the first attack
// panics the process and a silent connection blocks every later client.
func TestHostileBytesOnEveryPortLeaveTheKernelServing(t *testing.T) {
	k := startProcessKernel(t)
	ctx := testContext(t)
	info := k.Info()
	for _, p := range kernelPorts(info) {
		dialRawZMTP(t, p.endpoint) // silent, for the whole test
		half := dialRawZMTP(t, p.endpoint)
		if err := half.Send(rawzmtp.Greeting()[:10]); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range kernelPorts(info) {
		attacks := map[string]func(*rawzmtp.Peer) error{
			"2^60 bytes instead of READY": func(c *rawzmtp.Peer) error {
				return c.Send(rawzmtp.Greeting(), rawzmtp.FrameHeader(rawzmtp.Command, 1<<60, true))
			},
			"64 GB after the handshake": func(c *rawzmtp.Peer) error {
				if err := c.Handshake(p.peerType, "attacker"); err != nil {
					return err
				}
				return c.Send(rawzmtp.FrameHeader(0, 64<<30, true))
			},
			"READY metadata running past its end": func(c *rawzmtp.Peer) error {
				return c.Send(rawzmtp.Greeting(), []byte{rawzmtp.Command, 7, 5, 'R', 'E', 'A', 'D', 'Y', 0})
			},
		}
		for name, attack := range attacks {
			t.Run(p.name+"/"+name, func(t *testing.T) {
				c := dialRawZMTP(t, p.endpoint)
				if err := attack(c); err != nil {
					t.Fatal(err)
				}
				if !c.ClosedByServer(testTimeout) {
					t.Fatal("the kernel kept the connection open")
				}
				alive(t, k)
			})
		}
	}
	alive(t, k)

	// The first front end is still served on every channel.
	if _, err := k.KernelInfo(ctx, client.Shell); err != nil {
		t.Fatal(err)
	}
	if _, err := k.KernelInfo(ctx, client.Control); err != nil {
		t.Fatal(err)
	}
	if err := k.Heartbeat(ctx); err != nil {
		t.Fatal(err)
	}
	// A new front end connects to all five ports past the silent
	// connections, and works.
	second, err := client.Connect(info, client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	if err := second.WaitReady(ctx); err != nil {
		t.Fatalf("a new front end could not get ready: %v", err)
	}
	res, err := second.Execute(ctx, "print hello from the second front end", client.ExecuteOptions{})
	if err != nil || res.Stream("stdout") != "hello from the second front end\n" {
		t.Fatalf("execute from a new front end: %v %+v", err, res)
	}
	if err := second.Heartbeat(ctx); err != nil {
		t.Fatalf("heartbeat from a new front end: %v", err)
	}
	if a := second.Anomalies(); len(a) > 0 {
		t.Errorf("anomalies seen by the second front end: %q", a)
	}
}

// stalledFrontEnd connects to IOPub and shell as a front end with the key
// that then stops reading: it subscribes to everything and sends n signed
// kernel_info requests, and reads nothing back.
func stalledFrontEnd(t testing.TB, info wire.ConnectionInfo, n int) {
	t.Helper()
	sub := dialRawZMTP(t, info.IOPubEndpoint())
	if err := sub.Handshake("SUB", ""); err != nil {
		t.Fatal(err)
	}
	if err := sub.Send(rawzmtp.Message([]byte{1})); err != nil {
		t.Fatal(err)
	}
	shell := dialRawZMTP(t, info.ShellEndpoint())
	if err := shell.Handshake("DEALER", "stalled-front-end"); err != nil {
		t.Fatal(err)
	}
	codec := wire.NewCodec(info.Key)
	var batch []byte
	for i := range n {
		m, err := wire.NewMessage("kernel_info_request", "stalled-session", "stalled", wire.Header{}, map[string]any{})
		if err != nil {
			t.Fatal(err)
		}
		frames, err := codec.Encode(m)
		if err != nil {
			t.Fatal(err)
		}
		batch = append(batch, rawzmtp.Message(frames...)...)
		if i%500 == 499 || i == n-1 {
			if err := shell.Send(batch); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
}

// A front end that stops reading (a suspended laptop, a stuck client)
// holds up no one else: with the write timeout set to an hour, a kernel
// that waited for it would hang this test. Another front end executes a
// cell that prints 40 MB (12 MB under the race detector; either is far
// more than the socket buffers of the stalled one hold: 128 KB to read,
// 4 MB to send), interrupts a cell, and keeps its heartbeat.
func TestStalledFrontEndHoldsUpNoOne(t *testing.T) {
	k := startProcessKernel(t, helperWriteTimeoutEnv+"=1h")
	ctx := testContext(t)
	stalledFrontEnd(t, k.Info(), 5000)

	size := 40000000
	if raceDetector {
		size = 12000000
	}
	res, err := k.Execute(ctx, fmt.Sprintf("big %d x\nprint done", size), client.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if out := res.Stream("stdout"); len(out) != size+len("done\n") {
		t.Fatalf("stdout of %d bytes, want %d", len(out), size+len("done\n"))
	}
	call, err := k.StartExecute("print started\nsleep", client.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	eventually(t, "the cell's first output", func() bool { return len(call.Progress().Outputs()) > 0 })
	if _, err := k.Interrupt(ctx); err != nil {
		t.Fatal(err)
	}
	resp, err := call.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r, err := client.ParseExecute(resp); err != nil || r.EName != "Interrupted" {
		t.Fatalf("interrupted cell: %v %+v", err, r)
	}
	for i := range 10 {
		hbCtx, cancel := context.WithTimeout(ctx, testTimeout)
		err := k.Heartbeat(hbCtx)
		cancel()
		if err != nil {
			t.Fatalf("heartbeat %d: %v", i, err)
		}
	}
	alive(t, k)
}
