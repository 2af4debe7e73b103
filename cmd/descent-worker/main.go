// Command descent-worker is the half of descent that runs Go: the worker
// process of every kernel, and the notebook runner behind `descent run`.
// It lives next to the descent binary, which starts it; users run descent.
//
//	descent-worker serve       the worker process, on the pipes of its kernel
//	descent-worker run ARGS    descent run ARGS (see descent help)
//	descent-worker version     print the versions of descent, Go and yaegi
//	descent-worker warm        compile ahead what Go plugins need (descent install --warm)
//
// The kernel process (descent kernel) is a separate, small binary so that it
// listens on its sockets a few milliseconds after Jupyter starts it; the
// interpreter, gonum and gonum/plot are linked here. It imports package
// plugin (to load the Go plugins %go get and %%compile build), which keeps
// every method in the binary: 51 MB instead of 41 MB.
//
// The notebook runner (kernel/course) needs nothing of this process: it is
// a Jupyter client that starts descent kernel for each notebook and renders
// pages with goldmark. It is linked here rather than into descent so that
// the kernel program, which Jupyter starts for every notebook, does not
// carry goldmark, the Jupyter client and the notebook format (20 more
// packages) for a command run rarely, and without a third program to
// install; descent run passes its arguments on to descent-worker run.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/descentlab/descent/internal/binaries"
	"github.com/descentlab/descent/kernel/course"
	"github.com/descentlab/descent/kernel/worker/runner"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "descent-worker is started by descent; run descent help")
		return 2
	}
	switch args[0] {
	case binaries.ServeArg:
		return runner.Main()
	case "run":
		kernel, err := binaries.FindKernel()
		if err != nil {
			fmt.Fprintf(stderr, "descent run: the kernel program: %v\n", err)
			return 1
		}
		return course.Command(context.Background(), args[1:], stdout, stderr, []string{kernel, "kernel", "{connection_file}"})
	case WarmArg:
		return warm(stderr)
	case "version":
		v := runner.Versions()
		fmt.Fprintf(stdout, "descent %s\n%s %s/%s\nyaegi %s\n", v["descent"], v["go"], runtime.GOOS, runtime.GOARCH, v["yaegi"])
		return 0
	}
	fmt.Fprintf(stderr, "descent-worker: unknown command %q; it is started by descent, run descent help\n", args[0])
	return 2
}
