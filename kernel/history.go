package kernel

import (
	"log/slog"
	"sync"

	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// defaultHistoryTail is the number of entries a tail request without n gets.
const defaultHistoryTail = 10

// historyEntry is one executed cell.
type historyEntry struct {
	session int
	line    int // the cell's execution count
	input   string
	output  *string // text/plain of its result, if any
}

// history keeps the cells executed with store_history: those of this
// session, and with a file, those of earlier sessions, read when the
// kernel starts. Sessions are numbered from 1, across kernels when they
// share the file; a restart in place opens a new session.
type history struct {
	mu      sync.Mutex
	session int
	entries []historyEntry // by session, then in execution order
	file    *historyFile   // nil: kept in memory only
	log     *slog.Logger
}

// newHistory returns a history kept in memory only.
func newHistory() *history { return &history{session: 1} }

// openHistory returns the history kept in path, or in memory only when
// path is "" or cannot be used (which is logged: the kernel runs on
// without it). It returns at once; the file is read in the background.
func openHistory(path string, log *slog.Logger) *history {
	h := newHistory()
	h.log = log
	if path == "" {
		return h
	}
	f := &historyFile{path: path, maxEntries: historyMaxEntries, maxBytes: historyMaxBytes}
	// The file is read in the background, holding the lock, which every
	// method takes: a long history (reading 5,000 entries takes ~50 ms)
	// must not delay the kernel's first reply, and the first cell to
	// record itself waits until the earlier sessions are known.
	h.mu.Lock()
	go func() {
		defer h.mu.Unlock()
		entries, session, err := f.open()
		if err != nil {
			log.Warn("the history is kept for this session only", "file", path, "err", err)
			return
		}
		h.file, h.entries, h.session = f, entries, session
	}()
	return h
}

func (h *history) add(line int, input string, output *string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	e := historyEntry{session: h.session, line: line, input: input, output: output}
	h.entries = append(h.entries, e)
	if h.file != nil {
		if err := h.file.append(e); err != nil && h.log != nil {
			h.log.Warn("writing the history", "err", err)
		}
	}
}

// newSession starts the next session (a restart in place).
func (h *history) newSession() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.file != nil {
		if s, err := h.file.newSession(); err == nil {
			h.session = s
			return
		} else if h.log != nil {
			h.log.Warn("numbering a new history session", "err", err)
		}
	}
	h.session++
}

// tail returns the last n entries, oldest first.
func (h *history) tail(n int) []historyEntry {
	h.mu.Lock()
	defer h.mu.Unlock()
	if n < 0 {
		n = 0
	}
	if n > len(h.entries) {
		n = len(h.entries)
	}
	return append([]historyEntry(nil), h.entries[len(h.entries)-n:]...)
}

// lines returns the entries of session with start <= line < stop (stop <= 0
// means no upper bound). A session <= 0 counts back from the current one.
func (h *history) lines(session, start, stop int) []historyEntry {
	h.mu.Lock()
	defer h.mu.Unlock()
	if session <= 0 {
		session += h.session
	}
	var out []historyEntry
	for _, e := range h.entries {
		if e.session == session && e.line >= start && (stop <= 0 || e.line < stop) {
			out = append(out, e)
		}
	}
	return out
}

// search returns the entries whose input matches the glob pattern, oldest
// first: the last n of them when n > 0, and only the latest of identical
// inputs when unique.
func (h *history) search(pattern string, n int, unique bool) []historyEntry {
	h.mu.Lock()
	defer h.mu.Unlock()
	var rev []historyEntry
	seen := map[string]bool{}
	for i := len(h.entries) - 1; i >= 0; i-- {
		e := h.entries[i]
		if !globMatch(pattern, e.input) || (unique && seen[e.input]) {
			continue
		}
		seen[e.input] = true
		rev = append(rev, e)
		if n > 0 && len(rev) == n {
			break
		}
	}
	out := make([]historyEntry, len(rev))
	for i, e := range rev {
		out[len(rev)-1-i] = e
	}
	return out
}

// globMatch matches s against pattern as SQLite's GLOB does, which is what
// IPython's history search uses: * any run, ? one character, [...] a class
// ([^...] negated, a-z ranges), everything else literally.
func globMatch(pattern, s string) bool {
	p, t := []rune(pattern), []rune(s)
	// Iterative matching with backtracking to the last star.
	pi, ti := 0, 0
	starP, starT := -1, 0
	for ti < len(t) {
		if pi < len(p) {
			switch p[pi] {
			case '*':
				starP, starT = pi, ti
				pi++
				continue
			case '?':
				pi++
				ti++
				continue
			case '[':
				if end, ok := matchClass(p, pi, t[ti]); ok {
					pi = end
					ti++
					continue
				}
			default:
				if p[pi] == t[ti] {
					pi++
					ti++
					continue
				}
			}
		}
		if starP < 0 {
			return false
		}
		starT++
		pi, ti = starP+1, starT
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// matchClass matches c against the class starting at p[i] == '['. It returns
// the index after the class and whether c is in it; an unterminated class
// matches a literal '['.
func matchClass(p []rune, i int, c rune) (int, bool) {
	j := i + 1
	negate := j < len(p) && p[j] == '^'
	if negate {
		j++
	}
	in := false
	first := true
	for ; j < len(p); j++ {
		if p[j] == ']' && !first {
			if in != negate {
				return j + 1, true
			}
			return j + 1, false
		}
		first = false
		if j+2 < len(p) && p[j+1] == '-' && p[j+2] != ']' {
			if p[j] <= c && c <= p[j+2] {
				in = true
			}
			j += 2
			continue
		}
		if p[j] == c {
			in = true
		}
	}
	return i + 1, c == '['
}

// historyRequest answers history_request (tail, range, search).
func (s *Server) historyRequest(ch *channel, req *wire.Message) {
	var r historyRequest
	if err := req.DecodeContent(&r); err != nil {
		s.replyBadRequest(ch, req, "history_reply", err)
		return
	}
	var entries []historyEntry
	switch r.HistAccessType {
	case "tail":
		n := defaultHistoryTail
		if r.N != nil {
			n = *r.N
		}
		entries = s.history.tail(n)
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
		entries = s.history.lines(session, start, stop)
	case "search":
		n := 0
		if r.N != nil {
			n = *r.N
		}
		entries = s.history.search(r.Pattern, n, r.Unique)
	default:
		s.log.Warn("unknown hist_access_type", "type", r.HistAccessType)
	}
	out := make([]any, 0, len(entries))
	for _, e := range entries {
		if r.Output {
			var o any
			if e.output != nil {
				o = *e.output
			}
			out = append(out, []any{e.session, e.line, []any{e.input, o}})
		} else {
			out = append(out, []any{e.session, e.line, e.input})
		}
	}
	s.reply(ch, req, "history_reply", historyReply{Status: "ok", History: out})
}
