package kernel

import (
	"context"
	"os"
	"strconv"
	"time"
)

// parentPollInterval is how often the kernel checks that the process that
// started it is still there.
const parentPollInterval = time.Second

// watchParent returns a context that ends when the process that started
// the kernel has gone, as ipykernel does. Jupyter's kernel managers say
// who they are in JPY_PARENT_PID; a kernel whose manager crashed (or was
// killed) would otherwise run on, holding its worker and its ports, and
// the output pipes of whatever started the manager. When the variable is
// not set (a kernel started by hand), nothing is watched.
func watchParent(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	want, err := strconv.Atoi(os.Getenv("JPY_PARENT_PID"))
	if err != nil || want <= 1 {
		return ctx, cancel // not started by a manager that said so
	}
	// Started by the manager itself, or through a launcher in between.
	direct := os.Getppid() == want
	go func() {
		t := time.NewTicker(parentPollInterval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				// An orphan is handed to init (or a subreaper): its
				// parent changes. Through a launcher, the manager's
				// process itself is looked for.
				if (direct && os.Getppid() != want) || !processExists(want) {
					cancel()
					return
				}
			}
		}
	}()
	return ctx, cancel
}
