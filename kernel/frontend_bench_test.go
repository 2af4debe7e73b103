package kernel

import (
	"context"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/client"
)

// The round trips of the front-end requests, client to kernel to worker and
// back over ZeroMQ, with the real interpreter. They print figures; nothing
// asserts on time.

func BenchmarkIsCompleteWhileACellRuns(b *testing.B) {
	k := startInterpreterKernel(b, Options{})
	ctx := context.Background()
	call, err := k.StartExecute("fmt.Println(\"spinning\")\nfor {}", client.ExecuteOptions{})
	if err != nil {
		b.Fatal(err)
	}
	for len(call.Progress().Outputs()) == 0 {
		time.Sleep(time.Millisecond)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r, _, err := k.IsComplete(ctx, "func add(a, b int) int {\n    return a + b"); err != nil || r.Status != "incomplete" {
			b.Fatalf("%+v %v", r, err)
		}
	}
	b.StopTimer()
	if _, err := k.Interrupt(ctx); err != nil {
		b.Fatal(err)
	}
	if _, err := call.Wait(ctx); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkCompleteMemberOfAVariable(b *testing.B) {
	k := startInterpreterKernel(b, Options{})
	ctx := context.Background()
	if _, err := k.Execute(ctx, "opt := optimlib.NewAdam(0.1)", client.ExecuteOptions{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r, _, err := k.Complete(ctx, "opt.Be", 6); err != nil || len(r.Matches) != 2 {
			b.Fatalf("%+v %v", r, err)
		}
	}
}

func BenchmarkInspectAMethod(b *testing.B) {
	k := startInterpreterKernel(b, Options{})
	ctx := context.Background()
	if _, err := k.Execute(ctx, "opt := optimlib.NewAdam(0.1)", client.ExecuteOptions{}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if r, _, err := k.Inspect(ctx, "opt.Step", 8, 0); err != nil || !r.Found {
			b.Fatalf("%+v %v", r, err)
		}
	}
}
