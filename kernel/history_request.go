package kernel

import (
	"github.com/descentlab/descent/kernel/history"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// defaultHistoryTail is the number of entries a tail request without n gets.
const defaultHistoryTail = 10

// historyRequest answers history_request (tail, range, search).
func (s *Server) historyRequest(ch *channel, req *wire.Message) {
	var r historyRequest
	if err := req.DecodeContent(&r); err != nil {
		s.replyBadRequest(ch, req, "history_reply", err)
		return
	}
	var entries []history.Entry
	switch r.HistAccessType {
	case "tail":
		n := defaultHistoryTail
		if r.N != nil {
			n = *r.N
		}
		entries = s.history.Tail(n)
	case "range", "":
		session, start, stop := 0, 0, 0
		if r.Session != nil {
			session = *r.Session
		}
		if r.Start != nil {
			start = *r.Start
		}
		if r.Stop != nil {
			stop = *r.Stop
		}
		entries = s.history.Lines(session, start, stop)
	case "search":
		n := 0
		if r.N != nil {
			n = *r.N
		}
		entries = s.history.Search(r.Pattern, n, r.Unique)
	default:
		s.log.Warn("unknown hist_access_type", "type", r.HistAccessType)
	}
	out := make([]any, 0, len(entries))
	for _, e := range entries {
		if r.Output {
			var o any
			if e.Output != nil {
				o = *e.Output
			}
			out = append(out, []any{e.Session, e.Line, []any{e.Input, o}})
		} else {
			out = append(out, []any{e.Session, e.Line, e.Input})
		}
	}
	s.reply(ch, req, "history_reply", historyReply{Status: "ok", History: out})
}
