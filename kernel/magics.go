package kernel

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/messages"
	"github.com/descentlab/descent/kernel/jupyter/wire"
	"github.com/descentlab/descent/kernel/magic"
)

// kernelCommand runs a cell the kernel answers itself and reports whether
// it did: exit or quit, a magic of the kernel (%help, %version) or an
// unknown magic. The worker's magics (%time, %reset, %who) and Go code go
// on to the backend.
func (s *Server) kernelCommand(ch *channel, req *wire.Message, r messages.ExecuteRequest, count int, store bool) bool {
	if isExitRequest(r.Code) {
		// A console ends on this payload and shuts the kernel down, as
		// after exit in IPython.
		s.reply(ch, req, "execute_reply", messages.ExecuteReplyOK{Status: "ok", ExecutionCount: count,
			Payload: []any{map[string]any{"source": "ask_exit", "keepkernel": false}}, UserExpressions: map[string]any{}})
		return true
	}
	l, ok := magic.Parse(r.Code)
	if !ok {
		return false
	}
	spec, known := magic.Lookup(l.Name)
	if known && spec.Where == magic.InWorker {
		return false
	}
	var text string
	var err error
	switch {
	case !known:
		err = magic.UnknownError{Name: l.Name}
	case l.Args != "" || l.HasCode():
		err = fmt.Errorf("%%%s takes no arguments and no code after it: run the code in another cell", l.Name)
	case l.Name == "help":
		text = magic.Help()
	case l.Name == "version":
		text = s.versions()
	}
	if err != nil {
		e := messages.Error{EName: "UsageError", EValue: err.Error(), Traceback: []string{"UsageError: " + err.Error()}}
		if !r.Silent {
			s.publish(req.Header, "error", e)
		}
		s.reply(ch, req, "execute_reply", messages.ExecuteReplyError{Status: "error", ExecutionCount: count, Error: e})
		if r.StopOnError == nil || *r.StopOnError {
			s.queue.abortExecutes()
		}
	} else {
		if !r.Silent {
			s.publish(req.Header, "stream", messages.Stream{Name: "stdout", Text: text})
		}
		s.reply(ch, req, "execute_reply", messages.ExecuteReplyOK{Status: "ok", ExecutionCount: count, Payload: []any{}, UserExpressions: map[string]any{}})
	}
	if store {
		s.history.Add(count, r.Code, nil)
	}
	return true
}

// isExitRequest reports whether a cell is the word exit or quit (with or
// without parentheses), which a Go cell can only mean as a request to leave
// a console.
func isExitRequest(code string) bool {
	switch strings.TrimSpace(code) {
	case "exit", "quit", "exit()", "quit()":
		return true
	}
	return false
}

// versions is what %version prints: this kernel's descent and Go, and the
// interpreter of the worker that runs the cells.
func (s *Server) versions() string {
	yaegi := "unknown"
	var b strings.Builder
	if r, ok := s.backend.(VersionReporter); ok {
		ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
		defer cancel()
		if v, err := r.WorkerVersions(ctx); err == nil {
			yaegi = v["yaegi"]
			if v["descent"] != s.opts.Version || v["go"] != runtime.Version() {
				fmt.Fprintf(&b, "warning: the worker is descent %s built with %s: install both programs from the same version\n", v["descent"], v["go"])
			}
		}
	}
	return fmt.Sprintf("descent %s\nGo %s\nyaegi %s\nJupyter protocol %s\n%s",
		s.opts.Version, runtime.Version(), yaegi, wire.ProtocolVersion, b.String())
}
