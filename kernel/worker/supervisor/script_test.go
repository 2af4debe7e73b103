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
type scriptEvaluator struct {
	opts    runner.EvalOptions
	stdin   *bufio.Reader
	mu      sync.Mutex
	running chan struct{} // closed when the last script's goroutine ends
}

func newScriptEvaluator(opts runner.EvalOptions) (runner.Evaluator, error) {
	return &scriptEvaluator{opts: opts, stdin: bufio.NewReader(opts.Stdin)}, nil
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
		default:
			return reflect.Value{}, false, fmt.Errorf("unknown command %q", cmd)
		}
	}
	return reflect.Value{}, false, nil
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
