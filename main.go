// Command descent is a Jupyter kernel for Go, made for teaching
// optimization.
//
//	descent kernel CONNECTION_FILE   serve a kernel (Jupyter runs this)
//	descent install [flags]          install the kernelspec
//	descent uninstall [flags]        remove the kernelspec
//	descent run [flags] NOTEBOOK...   run notebooks headless, write pages
//	descent version                  print the versions
//
// Cells run in a second program, descent-worker, which sits next to this
// one (go install both; descent install copies both into the kernelspec).
// This one links neither the interpreter nor gonum/plot, so that the
// kernel listens on its sockets a few milliseconds after Jupyter starts it.
package main

import (
	"fmt"
	"io"
	"os"
	"strings"
)

const usage = `descent: a Jupyter kernel for Go, made for teaching optimization.

Usage:
  descent kernel CONNECTION_FILE
        serve a kernel on the sockets of a Jupyter connection file
  descent install [--user | --prefix DIR | --sys-prefix] [--replace] [--name NAME] [--warm]
        install the kernelspec (default: for the current user); --warm also
        compiles ahead what the Go plugins of cells need (about a minute)
  descent uninstall [--user | --prefix DIR | --sys-prefix] [--name NAME]
        remove the kernelspec
  descent run [--out DIR] [--allow-errors] [--timeout S] NOTEBOOK|DIR...
        run notebooks headless; write them executed, with HTML pages
  descent version
        print the versions of descent, Go and yaegi
  descent help
        print this help
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line args and returns the exit status: 0 on
// success, 1 on failure, 2 on bad arguments.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "kernel":
		if len(rest) == 0 {
			return badUsage(stderr, "descent kernel takes one argument, the connection file")
		}
		if len(rest) > 1 {
			// jupyter run (and other jupyter_client applications) pass
			// their own extra arguments on to the kernel, as IPython's
			// kernel accepts them: they are no concern of this kernel.
			fmt.Fprintf(stderr, "descent kernel: ignoring the arguments after the connection file: %s\n", strings.Join(rest[1:], " "))
		}
		return runKernel(rest[0], stderr)
	case "install", "uninstall":
		return runInstall(cmd, rest, stdout, stderr)
	case "version", "--version":
		if len(rest) != 0 {
			return badUsage(stderr, "descent version takes no arguments")
		}
		return printVersion(stdout, stderr)
	case "run":
		return runNotebooks(rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	return badUsage(stderr, fmt.Sprintf("unknown command %q", cmd))
}

func badUsage(stderr io.Writer, msg string) int {
	fmt.Fprintf(stderr, "descent: %s\n\n%s", msg, usage)
	return 2
}
