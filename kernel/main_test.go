package kernel

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/wire"
	"github.com/descentlab/descent/kernel/worker/runner"
)

// helperEnv makes the test binary act as a kernel process serving the fake
// backend, for tests that need a real process (signals, start-up time).
const helperEnv = "DESCENT_KERNEL_TEST_HELPER"

// helperWriteTimeoutEnv sets the helper kernel's write timeout, so that a
// test can tell a kernel that waits for a stalled front end from one that
// does not.
const helperWriteTimeoutEnv = "DESCENT_KERNEL_TEST_WRITE_TIMEOUT"

// workerEnv makes the test binary act as the worker process of a
// supervisor.Supervisor, for tests of the front-end requests against the real
// interpreter.
const workerEnv = "DESCENT_KERNEL_TEST_WORKER"

func TestMain(m *testing.M) {
	if os.Getenv(helperEnv) == "1" {
		os.Exit(runHelperKernel(os.Args[len(os.Args)-1]))
	}
	if os.Getenv(workerEnv) == "1" {
		os.Exit(runner.Main())
	}
	os.Exit(m.Run())
}

// runHelperKernel serves the connection file at path with kernel.Run, as
// `descent kernel` does, until shutdown.
func runHelperKernel(path string) int {
	info, err := wire.ReadConnectionFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	var opts Options
	if d, err := time.ParseDuration(os.Getenv(helperWriteTimeoutEnv)); err == nil {
		opts.Transport.WriteTimeout = d
	}
	if err := Run(context.Background(), info, newFakeBackend(), opts); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}
