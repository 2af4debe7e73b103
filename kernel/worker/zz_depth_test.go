package worker

import (
	"testing"
	"time"
)

func TestProbeDepth(t *testing.T) {
	s := startTest(t, Options{})
	run(t, s, `func d(n int) int { if n == 0 { return 0 }; return d(n-1) + 1 }`)
	for _, n := range []string{"10000", "100000", "300000", "1000000"} {
		t0 := time.Now()
		o, _ := run(t, s, "d("+n+")")
		t.Logf("depth %s: %s %s in %v", n, o.Status, o.EValue, time.Since(t0))
		if o.Status != "ok" {
			run(t, s, `func d(n int) int { if n == 0 { return 0 }; return d(n-1) + 1 }`)
		}
	}
}
