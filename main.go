// Command descent is a Jupyter kernel for Go, made for teaching
// optimization.
//
//	descent kernel CONNECTION_FILE   serve a kernel (Jupyter runs this)
//	descent install [flags]          install the kernelspec
//	descent uninstall [flags]        remove the kernelspec
//	descent version                  print the versions
//	descent worker                   the code-running process (internal)
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/descentlab/descent/install"
	"github.com/descentlab/descent/kernel"
	"github.com/descentlab/descent/kernel/course"
	"github.com/descentlab/descent/kernel/wire"
	"github.com/descentlab/descent/kernel/worker"
)

// The supervisor of the worker process is the kernel's backend, with
// completion and inspection.
var _ interface {
	kernel.Backend
	kernel.Completer
	kernel.Inspector
} = (*worker.Supervisor)(nil)

const usage = `descent: a Jupyter kernel for Go, made for teaching optimization.

Usage:
  descent kernel CONNECTION_FILE
        serve a kernel on the sockets of a Jupyter connection file
  descent install [--user | --prefix DIR | --sys-prefix] [--replace] [--name NAME]
        install the kernelspec (default: for the current user)
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
		if len(rest) != 1 {
			return badUsage(stderr, "descent kernel takes exactly one argument, the connection file")
		}
		return runKernel(rest[0], stderr)
	case "install", "uninstall":
		return runInstall(cmd, rest, stdout, stderr)
	case "version", "--version":
		if len(rest) != 0 {
			return badUsage(stderr, "descent version takes no arguments")
		}
		printVersion(stdout)
		return 0
	case "worker":
		return runWorker()
	case "run":
		self, err := os.Executable()
		if err != nil {
			fmt.Fprintf(stderr, "descent run: finding this program for its kernels: %v\n", err)
			return 1
		}
		return course.Command(context.Background(), rest, stdout, stderr, []string{self, "kernel", "{connection_file}"})
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

// runWorker is the worker process the kernel's supervisor starts.
func runWorker() int {
	return worker.Main()
}

// runKernel serves the kernel of a connection file until shutdown.
func runKernel(connectionFile string, stderr io.Writer) int {
	info, err := wire.ReadConnectionFile(connectionFile)
	if err != nil {
		fmt.Fprintf(stderr, "descent kernel: %v\n", err)
		return 1
	}
	backend, err := worker.Start(worker.Options{})
	if err != nil {
		fmt.Fprintf(stderr, "descent kernel: starting the worker: %v\n", err)
		return 1
	}
	defer backend.Close()
	if err := kernel.Run(context.Background(), info, backend, kernel.Options{Version: descentVersion(), HistoryFile: kernel.DefaultHistoryFile()}); err != nil {
		fmt.Fprintf(stderr, "descent kernel: %v\n", err)
		return 1
	}
	return 0
}

// runInstall parses the flags of install and uninstall and runs them.
func runInstall(cmd string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("descent "+cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	user := fs.Bool("user", false, "the user's Jupyter data directory (default)")
	prefix := fs.String("prefix", "", "PREFIX/share/jupyter")
	sysPrefix := fs.Bool("sys-prefix", false, "the active environment's share/jupyter")
	name := fs.String("name", install.DefaultName, "the kernel's name")
	replace := false
	if cmd == "install" {
		fs.BoolVar(&replace, "replace", false, "overwrite an installed kernelspec")
	}
	if err := fs.Parse(args); err != nil {
		return badUsage(stderr, fmt.Sprintf("descent %s: %v", cmd, err))
	}
	if fs.NArg() != 0 {
		return badUsage(stderr, fmt.Sprintf("descent %s: unexpected argument %q", cmd, fs.Arg(0)))
	}
	opts := install.Options{Name: *name, Replace: replace}
	scopes := 0
	if *user {
		scopes++
	}
	if *prefix != "" {
		opts.Scope, opts.Prefix = install.Prefix, *prefix
		scopes++
	}
	if *sysPrefix {
		opts.Scope = install.SysPrefix
		scopes++
	}
	if scopes > 1 {
		return badUsage(stderr, fmt.Sprintf("descent %s: --user, --prefix and --sys-prefix exclude each other", cmd))
	}
	if cmd == "uninstall" {
		dir, err := install.Uninstall(opts)
		if err != nil {
			fmt.Fprintf(stderr, "descent uninstall: %v\n", err)
			return 1
		}
		fmt.Fprintf(stdout, "removed the kernelspec %s\n", dir)
		return 0
	}
	dir, err := install.Install(opts)
	if err != nil {
		fmt.Fprintf(stderr, "descent install: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "installed the kernelspec %s in %s\n", *name, dir)
	return 0
}

// descentVersion is the module version of this build, or "devel".
func descentVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// yaegiVersion is the version of the interpreter linked into this build.
func yaegiVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, d := range bi.Deps {
		if d.Path == "github.com/traefik/yaegi" {
			if d.Replace != nil {
				return d.Replace.Path + " " + d.Replace.Version
			}
			return d.Version
		}
	}
	return "not linked"
}

func printVersion(w io.Writer) {
	fmt.Fprintf(w, "descent %s\n%s %s/%s\nyaegi %s\n", descentVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH, yaegiVersion())
}
