package kernel

import (
	"github.com/descentlab/descent/kernel/history"
	"github.com/descentlab/descent/kernel/jupyter/messages"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// defaultHistoryTail is the number of entries a tail request without n gets.
const defaultHistoryTail = 10

// messages.HistoryRequest answers history_request (tail, range, search).
func (s *Server) historyRequest(ch *channel, req *wire.Message) {
	var r messages.HistoryRequest
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
	out := make([]messages.HistoryEntry, 0, len(entries))
	for _, e := range entries {
		out = append(out, messages.HistoryEntry{Session: e.Session, Line: e.Line, Input: e.Input, Output: e.Output, WithOutput: r.Output})
	}
	s.reply(ch, req, "history_reply", messages.HistoryReply{Status: "ok", History: out})
}
