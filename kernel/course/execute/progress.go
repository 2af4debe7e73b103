package execute

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress writes one line per executed cell,
//
//	[3/12] 01-gradient-descent.ipynb cell 3 ... 0.12s
//
// starting the line when the cell starts and ending it when the cell ends.
// Text the kernel process writes to the same terminal meanwhile goes on a
// line of its own, and the cell's line is written again in full at its end.
type progress struct {
	mu     sync.Mutex
	w      io.Writer
	prefix string
	// open is true while a cell's line is started and not ended.
	open bool
	// broken is true when other text was written after the line started.
	broken bool
	// midLine is true when that other text did not end with a newline.
	midLine bool
}

func newProgress(w io.Writer) *progress {
	if w == nil {
		w = io.Discard
	}
	return &progress{w: w}
}

// start begins the line of cell n of total.
func (p *progress) start(name string, n, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.prefix = fmt.Sprintf("[%d/%d] %s cell %d ... ", n, total, name, n)
	if p.midLine {
		fmt.Fprintln(p.w)
	}
	p.open, p.broken, p.midLine = true, false, false
	fmt.Fprint(p.w, p.prefix)
}

// end finishes the current line with the time the cell took, after its
// outcome when the cell did not go well ("CompileError after 0.02s").
func (p *progress) end(outcome string, took time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.open {
		return
	}
	if p.broken {
		if p.midLine {
			fmt.Fprintln(p.w)
		}
		fmt.Fprint(p.w, p.prefix)
	}
	if outcome != "" {
		outcome += " after "
	}
	fmt.Fprintf(p.w, "%s%.2fs\n", outcome, took.Seconds())
	p.open, p.midLine = false, false
}

// note writes a line of its own (a warning).
func (p *progress) note(format string, args ...any) {
	p.Write([]byte(fmt.Sprintf(format, args...) + "\n"))
}

// Write writes text from elsewhere (the kernel's stderr), on lines of its
// own.
func (p *progress) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.open && !p.broken {
		fmt.Fprintln(p.w)
		p.broken = true
	}
	if len(b) > 0 {
		p.midLine = b[len(b)-1] != '\n'
	}
	return p.w.Write(b)
}
