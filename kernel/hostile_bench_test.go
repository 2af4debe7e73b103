package kernel

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/client"
)

// BenchmarkRoundTripsBesideAStalledFrontEnd measures a front end's
// heartbeat and control round trips while a cell prints 20 MB at a time,
// alone and beside a front end that stopped reading (which the kernel
// would otherwise wait for, up to the 30 s write timeout, for every
// message). It prints the percentiles; run it with -benchtime=2000x.
func BenchmarkRoundTripsBesideAStalledFrontEnd(b *testing.B) {
	for _, stalled := range []bool{false, true} {
		name := "alone"
		if stalled {
			name = "beside a stalled front end"
		}
		b.Run(name, func(b *testing.B) {
			k := startProcessKernel(b)
			ctx := context.Background()
			if stalled {
				stalledFrontEnd(b, k.Info(), 5000)
				// Shell is served in order: once this is answered, so
				// are the stalled front end's requests, and their replies
				// wait for it.
				if _, err := k.KernelInfo(ctx, client.Shell); err != nil {
					b.Fatal(err)
				}
			}
			stop := make(chan struct{})
			printed := make(chan int, 1)
			go func() {
				n := 0
				for {
					select {
					case <-stop:
						printed <- n
						return
					default:
					}
					if _, err := k.Execute(ctx, "big 20000000 x", client.ExecuteOptions{}); err != nil {
						printed <- n
						return
					}
					n++
				}
			}()
			var hb, ctl []time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				if err := k.Heartbeat(ctx); err != nil {
					b.Fatal(err)
				}
				hb = append(hb, time.Since(start))
				start = time.Now()
				if _, err := k.KernelInfo(ctx, client.Control); err != nil {
					b.Fatal(err)
				}
				ctl = append(ctl, time.Since(start))
			}
			b.StopTimer()
			close(stop)
			cells := <-printed
			report := func(what string, d []time.Duration) {
				slices.Sort(d)
				p := func(q float64) time.Duration { return d[min(len(d)-1, int(q*float64(len(d))))] }
				b.ReportMetric(float64(p(0.5).Microseconds()), what+"-p50-µs")
				b.ReportMetric(float64(p(0.99).Microseconds()), what+"-p99-µs")
				b.ReportMetric(float64(d[len(d)-1].Microseconds()), what+"-max-µs")
			}
			report("heartbeat", hb)
			report("control", ctl)
			b.ReportMetric(float64(cells), "cells-of-20MB")
		})
	}
}
