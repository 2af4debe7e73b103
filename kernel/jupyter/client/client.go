package client

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
	"github.com/google/uuid"

	"github.com/descentlab/descent/kernel/jupyter/transport"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// Channel names a socket the client sends requests on.
type Channel int

// The channels a client sends on.
const (
	Shell Channel = iota
	Control
	Stdin
)

// String returns the channel's protocol name.
func (c Channel) String() string {
	switch c {
	case Shell:
		return "shell"
	case Control:
		return "control"
	case Stdin:
		return "stdin"
	}
	return fmt.Sprintf("channel(%d)", int(c))
}

// finishedCallsKept is how many finished requests the client remembers, to
// recognise IOPub messages that arrive after their request's idle.
const finishedCallsKept = 1024

// Options tune Connect. The zero value is ready to use.
type Options struct {
	// DialTimeout bounds how long Connect retries while the kernel is not
	// listening yet (default 30 s).
	DialTimeout time.Duration
	// Logger receives diagnostics (default: warnings on stderr).
	Logger *slog.Logger
}

// Client is connected to one kernel. It is safe for concurrent use: several
// requests may be in flight, each collects its own reply and IOPub messages.
type Client struct {
	info     wire.ConnectionInfo
	codec    *wire.Codec
	session  string
	username string
	log      *slog.Logger

	shell, control, stdin, iopub zmq4.Socket

	hbMu sync.Mutex
	hb   zmq4.Socket
	opts Options

	mu        sync.Mutex
	calls     map[string]*Call
	finished  []string
	anomalies []string

	wg        sync.WaitGroup
	closing   chan struct{}
	closeOnce sync.Once
}

// Connect dials the five sockets of info and starts receiving. It does not
// wait for the kernel to answer; see WaitReady.
func Connect(info wire.ConnectionInfo, opts Options) (*Client, error) {
	if err := info.Validate(); err != nil {
		return nil, err
	}
	if opts.DialTimeout <= 0 {
		opts.DialTimeout = 30 * time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	c := &Client{
		info:     info,
		codec:    wire.NewCodec(info.Key),
		session:  uuid.NewString(),
		username: "descent-client",
		log:      opts.Logger,
		opts:     opts,
		calls:    map[string]*Call{},
		closing:  make(chan struct{}),
	}
	id := zmq4.WithID(zmq4.SocketIdentity(c.session))
	bg := context.Background()
	c.shell = zmq4.NewDealer(bg, append(dialOptions(opts.DialTimeout), id)...)
	c.control = zmq4.NewDealer(bg, dialOptions(opts.DialTimeout)...)
	c.stdin = zmq4.NewDealer(bg, append(dialOptions(opts.DialTimeout), id)...)
	c.iopub = zmq4.NewSub(bg, dialOptions(opts.DialTimeout)...)
	dials := []struct {
		sock     zmq4.Socket
		endpoint string
	}{
		{c.shell, info.ShellEndpoint()}, {c.control, info.ControlEndpoint()},
		{c.stdin, info.StdinEndpoint()}, {c.iopub, info.IOPubEndpoint()},
	}
	for _, d := range dials {
		if err := transport.Dial(d.sock, d.endpoint); err != nil {
			c.closeSockets()
			return nil, fmt.Errorf("client: dial %s: %w", d.endpoint, err)
		}
	}
	if err := c.iopub.SetOption(zmq4.OptionSubscribe, ""); err != nil {
		c.closeSockets()
		return nil, fmt.Errorf("client: subscribe to iopub: %w", err)
	}
	c.wg.Add(4)
	go c.receive(c.shell, "shell", c.onReply)
	go c.receive(c.control, "control", c.onReply)
	go c.receive(c.stdin, "stdin", c.onStdin)
	go c.receive(c.iopub, "iopub", c.onIOPub)
	return c, nil
}

func dialOptions(timeout time.Duration) []zmq4.Option {
	const retry = 5 * time.Millisecond
	return []zmq4.Option{
		zmq4.WithDialerRetry(retry),
		zmq4.WithDialerMaxRetries(int(timeout / retry)),
		zmq4.WithDialerTimeout(timeout),
	}
}

// Info returns the connection details the client uses.
func (c *Client) Info() wire.ConnectionInfo { return c.info }

// Session is the session id of the client's messages.
func (c *Client) Session() string { return c.session }

// Codec returns the codec that signs the client's messages, for tests that
// build frames by hand.
func (c *Client) Codec() *wire.Codec { return c.codec }

// Close disconnects from the kernel (it does not shut the kernel down).
func (c *Client) Close() error {
	c.closeOnce.Do(func() {
		close(c.closing)
		c.closeSockets()
		c.wg.Wait()
	})
	return nil
}

func (c *Client) closeSockets() {
	for _, s := range []zmq4.Socket{c.shell, c.control, c.stdin, c.iopub} {
		if s != nil {
			s.Close()
		}
	}
	c.hbMu.Lock()
	if c.hb != nil {
		c.hb.Close()
		c.hb = nil
	}
	c.hbMu.Unlock()
}

func (c *Client) isClosing() bool {
	select {
	case <-c.closing:
		return true
	default:
		return false
	}
}

// Anomalies lists what the client saw that a correct kernel never sends:
// frames that do not decode or verify, replies for requests this client did
// not make (or sent raw), IOPub messages answering such requests of this
// client's session, and IOPub messages published after their request's idle
// status.
func (c *Client) Anomalies() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.anomalies...)
}

func (c *Client) anomaly(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	c.log.Warn("kernel protocol anomaly", "detail", msg)
	c.mu.Lock()
	c.anomalies = append(c.anomalies, msg)
	c.mu.Unlock()
}

func (c *Client) receive(sock zmq4.Socket, name string, deliver func(*wire.Message)) {
	defer c.wg.Done()
	for {
		zm, err := sock.Recv()
		if err != nil {
			if c.isClosing() || errors.Is(err, context.Canceled) {
				return
			}
			// The kernel closed the connection (EOF): nothing more comes
			// from it; keep waiting until Close.
			c.log.Debug("receive", "channel", name, "err", err)
			continue
		}
		m, err := c.codec.Decode(zm.Frames)
		if err != nil {
			c.anomaly("%s: undecodable message: %v", name, err)
			continue
		}
		deliver(m)
	}
}

func (c *Client) onReply(m *wire.Message) {
	call := c.lookup(m.ParentHeader.MsgID)
	if call == nil {
		c.anomaly("reply %s for unknown request %q", m.Header.MsgType, m.ParentHeader.MsgID)
		return
	}
	call.setReply(m)
}

func (c *Client) onIOPub(m *wire.Message) {
	call := c.lookup(m.ParentHeader.MsgID)
	if call == nil {
		// IOPub is shared by every client of the kernel: only messages
		// answering this client's session concern it.
		if m.ParentHeader.Session == c.session {
			c.anomaly("iopub %s for unknown request %q", m.Header.MsgType, m.ParentHeader.MsgID)
		}
		return
	}
	if !call.addIOPub(m) {
		c.anomaly("iopub %s for request %s after its idle status", m.Header.MsgType, call.ID)
	}
}

func (c *Client) onStdin(m *wire.Message) {
	if m.Header.MsgType != "input_request" {
		c.anomaly("unexpected %s on stdin", m.Header.MsgType)
		return
	}
	call := c.lookup(m.ParentHeader.MsgID)
	if call == nil {
		c.anomaly("input_request for unknown request %q", m.ParentHeader.MsgID)
		return
	}
	call.mu.Lock()
	call.inputRequests = append(call.inputRequests, m)
	input := call.input
	call.mu.Unlock()
	if input == nil {
		c.anomaly("input_request for request %s, which allows no input", call.ID)
		return
	}
	var req struct {
		Prompt   string `json:"prompt"`
		Password bool   `json:"password"`
	}
	if err := m.DecodeContent(&req); err != nil {
		c.anomaly("input_request content: %v", err)
		return
	}
	go func() {
		value, err := input(req.Prompt, req.Password)
		if err != nil {
			return // the callback chose not to answer
		}
		reply, err := wire.NewMessage("input_reply", c.session, c.username, m.Header, map[string]string{"value": value})
		if err == nil {
			err = c.sendMessage(Stdin, reply)
		}
		if err != nil {
			c.log.Warn("sending input_reply", "err", err)
		}
	}()
}

func (c *Client) lookup(id string) *Call {
	if id == "" {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls[id]
}

// finish remembers a finished call for a while, then forgets it.
func (c *Client) finish(id string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.finished = append(c.finished, id)
	if len(c.finished) > finishedCallsKept {
		delete(c.calls, c.finished[0])
		c.finished = c.finished[1:]
	}
}

func (c *Client) socket(ch Channel) (zmq4.Socket, error) {
	switch ch {
	case Shell:
		return c.shell, nil
	case Control:
		return c.control, nil
	case Stdin:
		return c.stdin, nil
	}
	return nil, fmt.Errorf("client: unknown channel %v", ch)
}

// SendRaw sends frames as they are on ch, for testing how a kernel treats
// malformed or badly signed messages. Nothing waits for an answer.
func (c *Client) SendRaw(ch Channel, frames [][]byte) error {
	sock, err := c.socket(ch)
	if err != nil {
		return err
	}
	if err := sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		return fmt.Errorf("client: send on %v: %w", ch, err)
	}
	return nil
}

func (c *Client) sendMessage(ch Channel, m *wire.Message) error {
	frames, err := c.codec.Encode(m)
	if err != nil {
		return err
	}
	return c.SendRaw(ch, frames)
}

// NewRequest builds a request of msgType with this client's session.
func (c *Client) NewRequest(msgType string, content any) (*wire.Message, error) {
	return wire.NewMessage(msgType, c.session, c.username, wire.Header{}, content)
}

// Heartbeat sends one ping on the heartbeat channel and waits for the echo.
func (c *Client) Heartbeat(ctx context.Context) error {
	c.hbMu.Lock()
	defer c.hbMu.Unlock()
	if c.hb == nil {
		hb := zmq4.NewReq(context.Background(), dialOptions(c.opts.DialTimeout)...)
		if err := transport.Dial(hb, c.info.HeartbeatEndpoint()); err != nil {
			hb.Close()
			return fmt.Errorf("client: dial heartbeat: %w", err)
		}
		c.hb = hb
	}
	hb := c.hb
	ping := []byte(uuid.NewString())
	done := make(chan error, 1)
	go func() {
		if err := hb.Send(zmq4.NewMsg(ping)); err != nil {
			done <- err
			return
		}
		m, err := hb.Recv()
		if err == nil && (len(m.Frames) != 1 || string(m.Frames[0]) != string(ping)) {
			err = fmt.Errorf("heartbeat echoed %q, sent %q", m.Frames, ping)
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("client: heartbeat: %w", err)
		}
		return nil
	case <-ctx.Done():
		// A REQ socket that lost its reply cannot send again: start over.
		hb.Close()
		c.hb = nil
		return fmt.Errorf("client: heartbeat: %w", ctx.Err())
	}
}
