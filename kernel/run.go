package kernel

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/descentlab/descent/kernel/jupyter/wire"
)

// Run serves a kernel until a shutdown request, SIGTERM, the end of ctx or
// the end of the Jupyter process that started it (JPY_PARENT_PID), and
// closes backend when it stops. SIGINT never stops it: it interrupts the
// running cell, as the Interrupt button does (the Go runtime would otherwise
// exit on SIGINT).
func Run(ctx context.Context, info wire.ConnectionInfo, backend Backend, opts Options) error {
	signals := make(chan os.Signal, 8)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	ctx, cancel := watchParent(ctx)
	defer cancel()
	srv, err := Start(info, backend, opts)
	if err != nil {
		return err
	}
	for {
		select {
		case sig := <-signals:
			if sig == os.Interrupt {
				srv.Interrupt()
				continue
			}
			srv.log.Info("terminating on signal", "signal", sig.String())
			return srv.Close()
		case <-ctx.Done():
			srv.log.Info("stopping: the kernel's context ended (or the process that started it is gone)")
			return srv.Close()
		case <-srv.Done():
			return nil
		}
	}
}
