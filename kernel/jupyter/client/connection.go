package client

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"path/filepath"

	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// NewConnectionInfo returns connection details for a new kernel: five free
// TCP ports on 127.0.0.1, or for transport "ipc" five socket paths in dir,
// and a random 256-bit key (none when unsigned).
func NewConnectionInfo(transport, dir string, unsigned bool) (wire.ConnectionInfo, error) {
	info := wire.ConnectionInfo{Transport: transport, SignatureScheme: wire.SignatureScheme, KernelName: "descent"}
	if !unsigned {
		key, err := randomHex(32)
		if err != nil {
			return wire.ConnectionInfo{}, err
		}
		info.Key = key
	}
	switch transport {
	case "tcp", "":
		info.Transport = "tcp"
		info.IP = "127.0.0.1"
		ports, err := freePorts(5)
		if err != nil {
			return wire.ConnectionInfo{}, err
		}
		info.ShellPort, info.IOPubPort, info.StdinPort, info.ControlPort, info.HBPort = ports[0], ports[1], ports[2], ports[3], ports[4]
	case "ipc":
		name, err := randomHex(4)
		if err != nil {
			return wire.ConnectionInfo{}, err
		}
		info.IP = filepath.Join(dir, "kernel-"+name)
		info.ShellPort, info.IOPubPort, info.StdinPort, info.ControlPort, info.HBPort = 1, 2, 3, 4, 5
	default:
		return wire.ConnectionInfo{}, fmt.Errorf("client: unsupported transport %q", transport)
	}
	return info, info.Validate()
}

// freePorts asks the system for n distinct free ports on the loopback
// interface, holding all of them open until each is chosen.
func freePorts(n int) ([]int, error) {
	ports := make([]int, 0, n)
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("client: finding a free port: %w", err)
		}
		defer l.Close()
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

func randomHex(n int) (string, error) {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("client: random bytes: %w", err)
	}
	return hex.EncodeToString(b), nil
}
