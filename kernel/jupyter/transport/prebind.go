package transport

import (
	"context"
	"fmt"
	"net"
	"strings"
	"sync"

	zmqtransport "github.com/go-zeromq/zmq4/transport"
)

// Listening sockets opened by Prebind, by buffered endpoint, until a
// Listen takes them.
var (
	preboundMu sync.Mutex
	prebound   = map[string]net.Listener{}
)

// Prebind opens the listening sockets of the "tcp://" and "ipc://"
// endpoints now, before the zmq4 sockets that will serve them exist: a
// later Listen on the same endpoint takes the open socket. A kernel calls
// it first. Jupyter's client connects a few milliseconds after it starts
// the kernel, and libzmq retries a refused connection only after 100 to
// 200 ms; a connection that arrives before Listen waits in the backlog.
// TCP endpoints with port 0 are skipped (no client can know their port
// yet). On an error, the sockets it opened are closed again.
func Prebind(endpoints ...string) error {
	var opened []string
	for _, ep := range endpoints {
		name, addr, ok := strings.Cut(Endpoint(ep), "://")
		network := networks[name]
		if !ok || network == "" || network == "tcp" && strings.HasSuffix(addr, ":0") {
			continue
		}
		l, err := zmqtransport.New(network).Listen(context.Background(), addr)
		if err != nil {
			closePrebound(opened)
			return fmt.Errorf("transport: listen on %s: %w", ep, err)
		}
		key := name + "://" + addr
		preboundMu.Lock()
		if old := prebound[key]; old != nil {
			old.Close()
		}
		prebound[key] = l
		preboundMu.Unlock()
		opened = append(opened, key)
	}
	return nil
}

// ClosePrebound closes the sockets Prebind opened for endpoints that no
// Listen has taken.
func ClosePrebound(endpoints ...string) {
	keys := make([]string, len(endpoints))
	for i, ep := range endpoints {
		keys[i] = Endpoint(ep)
	}
	closePrebound(keys)
}

func closePrebound(keys []string) {
	preboundMu.Lock()
	defer preboundMu.Unlock()
	for _, k := range keys {
		if l := prebound[k]; l != nil {
			l.Close()
			delete(prebound, k)
		}
	}
}

// takePrebound returns, once, the socket Prebind opened for the buffered
// endpoint key, or nil.
func takePrebound(key string) net.Listener {
	preboundMu.Lock()
	defer preboundMu.Unlock()
	l := prebound[key]
	delete(prebound, key)
	return l
}
