package kernel

import (
	"strconv"
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/jupyter/client"
)

func TestManyLinesArriveInOrderAndCoalesced(t *testing.T) {
	const n = 200000
	k := startKernel(t, newFakeBackend(), kernelSetup{})
	res, err := k.Execute(testContext(t), "lines "+strconv.Itoa(n)+"\nprint the end", client.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != "ok" {
		t.Fatalf("status %s", res.Status)
	}
	var want strings.Builder
	for i := 1; i <= n; i++ {
		want.WriteString("line " + strconv.Itoa(i) + "\n")
	}
	want.WriteString("the end\n")
	got := res.Stream("stdout")
	if got != want.String() {
		t.Fatalf("stdout has %d bytes, want %d; tail %q", len(got), want.Len(), got[max(0, len(got)-40):])
	}
	streams := 0
	for _, m := range res.Outputs() {
		if m.Header.MsgType != "stream" {
			t.Errorf("unexpected %s", m.Header.MsgType)
			continue
		}
		streams++
		if text := content(t, m)["text"].(string); len(text) > streamMaxBytes {
			t.Errorf("a stream message of %d bytes exceeds %d", len(text), streamMaxBytes)
		}
	}
	// 2.3 MB of text in messages of at most 64 KiB: at least 36 messages,
	// and far fewer than one per line.
	if min := want.Len() / streamMaxBytes; streams < min || streams > n/100 {
		t.Errorf("%d stream messages for %d lines", streams, n)
	}
	t.Logf("%d lines (%d bytes) in %d stream messages", n, want.Len(), streams)
}

func TestUTF8IsNeverSplitOnTheWire(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{})
	// "bytes" emits one byte per event, so every multi-byte rune arrives in
	// pieces; "big" emits one event of 100,001 bytes whose 64 KiB cut falls
	// inside a 3-byte rune (1 + 3k bytes).
	code := "bytes héllo wörld ✓ 😀\nbig 1 x\nbig 33333 ✓\nprint done"
	res, err := k.Execute(testContext(t), code, client.ExecuteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := "héllo wörld ✓ 😀\n" + "x" + strings.Repeat("✓", 33333) + "done\n"
	if got := res.Stream("stdout"); got != want {
		t.Fatalf("stdout differs: %d bytes, want %d", len(got), len(want))
	}
	for _, m := range res.Outputs() {
		text := content(t, m)["text"].(string)
		if strings.ContainsRune(text, '\uFFFD') {
			t.Errorf("a stream message contains U+FFFD: a rune was split (%d bytes)", len(text))
		}
	}
}

func TestIPCTransport(t *testing.T) {
	k := startKernel(t, newFakeBackend(), kernelSetup{launch: client.LaunchOptions{Transport: "ipc", Dir: t.TempDir()}})
	ctx := testContext(t)
	if k.Info().Transport != "ipc" || !strings.HasPrefix(k.Info().ShellEndpoint(), "ipc://") {
		t.Fatalf("connection %+v", k.Info())
	}
	res, err := k.Execute(ctx, "print over ipc\nresult 1", client.ExecuteOptions{})
	if err != nil || res.Stream("stdout") != "over ipc\n" {
		t.Fatalf("execute over ipc: %v %+v", err, res)
	}
	if _, err := k.KernelInfo(ctx, client.Control); err != nil {
		t.Fatal(err)
	}
	if err := k.Heartbeat(ctx); err != nil {
		t.Fatal(err)
	}
}
