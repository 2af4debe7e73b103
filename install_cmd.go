package main

import (
	"flag"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"

	"github.com/descentlab/descent/install"
	"github.com/descentlab/descent/internal/binaries"
	"github.com/descentlab/descent/internal/memlimit"
)

// runInstall parses the flags of install and uninstall and runs them.
func runInstall(cmd string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("descent "+cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	user := fs.Bool("user", false, "the user's Jupyter data directory (default)")
	prefix := fs.String("prefix", "", "PREFIX/share/jupyter")
	sysPrefix := fs.Bool("sys-prefix", false, "the active environment's share/jupyter")
	name := fs.String("name", install.DefaultName, "the kernel's name")
	replace, warm := false, false
	memory := ""
	if cmd == "install" {
		fs.BoolVar(&replace, "replace", false, "overwrite an installed kernelspec")
		fs.BoolVar(&warm, "warm", false, "compile ahead what Go plugins (%go get, %%compile) need")
		fs.StringVar(&memory, "memory-limit", "", "the worker's memory limit, written into kernel.json (e.g. 4GiB, 60%, off)")
	}
	if err := fs.Parse(args); err != nil {
		return badUsage(stderr, fmt.Sprintf("descent %s: %v", cmd, err))
	}
	if fs.NArg() != 0 {
		return badUsage(stderr, fmt.Sprintf("descent %s: unexpected argument %q", cmd, fs.Arg(0)))
	}
	opts := install.Options{Name: *name, Replace: replace}
	if memory != "" {
		if err := memlimit.CheckSetting(memory); err != nil {
			return badUsage(stderr, fmt.Sprintf("descent install: --memory-limit: %v", err))
		}
		opts.Env = map[string]string{memlimit.Env: memory}
	}
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
	// Say that the target is not writable before building anything.
	if err := install.CheckWritable(opts); err != nil {
		fmt.Fprintf(stderr, "descent install: %v\n", err)
		return 1
	}
	worker, cleanup, err := workerProgram(cmd, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "descent install: %v\n", err)
		return 1
	}
	defer cleanup()
	if opts.Executable, err = binaries.Self(); err != nil {
		fmt.Fprintf(stderr, "descent install: %v\n", err)
		return 1
	}
	opts.Worker = worker
	dir, err := install.Install(opts)
	if err != nil {
		fmt.Fprintf(stderr, "descent install: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "installed the kernelspec %s in %s\n", *name, dir)
	if warm {
		return warmPlugins(filepath.Join(dir, binaries.WorkerName()), stdout, stderr)
	}
	return 0
}

// warmPlugins has the installed descent-worker compile ahead, into this
// user's Go build cache, the packages every Go plugin needs, so that the
// first %%compile cell or %go get takes seconds rather than half a minute.
func warmPlugins(worker string, stdout, stderr io.Writer) int {
	cmd := exec.Command(worker, "warm")
	cmd.Stdout, cmd.Stderr = stdout, stdout
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(stderr, "descent install: the kernelspec is installed, but --warm failed (%v); %%go get and %%%%compile will compile on first use\n", err)
		return 1
	}
	return 0
}
