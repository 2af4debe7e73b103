package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"syscall"

	"github.com/descentlab/descent/internal/binaries"
)

// runNotebooks is `descent run`: the notebook runner and the page renderer
// are linked into descent-worker, which runs them with this program as the
// kernel. Interrupts and termination are passed on to it.
func runNotebooks(args []string, stdout, stderr io.Writer) int {
	w, cleanup, err := workerProgram("run", stderr)
	if err != nil {
		fmt.Fprintf(stderr, "descent run: %v\n", err)
		return 1
	}
	defer cleanup()
	self, err := binaries.Self()
	if err != nil {
		fmt.Fprintf(stderr, "descent run: %v\n", err)
		return 1
	}
	cmd := exec.Command(w, append([]string{"run"}, args...)...)
	cmd.Env = append(os.Environ(), binaries.KernelEnv+"="+self, binaries.WorkerEnv+"="+w)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, stdout, stderr
	signals := make(chan os.Signal, 4)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(signals)
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "descent run: %v\n", err)
		return 1
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	for {
		select {
		case sig := <-signals:
			cmd.Process.Signal(sig)
		case err := <-done:
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				return exit.ExitCode()
			}
			if err != nil {
				fmt.Fprintf(stderr, "descent run: %v\n", err)
				return 1
			}
			return 0
		}
	}
}

// workerProgram returns descent-worker for cmd. When it is not next to this
// program and this program runs from a source checkout (go run .), it is
// built from that checkout into a temporary directory, which cleanup
// removes.
func workerProgram(cmd string, stderr io.Writer) (path string, cleanup func(), err error) {
	nothing := func() {}
	w, err := binaries.FindWorker()
	if err == nil {
		return w, nothing, nil
	}
	if !errors.Is(err, binaries.ErrNotFound) {
		return "", nil, err
	}
	wd, _ := os.Getwd()
	root, ok := binaries.Checkout(wd)
	if !ok {
		return "", nil, binaries.InstallHint(err)
	}
	dir, err := os.MkdirTemp("", "descent-worker-")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	fmt.Fprintf(stderr, "descent %s: building descent-worker from the source in %s\n", cmd, root)
	w, err = binaries.BuildWorker(root, dir, stderr)
	if err != nil {
		cleanup()
		return "", nil, err
	}
	return w, cleanup, nil
}
