package wire

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
)

// SignatureScheme is the only signing scheme this package implements.
const SignatureScheme = "hmac-sha256"

// ConnectionInfo is the content of a Jupyter connection file: where the five
// sockets live and how messages are signed. Fields a newer client adds are
// ignored when parsing.
type ConnectionInfo struct {
	Transport       string `json:"transport"`
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	IOPubPort       int    `json:"iopub_port"`
	StdinPort       int    `json:"stdin_port"`
	ControlPort     int    `json:"control_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`
	SignatureScheme string `json:"signature_scheme"`
	KernelName      string `json:"kernel_name,omitempty"`
}

// ParseConnection decodes and validates a connection file's JSON content.
// A missing transport means "tcp"; a missing signature scheme means
// "hmac-sha256".
func ParseConnection(data []byte) (ConnectionInfo, error) {
	var c ConnectionInfo
	if err := json.Unmarshal(data, &c); err != nil {
		return ConnectionInfo{}, fmt.Errorf("connection file: %w", err)
	}
	if c.Transport == "" {
		c.Transport = "tcp"
	}
	if c.SignatureScheme == "" {
		c.SignatureScheme = SignatureScheme
	}
	if err := c.Validate(); err != nil {
		return ConnectionInfo{}, err
	}
	return c, nil
}

// ReadConnectionFile reads and parses the connection file at path.
func ReadConnectionFile(path string) (ConnectionInfo, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return ConnectionInfo{}, fmt.Errorf("connection file: %w", err)
	}
	c, err := ParseConnection(data)
	if err != nil {
		return ConnectionInfo{}, fmt.Errorf("%s: %w", path, err)
	}
	return c, nil
}

// WriteConnectionFile writes c as JSON to path, readable by its owner only
// (the file holds the signing key).
func WriteConnectionFile(path string, c ConnectionInfo) error {
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("connection file: %w", err)
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("connection file: %w", err)
	}
	return nil
}

// Validate reports the first problem that would stop a kernel from binding
// the sockets c describes.
func (c ConnectionInfo) Validate() error {
	switch c.Transport {
	case "tcp", "ipc":
	default:
		return fmt.Errorf("connection file: unsupported transport %q (want tcp or ipc)", c.Transport)
	}
	if c.IP == "" {
		return errors.New("connection file: ip is empty")
	}
	if c.SignatureScheme != SignatureScheme {
		return fmt.Errorf("connection file: unsupported signature_scheme %q (want %s)", c.SignatureScheme, SignatureScheme)
	}
	ports := []struct {
		name string
		port int
	}{
		{"shell_port", c.ShellPort}, {"iopub_port", c.IOPubPort}, {"stdin_port", c.StdinPort},
		{"control_port", c.ControlPort}, {"hb_port", c.HBPort},
	}
	seen := make(map[int]string, len(ports))
	for _, p := range ports {
		if p.port <= 0 || p.port > 65535 {
			return fmt.Errorf("connection file: %s %d is out of range 1-65535", p.name, p.port)
		}
		if other, dup := seen[p.port]; dup {
			return fmt.Errorf("connection file: %s and %s share port %d", other, p.name, p.port)
		}
		seen[p.port] = p.name
	}
	return nil
}

// Endpoint returns the ZeroMQ address of the socket on port:
// tcp://ip:port, or ipc://ip-port for the ipc transport.
func (c ConnectionInfo) Endpoint(port int) string {
	if c.Transport == "ipc" {
		return "ipc://" + c.IP + "-" + strconv.Itoa(port)
	}
	return "tcp://" + net.JoinHostPort(c.IP, strconv.Itoa(port))
}

// Endpoints returns the five endpoints: shell, control, stdin, iopub and
// heartbeat.
func (c ConnectionInfo) Endpoints() []string {
	return []string{c.ShellEndpoint(), c.ControlEndpoint(), c.StdinEndpoint(), c.IOPubEndpoint(), c.HeartbeatEndpoint()}
}

// ShellEndpoint is the address of the shell socket.
func (c ConnectionInfo) ShellEndpoint() string { return c.Endpoint(c.ShellPort) }

// IOPubEndpoint is the address of the iopub socket.
func (c ConnectionInfo) IOPubEndpoint() string { return c.Endpoint(c.IOPubPort) }

// StdinEndpoint is the address of the stdin socket.
func (c ConnectionInfo) StdinEndpoint() string { return c.Endpoint(c.StdinPort) }

// ControlEndpoint is the address of the control socket.
func (c ConnectionInfo) ControlEndpoint() string { return c.Endpoint(c.ControlPort) }

// HeartbeatEndpoint is the address of the heartbeat socket.
func (c ConnectionInfo) HeartbeatEndpoint() string { return c.Endpoint(c.HBPort) }
