package display_test

import (
	"fmt"
	"testing"
	"time"
)

// BenchmarkLiveFramesThroughKernel measures live figure frames end to end:
// a cell in the real kernel runs Adam on Rosenbrock with display.NewLive,
// and the Go client counts the update_display_data messages that reach it.
//
//   - paced: 3,000 steps at 1,000 steps/s, frames at the default interval
//     (what a student sees); frames/s is the updates over the cell's wall
//     time in the client, stream-frames/s the running frames over the time
//     between the first and the last of them (kernel header dates).
//   - unthrottled: a frame at every one of 200 steps, as fast as the
//     kernel carries them: the capacity of the whole pipeline (render,
//     encode, worker pipe, kernel, ZeroMQ, client).
//
// Run it with -benchtime 1x (each iteration is a whole cell).
func BenchmarkLiveFramesThroughKernel(b *testing.B) {
	for _, bc := range []struct {
		name  string
		setup string
		steps int
	}{
		{name: "paced", setup: "live.SetPace(1000)", steps: 3000},
		{name: "unthrottled", setup: "live.Figure().SetInterval(0)", steps: 200},
	} {
		b.Run(bc.name, func(b *testing.B) {
			k := startKernel(b)
			code := fmt.Sprintf(`benchLand := optimlib.Rosenbrock(2)
live := display.NewLive(benchLand, "Adam")
%s
optimlib.Run(benchLand, optimlib.NewAdam(0.05), benchLand.Start, optimlib.RunConfig{MaxSteps: %d, Callback: live.Callback})
live.Done()`, bc.setup, bc.steps)
			execute(b, k, code) // warm up: compile, landscape cache
			var updates, running, bytes int
			var wall, stream time.Duration
			for b.Loop() {
				begin := time.Now()
				res := execute(b, k, code)
				wall += time.Since(begin)
				var first time.Time
				var dates []time.Time // of the updates
				for _, m := range res.Outputs() {
					d, err := headerDate(m)
					if err != nil {
						b.Fatal(err)
					}
					switch m.Header.MsgType {
					case "display_data":
						first = d
					case "update_display_data":
						dates = append(dates, d)
						bytes += len(m.Content)
					}
				}
				updates += len(dates)
				// The running frames are every update but the final one.
				if n := len(dates) - 1; n > 0 && !first.IsZero() {
					running += n
					stream += dates[n-1].Sub(first)
				}
			}
			b.ReportMetric(float64(updates)/wall.Seconds(), "frames/s")
			if stream > 0 {
				b.ReportMetric(float64(running)/stream.Seconds(), "stream-frames/s")
			}
			b.ReportMetric(float64(updates)/float64(b.N), "updates/cell")
			b.ReportMetric(float64(bytes)/float64(updates)/1024, "KiB/frame")
		})
	}
}
