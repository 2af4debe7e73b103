package supervisor

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/worker"
)

// These tests run the worker's own code (the link, the writers, stdin)
// under the race detector: the worker is this test binary running scripts.

func TestScriptStdoutAndStderrKeepTheirOrder(t *testing.T) {
	s := startScripted(t, Options{})
	code := "out a\nerr b\nout c\nraw d\nerr e\nshow f\nout g\nerr h"
	want := []string{"stdout:a\n", "stderr:b\n", "stdout:c\nd\n", "stderr:e\n", "display_data:f", "stdout:g\n", "stderr:h\n"}
	for i := 0; i < 50; i++ {
		o, events := run(t, s, code)
		if o.Status != "ok" {
			t.Fatalf("outcome %+v", o)
		}
		if got := coalesce(events); !reflect.DeepEqual(got, want) {
			t.Fatalf("run %d: %q\nwant %q", i, got, want)
		}
	}
}

func TestScriptConcurrentOutput(t *testing.T) {
	s := startScripted(t, Options{})
	const goroutines = 8
	o, events := run(t, s, fmt.Sprintf("par %d", goroutines))
	if o.Status != "ok" {
		t.Fatalf("outcome %+v", o)
	}
	var lines, shows []string
	for _, l := range strings.Split(streamText(events, "stdout"), "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	for _, e := range events {
		if e.Kind == worker.Display {
			shows = append(shows, e.Data["text/plain"].(string))
		}
	}
	var wantLines, wantShows []string
	for g := 0; g < goroutines; g++ {
		for i := 0; i < 50; i++ {
			wantLines = append(wantLines, fmt.Sprintf("g%d line %d", g, i))
			if i%10 == 0 {
				wantShows = append(wantShows, fmt.Sprintf("g%d show %d", g, i))
			}
		}
	}
	for _, l := range [][]string{lines, shows, wantLines, wantShows} {
		sort.Strings(l)
	}
	if !reflect.DeepEqual(lines, wantLines) {
		t.Errorf("got %d lines, want %d distinct whole lines", len(lines), len(wantLines))
	}
	if !reflect.DeepEqual(shows, wantShows) {
		t.Errorf("got displays %q, want %q", shows, wantShows)
	}
}

func TestScriptResultsAndErrors(t *testing.T) {
	s := startScripted(t, Options{})
	tests := []struct {
		code   string
		silent bool
		want   []string
		status string
	}{
		{"out x\nvalue hi", false, []string{"stdout:x\n", "execute_result:hi"}, "ok"},
		{"value hi", true, nil, "ok"},
		{"out x\nfail nope", false, []string{"stdout:x\n", "error:<nil>"}, "error"},
	}
	for _, tc := range tests {
		o, events := runRequest(t, s, worker.ExecRequest{Code: tc.code, Silent: tc.silent}, &recorder{})
		if o.Status != tc.status {
			t.Errorf("%q: outcome %+v, want %s", tc.code, o, tc.status)
		}
		if got := coalesce(events); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%q: events %q, want %q", tc.code, got, tc.want)
		}
		if tc.status == "error" && (o.EName != "Error" || o.EValue != "nope" || !reflect.DeepEqual(o.Traceback, []string{"Error: nope"})) {
			t.Errorf("%q: outcome %+v", tc.code, o)
		}
	}
}

func TestScriptStdin(t *testing.T) {
	s := startScripted(t, Options{})
	answers := []string{"one", "two"}
	r := &recorder{answer: func(string) (string, error) {
		a := answers[0]
		answers = answers[1:]
		return a, nil
	}}
	o, events := runRequest(t, s, worker.ExecRequest{Code: "out before\nread\nread", AllowStdin: true}, r)
	if o.Status != "ok" {
		t.Fatalf("outcome %+v", o)
	}
	if got := streamText(events, "stdout"); got != "before\ngot: one\ngot: two\n" {
		t.Errorf("stdout %q", got)
	}
	o, events = runRequest(t, s, worker.ExecRequest{Code: "read"}, &recorder{})
	if got := streamText(events, "stdout"); o.Status != "ok" || got != "read error: "+worker.ErrNoInput.Error()+"\n" {
		t.Errorf("without stdin: outcome %+v, stdout %q", o, got)
	}
}

func TestScriptInterruptWhileWaitingForInput(t *testing.T) {
	s := startScripted(t, Options{})
	asked := make(chan struct{})
	release := make(chan struct{})
	r := &recorder{answer: func(string) (string, error) {
		close(asked)
		<-release // the front end answers only after the interrupt
		return "", fmt.Errorf("interrupted")
	}}
	done := make(chan worker.Outcome, 1)
	go func() {
		done <- s.Execute(context.Background(), worker.ExecRequest{Code: "read\nout after", AllowStdin: true}, r)
	}()
	<-asked
	s.Interrupt()
	close(release)
	if o := <-done; o.EName != "Interrupted" || o.Restarted {
		t.Fatalf("outcome %+v, want Interrupted without a restart", o)
	}
	if o, events := run(t, s, "value still here"); o.Status != "ok" || len(events) != 1 {
		t.Fatalf("next cell: %+v %v", o, kinds(events))
	}
}

func TestScriptStuckCellRestartsWorker(t *testing.T) {
	s := startScripted(t, Options{})
	r, started := notifier()
	done := make(chan worker.Outcome, 1)
	go func() { done <- s.Execute(context.Background(), worker.ExecRequest{Code: "out blocking\nblock"}, r) }()
	<-started
	s.Interrupt()
	o := <-done
	if o.EName != "Interrupted" || !o.Restarted || !strings.Contains(o.EValue, "stuck in compiled code") {
		t.Fatalf("outcome %+v", o)
	}
	if o, _ := run(t, s, "value fresh"); o.Status != "ok" {
		t.Fatalf("next cell: %+v", o)
	}
}

func TestScriptComplete(t *testing.T) {
	s := startScripted(t, Options{})
	c, err := s.Complete("abc", 2)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c, worker.Completion{Matches: []string{"AB"}, CursorStart: 0, CursorEnd: 2}) {
		t.Errorf("completion %+v", c)
	}
	in, err := s.Inspect("abc", 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	if in.Found {
		t.Errorf("inspection %+v from an evaluator that cannot inspect", in)
	}
}
