package supervisor

import (
	"fmt"
	"strconv"
	"time"

	"github.com/descentlab/descent/internal/memlimit"
	"github.com/descentlab/descent/kernel/worker"
)

// How often the memory watchdog reads the worker's resident memory: often
// while a cell runs (a cell touching memory as fast as it can gains a few
// hundred megabytes in 20 ms), rarely between cells (only goroutines a
// cell left behind can grow it then).
const (
	watchBusy = 20 * time.Millisecond
	watchIdle = 250 * time.Millisecond
)

// goMemLimitEnv is the Go runtime's soft limit: the garbage collector
// works harder as the heap nears it, so that a cell that only makes
// garbage stays under the hard limit.
const goMemLimitEnv = "GOMEMLIMIT"

// softLimit is the GOMEMLIMIT given for a hard limit: 75% of it. Freed
// memory stays resident until the runtime returns it, so a soft limit just
// under the hard one does not keep a cell that churns through pieces a
// fifth of the limit in size under it; 75% does (measured: 100 pieces of
// 100 MB under 512 MiB fail at 90%, pass at 75%).
func softLimit(limit uint64) uint64 { return limit / 4 * 3 }

// memoryEnv returns the environment entries that carry the limit to a
// worker; GOMEMLIMIT is left alone when env sets it already.
func memoryEnv(env []string, limit uint64) []string {
	if limit == 0 {
		return nil
	}
	out := []string{worker.MemoryLimitEnv + "=" + strconv.FormatUint(limit, 10)}
	for _, e := range env {
		if len(e) > len(goMemLimitEnv) && e[:len(goMemLimitEnv)+1] == goMemLimitEnv+"=" {
			return out
		}
	}
	return append(out, goMemLimitEnv+"="+strconv.FormatUint(softLimit(limit), 10))
}

// watchMemory kills p once its resident memory passes the limit, until p
// ends. The Go runtime's own limit is soft, and an allocation that fits in
// the address space but not in memory would otherwise take the machine's
// memory page by page.
func (s *Supervisor) watchMemory(p *process) {
	limit := s.opts.MemoryLimit.Bytes
	t := time.NewTimer(watchBusy)
	defer t.Stop()
	for {
		select {
		case <-p.ended:
			return
		case <-t.C:
		}
		rss, err := residentMemory(p.cmd.Process.Pid)
		if err != nil {
			select {
			case <-p.exited:
				return
			default:
			}
			if !residentMemoryKnown {
				return // this platform cannot tell: the address-space limit and GOMEMLIMIT remain
			}
		}
		if rss > limit {
			p.memoryUsed.Store(rss)
			p.kill(reasonMemory)
			return
		}
		if p.currentCell() != nil {
			t.Reset(watchBusy)
		} else {
			t.Reset(watchIdle)
		}
	}
}

// memoryError is the error of a cell whose worker went over its memory
// limit; used is what the worker was seen using (0 if an allocation
// failed before the watchdog saw it).
func memoryError(limit memlimit.Limit, used uint64) worker.Event {
	value := fmt.Sprintf("out of memory (limit %s)", memlimit.FormatSize(limit.Bytes))
	detail := "an allocation failed: the worker process would have gone over its memory limit"
	if used > 0 {
		detail = fmt.Sprintf("the worker process used %s, over its memory limit", memlimit.FormatSize(used))
	}
	tb := []string{
		value + ": " + detail,
		fmt.Sprintf("The limit is %s; set %s (in the kernelspec's env) to change it.", limit.Why, memlimit.Env),
		"",
		"The worker process was restarted and the variables were lost.",
	}
	return worker.Event{Kind: worker.Error, EName: "MemoryError", EValue: value + ": " + detail, Traceback: tb}
}
