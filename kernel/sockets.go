package kernel

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"

	"github.com/descentlab/descent/kernel/jupyter/messages"
	"github.com/descentlab/descent/kernel/jupyter/transport"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// pubHighWaterMark bounds the IOPub send queue, in messages. The PUB socket
// drops messages silently beyond it, so it is set far above what coalesced
// output produces.
const pubHighWaterMark = 1 << 16

// iopubLinger is how long teardown leaves the IOPub socket open after the
// last message, for the queue to reach subscribers (the socket offers no
// way to observe its queue).
const iopubLinger = 100 * time.Millisecond

// socketLinger bounds how long closing the sockets waits for the messages
// queued for peers to be written.
const socketLinger = 2 * time.Second

// channel is a ROUTER (shell, control, stdin) or REP (heartbeat) socket.
type channel struct {
	name string
	sock zmq4.Socket
}

func (s *Server) bind() error {
	bg := context.Background()
	s.shell = &channel{"shell", zmq4.NewRouter(bg)}
	s.control = &channel{"control", zmq4.NewRouter(bg)}
	s.stdin = &channel{"stdin", zmq4.NewRouter(bg)}
	s.heartbeat = &channel{"hb", zmq4.NewRep(bg)}
	pub := zmq4.NewPub(bg)
	s.iopub = &publisher{sock: pub, codec: s.codec, session: s.session, username: s.username, topic: s.topic, srv: s}
	if err := pub.SetOption(zmq4.OptionHWM, pubHighWaterMark); err != nil {
		s.closeSockets()
		return fmt.Errorf("kernel: iopub high-water mark: %w", err)
	}
	binds := []struct {
		sock     zmq4.Socket
		endpoint string
	}{
		{s.shell.sock, s.info.ShellEndpoint()},
		{s.control.sock, s.info.ControlEndpoint()},
		{s.stdin.sock, s.info.StdinEndpoint()},
		{pub, s.info.IOPubEndpoint()},
		{s.heartbeat.sock, s.info.HeartbeatEndpoint()},
	}
	limits := s.opts.Transport
	if limits.Log == nil {
		limits.Log = s.log
	}
	for _, b := range binds {
		if err := transport.Listen(b.sock, b.endpoint, limits); err != nil {
			s.closeSockets()
			return fmt.Errorf("kernel: bind %s: %w", b.endpoint, err)
		}
		s.bound = append(s.bound, b.endpoint)
	}
	return nil
}

func (s *Server) closeSockets() {
	for _, sock := range []zmq4.Socket{s.shell.sock, s.control.sock, s.stdin.sock, s.heartbeat.sock, s.iopub.sock} {
		if err := sock.Close(); err != nil {
			s.log.Debug("closing a socket", "err", err)
		}
	}
	// zmq4 removes the files of ipc sockets only on its own transport.
	for _, ep := range s.bound {
		transport.RemoveSocketFile(ep)
	}
	// Messages still queued for a peer (the shutdown reply, the last
	// status) are written out before the process may exit.
	if !transport.Drain(socketLinger) {
		s.log.Warn("some messages were still waiting for a front end that does not read when the sockets closed")
	}
}

func (s *Server) isClosing() bool {
	select {
	case <-s.closing:
		return true
	default:
		return false
	}
}

// receive reads ch until the server closes, dropping (and logging) anything
// that is not a well-formed, correctly signed message.
func (s *Server) receive(ch *channel, deliver func(*channel, *wire.Message)) {
	defer s.recvWG.Done()
	for {
		zm, err := ch.sock.Recv()
		if err != nil {
			if s.isClosing() || errors.Is(err, context.Canceled) {
				return
			}
			s.log.Warn("receive failed", "channel", ch.name, "err", err)
			continue
		}
		msg, err := s.codec.Decode(zm.Frames)
		if err != nil {
			s.log.Warn("dropping a malformed message", "channel", ch.name, "frames", len(zm.Frames), "err", err)
			continue
		}
		if msg.Header.MsgType == "" || msg.Header.MsgID == "" {
			s.log.Warn("dropping a message without msg_type or msg_id", "channel", ch.name)
			continue
		}
		if s.codec.Signed() && s.replays.Replayed(wire.Signature(zm.Frames)) {
			// jupyter_client's Session rejects a repeated signature too.
			s.log.Warn("dropping a replayed message: its signature was already seen this session",
				"channel", ch.name, "msg_type", msg.Header.MsgType, "msg_id", msg.Header.MsgID)
			continue
		}
		s.log.Debug("recv", "channel", ch.name, "msg_type", msg.Header.MsgType, "msg_id", msg.Header.MsgID)
		deliver(ch, msg)
	}
}

// echoHeartbeats answers every heartbeat with the same frames.
func (s *Server) echoHeartbeats() {
	defer s.recvWG.Done()
	for {
		m, err := s.heartbeat.sock.Recv()
		if err != nil {
			if s.isClosing() || errors.Is(err, context.Canceled) {
				return
			}
			continue
		}
		if err := s.heartbeat.sock.Send(zmq4.NewMsgFrom(m.Frames...)); err != nil && !s.isClosing() {
			s.log.Debug("heartbeat echo failed", "err", err)
		}
	}
}

// send encodes and sends m on ch.
func (s *Server) send(ch *channel, m *wire.Message) {
	frames, err := s.codec.Encode(m)
	if err != nil {
		s.log.Error("encoding a message", "msg_type", m.Header.MsgType, "err", err)
		return
	}
	if err := ch.sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		s.log.Warn("send failed", "channel", ch.name, "msg_type", m.Header.MsgType, "err", err)
		return
	}
	s.log.Debug("send", "channel", ch.name, "msg_type", m.Header.MsgType, "parent", m.ParentHeader.MsgID)
}

// reply sends a msgType reply to req on the channel req came from.
func (s *Server) reply(ch *channel, req *wire.Message, msgType string, content any) {
	m, err := wire.NewMessage(msgType, s.session, s.username, req.Header, content)
	if err != nil {
		s.log.Error("building a reply", "msg_type", msgType, "err", err)
		return
	}
	m.Identities = req.Identities
	s.send(ch, m)
}

// publish sends an IOPub message whose parent is parent.
func (s *Server) publish(parent wire.Header, msgType string, content any) {
	s.iopub.publish(parent, msgType, content)
}

func (s *Server) publishStatus(parent wire.Header, state string) {
	s.publish(parent, "status", messages.Status{ExecutionState: state})
}

// publisher writes IOPub messages, each with a kernel.<session>.<msg_type>
// topic frame.
type publisher struct {
	sock     zmq4.Socket
	codec    *wire.Codec
	session  string
	username string
	topic    string
	srv      *Server

	mu   sync.Mutex
	last time.Time
}

func (p *publisher) publish(parent wire.Header, msgType string, content any) {
	p.publishMessage(parent, msgType, content, nil, nil)
}

// publishMessage publishes a message with metadata and binary buffers
// (extra frames after the content).
func (p *publisher) publishMessage(parent wire.Header, msgType string, content any, metadata map[string]any, buffers [][]byte) {
	m, err := wire.NewMessage(msgType, p.session, p.username, parent, content)
	if err != nil {
		p.srv.log.Error("building an iopub message", "msg_type", msgType, "err", err)
		return
	}
	m.Metadata, m.Buffers = metadata, buffers
	m.Identities = [][]byte{[]byte(p.topic + msgType)}
	frames, err := p.codec.Encode(m)
	if err != nil {
		p.srv.log.Error("encoding an iopub message", "msg_type", msgType, "err", err)
		return
	}
	p.mu.Lock()
	p.last = time.Now()
	p.mu.Unlock()
	if err := p.sock.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
		p.srv.log.Warn("publish failed", "msg_type", msgType, "err", err)
		return
	}
	p.srv.log.Debug("publish", "msg_type", msgType, "parent", parent.MsgID)
}

// drain gives recently published messages up to linger to leave the queue.
func (p *publisher) drain(linger time.Duration) {
	p.mu.Lock()
	since := time.Since(p.last)
	p.mu.Unlock()
	if since < linger {
		time.Sleep(linger - since)
	}
}
