package kernel

import (
	"context"
	"io"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/client"
	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// reportPercentiles adds p50, p90 and p99 of durations to the benchmark.
func reportPercentiles(b *testing.B, durations []time.Duration, unit string, scale time.Duration) {
	if len(durations) == 0 {
		return
	}
	sort.Slice(durations, func(i, j int) bool { return durations[i] < durations[j] })
	at := func(p float64) float64 {
		return float64(durations[int(p*float64(len(durations)-1))]) / float64(scale)
	}
	b.ReportMetric(at(0.50), "p50-"+unit)
	b.ReportMetric(at(0.90), "p90-"+unit)
	b.ReportMetric(at(0.99), "p99-"+unit)
}

// BenchmarkExecuteRoundTrip measures a trivial cell from execute_request to
// its idle status, through ZeroMQ, with a backend that answers at once.
func BenchmarkExecuteRoundTrip(b *testing.B) {
	k := startKernel(b, newFakeBackend(), kernelSetup{opts: Options{Logger: NewLogger(io.Discard, false)}})
	ctx := context.Background()
	for range 50 {
		if _, err := k.Execute(ctx, "result 2", client.ExecuteOptions{SkipHistory: true}); err != nil {
			b.Fatal(err)
		}
	}
	var durations []time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		res, err := k.Execute(ctx, "result 2", client.ExecuteOptions{SkipHistory: true})
		durations = append(durations, time.Since(start))
		if err != nil || res.Status != "ok" {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportPercentiles(b, durations, "ms", time.Millisecond)
}

// BenchmarkStartInProcess measures binding a server and connecting a client
// until the first kernel_info_reply and IOPub message.
func BenchmarkStartInProcess(b *testing.B) {
	var durations []time.Duration
	for b.Loop() {
		start := time.Now()
		k, err := client.StartInProcess(context.Background(), func(info wire.ConnectionInfo) (io.Closer, error) {
			return Start(info, newFakeBackend(), Options{Logger: NewLogger(io.Discard, false)})
		}, client.LaunchOptions{})
		if err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(start))
		b.StopTimer()
		k.Close()
		b.StartTimer()
	}
	reportPercentiles(b, durations, "ms", time.Millisecond)
}

// BenchmarkStartProcess measures a kernel process (this test binary serving
// the fake backend) from exec to the first kernel_info_reply.
func BenchmarkStartProcess(b *testing.B) {
	var durations []time.Duration
	for b.Loop() {
		start := time.Now()
		k, err := client.StartProcess(context.Background(), []string{os.Args[0], "{connection_file}"}, client.LaunchOptions{
			Env: []string{helperEnv + "=1"},
		})
		if err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(start))
		b.StopTimer()
		k.Close()
		b.StartTimer()
	}
	reportPercentiles(b, durations, "ms", time.Millisecond)
}
