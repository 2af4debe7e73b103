package goeval

import (
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// When a panic unwinds an interpreted frame, the interpreter writes one line
// to its standard error, e.g. "cell.go:2000002:9: panic: main.f(...)".
// traceFilter sits in front of the cell's stderr, keeps those lines as the
// interpreted stack of the panic and passes everything else through.
type traceFilter struct {
	w      io.Writer
	mu     sync.Mutex
	frames []traceFrame
}

// traceFrame is one interpreted frame that a panic went through.
type traceFrame struct {
	fn     string // e.g. "main.f", "main.func" (a function literal), "main" (top level)
	pos    position
	hasPos bool // false for frames in the interpreter's own sources
}

var traceLineRE = regexp.MustCompile(`^(` + regexp.QuoteMeta(srcFile) + `:)?(\d+):(\d+): panic: (.*)\(\.\.\.\)\r?\n?$`)

func newTraceFilter(w io.Writer) *traceFilter { return &traceFilter{w: w} }

// Write implements io.Writer.
func (t *traceFilter) Write(p []byte) (int, error) {
	if len(p) < 200 && len(p) > 0 {
		if m := traceLineRE.FindSubmatch(p); m != nil {
			l, _ := strconv.Atoi(string(m[2]))
			col, _ := strconv.Atoi(string(m[3]))
			seq, line := decodeLine(l)
			f := traceFrame{fn: string(m[4]), hasPos: len(m[1]) > 0, pos: position{seq: seq, line: line, col: col}}
			t.mu.Lock()
			t.frames = append(t.frames, f)
			t.mu.Unlock()
			return len(p), nil
		}
	}
	return t.w.Write(p)
}

// take returns and forgets the frames recorded so far.
func (t *traceFilter) take() []traceFrame {
	t.mu.Lock()
	defer t.mu.Unlock()
	f := t.frames
	t.frames = nil
	return f
}

// describeFrames renders frames for a CellError traceback, innermost first.
// Top-level frames are left out: the error's Line says where the cell was.
func describeFrames(frames []traceFrame, seq int) []string {
	var out []string
	for _, f := range frames {
		name := strings.TrimPrefix(f.fn, "main.")
		switch {
		case f.fn == "main":
			continue
		case name == "func":
			name = "func literal"
		case name == mainName:
			name = "main"
		case strings.HasPrefix(name, hiddenPrefix):
			continue
		}
		name = versionRE.ReplaceAllString(name, "$1")
		switch {
		case !f.hasPos:
			out = append(out, name)
		case f.pos.seq == seq:
			out = append(out, name+" at line "+strconv.Itoa(f.pos.line)+":"+strconv.Itoa(f.pos.col))
		default:
			out = append(out, name+" at line "+strconv.Itoa(f.pos.line)+":"+strconv.Itoa(f.pos.col)+" of an earlier cell")
		}
	}
	return out
}
