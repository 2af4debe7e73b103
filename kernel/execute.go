package kernel

import (
	"fmt"
	"sort"
	"strings"

	"github.com/descentlab/descent/kernel/jupyter/messages"
	"github.com/descentlab/descent/kernel/jupyter/wire"
	"github.com/descentlab/descent/kernel/worker"
)

// execute runs an execute_request: execute_input, the cell's outputs, then
// execute_reply (idle follows in serve).
func (s *Server) execute(ch *channel, req *wire.Message) {
	var r messages.ExecuteRequest
	if err := req.DecodeContent(&r); err != nil {
		s.reply(ch, req, "execute_reply", messages.ExecuteReplyError{Status: "error", ExecutionCount: s.currentCount(),
			Error: messages.Error{EName: "BadRequest", EValue: err.Error(), Traceback: []string{err.Error()}}})
		s.log.Warn("execute_request with unreadable content", "err", err)
		return
	}
	store := !r.Silent && (r.StoreHistory == nil || *r.StoreHistory)
	stopOnError := r.StopOnError == nil || *r.StopOnError
	count := s.nextCount(store)
	if !r.Silent {
		s.publish(req.Header, "execute_input", messages.ExecuteInput{Code: r.Code, ExecutionCount: count})
	}
	if topic, detail, ok := pageRequest(r.Code); ok {
		s.page(ch, req, r.Code, topic, detail, count, r.Silent, store)
		return
	}
	if s.kernelCommand(ch, req, r, count, store) {
		return
	}

	out := newCellOutput(s.ctx, s, req, r.Silent, r.AllowStdin, count)
	defer out.close() // also on a panic: nothing is published after idle
	outcome := s.runCell(worker.ExecRequest{
		Code: r.Code, AllowStdin: r.AllowStdin, Silent: r.Silent, ExecutionCount: count,
	}, out)
	sawError, errEvent, resultText := out.close()

	if outcome.Status != "ok" {
		e := outcomeError(outcome, errEvent)
		if !sawError && !r.Silent {
			s.publish(req.Header, "error", e)
		}
		s.reply(ch, req, "execute_reply", messages.ExecuteReplyError{Status: "error", ExecutionCount: count, Error: e})
		if store {
			s.history.Add(count, r.Code, nil)
		}
		if stopOnError {
			if n := s.queue.abortExecutes(); n > 0 {
				s.log.Debug("aborting queued cells after an error", "count", n)
			}
		}
		return
	}
	s.reply(ch, req, "execute_reply", messages.ExecuteReplyOK{
		Status: "ok", ExecutionCount: count, Payload: []any{},
		UserExpressions: s.userExpressions(r.UserExpressions, count),
	})
	if store {
		s.history.Add(count, r.Code, resultText)
	}
}

// runCell runs a cell on the backend; a backend that panics fails the cell
// instead of leaving the request unanswered.
func (s *Server) runCell(req worker.ExecRequest, h worker.Handler) (o worker.Outcome) {
	defer func() {
		if p := recover(); p != nil {
			msg := fmt.Sprint(p)
			s.log.Error("the backend panicked", "panic", msg)
			o = worker.Outcome{Status: "error", EName: "KernelError", EValue: "internal error: " + msg}
		}
	}()
	return s.backend.Execute(s.ctx, req, h)
}

// replyAborted answers an execute_request that was queued behind a failed
// cell run with stop_on_error.
func (s *Server) replyAborted(ch *channel, req *wire.Message) {
	if req.Header.MsgType != "execute_request" {
		return
	}
	s.reply(ch, req, "execute_reply", messages.ExecuteReplyAborted{Status: "aborted", ExecutionCount: s.currentCount()})
}

// outcomeError is the error content of a failed cell: the outcome's, or the
// error event's when the outcome leaves fields empty.
func outcomeError(o worker.Outcome, ev worker.Event) messages.Error {
	e := messages.Error{EName: o.EName, EValue: o.EValue, Traceback: o.Traceback}
	if e.EName == "" {
		e.EName = ev.EName
	}
	if e.EValue == "" {
		e.EValue = ev.EValue
	}
	if len(e.Traceback) == 0 {
		e.Traceback = ev.Traceback
	}
	if e.EName == "" {
		e.EName = "Error"
	}
	if len(e.Traceback) == 0 {
		e.Traceback = []string{e.EName + ": " + e.EValue}
	}
	return e
}

// userExpressions evaluates each expression as a silent cell and returns
// its value as a MIME bundle, or its error.
func (s *Server) userExpressions(exprs map[string]string, count int) map[string]any {
	out := make(map[string]any, len(exprs))
	names := make([]string, 0, len(exprs))
	for name := range exprs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		capture := &expressionCapture{}
		oc := s.runCell(worker.ExecRequest{Code: exprs[name], ExecutionCount: count}, capture)
		capture.mu.Lock()
		result, errEv := capture.result, capture.err
		capture.mu.Unlock()
		switch {
		case oc.Status != "ok":
			var ev worker.Event
			if errEv != nil {
				ev = *errEv
			}
			out[name] = messages.UserExpressionError{Status: "error", Error: outcomeError(oc, ev)}
		case result != nil:
			out[name] = messages.UserExpressionOK{Status: "ok", Data: nonNil(result.Data), Metadata: nonNil(result.Metadata)}
		default:
			out[name] = messages.UserExpressionOK{Status: "ok", Data: map[string]any{}, Metadata: map[string]any{}}
		}
	}
	return out
}

// pageRequest recognises the help syntax ?name, name?, ??name and name??
// (Go has no ? operator, so such a cell cannot be Go code). detail is 1 for
// the doubled form.
func pageRequest(code string) (topic string, detail int, ok bool) {
	c := strings.TrimSpace(code)
	switch {
	case strings.HasPrefix(c, "??"):
		topic, detail = c[2:], 1
	case strings.HasPrefix(c, "?"):
		topic = c[1:]
	case strings.HasSuffix(c, "??"):
		topic, detail = c[:len(c)-2], 1
	case strings.HasSuffix(c, "?"):
		topic = c[:len(c)-1]
	default:
		return "", 0, false
	}
	topic = strings.TrimSpace(topic)
	if topic == "" || strings.ContainsAny(topic, "?\n \t") {
		return "", 0, false
	}
	return topic, detail, true
}

// page answers a help request with the inspector's documentation as a
// "page" payload, the way IPython's ? does.
func (s *Server) page(ch *channel, req *wire.Message, code, topic string, detail, count int, silent, store bool) {
	payload := []any{}
	found := false
	if insp, ok := s.backend.(Inspector); ok {
		res, err := insp.Inspect(topic, len(topic), detail)
		if err != nil {
			s.log.Warn("inspect for a help request failed", "topic", topic, "err", err)
		} else if res.Found && len(res.Data) > 0 {
			found = true
			payload = append(payload, map[string]any{"source": "page", "data": res.Data, "start": 0})
		}
	}
	if !found && !silent {
		s.publish(req.Header, "stream", messages.Stream{Name: "stderr", Text: "no documentation found for " + topic + "\n"})
	}
	s.reply(ch, req, "execute_reply", messages.ExecuteReplyOK{
		Status: "ok", ExecutionCount: count, Payload: payload, UserExpressions: map[string]any{},
	})
	if store {
		s.history.Add(count, code, nil)
	}
}
