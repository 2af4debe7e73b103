package kernel

import (
	"unicode/utf8"

	"github.com/descentlab/descent/kernel/jupyter/messages"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// isComplete answers is_complete_request from the parser alone.
func (s *Server) isComplete(ch *channel, req *wire.Message) {
	var r messages.IsCompleteRequest
	if err := req.DecodeContent(&r); err != nil {
		s.replyBadRequest(ch, req, "is_complete_reply", err)
		return
	}
	status, indent := IsComplete(r.Code)
	s.reply(ch, req, "is_complete_reply", messages.IsCompleteReply{Status: string(status), Indent: indent})
}

// complete answers complete_request, through the backend when it is a
// Completer; otherwise with no matches.
func (s *Server) complete(ch *channel, req *wire.Message) {
	var r messages.CompleteRequest
	if err := req.DecodeContent(&r); err != nil {
		s.replyBadRequest(ch, req, "complete_reply", err)
		return
	}
	cursor := cursorPos(r.Code, r.CursorPos)
	reply := messages.CompleteReply{Status: "ok", Matches: []string{}, CursorStart: cursor, CursorEnd: cursor, Metadata: map[string]any{}}
	if c, ok := s.backend.(Completer); ok {
		res, err := c.Complete(r.Code, byteOffset(r.Code, cursor))
		if err != nil {
			s.log.Warn("completion failed", "err", err)
		} else {
			if res.Matches != nil {
				reply.Matches = res.Matches
			}
			reply.CursorStart = codePoints(r.Code, res.CursorStart)
			reply.CursorEnd = codePoints(r.Code, res.CursorEnd)
			if res.Metadata != nil {
				reply.Metadata = res.Metadata
			}
			if len(res.Types) == len(reply.Matches) && len(res.Types) > 0 {
				reply.Metadata[typesMetadataKey] = completionTypes(reply.Matches, res.Types, reply.CursorStart, reply.CursorEnd)
			}
		}
	}
	s.reply(ch, req, "complete_reply", reply)
}

// typesMetadataKey is the complete_reply metadata from which JupyterLab
// shows the kind of each match.
const typesMetadataKey = "_jupyter_types_experimental"

// completionType is an entry of the _jupyter_types_experimental list: a
// match, the range it replaces (in code points) and its kind.
type completionType struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
}

// completionTypes pairs each match with its kind.
func completionTypes(matches, kinds []string, start, end int) []completionType {
	out := make([]completionType, len(matches))
	for i, m := range matches {
		out[i] = completionType{Start: start, End: end, Text: m, Type: kinds[i]}
	}
	return out
}

// inspect answers inspect_request, through the backend when it is an
// Inspector; otherwise with found false.
func (s *Server) inspect(ch *channel, req *wire.Message) {
	var r messages.InspectRequest
	if err := req.DecodeContent(&r); err != nil {
		s.replyBadRequest(ch, req, "inspect_reply", err)
		return
	}
	reply := messages.InspectReply{Status: "ok", Data: map[string]any{}, Metadata: map[string]any{}}
	if in, ok := s.backend.(Inspector); ok {
		cursor := cursorPos(r.Code, r.CursorPos)
		res, err := in.Inspect(r.Code, byteOffset(r.Code, cursor), r.DetailLevel)
		if err != nil {
			s.log.Warn("inspection failed", "err", err)
		} else {
			reply.Found = res.Found
			reply.Data = nonNil(res.Data)
			reply.Metadata = nonNil(res.Metadata)
		}
	}
	s.reply(ch, req, "inspect_reply", reply)
}

// cursorPos is the request's cursor in code points, clamped to the code; a
// missing cursor means the end of the code.
func cursorPos(code string, pos *int) int {
	n := utf8.RuneCountInString(code)
	if pos == nil || *pos > n {
		return n
	}
	return max(*pos, 0)
}

// byteOffset converts a cursor counted in Unicode code points (the protocol's
// unit since 5.2) to a byte offset into code.
func byteOffset(code string, points int) int {
	if points <= 0 {
		return 0
	}
	i := 0
	for off := range code {
		if i == points {
			return off
		}
		i++
	}
	return len(code)
}

// codePoints converts a byte offset into code to a count of code points,
// clamping offsets outside the code.
func codePoints(code string, off int) int {
	if off <= 0 {
		return 0
	}
	if off > len(code) {
		off = len(code)
	}
	return utf8.RuneCountInString(code[:off])
}
