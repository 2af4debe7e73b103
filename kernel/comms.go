package kernel

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/descentlab/descent/kernel/jupyter/messages"
	"github.com/descentlab/descent/kernel/jupyter/wire"
	"github.com/descentlab/descent/kernel/worker"
)

// Comms: the front end's comm messages reach the cells' widgets through the
// backend (Commer), the widgets' messages come back as comm events of the
// cells that create or change them. The order and timing the worker gives
// them is documented in package supervisor.

// Commer is implemented by a backend whose cells can open comms (widgets).
type Commer interface {
	// StartComm hands a message from the front end to the cells' comms at
	// once (messages keep the order of the calls, also relative to
	// Execute) and returns its progress; h receives what the callbacks it
	// triggers produce.
	StartComm(msg worker.CommMessage, h worker.Handler) *worker.CommCall
	// CommInfo lists the open comms, id to target name, of one target or
	// of all ("").
	CommInfo(target string) (map[string]string, error)
	// SetIdleHandler makes f receive the events that belong to no cell
	// and no comm message.
	SetIdleHandler(f func(worker.Event))
}

// routeComm receives a comm_open, comm_msg or comm_close from the front
// end, on the shell receiver's goroutine: it is handed to the backend at
// once, not queued behind a running cell, and wrapped in busy and idle
// whose parent is the message (a front end keeps one widget sync in flight
// until it sees that idle). Callbacks the message triggers publish with
// the message as parent.
func (s *Server) routeComm(ch *channel, req *wire.Message) {
	commer, ok := s.backend.(Commer)
	if !ok {
		s.serve(req, func() { s.commWithoutBackend(req) })
		return
	}
	msg, err := decodeCommMessage(req)
	if err != nil {
		s.serve(req, func() { s.log.Warn("dropping a comm message", "msg_type", req.Header.MsgType, "err", err) })
		return
	}
	s.publishStatus(req.Header, "busy")
	out := &commOutput{own: newCellOutput(s.ctx, s, req, false, false, 0), later: s.background}
	call := commer.StartComm(msg, out)
	go func() {
		select {
		case <-call.Done:
		case <-s.stopReq:
		}
		out.finish()
		if call.Err != nil && msg.Kind == worker.CommOpen {
			// No worker, so no target: the protocol's answer is to
			// close the comm.
			s.publishComm(req.Header, worker.Event{Kind: worker.CommClose, CommID: msg.CommID})
		}
		if call.Err != nil {
			s.log.Debug("comm message not delivered", "msg_type", req.Header.MsgType, "err", call.Err)
		}
		s.publishStatus(req.Header, "idle")
	}()
}

// commOutput publishes what the callbacks of a comm message produce: with
// the message as parent until the message is done (its idle status), with
// no parent after that (callbacks that waited for a running cell), since
// nothing may follow a request's idle.
type commOutput struct {
	own   *cellOutput
	later worker.Handler

	mu   sync.Mutex
	done bool
}

// Event implements worker.Handler.
func (c *commOutput) Event(e worker.Event) {
	c.mu.Lock()
	done := c.done
	c.mu.Unlock()
	if done {
		c.later.Event(e)
		return
	}
	c.own.Event(e)
}

// Input implements worker.Handler: callbacks cannot read input.
func (c *commOutput) Input(string, bool) (string, error) {
	return "", errors.New("input is not available in a widget callback")
}

// finish ends the message's own output, publishing what is pending.
func (c *commOutput) finish() {
	c.mu.Lock()
	c.done = true
	c.mu.Unlock()
	c.own.close()
}

// decodeCommMessage reads a comm message of the front end.
func decodeCommMessage(req *wire.Message) (worker.CommMessage, error) {
	var c messages.CommOpen
	if err := req.DecodeContent(&c); err != nil {
		return worker.CommMessage{}, err
	}
	if c.CommID == "" {
		return worker.CommMessage{}, fmt.Errorf("%s without comm_id", req.Header.MsgType)
	}
	if req.Header.MsgType == "comm_open" && c.TargetName == "" {
		return worker.CommMessage{}, fmt.Errorf("comm_open without target_name")
	}
	return worker.CommMessage{
		Kind:       worker.EventKind(req.Header.MsgType),
		CommID:     c.CommID,
		TargetName: c.TargetName,
		Data:       c.Data,
		Metadata:   req.Metadata,
		Buffers:    req.Buffers,
	}, nil
}

// commWithoutBackend answers comm messages when the backend has no comms:
// a comm_open is closed again, the rest is ignored.
func (s *Server) commWithoutBackend(req *wire.Message) {
	if req.Header.MsgType != "comm_open" {
		s.log.Debug("ignoring a message for an unknown comm", "msg_type", req.Header.MsgType)
		return
	}
	var r messages.CommOpen
	if err := req.DecodeContent(&r); err != nil || r.CommID == "" {
		s.log.Warn("dropping a comm_open without comm_id", "err", err)
		return
	}
	s.log.Debug("closing a comm for an unknown target", "target", r.TargetName)
	s.publish(req.Header, "comm_close", messages.CommClose{CommID: r.CommID, Data: map[string]any{}})
}

// commInfo answers comm_info_request with the backend's open comms, also
// while a cell runs.
func (s *Server) commInfo(ch *channel, req *wire.Message) {
	var r messages.CommInfoRequest
	if err := req.DecodeContent(&r); err != nil {
		s.replyBadRequest(ch, req, "comm_info_reply", err)
		return
	}
	comms := map[string]any{}
	if commer, ok := s.backend.(Commer); ok {
		info, err := commer.CommInfo(r.TargetName)
		if err != nil {
			s.log.Debug("comm info", "err", err)
		}
		for id, target := range info {
			comms[id] = map[string]any{"target_name": target}
		}
	}
	s.reply(ch, req, "comm_info_reply", messages.CommInfoReply{Status: "ok", Comms: comms})
}

// publishComm publishes a comm event of the cells, with its binary buffers
// as extra frames.
func (s *Server) publishComm(parent wire.Header, e worker.Event) {
	data := nonNil(e.Data)
	var content any
	switch e.Kind {
	case worker.CommOpen:
		content = messages.CommOpen{CommID: e.CommID, TargetName: e.TargetName, Data: data}
	case worker.CommMsg, worker.CommClose:
		content = messages.CommMsg{CommID: e.CommID, Data: data}
	default:
		return
	}
	s.iopub.publishMessage(parent, string(e.Kind), content, e.Metadata, e.Buffers)
}

// newBackgroundOutput returns the handler of events that belong to no
// request: a widget a goroutine changes between cells, callbacks that ran
// after their message was done. They are published with no parent.
func newBackgroundOutput(ctx context.Context, s *Server) *cellOutput {
	return newCellOutput(ctx, s, &wire.Message{}, false, false, 0)
}
