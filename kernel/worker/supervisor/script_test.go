package supervisor

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/descentlab/descent/kernel/display"
	"github.com/descentlab/descent/kernel/display/comm"
	"github.com/descentlab/descent/kernel/worker"
	"github.com/descentlab/descent/kernel/worker/runner"
)

// fakeWorkerEnv makes the test binary run as a worker process whose
// evaluator runs scripts (scriptEvaluator) instead of Go. Being the test
// binary, it carries the race detector when the tests do, so the worker's
// own code is checked too.
const fakeWorkerEnv = "DESCENT_WORKER_TEST_SCRIPT"

// scriptEvaluator runs cells written in a tiny line language, one command
// per line:
//
//	out TEXT    print TEXT and a newline to the interpreted stdout
//	err TEXT    the same on the interpreted stderr
//	raw TEXT    write TEXT and a newline to fd 1 directly, as compiled code does
//	show TEXT   display.Show(TEXT)
//	read        read a line from stdin, print "got: LINE" (or "read error: ERR")
//	par N       N goroutines each print 50 lines and show 5 values at once
//	spin        run until interrupted
//	block       sleep an hour, ignoring interrupts
//	fail TEXT   end the cell with the error TEXT
//	value TEXT  end the cell with the value TEXT
//	counter N   open a comm "test.counter" named N (see counterComm)
//	count N     print "N = COUNT"
//	waitcount N K  wait (interruptibly) until counter N reaches K, print "N reached K"
//	later N     in 50 ms, from a goroutine, send {"later": true} on counter N
//
// It also runs callbacks (Call) and answers comms the front end opens for
// the target "test.echo" by echoing each message back.
type scriptEvaluator struct {
	opts    runner.EvalOptions
	stdin   *bufio.Reader
	mu      sync.Mutex
	running chan struct{} // closed when the last script's goroutine ends
	callCtx context.Context
	counter map[string]*counterComm
}

// counterComm is a comm whose state is a count: a message {"add": K} adds K
// at once (the state change) and asks for a callback that prints
// "N saw COUNT" and sends {"count": COUNT} back; {"spin": true} asks for a
// callback that runs until interrupted.
type counterComm struct {
	s     *scriptEvaluator
	name  string
	c     *comm.Comm
	mu    sync.Mutex
	count int
}

func (k *counterComm) handle(kind comm.Kind, m comm.Message) comm.Work {
	if kind != comm.MsgKind {
		return nil
	}
	if spin, _ := m.Data["spin"].(bool); spin {
		return func() {
			<-k.s.currentCallCtx().Done()
			panic("spinning callback interrupted")
		}
	}
	add, _ := m.Data["add"].(float64)
	k.mu.Lock()
	k.count += int(add)
	k.mu.Unlock()
	return func() {
		n := k.value()
		fmt.Fprintf(k.s.opts.Stdout, "%s saw %d\n", k.name, n)
		k.c.Send(comm.Message{Data: map[string]any{"count": n}})
	}
}

func (k *counterComm) value() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.count
}

func newScriptEvaluator(opts runner.EvalOptions) (runner.Evaluator, error) {
	s := &scriptEvaluator{opts: opts, stdin: bufio.NewReader(opts.Stdin), counter: map[string]*counterComm{}}
	comm.RegisterTarget("test.echo", func(c *comm.Comm, m comm.Message) comm.Work {
		c.Handle(func(kind comm.Kind, m comm.Message) comm.Work {
			if kind == comm.MsgKind {
				c.Send(comm.Message{Data: map[string]any{"echo": m.Data}, Buffers: m.Buffers})
			}
			return nil
		})
		return nil
	})
	return s, nil
}

// Call implements runner.Caller: fn runs in a goroutine of its own, which
// Settle waits for.
func (s *scriptEvaluator) Call(ctx context.Context, fn func()) (err error) {
	done := make(chan any, 1)
	running := make(chan struct{})
	s.mu.Lock()
	s.running, s.callCtx = running, ctx
	s.mu.Unlock()
	go func() {
		defer close(running)
		defer func() { done <- recover() }()
		fn()
	}()
	select {
	case r := <-done:
		if r != nil {
			return fmt.Errorf("%v", r)
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *scriptEvaluator) currentCallCtx() context.Context {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.callCtx
}

type scriptResult struct {
	value    reflect.Value
	hasValue bool
	err      error
}

func (s *scriptEvaluator) Eval(ctx context.Context, cell string) (reflect.Value, bool, error) {
	done := make(chan scriptResult, 1)
	running := make(chan struct{})
	s.mu.Lock()
	s.running = running
	s.mu.Unlock()
	go func() {
		defer close(running)
		v, ok, err := s.run(ctx, cell)
		done <- scriptResult{v, ok, err}
	}()
	select {
	case r := <-done:
		return r.value, r.hasValue, r.err
	case <-ctx.Done():
		return reflect.Value{}, false, ctx.Err()
	}
}

func (s *scriptEvaluator) run(ctx context.Context, cell string) (reflect.Value, bool, error) {
	for _, line := range strings.Split(cell, "\n") {
		cmd, arg, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch cmd {
		case "":
		case "out":
			fmt.Fprintln(s.opts.Stdout, arg)
		case "err":
			fmt.Fprintln(s.opts.Stderr, arg)
		case "raw":
			os.Stdout.WriteString(arg + "\n")
		case "show":
			display.Show(arg)
		case "read":
			l, err := s.stdin.ReadString('\n')
			if err != nil {
				fmt.Fprintln(s.opts.Stdout, "read error:", err)
			} else {
				fmt.Fprint(s.opts.Stdout, "got: ", l)
			}
		case "par":
			n, _ := strconv.Atoi(arg)
			var wg sync.WaitGroup
			for g := 0; g < n; g++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := 0; i < 50; i++ {
						fmt.Fprintf(s.opts.Stdout, "g%d line %d\n", g, i)
						if i%10 == 0 {
							display.Show(fmt.Sprintf("g%d show %d", g, i))
						}
					}
				}()
			}
			wg.Wait()
		case "spin":
			<-ctx.Done()
			return reflect.Value{}, false, ctx.Err()
		case "block":
			time.Sleep(time.Hour)
		case "fail":
			return reflect.Value{}, false, errors.New(arg)
		case "value":
			return reflect.ValueOf(arg), true, nil
		case "counter":
			k := &counterComm{s: s, name: arg}
			k.c = comm.Open("test.counter", comm.Message{Data: map[string]any{"name": arg}}, k.handle)
			s.mu.Lock()
			s.counter[arg] = k
			s.mu.Unlock()
		case "later":
			k := s.counterNamed(arg)
			go func() {
				time.Sleep(50 * time.Millisecond)
				k.c.Send(comm.Message{Data: map[string]any{"later": true}})
			}()
		case "count":
			fmt.Fprintf(s.opts.Stdout, "%s = %d\n", arg, s.counterNamed(arg).value())
		case "waitcount":
			name, target, _ := strings.Cut(arg, " ")
			want, _ := strconv.Atoi(target)
			k := s.counterNamed(name)
			for k.value() < want {
				select {
				case <-ctx.Done():
					return reflect.Value{}, false, ctx.Err()
				case <-time.After(time.Millisecond):
				}
			}
			fmt.Fprintf(s.opts.Stdout, "%s reached %d\n", name, want)
		default:
			return reflect.Value{}, false, fmt.Errorf("unknown command %q", cmd)
		}
	}
	return reflect.Value{}, false, nil
}

func (s *scriptEvaluator) counterNamed(name string) *counterComm {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k := s.counter[name]; k != nil {
		return k
	}
	return &counterComm{s: s, name: name}
}

func (s *scriptEvaluator) Settle(timeout time.Duration) bool {
	s.mu.Lock()
	running := s.running
	s.mu.Unlock()
	if running == nil {
		return true
	}
	select {
	case <-running:
		return true
	case <-time.After(timeout):
		return false
	}
}

func (s *scriptEvaluator) Complete(code string, cursor int) worker.Completion {
	return worker.Completion{Matches: []string{strings.ToUpper(code[:cursor])}, CursorStart: 0, CursorEnd: cursor}
}
