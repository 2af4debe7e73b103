package transport

import (
	"context"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
)

// A client that connects after Prebind but before the ROUTER exists is
// served once the ROUTER listens: its connection waited in the backlog,
// where without Prebind it would have been refused.
func TestPrebindAcceptsConnectionsBeforeListen(t *testing.T) {
	ipc := "ipc://" + filepath.Join(t.TempDir(), "sock")
	for _, endpoint := range []string{freeTCPEndpoint(t), ipc} {
		t.Run(strings.SplitN(endpoint, ":", 2)[0], func(t *testing.T) {
			if err := Prebind(endpoint); err != nil {
				t.Fatal(err)
			}
			network, addr, _ := strings.Cut(endpoint, "://")
			if network == "ipc" {
				network = "unix"
			}
			raw, err := net.DialTimeout(network, addr, time.Second)
			if err != nil {
				t.Fatalf("a connection before Listen was refused: %v", err)
			}
			raw.Close()

			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			dealer := zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity("early")))
			defer dealer.Close()
			dialed := make(chan error, 1)
			go func() { dialed <- dealer.Dial(endpoint) }()
			time.Sleep(50 * time.Millisecond) // the dealer is in the backlog

			router := zmq4.NewRouter(ctx)
			defer router.Close()
			if err := Listen(router, endpoint, Limits{}); err != nil {
				t.Fatal(err)
			}
			if err := <-dialed; err != nil {
				t.Fatal(err)
			}
			if err := dealer.Send(zmq4.NewMsgString("hello")); err != nil {
				t.Fatal(err)
			}
			msg, err := router.Recv()
			if err != nil {
				t.Fatal(err)
			}
			if len(msg.Frames) != 2 || string(msg.Frames[0]) != "early" || string(msg.Frames[1]) != "hello" {
				t.Fatalf("router got %q", msg.Frames)
			}
			if takePrebound(Endpoint(endpoint)) != nil {
				t.Error("Listen left the prebound socket behind")
			}
		})
	}
}

func TestPrebindSkipsPortZeroAndClosesWhatIsNotTaken(t *testing.T) {
	if err := Prebind("tcp://127.0.0.1:0", "inproc://x"); err != nil {
		t.Fatal(err)
	}
	preboundMu.Lock()
	n := len(prebound)
	preboundMu.Unlock()
	if n != 0 {
		t.Fatalf("%d sockets prebound for port 0 and inproc", n)
	}
	endpoint := freeTCPEndpoint(t)
	if err := Prebind(endpoint); err != nil {
		t.Fatal(err)
	}
	ClosePrebound(endpoint)
	addr := strings.TrimPrefix(endpoint, "tcp://")
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Fatal("ClosePrebound left the socket listening")
	}
}

// A Prebind that fails part way closes what it opened.
func TestPrebindFailureClosesEarlierSockets(t *testing.T) {
	first := freeTCPEndpoint(t)
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	if err := Prebind(first, "tcp://"+busy.Addr().String()); err == nil {
		t.Fatal("Prebind on a port in use succeeded")
	}
	if l := takePrebound(Endpoint(first)); l != nil {
		l.Close()
		t.Fatal("the first socket stayed open after the failure")
	}
}
