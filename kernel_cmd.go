package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/descentlab/descent/install"
	"github.com/descentlab/descent/internal/memlimit"
	"github.com/descentlab/descent/internal/version"
	"github.com/descentlab/descent/kernel"
	"github.com/descentlab/descent/kernel/history"
	"github.com/descentlab/descent/kernel/jupyter/transport"
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
	machine := memlimit.ReadMachine()
	limit, err := machine.Decide(os.Getenv(memlimit.Env))
	if err != nil {
		limit = machine.Default()
		fmt.Fprintf(stderr, "descent kernel: %v; the worker's memory limit is the default\n", err)
	}
	if limit.Bytes > 0 {
		fmt.Fprintf(stderr, "descent kernel: the worker's memory limit is %s (%s)\n", memlimit.FormatSize(limit.Bytes), limit.Why)
	} else {
		fmt.Fprintf(stderr, "descent kernel: the worker has no memory limit (%s)\n", limit.Why)
	}
	backend, err := supervisor.New(supervisor.Options{MemoryLimit: limit})
	if err != nil {
		fmt.Fprintf(stderr, "descent kernel: %v\n", err)
		return 1
	}
	defer backend.Close()
	opts := kernel.Options{
		Transport:   transport.Limits{MaxMessageSize: maxMessageSize(stderr)},
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

// maxMessageSizeEnv sets the largest message a front end may send (e.g.
// "1GiB"); the default is transport.DefaultMaxMessageSize.
const maxMessageSizeEnv = "DESCENT_MAX_MESSAGE_SIZE"

// maxMessageSize reads maxMessageSizeEnv; 0 means the default.
func maxMessageSize(stderr io.Writer) int64 {
	v := os.Getenv(maxMessageSizeEnv)
	if v == "" {
		return 0
	}
	n, err := memlimit.ParseSize(v)
	if err != nil || n == 0 || n > 1<<62 {
		fmt.Fprintf(stderr, "descent kernel: %s=%q is not a size; the default, %s, applies\n", maxMessageSizeEnv, v, memlimit.FormatSize(transport.DefaultMaxMessageSize))
		return 0
	}
	return int64(n)
}
