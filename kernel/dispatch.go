package kernel

import (
	"fmt"

	"github.com/descentlab/descent/kernel/jupyter/messages"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// serve wraps a request's handling in busy and idle status messages whose
// parent is the request, on every path (a handler that panics included).
func (s *Server) serve(req *wire.Message, handle func()) {
	s.publishStatus(req.Header, "busy")
	defer s.publishStatus(req.Header, "idle")
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("request handler panicked", "msg_type", req.Header.MsgType, "panic", fmt.Sprint(p))
		}
	}()
	handle()
}

// routeShell receives a shell request: is_complete_request is answered at
// once, on the receiving goroutine (it only parses, and a console waits at
// most a second for it), comm messages go to the backend at once, and
// everything else waits its turn in the execution queue.
func (s *Server) routeShell(ch *channel, req *wire.Message) {
	switch req.Header.MsgType {
	case "is_complete_request":
		s.serve(req, func() { s.isComplete(ch, req) })
	case "comm_open", "comm_msg", "comm_close":
		// Not queued: a widget must follow the front end while a cell
		// runs (see routeComm).
		s.routeComm(ch, req)
	case "comm_info_request":
		// Answered by the worker while a cell runs too.
		go s.serve(req, func() { s.commInfo(ch, req) })
	default:
		s.queue.push(ch, req)
	}
}

// handleShell handles one request of the execution queue.
func (s *Server) handleShell(it *queuedRequest) {
	req, ch := it.msg, it.ch
	var stop bool
	s.serve(req, func() {
		if it.aborted {
			s.replyAborted(ch, req)
			return
		}
		switch t := req.Header.MsgType; t {
		case "execute_request":
			s.execute(ch, req)
		case "kernel_info_request":
			s.reply(ch, req, "kernel_info_reply", kernelInfo(s.opts.Version, s.opts.Banner))
		case "complete_request":
			s.complete(ch, req)
		case "inspect_request":
			s.inspect(ch, req)
		case "history_request":
			s.historyRequest(ch, req)
		case "shutdown_request":
			stop = s.shutdown(ch, req)
		default:
			s.log.Warn("ignoring an unknown shell message", "msg_type", t)
		}
	})
	if stop {
		s.requestStop()
	}
}

// handleControl handles a control request on the control receiver's
// goroutine, so that it is answered while a cell runs.
func (s *Server) handleControl(ch *channel, req *wire.Message) {
	var stop bool
	s.serve(req, func() {
		switch t := req.Header.MsgType; t {
		case "kernel_info_request":
			s.reply(ch, req, "kernel_info_reply", kernelInfo(s.opts.Version, s.opts.Banner))
		case "interrupt_request":
			s.Interrupt()
			s.reply(ch, req, "interrupt_reply", messages.StatusReply{Status: "ok"})
		case "shutdown_request":
			stop = s.shutdown(ch, req)
		default:
			s.log.Warn("ignoring an unknown control message", "msg_type", t)
		}
	})
	if stop {
		s.requestStop()
	}
}

// shutdown answers a shutdown_request. It reports whether the server must
// stop (after idle is published); with RestartInPlace a restart request
// restarts the backend instead.
func (s *Server) shutdown(ch *channel, req *wire.Message) bool {
	var r messages.ShutdownRequest
	if err := req.DecodeContent(&r); err != nil {
		s.log.Warn("shutdown_request with unreadable content; shutting down", "err", err)
	}
	if r.Restart && s.opts.RestartInPlace {
		status := "ok"
		if err := s.restartBackend(); err != nil {
			s.log.Error("restart failed", "err", err)
			status = "error"
		}
		s.reply(ch, req, "shutdown_reply", messages.ShutdownReply{Status: status, Restart: true})
		return false
	}
	s.stopForRestart.Store(r.Restart)
	s.reply(ch, req, "shutdown_reply", messages.ShutdownReply{Status: "ok", Restart: r.Restart})
	return true
}

// replyBadRequest answers a request whose content cannot be read.
func (s *Server) replyBadRequest(ch *channel, req *wire.Message, replyType string, err error) {
	s.log.Warn("request with unreadable content", "msg_type", req.Header.MsgType, "err", err)
	s.reply(ch, req, replyType, messages.BadRequestReply{Status: "error", Error: messages.Error{
		EName: "BadRequest", EValue: err.Error(), Traceback: []string{err.Error()},
	}})
}
