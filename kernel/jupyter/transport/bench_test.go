package transport

import (
	"context"
	"testing"

	"github.com/go-zeromq/zmq4"
)

// BenchmarkRoundTrip sends a Jupyter-sized six-frame message from a DEALER
// to an echoing ROUTER and back, over zmq4's own tcp transport and over
// this package's, both ends alike.
func BenchmarkRoundTrip(b *testing.B) {
	for _, tc := range []struct {
		name    string
		wrapped bool
	}{{"zmq4 tcp", false}, {"descent-tcp", true}} {
		b.Run(tc.name, func(b *testing.B) {
			ep := freeTCPEndpoint(b)
			ctx := context.Background()
			router := zmq4.NewRouter(ctx)
			defer router.Close()
			dealer := zmq4.NewDealer(ctx, zmq4.WithID(zmq4.SocketIdentity("bench")))
			defer dealer.Close()
			listen, dial := router.Listen, dealer.Dial
			if tc.wrapped {
				listen = func(ep string) error { return Listen(router, ep, Limits{}) }
				dial = func(ep string) error { return Dial(dealer, ep) }
			}
			if err := listen(ep); err != nil {
				b.Fatal(err)
			}
			if err := dial(ep); err != nil {
				b.Fatal(err)
			}
			go func() {
				for {
					m, err := router.Recv()
					if err != nil {
						return
					}
					if router.SendMulti(m) != nil {
						return
					}
				}
			}()
			msg := zmq4.NewMsgFrom([]byte("<IDS|MSG>"), make([]byte, 64), make([]byte, 180), make([]byte, 180), []byte("{}"), make([]byte, 60))
			b.ResetTimer()
			for b.Loop() {
				if err := dealer.SendMulti(msg); err != nil {
					b.Fatal(err)
				}
				if _, err := dealer.Recv(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
