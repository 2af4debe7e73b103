package kernel

import (
	"context"

	"github.com/descentlab/descent/kernel/worker"
)

// Backend runs cells for the server. In production it is the
// *supervisor.Supervisor of the worker process; tests use a fake.
type Backend interface {
	// Execute runs one cell, delivering its outputs to h in program order,
	// and reports how it ended. ctx ends when the kernel shuts down.
	Execute(ctx context.Context, req worker.ExecRequest, h worker.Handler) worker.Outcome
	// Interrupt asks the running cell, if any, to stop.
	Interrupt()
	// Restart replaces the interpreter with a fresh one; the variables are lost.
	Restart() error
	// Close stops the backend for good.
	Close() error
}

// Completer is implemented by a Backend that offers completion. Offsets in
// and out are bytes of the code; the server converts them from and to the
// code points of the protocol.
type Completer interface {
	Complete(code string, cursorByte int) (worker.Completion, error)
}

// Inspector is implemented by a Backend that can describe the name under
// the cursor (documentation, signature, value); detail is 0 or 1.
type Inspector interface {
	Inspect(code string, cursorByte, detail int) (worker.Inspection, error)
}

// VersionReporter is implemented by a backend that can tell the versions
// of the program that runs the cells: "descent", "go" and "yaegi". %version
// shows them.
type VersionReporter interface {
	WorkerVersions(ctx context.Context) (map[string]string, error)
}

// RestartCloser is implemented by a Backend that can tell a running cell,
// when the kernel process stops because the front end restarts the kernel,
// that the kernel was restarted rather than shut down.
type RestartCloser interface {
	CloseForRestart() error
}
