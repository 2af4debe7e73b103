package runner

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/descentlab/descent/kernel/worker"
)

// nameErr is a JupyterError for the tests.
type nameErr struct {
	name, value string
	tb          []string
}

func (e nameErr) Error() string            { return e.name + ": " + e.value }
func (e nameErr) ErrorName() string        { return e.name }
func (e nameErr) ErrorValue() string       { return e.value }
func (e nameErr) ErrorTraceback() []string { return e.tb }

func TestErrorEvent(t *testing.T) {
	tests := []struct {
		name        string
		err         error
		interrupted bool
		want        worker.Event
	}{
		{"cell error", nameErr{"CompileError", "undefined: x", []string{"1:1: undefined: x", "x", "^"}}, false, worker.Event{Kind: worker.Error, EName: "CompileError", EValue: "undefined: x", Traceback: []string{"1:1: undefined: x", "x", "^"}}},
		{"wrapped cell error without traceback", fmt.Errorf("eval: %w", nameErr{"Panic", "boom", nil}), false, worker.Event{Kind: worker.Error, EName: "Panic", EValue: "boom", Traceback: []string{"Panic: boom"}}},
		{"plain error", errors.New("bad"), false, worker.Event{Kind: worker.Error, EName: "Error", EValue: "bad", Traceback: []string{"Error: bad"}}},
		{"cancelled", context.Canceled, false, worker.Event{Kind: worker.Error, EName: "Interrupted", EValue: "context canceled", Traceback: []string{"Interrupted: context canceled"}}},
		{"any error of an interrupted cell", errors.New("stopped"), true, worker.Event{Kind: worker.Error, EName: "Interrupted", EValue: "stopped", Traceback: []string{"Interrupted: stopped"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := errorEvent(tc.err, tc.interrupted); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("errorEvent = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestExitCode(t *testing.T) {
	tests := []struct {
		msg  string
		code int
		ok   bool
	}{
		{"os.Exit(3)", 3, true},
		{"panic: os.Exit(0)", 0, true},
		{" os.Exit(12)\n", 12, true},
		{"os.Exit(x)", 0, false},
		{"panic: boom", 0, false},
		{"called os.Exit(3) twice", 0, false},
	}
	for _, tc := range tests {
		code, ok := exitCode(tc.msg)
		if code != tc.code || ok != tc.ok {
			t.Errorf("exitCode(%q) = %d, %v; want %d, %v", tc.msg, code, ok, tc.code, tc.ok)
		}
	}
}
