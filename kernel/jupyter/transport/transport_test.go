package transport

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

func freeTCPEndpoint(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return "tcp://" + l.Addr().String()
}

func TestEndpoint(t *testing.T) {
	for in, want := range map[string]string{
		"tcp://127.0.0.1:5555":  "descent-tcp://127.0.0.1:5555",
		"ipc:///tmp/k-1":        "descent-ipc:///tmp/k-1",
		"inproc://x":            "inproc://x",
		"descent-tcp://1.2.3.4": "descent-tcp://1.2.3.4",
	} {
		if got := Endpoint(in); got != want {
			t.Errorf("Endpoint(%q) = %q, want %q", in, got, want)
		}
	}
}

// messages returns multipart messages with frames of awkward sizes: empty,
// either side of the one-byte size form, and large.
func messages() []zmq4.Msg {
	rng := rand.New(rand.NewPCG(5, 6))
	sizes := [][]int{{0}, {1, 2, 3}, {255, 256}, {0, 0, 7}, {70000}, {10, 300000, 10}, {5, 5, 5, 5, 5, 5, 5}}
	var out []zmq4.Msg
	for i, ss := range sizes {
		frames := [][]byte{[]byte(fmt.Sprintf("msg-%d", i))}
		for _, n := range ss {
			b := make([]byte, n)
			for j := range b {
				b[j] = byte(rng.IntN(256))
			}
			frames = append(frames, b)
		}
		out = append(out, zmq4.NewMsgFrom(frames...))
	}
	return out
}

func sameFrames(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// A ROUTER on the buffered transport talks to a plain DEALER (and the other
// way round) over tcp and ipc: the wire format is unchanged.
func TestRouterDealerOverBufferedTransports(t *testing.T) {
	ipc := "ipc://" + filepath.Join(t.TempDir(), "sock")
	for _, tc := range []struct {
		name                   string
		endpoint               string
		routerBuffered, dealer bool
	}{
		{"tcp, buffered router", freeTCPEndpoint(t), true, false},
		{"tcp, buffered dealer", freeTCPEndpoint(t), false, true},
		{"tcp, both buffered", freeTCPEndpoint(t), true, true},
		{"ipc, both buffered", ipc, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			router := zmq4.NewRouter(ctx)
			defer router.Close()
			dealer := zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity("d1")))
			defer dealer.Close()
			ep := tc.endpoint
			bindAt, dialAt := ep, ep
			if tc.routerBuffered {
				bindAt = Endpoint(ep)
			}
			if tc.dealer {
				dialAt = Endpoint(ep)
			}
			if err := router.Listen(bindAt); err != nil {
				t.Fatal(err)
			}
			defer RemoveSocketFile(bindAt)
			if err := dealer.Dial(dialAt); err != nil {
				t.Fatal(err)
			}
			for _, m := range messages() {
				if err := dealer.SendMulti(m); err != nil {
					t.Fatal(err)
				}
				got, err := router.Recv()
				if err != nil {
					t.Fatal(err)
				}
				if !sameFrames(got.Frames[1:], m.Frames) {
					t.Fatalf("router got a different message than %s", m.Frames[0])
				}
				// Echo it back through the ROUTER's frame-by-frame writer.
				if err := router.SendMulti(got); err != nil {
					t.Fatal(err)
				}
				back, err := dealer.Recv()
				if err != nil {
					t.Fatal(err)
				}
				if !sameFrames(back.Frames, m.Frames) {
					t.Fatalf("dealer got a different message than %s", m.Frames[0])
				}
			}
		})
	}
}

// PUB on the buffered transport reaches a plain SUB.
func TestPubSubOverBufferedTransport(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	ep := freeTCPEndpoint(t)
	pub := zmq4.NewPub(ctx)
	defer pub.Close()
	var limits Limits
	sub := zmq4.NewSub(ctx)
	defer sub.Close()
	if err := Listen(pub, ep, limits); err != nil {
		t.Fatal(err)
	}
	if err := sub.Dial(ep); err != nil {
		t.Fatal(err)
	}
	if err := sub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		t.Fatal(err)
	}
	// A subscription takes effect asynchronously: publish until one lands.
	got := make(chan zmq4.Msg, 1)
	go func() {
		m, err := sub.Recv()
		if err == nil {
			got <- m
		}
	}()
	want := messages()[5]
	for {
		if err := pub.SendMulti(want); err != nil {
			t.Fatal(err)
		}
		select {
		case m := <-got:
			if !sameFrames(m.Frames, want.Frames) {
				t.Fatal("sub got a different message")
			}
			return
		case <-time.After(20 * time.Millisecond):
		case <-ctx.Done():
			t.Fatal("no message reached the subscriber")
		}
	}
}

// A subscriber that stops reading is dropped after writeTimeout instead of
// blocking the publisher: the other subscribers keep getting messages.
func TestStalledSubscriberIsDropped(t *testing.T) {
	limits := Limits{WriteTimeout: 200 * time.Millisecond}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	ep := freeTCPEndpoint(t)
	pub := zmq4.NewPub(ctx)
	defer pub.Close()
	if err := Listen(pub, ep, limits); err != nil {
		t.Fatal(err)
	}
	subscribe := func() zmq4.Socket {
		s := zmq4.NewSub(ctx)
		if err := s.Dial(ep); err != nil {
			t.Fatal(err)
		}
		if err := s.SetOption(zmq4.OptionSubscribe, ""); err != nil {
			t.Fatal(err)
		}
		return s
	}
	stalled := subscribe() // never calls Recv: its reader stops, then TCP fills
	defer stalled.Close()
	healthy := subscribe()
	defer healthy.Close()

	received := make(chan string, 1024)
	go func() {
		for {
			m, err := healthy.Recv()
			if err != nil {
				return
			}
			received <- string(m.Frames[0])
		}
	}()
	// Until both subscriptions have landed, messages may go to no one.
	for ready := false; !ready; {
		if err := pub.SendMulti(zmq4.NewMsgFrom([]byte("hello"))); err != nil {
			t.Fatal(err)
		}
		select {
		case <-received:
			ready = true
		case <-time.After(20 * time.Millisecond):
		}
	}
	time.Sleep(50 * time.Millisecond) // the stalled one's subscription too

	// Far more than the stalled peer's socket buffers hold.
	big := make([]byte, 256<<10)
	const n = 200
	sent := make(chan error, 1)
	go func() {
		for i := range n {
			if err := pub.SendMulti(zmq4.NewMsgFrom([]byte(fmt.Sprintf("m%d", i)), big)); err != nil {
				sent <- err
				return
			}
		}
		sent <- nil
	}()
	last := fmt.Sprintf("m%d", n-1)
	for {
		select {
		case topic := <-received:
			if topic == last {
				if err := <-sent; err != nil {
					t.Fatal(err)
				}
				return
			}
		case <-ctx.Done():
			t.Fatal("the publisher stayed blocked on the subscriber that stopped reading")
		}
	}
}
