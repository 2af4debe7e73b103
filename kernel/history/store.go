package history

import (
	"log/slog"
	"sync"
)

// Entry is one executed cell.
type Entry struct {
	Session int
	Line    int // the cell's execution count
	Input   string
	Output  *string // text/plain of its result, if any
}

// Store keeps the cells executed with store_history: those of this
// session, and with a file, those of earlier sessions, read when the
// kernel starts. Sessions are numbered from 1, across kernels when they
// share the file; a restart in place opens a new session.
type Store struct {
	mu      sync.Mutex
	session int
	entries []Entry      // by session, then in execution order
	file    *historyFile // nil: kept in memory only
	log     *slog.Logger
}

// New returns a history kept in memory only.
func New() *Store { return &Store{session: 1} }

// Open returns the history kept in path, or in memory only when
// path is "" or cannot be used (which is logged: the kernel runs on
// without it). It returns at once; the file is read in the background.
func Open(path string, log *slog.Logger) *Store {
	h := New()
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

// Add records the cell that ran with execution count line, and the
// text/plain of its result if any.
func (h *Store) Add(line int, input string, output *string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	e := Entry{Session: h.session, Line: line, Input: input, Output: output}
	h.entries = append(h.entries, e)
	if h.file != nil {
		if err := h.file.append(e); err != nil && h.log != nil {
			h.log.Warn("writing the history", "err", err)
		}
	}
}

// NewSession starts the next session (a restart in place).
func (h *Store) NewSession() {
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

// Tail returns the last n entries, oldest first.
func (h *Store) Tail(n int) []Entry {
	h.mu.Lock()
	defer h.mu.Unlock()
	if n < 0 {
		n = 0
	}
	if n > len(h.entries) {
		n = len(h.entries)
	}
	return append([]Entry(nil), h.entries[len(h.entries)-n:]...)
}

// Lines returns the entries of session with start <= line < stop (stop <= 0
// means no upper bound). A session <= 0 counts back from the current one.
func (h *Store) Lines(session, start, stop int) []Entry {
	h.mu.Lock()
	defer h.mu.Unlock()
	if session <= 0 {
		session += h.session
	}
	var out []Entry
	for _, e := range h.entries {
		if e.Session == session && e.Line >= start && (stop <= 0 || e.Line < stop) {
			out = append(out, e)
		}
	}
	return out
}

// Search returns the entries whose input matches the glob pattern, oldest
// first: the last n of them when n > 0, and only the latest of identical
// inputs when unique.
func (h *Store) Search(pattern string, n int, unique bool) []Entry {
	h.mu.Lock()
	defer h.mu.Unlock()
	var rev []Entry
	seen := map[string]bool{}
	for i := len(h.entries) - 1; i >= 0; i-- {
		e := h.entries[i]
		if !globMatch(pattern, e.Input) || (unique && seen[e.Input]) {
			continue
		}
		seen[e.Input] = true
		rev = append(rev, e)
		if n > 0 && len(rev) == n {
			break
		}
	}
	out := make([]Entry, len(rev))
	for i, e := range rev {
		out[len(rev)-1-i] = e
	}
	return out
}
