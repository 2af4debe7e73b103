package history

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/descentlab/descent/internal/atomicfile"
)

// The history file is JSON lines, appended to by every kernel that uses
// it: a session's first line {"session": 7, "start": "..."} takes its
// number, then each stored cell is {"session": 7, "line": 3, "input":
// "...", "output": "..."}. Writers hold an exclusive lock on a lock file
// next to it while they append or rewrite, each line is written with one
// write to a file opened with O_APPEND, and readers skip lines they cannot
// read, so concurrent kernels neither interleave nor lose lines.

// Bounds of the history file.
const (
	// historyMaxEntries is how many cells the file keeps: when it holds
	// more, the oldest are dropped.
	historyMaxEntries = 10_000
	// historyMaxBytes bounds the file's size the same way.
	historyMaxBytes = 8 << 20
	// historyMaxLine bounds one cell's line: a larger cell (pasted data)
	// is kept for the session only.
	historyMaxLine = 256 << 10
)

// PathIn is where the kernel keeps its history in a Jupyter data
// directory: descent/history.jsonl.
func PathIn(dataDir string) string {
	return filepath.Join(dataDir, "descent", "history.jsonl")
}

// historyLine is one line of the file.
type historyLine struct {
	Session int     `json:"session"`
	Start   string  `json:"start,omitempty"`
	Line    int     `json:"line,omitempty"`
	Input   *string `json:"input,omitempty"`
	Output  *string `json:"output,omitempty"`
}

// historyFile is the history file of one kernel.
type historyFile struct {
	path       string
	maxEntries int
	maxBytes   int64
	written    int64 // bytes appended since the size was last checked
}

func (f *historyFile) lockPath() string { return f.path + ".lock" }

// locked runs fn while holding the file's lock.
func (f *historyFile) locked(fn func() error) error {
	lock, err := os.OpenFile(f.lockPath(), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("open the history lock: %w", err)
	}
	defer lock.Close()
	if err := lockFile(lock); err != nil {
		return fmt.Errorf("lock the history: %w", err)
	}
	defer unlockFile(lock)
	return fn()
}

// open reads the earlier sessions' entries, trims the file to its bounds
// and starts a new session, whose number it returns.
func (f *historyFile) open() (entries []Entry, session int, err error) {
	if err := os.MkdirAll(filepath.Dir(f.path), 0o700); err != nil {
		return nil, 0, fmt.Errorf("create the history directory: %w", err)
	}
	err = f.locked(func() error {
		lines, last, size, err := f.read()
		if err != nil {
			return err
		}
		if len(lines) > f.maxEntries || size > f.maxBytes {
			lines = f.trim(lines)
			if err := f.rewrite(lines, last); err != nil {
				return err
			}
		}
		session = last + 1
		entries = toEntries(lines)
		return f.write(historyLine{Session: session, Start: time.Now().UTC().Format(time.RFC3339)})
	})
	return entries, session, err
}

// newSession starts another session and returns its number.
func (f *historyFile) newSession() (int, error) {
	var session int
	err := f.locked(func() error {
		_, last, _, err := f.read()
		if err != nil {
			return err
		}
		session = last + 1
		return f.write(historyLine{Session: session, Start: time.Now().UTC().Format(time.RFC3339)})
	})
	return session, err
}

// append writes one cell; the file is trimmed when it has grown past its
// bound since the last check.
func (f *historyFile) append(e Entry) error {
	input := e.Input
	l := historyLine{Session: e.Session, Line: e.Line, Input: &input, Output: e.Output}
	return f.locked(func() error {
		if err := f.write(l); err != nil {
			return err
		}
		if f.written < f.maxBytes/4 {
			return nil
		}
		f.written = 0
		lines, last, size, err := f.read()
		if err != nil || (len(lines) <= f.maxEntries && size <= f.maxBytes) {
			return err
		}
		return f.rewrite(f.trim(lines), last)
	})
}

// write appends one line with a single write (the lock is held).
func (f *historyFile) write(l historyLine) error {
	b, err := encodeLine(l)
	if err != nil {
		return err
	}
	if len(b) > historyMaxLine {
		return fmt.Errorf("a cell of %d bytes is too large for the history file", len(b))
	}
	file, err := os.OpenFile(f.path, os.O_CREATE|os.O_RDWR|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("open the history: %w", err)
	}
	if torn(file) {
		// The last line was cut short (a kernel killed while it wrote, a
		// full disk): end it, or this line would be glued to it and lost
		// with it.
		b = append([]byte("\n"), b...)
	}
	_, werr := file.Write(b)
	cerr := file.Close()
	if err := errors.Join(werr, cerr); err != nil {
		return fmt.Errorf("append to the history: %w", err)
	}
	f.written += int64(len(b))
	return nil
}

// torn reports whether file is not empty and does not end with a newline.
func torn(file *os.File) bool {
	st, err := file.Stat()
	if err != nil || st.Size() == 0 {
		return false
	}
	var last [1]byte
	_, err = file.ReadAt(last[:], st.Size()-1)
	return err == nil && last[0] != '\n'
}

// read returns the cells of the file in order, the highest session number
// in it and its size. Lines it cannot read are skipped.
func (f *historyFile) read() (lines []historyLine, last int, size int64, err error) {
	data, err := os.ReadFile(f.path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, 0, 0, nil
	}
	if err != nil {
		return nil, 0, 0, fmt.Errorf("read the history: %w", err)
	}
	for _, raw := range bytes.Split(data, []byte("\n")) {
		var l historyLine
		if len(raw) == 0 || len(raw) > historyMaxLine || json.Unmarshal(raw, &l) != nil || l.Session <= 0 {
			continue
		}
		last = max(last, l.Session)
		if l.Input != nil && l.Line > 0 {
			lines = append(lines, l)
		}
	}
	return lines, last, int64(len(data)), nil
}

// trim keeps the newest cells within the file's bounds.
func (f *historyFile) trim(lines []historyLine) []historyLine {
	if len(lines) > f.maxEntries {
		lines = lines[len(lines)-f.maxEntries:]
	}
	var size int64
	for i := len(lines) - 1; i >= 0; i-- {
		b, _ := encodeLine(lines[i])
		size += int64(len(b))
		if size > f.maxBytes/2 {
			return lines[i+1:]
		}
	}
	return lines
}

// rewrite replaces the file with lines, keeping the session count in a
// first line (the lock is held).
func (f *historyFile) rewrite(lines []historyLine, last int) error {
	var buf bytes.Buffer
	for _, l := range append([]historyLine{{Session: last, Start: time.Now().UTC().Format(time.RFC3339)}}, lines...) {
		b, err := encodeLine(l)
		if err != nil {
			return err
		}
		buf.Write(b)
	}
	if err := atomicfile.Write(f.path, buf.Bytes(), 0o600); err != nil {
		return fmt.Errorf("trim the history: %w", err)
	}
	return nil
}

// encodeLine writes one line of the file, newline included, leaving <, >
// and & readable.
func encodeLine(l historyLine) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(l); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// toEntries converts the file's cells to entries, by session, each
// session's cells in the order they ran.
func toEntries(lines []historyLine) []Entry {
	out := make([]Entry, 0, len(lines))
	for _, l := range lines {
		out = append(out, Entry{Session: l.Session, Line: l.Line, Input: *l.Input, Output: l.Output})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Session < out[j].Session })
	return out
}
