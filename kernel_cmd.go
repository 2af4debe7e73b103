package main

import (
	"context"
	"fmt"
	"io"

	"github.com/descentlab/descent/install"
	"github.com/descentlab/descent/internal/version"
	"github.com/descentlab/descent/kernel"
	"github.com/descentlab/descent/kernel/history"
	"github.com/descentlab/descent/kernel/jupyter/wire"
	"github.com/descentlab/descent/kernel/worker/supervisor"
)

// The supervisor of the worker process is the kernel's backend, with
// completion and inspection.
var _ interface {
	kernel.Backend
	kernel.Completer
	kernel.Inspector
} = (*supervisor.Supervisor)(nil)

// runKernel serves the kernel of a connection file until shutdown. The
// sockets are bound first and the worker process is started once they
// listen: Jupyter's client connects a few milliseconds after it starts the
// kernel, and a refused connection is retried only 100-200 ms later.
func runKernel(connectionFile string, stderr io.Writer) int {
	info, err := wire.ReadConnectionFile(connectionFile)
	if err != nil {
		fmt.Fprintf(stderr, "descent kernel: %v\n", err)
		return 1
	}
	backend, err := supervisor.New(supervisor.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "descent kernel: %v\n", err)
		return 1
	}
	defer backend.Close()
	opts := kernel.Options{
		Version:     version.Descent(),
		HistoryFile: defaultHistoryFile(),
		Listening: func() {
			if err := backend.Prestart(); err != nil {
				fmt.Fprintf(stderr, "descent kernel: starting the worker: %v\n", err)
			}
		},
	}
	if err := kernel.Run(context.Background(), info, backend, opts); err != nil {
		fmt.Fprintf(stderr, "descent kernel: %v\n", err)
		return 1
	}
	return 0
}

// defaultHistoryFile is where the kernel keeps its history: descent/
// history.jsonl in the user's Jupyter data directory ($JUPYTER_DATA_DIR,
// or the platform's default), or "" when there is none.
func defaultHistoryFile() string {
	dir, err := install.DataDir(install.User, "")
	if err != nil {
		return ""
	}
	return history.PathIn(dir)
}
