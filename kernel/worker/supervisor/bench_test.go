package supervisor

import (
	"context"
	"fmt"
	"testing"

	"github.com/descentlab/descent/kernel/worker"
)

// discard is a Handler that counts events.
type discard struct{ n int }

func (d *discard) Event(worker.Event)                 { d.n++ }
func (d *discard) Input(string, bool) (string, error) { return "", fmt.Errorf("no input") }

func benchSupervisor(b *testing.B) *Supervisor {
	b.Helper()
	s, err := Start(Options{Path: testWorkerBin, Args: []string{}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if o := s.Execute(context.Background(), worker.ExecRequest{Code: "0"}, &discard{}); o.Status != "ok" {
		b.Fatalf("warm-up cell: %+v", o)
	}
	return s
}

// BenchmarkExecuteCell measures a whole trivial cell: request, evaluation,
// result event, outcome. The worker is restarted (off the clock) every 1000
// cells: the interpreter numbers cell lines in a way that runs out after
// about a thousand cells.
func BenchmarkExecuteCell(b *testing.B) {
	s := benchSupervisor(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%1000 == 999 {
			b.StopTimer()
			if err := s.Restart(); err != nil {
				b.Fatal(err)
			}
			s.Execute(context.Background(), worker.ExecRequest{Code: "0"}, &discard{})
			b.StartTimer()
		}
		if o := s.Execute(context.Background(), worker.ExecRequest{Code: "1 + 1"}, &discard{}); o.Status != "ok" {
			b.Fatal(o)
		}
	}
}

// benchLoop runs one cell that does body b.N times and reports per
// iteration.
func benchLoop(b *testing.B, body string) {
	s := benchSupervisor(b)
	code := fmt.Sprintf("for i := 0; i < %d; i++ { %s }", b.N, body)
	b.ResetTimer()
	d := &discard{}
	if o := s.Execute(context.Background(), worker.ExecRequest{Code: code}, d); o.Status != "ok" {
		b.Fatal(o)
	}
	b.StopTimer()
	b.ReportMetric(float64(d.n)/float64(b.N), "events/op")
}

// BenchmarkDisplayEvent measures display.Show(i): the event goes to the
// supervisor and the worker waits for its ack.
func BenchmarkDisplayEvent(b *testing.B) { benchLoop(b, "display.Show(i)") }

// BenchmarkPrintLine measures an interpreted fmt.Println.
func BenchmarkPrintLine(b *testing.B) { benchLoop(b, "fmt.Println(i)") }

// BenchmarkStreamSwitch measures printing alternately to stdout and stderr,
// which costs an ack per switch to keep the order.
func BenchmarkStreamSwitch(b *testing.B) {
	benchLoop(b, `fmt.Println(i); log.Print(i)`)
}

// BenchmarkEmptyLoop is the interpreter's own cost, for comparison.
func BenchmarkEmptyLoop(b *testing.B) { benchLoop(b, "_ = i") }

// BenchmarkWorkerStart measures starting a worker and running its first
// cell.
func BenchmarkWorkerStart(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s, err := Start(Options{Path: testWorkerBin, Args: []string{}})
		if err != nil {
			b.Fatal(err)
		}
		if o := s.Execute(context.Background(), worker.ExecRequest{Code: "1"}, &discard{}); o.Status != "ok" {
			b.Fatal(o)
		}
		s.Close()
	}
}
