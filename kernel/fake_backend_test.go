package kernel

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/descentlab/descent/kernel/worker"
)

// fakeBackend stands in for the worker. A cell is a list of commands, one a
// line:
//
//	print TEXT          stdout TEXT\n
//	eprint TEXT         stderr TEXT\n
//	lines N             N stdout events "line i\n", i = 1..N
//	bytes TEXT          TEXT\n on stdout, one byte per event
//	big N CHAR          one stdout event of N times CHAR
//	result TEXT         the cell's value (text/plain TEXT)
//	display TEXT        display_data (text/plain and text/html)
//	clear               clear_output
//	set NAME VALUE      define a variable
//	fail NAME MSG       an error event, then the cell fails
//	failquiet NAME MSG  the cell fails without an error event
//	input PROMPT        read a line, then print "got LINE"
//	sleep               block until interrupted (then fail: Interrupted)
//	block GATE          block until the test opens GATE
//	panic               the backend itself panics (a bug)
//	NAME                a lone name evaluates a variable (user_expressions)
type fakeBackend struct {
	mu         sync.Mutex
	vars       map[string]string
	requests   []worker.ExecRequest
	running    chan struct{} // closed by Interrupt for the running cell
	gates      map[string]chan struct{}
	started    chan string // receives each cell's code as it starts
	interrupts int
	restarts   int
	closes     int
	closed     chan struct{}
}

func newFakeBackend() *fakeBackend {
	return &fakeBackend{
		vars:    map[string]string{},
		gates:   map[string]chan struct{}{},
		started: make(chan string, 100),
		closed:  make(chan struct{}),
	}
}

func (f *fakeBackend) gate(name string) chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	g, ok := f.gates[name]
	if !ok {
		g = make(chan struct{})
		f.gates[name] = g
	}
	return g
}

// open releases the cells blocked on gate name.
func (f *fakeBackend) open(name string) { close(f.gate(name)) }

func (f *fakeBackend) Execute(ctx context.Context, req worker.ExecRequest, h worker.Handler) worker.Outcome {
	f.mu.Lock()
	f.requests = append(f.requests, req)
	interrupted := make(chan struct{})
	f.running = interrupted
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.running = nil
		f.mu.Unlock()
	}()
	select {
	case f.started <- req.Code:
	default:
	}
	for _, line := range strings.Split(req.Code, "\n") {
		cmd, arg, _ := strings.Cut(line, " ")
		switch cmd {
		case "":
		case "print":
			h.Event(worker.Event{Kind: worker.Stream, Stream: "stdout", Text: arg + "\n"})
		case "eprint":
			h.Event(worker.Event{Kind: worker.Stream, Stream: "stderr", Text: arg + "\n"})
		case "lines":
			n, _ := strconv.Atoi(arg)
			for i := 1; i <= n; i++ {
				h.Event(worker.Event{Kind: worker.Stream, Stream: "stdout", Text: "line " + strconv.Itoa(i) + "\n"})
			}
		case "bytes":
			b := []byte(arg + "\n")
			for i := range b {
				h.Event(worker.Event{Kind: worker.Stream, Stream: "stdout", Text: string(b[i : i+1])})
			}
		case "big":
			nStr, char, _ := strings.Cut(arg, " ")
			n, _ := strconv.Atoi(nStr)
			h.Event(worker.Event{Kind: worker.Stream, Stream: "stdout", Text: strings.Repeat(char, n)})
		case "result":
			if !req.Silent {
				h.Event(worker.Event{Kind: worker.Result, Data: map[string]any{"text/plain": arg}})
			}
		case "display":
			h.Event(worker.Event{Kind: worker.Display, Data: map[string]any{"text/plain": arg, "text/html": "<b>" + arg + "</b>"}, DisplayID: "d1"})
		case "clear":
			h.Event(worker.Event{Kind: worker.ClearOutput, Wait: true})
		case "set":
			name, value, _ := strings.Cut(arg, " ")
			f.mu.Lock()
			f.vars[name] = value
			f.mu.Unlock()
		case "fail":
			name, msg, _ := strings.Cut(arg, " ")
			tb := []string{name + ": " + msg, "  at cell line 1"}
			h.Event(worker.Event{Kind: worker.Error, EName: name, EValue: msg, Traceback: tb})
			return worker.Outcome{Status: "error", EName: name, EValue: msg, Traceback: tb}
		case "failquiet":
			name, msg, _ := strings.Cut(arg, " ")
			return worker.Outcome{Status: "error", EName: name, EValue: msg, Restarted: true}
		case "input":
			v, err := h.Input(arg, false)
			if err != nil {
				return f.fail(h, "InputError", err.Error())
			}
			h.Event(worker.Event{Kind: worker.Stream, Stream: "stdout", Text: "got " + v + "\n"})
		case "panic":
			panic("a bug in the backend")
		case "sleep":
			select {
			case <-interrupted:
				return f.fail(h, "Interrupted", "the cell was interrupted")
			case <-f.closed:
				return f.fail(h, "Closed", "the backend was closed")
			case <-ctx.Done():
				return f.fail(h, "Closed", "the kernel is shutting down")
			}
		case "block":
			select {
			case <-f.gate(arg):
			case <-f.closed:
				return f.fail(h, "Closed", "the backend was closed")
			}
		default:
			if isName(line) {
				f.mu.Lock()
				v, ok := f.vars[line]
				f.mu.Unlock()
				if !ok {
					return f.fail(h, "NameError", "undefined: "+line)
				}
				h.Event(worker.Event{Kind: worker.Result, Data: map[string]any{"text/plain": v}})
				continue
			}
			return f.fail(h, "SyntaxError", fmt.Sprintf("unknown command %q", cmd))
		}
	}
	return worker.Outcome{Status: "ok"}
}

func (f *fakeBackend) fail(h worker.Handler, name, msg string) worker.Outcome {
	h.Event(worker.Event{Kind: worker.Error, EName: name, EValue: msg, Traceback: []string{name + ": " + msg}})
	return worker.Outcome{Status: "error", EName: name, EValue: msg, Traceback: []string{name + ": " + msg}}
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
			return false
		}
	}
	return true
}

func (f *fakeBackend) Interrupt() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.interrupts++
	if f.running != nil {
		close(f.running)
		f.running = nil
	}
}

func (f *fakeBackend) Restart() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.restarts++
	f.vars = map[string]string{}
	return nil
}

func (f *fakeBackend) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.closes++
	if f.closes == 1 {
		close(f.closed)
	}
	return nil
}

// executed returns the code of every cell the backend ran.
func (f *fakeBackend) executed() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, r := range f.requests {
		out = append(out, r.Code)
	}
	return out
}

func (f *fakeBackend) counts() (interrupts, restarts, closes int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.interrupts, f.restarts, f.closes
}

// introspectingBackend adds completion and inspection over the variables.
type introspectingBackend struct {
	*fakeBackend
	lastCursor int
}

// Complete completes the identifier that ends at cursorByte with the names
// of the defined variables.
func (b *introspectingBackend) Complete(code string, cursorByte int) (worker.Completion, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.lastCursor = cursorByte
	start := identStart(code, cursorByte)
	prefix := code[start:cursorByte]
	var matches []string
	for name := range b.vars {
		if strings.HasPrefix(name, prefix) {
			matches = append(matches, name)
		}
	}
	return worker.Completion{Matches: matches, CursorStart: start, CursorEnd: cursorByte}, nil
}

// Inspect describes the variable around cursorByte.
func (b *introspectingBackend) Inspect(code string, cursorByte, detail int) (worker.Inspection, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.lastCursor = cursorByte
	start := identStart(code, cursorByte)
	end := cursorByte
	for end < len(code) {
		r := []rune(code[end:])[0]
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' {
			break
		}
		end += len(string(r))
	}
	name := code[start:end]
	v, ok := b.vars[name]
	if !ok {
		return worker.Inspection{}, nil
	}
	return worker.Inspection{Found: true, Data: map[string]any{"text/plain": fmt.Sprintf("%s = %s (detail %d)", name, v, detail)}}, nil
}

// cursor returns the byte cursor of the last completion or inspection.
func (b *introspectingBackend) cursor() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.lastCursor
}

func identStart(code string, cursorByte int) int {
	start := cursorByte
	for start > 0 {
		r := []rune(code[:start])
		last := r[len(r)-1]
		if !unicode.IsLetter(last) && !unicode.IsDigit(last) && last != '_' {
			break
		}
		start -= len(string(last))
	}
	return start
}
