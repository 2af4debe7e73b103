package transport

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

// hostileTimeout guards the waits of these tests against hangs; it is not
// a performance bound.
const hostileTimeout = 20 * time.Second

// routerUnderTest is a ROUTER on the wrapped transport that echoes every
// message back to its sender.
func routerUnderTest(t *testing.T, limits Limits) (zmq4.Socket, string) {
	t.Helper()
	ep := freeTCPEndpoint(t)
	router := zmq4.NewRouter(context.Background())
	t.Cleanup(func() { router.Close() })
	if err := Listen(router, ep, limits); err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			m, err := router.Recv()
			if err != nil {
				if strings.Contains(err.Error(), "context canceled") {
					return
				}
				continue
			}
			_ = router.SendMulti(m)
		}
	}()
	return router, ep
}

// roundTrip connects a fresh plain-tcp zmq4 DEALER to ep and checks that a
// message comes back from the echoing router.
func roundTrip(t *testing.T, ep string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hostileTimeout)
	defer cancel()
	dealer := zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity(fmt.Sprintf("honest-%d", time.Now().UnixNano()))))
	defer dealer.Close()
	done := make(chan error, 1)
	go func() {
		if err := dealer.Dial(ep); err != nil {
			done <- err
			return
		}
		if err := dealer.Send(zmq4.NewMsgString("hello")); err != nil {
			done <- err
			return
		}
		m, err := dealer.Recv()
		if err == nil && (len(m.Frames) != 1 || string(m.Frames[0]) != "hello") {
			err = fmt.Errorf("echo came back as %q", m.Frames)
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("an honest client could not talk to the router: %v", err)
		}
	case <-ctx.Done():
		t.Fatal("an honest client got no answer: the router is blocked")
	}
}

// A frame announcing an absurd or huge size, during the handshake or after
// it, closes that connection before anything is allocated for it; the
// process lives on and serves the next client. Without the guard, zmq4
// panics with "makeslice: len out of range" (2^60) or dies out of memory
// (64 GB), taking the test binary with it.
func TestAnnouncedFrameSizesOverTheLimitAreRefused(t *testing.T) {
	logs := &logRecorder{}
	_, ep := routerUnderTest(t, Limits{Log: logs.logger()})
	for _, tc := range []struct {
		name      string
		handshake bool // complete the handshake first
		size      uint64
	}{
		{"2^60 instead of READY", false, 1 << 60},
		{"2^63-1 instead of READY", false, 1<<63 - 1},
		{"2^60 after the handshake", true, 1 << 60},
		{"64 GB after the handshake", true, 64 << 30},
		{"one byte over the limit after the handshake", true, DefaultMaxMessageSize + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := dialRaw(t, ep)
			if tc.handshake {
				p.handshake("DEALER", "attacker")
				p.send(zmtpFrameHeader(0, tc.size, true))
			} else {
				p.send(zmtpGreeting(), zmtpFrameHeader(flagCommand, tc.size, true))
			}
			if !p.closedByServer(hostileTimeout) {
				t.Fatal("the connection stayed open")
			}
			roundTrip(t, ep)
		})
	}
	logs.waitLog(t, "a message of more than")
}

// The limit counts the frames of a message together: many frames, each
// small, cannot add up past it.
func TestMessageLimitCountsAllFrames(t *testing.T) {
	const limit = 1 << 20
	_, ep := routerUnderTest(t, Limits{MaxMessageSize: limit})
	p := dialRaw(t, ep)
	p.handshake("DEALER", "many-frames")
	frame := make([]byte, 100<<10)
	var msg []byte
	for range 11 { // 1.1 MB in frames of 100 kB, all with MORE set
		msg = append(msg, zmtpFrameHeader(flagMore, uint64(len(frame)), false)...)
		msg = append(msg, frame...)
	}
	p.send(msg)
	if !p.closedByServer(hostileTimeout) {
		t.Fatal("a message of 1.1 MB in small frames passed a 1 MB limit")
	}

	// Just under the limit passes, and is echoed whole.
	q := dialRaw(t, ep)
	q.handshake("DEALER", "under")
	body := make([]byte, limit-2*frameCost-100)
	q.send(zmtpMessage(body))
	q.SetReadDeadline(time.Now().Add(hostileTimeout))
	hdr := make([]byte, 9)
	if _, err := q.Read(hdr); err != nil {
		t.Fatalf("a message under the limit was not echoed: %v", err)
	}
}

// A connection that sends nothing, or half a greeting, does not keep other
// clients out: the handshake runs apart from zmq4's accept loop. The
// handshake deadline is set to an hour, so a blocked accept loop would
// hang the test.
func TestSilentConnectionsDoNotBlockOthers(t *testing.T) {
	_, ep := routerUnderTest(t, Limits{HandshakeTimeout: time.Hour})
	silent := dialRaw(t, ep)
	half := dialRaw(t, ep)
	half.send(zmtpGreeting()[:10])
	greetingOnly := dialRaw(t, ep)
	greetingOnly.send(zmtpGreeting())
	for range 3 {
		roundTrip(t, ep)
	}
	_ = silent
}

// A connection that does not complete its handshake in time is closed.
func TestHandshakeDeadlineClosesSilentConnections(t *testing.T) {
	logs := &logRecorder{}
	_, ep := routerUnderTest(t, Limits{HandshakeTimeout: 50 * time.Millisecond, Log: logs.logger()})
	p := dialRaw(t, ep)
	p.send(zmtpGreeting())
	if !p.closedByServer(hostileTimeout) {
		t.Fatal("a connection that never sent READY stayed open")
	}
	logs.waitLog(t, "handshake failed")
}

// Malformed handshakes are refused without a panic: zmq4 would index out
// of range on READY metadata whose lengths run past the end.
func TestMalformedHandshakesAreRefused(t *testing.T) {
	_, ep := routerUnderTest(t, Limits{})
	readyWith := func(metadata []byte) []byte {
		body := append(append([]byte{5}, "READY"...), metadata...)
		return append(zmtpFrameHeader(flagCommand, uint64(len(body)), false), body...)
	}
	wrongMechanism := zmtpGreeting()
	copy(wrongMechanism[12:], "CURVE")
	oldVersion := zmtpGreeting()
	oldVersion[10] = 2
	for name, bytes := range map[string][]byte{
		"not ZMTP":                        []byte("GET / HTTP/1.1\r\nHost: x\r\n\r\n" + strings.Repeat(" ", 64)),
		"ZMTP 2":                          append(oldVersion, zmtpReady("Socket-Type", "DEALER")...),
		"CURVE":                           append(wrongMechanism, zmtpReady("Socket-Type", "DEALER")...),
		"metadata name of length 0":       append(zmtpGreeting(), readyWith([]byte{0})...),
		"metadata name past the end":      append(zmtpGreeting(), readyWith([]byte{200, 'a'})...),
		"metadata value length truncated": append(zmtpGreeting(), readyWith([]byte{1, 'a', 0, 0})...),
		"metadata value past the end":     append(zmtpGreeting(), readyWith([]byte{1, 'a', 0xff, 0xff, 0xff, 0xff, 'x'})...),
		"a message instead of READY":      append(zmtpGreeting(), zmtpMessage([]byte("READY"))...),
		"a command other than READY":      append(zmtpGreeting(), 0x04, 5, 4, 'P', 'I', 'N', 'G'),
		"READY name longer than the body": append(zmtpGreeting(), 0x04, 2, 9, 'R'),
		"an incompatible socket type":     append(zmtpGreeting(), zmtpReady("Socket-Type", "PUB")...),
		"no socket type":                  append(zmtpGreeting(), zmtpReady("Identity", "x")...),
	} {
		t.Run(name, func(t *testing.T) {
			p := dialRaw(t, ep)
			p.send(bytes)
			if !p.closedByServer(hostileTimeout) {
				t.Fatal("the connection stayed open")
			}
			roundTrip(t, ep)
		})
	}
}

// A peer that stops reading does not hold up replies to the others. The
// write timeout is an hour, so a blocking write would hang the test.
func TestStalledPeerDoesNotDelayOthers(t *testing.T) {
	logs := &logRecorder{}
	ep := freeTCPEndpoint(t)
	router := zmq4.NewRouter(context.Background())
	defer router.Close()
	if err := Listen(router, ep, Limits{WriteTimeout: time.Hour, MaxQueued: 64 << 20, Log: logs.logger()}); err != nil {
		t.Fatal(err)
	}
	stalled := dialRaw(t, ep)
	stalled.handshake("DEALER", "stalled")
	stalled.send(zmtpMessage([]byte("I will not read")))
	if m, err := router.Recv(); err != nil || string(m.Frames[0]) != "stalled" {
		t.Fatalf("router got %q, %v", m.Frames, err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), hostileTimeout)
	defer cancel()
	honest := zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity("honest")))
	defer honest.Close()
	if err := honest.Dial(ep); err != nil {
		t.Fatal(err)
	}
	if err := honest.Send(zmq4.NewMsgString("hi")); err != nil {
		t.Fatal(err)
	}
	if _, err := router.Recv(); err != nil {
		t.Fatal(err)
	}
	// Far more than the socket buffers hold for the stalled peer, then a
	// reply to the honest one, in turn, 20 times.
	big := make([]byte, 1<<20)
	got := make(chan error, 2)
	go func() {
		for range 20 {
			m, err := honest.Recv()
			if err == nil && string(m.Frames[0]) != "reply" {
				err = fmt.Errorf("honest got %q", m.Frames[0])
			}
			if err != nil {
				got <- err
				return
			}
		}
		got <- nil
	}()
	go func() {
		for range 20 {
			for range 10 {
				_ = router.SendMulti(zmq4.NewMsgFrom([]byte("stalled"), big))
			}
			if err := router.SendMulti(zmq4.NewMsgFrom([]byte("honest"), []byte("reply"))); err != nil {
				got <- err
				return
			}
		}
	}()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-ctx.Done():
		t.Fatal("the honest peer's replies were held up by the stalled one")
	}
	// 200 MB for a peer that reads nothing: it was dropped at 64 MB.
	logs.waitLog(t, "fell more than")
}

// A subscriber that sends messages other than subscriptions cannot wedge
// the PUB socket: zmq4 would queue them for a Recv that never comes, and
// the peer's reading goroutine would block for good, so that its later
// subscription is never seen.
func TestPublisherDropsWhatIsNotASubscription(t *testing.T) {
	logs := &logRecorder{}
	ep := freeTCPEndpoint(t)
	pub := zmq4.NewPub(context.Background())
	defer pub.Close()
	if err := Listen(pub, ep, Limits{Log: logs.logger()}); err != nil {
		t.Fatal(err)
	}
	p := dialRaw(t, ep)
	p.handshake("SUB", "")
	for i := range 30 {
		p.send(zmtpMessage([]byte(fmt.Sprintf("junk %d", i)), []byte("more")))
		p.send([]byte{flagCommand, 5, 4, 'P', 'I', 'N', 'G'}) // a command
	}
	p.send(zmtpMessage([]byte{1})) // subscribe to everything
	received := make(chan []byte, 1)
	go func() {
		hdr := make([]byte, 2)
		p.SetReadDeadline(time.Now().Add(hostileTimeout))
		if _, err := p.Read(hdr); err == nil {
			body := make([]byte, hdr[1])
			p.Read(body)
			received <- body
		}
		close(received)
	}()
	for {
		if err := pub.Send(zmq4.NewMsgString("news")); err != nil {
			t.Fatal(err)
		}
		select {
		case b, ok := <-received:
			if !ok || string(b) != "news" {
				t.Fatalf("the subscriber got %q (%v)", b, ok)
			}
			logs.waitLog(t, "other than subscriptions")
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Connections that never finish their handshake cannot pile up: beyond
// maxPendingHandshakes the oldest is closed, and an honest client still
// gets in. The handshake deadline is an hour, so only the bound closes
// them.
func TestPendingHandshakesAreBounded(t *testing.T) {
	logs := &logRecorder{}
	_, ep := routerUnderTest(t, Limits{HandshakeTimeout: time.Hour, Log: logs.logger()})
	first := dialRaw(t, ep)
	first.send(zmtpGreeting()[:5])
	for range maxPendingHandshakes + 10 {
		dialRaw(t, ep)
	}
	if !first.closedByServer(hostileTimeout) {
		t.Fatal("the oldest pending connection was not closed")
	}
	roundTrip(t, ep)
	logs.waitLog(t, "too many connections in their handshake")
}
