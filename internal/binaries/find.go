// Package binaries knows where descent's two programs are: descent (the
// command line and the kernel process) and descent-worker (the process that
// runs cells, and the notebook runner), which sit side by side. From a
// source checkout it builds descent-worker with the go command, since `go
// run .` builds descent alone.
package binaries

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// Environment variables that, when set, say where a program is instead of
// the directory of the running one.
const (
	// WorkerEnv is the path of descent-worker.
	WorkerEnv = "DESCENT_WORKER"
	// KernelEnv is the path of descent, whose `descent kernel` the
	// notebook runner starts.
	KernelEnv = "DESCENT_KERNEL"
)

// ServeArg is the argument that makes descent-worker serve cells on its
// pipes.
const ServeArg = "serve"

// WorkerPackage is the import path of descent-worker, for go install.
const WorkerPackage = "github.com/descentlab/descent/cmd/descent-worker"

// ErrNotFound is wrapped by the errors of FindWorker and FindKernel when
// the program is not there.
var ErrNotFound = errors.New("not found")

// WorkerName is the file name of descent-worker (with .exe on Windows).
func WorkerName() string { return exeName("descent-worker") }

// KernelName is the file name of descent (with .exe on Windows).
func KernelName() string { return exeName("descent") }

func exeName(base string) string {
	if runtime.GOOS == "windows" {
		return base + ".exe"
	}
	return base
}

// FindWorker returns descent-worker: $DESCENT_WORKER when it is set, or
// else the one next to the running program (symbolic links resolved),
// where `go install` and `descent install` put it.
func FindWorker() (string, error) { return find(WorkerEnv, WorkerName()) }

// InstallHint adds to err, an error of FindWorker, how to install
// descent-worker.
func InstallHint(err error) error {
	return fmt.Errorf("descent-worker: %w; install it next to descent with: go install %s@latest", err, WorkerPackage)
}

// FindKernel returns descent: $DESCENT_KERNEL when it is set, or else the
// one next to the running program.
func FindKernel() (string, error) { return find(KernelEnv, KernelName()) }

func find(env, name string) (string, error) {
	if p := os.Getenv(env); p != "" {
		if err := isProgram(p); err != nil {
			return "", fmt.Errorf("%s=%s: %w", env, p, err)
		}
		return p, nil
	}
	dir, err := SelfDir()
	if err != nil {
		return "", err
	}
	p := filepath.Join(dir, name)
	if err := isProgram(p); err != nil {
		return "", err
	}
	return p, nil
}

// Self is the running program's absolute path, symbolic links resolved.
func Self() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("find the running program: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	return filepath.Abs(exe)
}

// SelfDir is the directory of Self.
func SelfDir() (string, error) {
	self, err := Self()
	if err != nil {
		return "", err
	}
	return filepath.Dir(self), nil
}

// isProgram checks that path is a regular file.
func isProgram(path string) error {
	st, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("%s: %w", path, ErrNotFound)
		}
		return err
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s is not a program", path)
	}
	return nil
}
