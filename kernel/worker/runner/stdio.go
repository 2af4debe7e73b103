package runner

import (
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/descentlab/descent/kernel/worker"
	"github.com/descentlab/descent/kernel/worker/internal/pipe"
)

// The streams interpreted code writes to, as stored in link.lastStream.
const (
	streamNone int32 = iota
	streamStdout
	streamStderr
)

// errInterrupted is what a read of standard input returns when the cell is
// interrupted while it waits.
var errInterrupted = errors.New("input was interrupted")

// textWriter is the writer interpreted output goes to. The text goes
// straight to the process's stdout or stderr pipe, which the supervisor
// reads, so it stays in order with what compiled code writes to the same
// descriptor. When interpreted code switches from one stream to the other,
// the writer first waits for the supervisor to deliver what is pending, so
// that stdout and stderr text keeps its order too.
type textWriter struct {
	link   *link
	stream int32
	file   *os.File
	mu     *sync.Mutex // shared by the stdout and stderr writers
}

// Write writes p to the stream.
func (t *textWriter) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if last := t.link.lastStream.Load(); last != streamNone && last != t.stream {
		// If the kernel process is gone the write below fails too, or the
		// text is lost with it; either way there is nothing to order.
		_, _ = t.link.exchange(pipe.Report{Op: pipe.OpSync}, nil)
	}
	t.link.lastStream.Store(t.stream)
	return t.file.Write(p)
}

// use makes f the file the writer writes to (see stdioGuard).
func (t *textWriter) use(f *os.File) {
	t.mu.Lock()
	t.file = f
	t.mu.Unlock()
}

// inputReader is the standard input of interpreted code: each read that
// finds no buffered text asks the front end for a line, through the
// supervisor, and returns it with a newline.
type inputReader struct {
	link  *link
	cells *cellSlot
	mu    sync.Mutex
	line  []byte // the rest of the last line read
}

// Read implements io.Reader.
func (r *inputReader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.line) == 0 {
		c := r.cells.current()
		if c == nil || !c.allowStdin {
			return 0, worker.ErrNoInput
		}
		a, err := r.link.exchange(pipe.Report{Op: pipe.OpAskInput}, c.ctx.Done())
		if err != nil {
			return 0, err
		}
		if a.Error != "" {
			return 0, fmt.Errorf("input: %s", a.Error)
		}
		r.line = []byte(a.Value + "\n")
	}
	n := copy(p, r.line)
	r.line = r.line[n:]
	return n, nil
}

// reset drops any text left from an earlier cell's input.
func (r *inputReader) reset() {
	r.mu.Lock()
	r.line = nil
	r.mu.Unlock()
}
