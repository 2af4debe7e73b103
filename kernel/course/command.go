package course

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// DefaultTimeout is the default time limit of a cell.
const DefaultTimeout = 120 * time.Second

// Usage is the help of "descent run".
const Usage = `Usage: descent run [--out DIR] [--allow-errors] [--timeout S] [--kernel-cmd CMD] NOTEBOOK|DIR...

Executes notebooks headless, each on a kernel of its own, and writes into DIR
(default build) the executed NAME.ipynb, a page NAME.html for each, and an
index.html of the lessons. A DIR argument means every *.ipynb in it, by name.

  --out DIR         where to write the course (default build)
  --allow-errors    keep going after a cell's error (a timeout still stops)
  --timeout S       time limit of a cell in seconds; 0 for none (default 120)
  --kernel-cmd CMD  the kernel's command line, split at spaces; each
                    {connection_file} is replaced by the connection file, which
                    is appended when absent (default: this program's kernel)

Exit status: 0 when every notebook ran, 1 when one failed (what ran is still
written), 2 on bad usage.
`

// invocation is a parsed command line.
type invocation struct {
	out         string
	allowErrors bool
	timeout     time.Duration
	kernelArgv  []string
	inputs      []string
	help        bool
}

// Command runs "descent run" with args (the words after "run") and returns
// the exit status. defaultKernel is the kernel's command line unless
// --kernel-cmd says otherwise. Interrupting the process (Ctrl-C, SIGTERM)
// stops the run and shuts the kernel down.
func Command(ctx context.Context, args []string, stdout, stderr io.Writer, defaultKernel []string) int {
	inv, err := parseArgs(args, defaultKernel)
	if err != nil {
		fmt.Fprintf(stderr, "descent run: %v\n\n%s", err, Usage)
		return 2
	}
	if inv.help {
		fmt.Fprint(stdout, Usage)
		return 0
	}
	paths, err := notebookPaths(inv.inputs, inv.out)
	if err != nil {
		fmt.Fprintf(stderr, "descent run: %v\n", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	report, err := Build(ctx, paths, Options{
		Out: inv.out, KernelArgv: inv.kernelArgv, Timeout: inv.timeout,
		AllowErrors: inv.allowErrors, Progress: stderr,
	})
	if err != nil {
		fmt.Fprintf(stderr, "descent run: %v\n", err)
		return 1
	}
	ran := len(paths) - len(report.Failures)
	summary := fmt.Sprintf("%d of %d notebooks ran", ran, len(paths))
	switch n := report.AllowedErrors; {
	case n == 1:
		summary += "; 1 cell raised an error, allowed"
	case n > 1:
		summary += fmt.Sprintf("; %d cells raised errors, allowed", n)
	}
	fmt.Fprintln(stderr, summary)
	fmt.Fprintf(stdout, "open %s\n", report.Index)
	if len(report.Failures) > 0 {
		return 1
	}
	return 0
}

// parseArgs reads the flags, which may come before, between or after the
// notebooks.
func parseArgs(args []string, defaultKernel []string) (*invocation, error) {
	inv := &invocation{}
	fs := flag.NewFlagSet("descent run", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&inv.out, "out", "build", "")
	fs.BoolVar(&inv.allowErrors, "allow-errors", false, "")
	timeout := fs.String("timeout", strconv.Itoa(int(DefaultTimeout/time.Second)), "")
	kernelCmd := fs.String("kernel-cmd", "", "")
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return &invocation{help: true}, nil
			}
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		inv.inputs = append(inv.inputs, args[0])
		args = args[1:]
	}
	if len(inv.inputs) == 0 {
		return nil, errors.New("no notebook given")
	}
	seconds, err := strconv.ParseFloat(*timeout, 64)
	if err != nil || seconds < 0 {
		return nil, fmt.Errorf("--timeout %q: want a number of seconds, 0 for no limit", *timeout)
	}
	inv.timeout = time.Duration(seconds * float64(time.Second))
	if inv.out == "" {
		return nil, errors.New("--out is empty")
	}
	inv.kernelArgv = defaultKernel
	if *kernelCmd != "" {
		inv.kernelArgv = strings.Fields(*kernelCmd)
	}
	if len(inv.kernelArgv) == 0 {
		return nil, errors.New("no kernel command")
	}
	if !hasConnectionFile(inv.kernelArgv) {
		inv.kernelArgv = append(append([]string(nil), inv.kernelArgv...), "{connection_file}")
	}
	return inv, nil
}

func hasConnectionFile(argv []string) bool {
	for _, a := range argv {
		if strings.Contains(a, "{connection_file}") {
			return true
		}
	}
	return false
}

// notebookPaths expands the inputs: a directory stands for its *.ipynb
// files, sorted by name. Two notebooks of one name, or a notebook that
// would be overwritten by its executed copy in out, are refused.
func notebookPaths(inputs []string, out string) ([]string, error) {
	var paths []string
	for _, in := range inputs {
		info, err := os.Stat(in)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			paths = append(paths, in)
			continue
		}
		entries, err := os.ReadDir(in)
		if err != nil {
			return nil, err
		}
		var found []string
		for _, e := range entries {
			name := e.Name()
			if !e.IsDir() && strings.HasSuffix(name, ".ipynb") && !strings.HasPrefix(name, ".") {
				found = append(found, filepath.Join(in, name))
			}
		}
		if len(found) == 0 {
			return nil, fmt.Errorf("no notebook (*.ipynb) in %s", in)
		}
		slices.Sort(found)
		paths = append(paths, found...)
	}
	byName := map[string]string{}
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".ipynb")
		if other, dup := byName[name]; dup {
			return nil, fmt.Errorf("%s and %s would both be written as %s.ipynb", other, p, name)
		}
		byName[name] = p
		if name == "index" {
			return nil, fmt.Errorf("%s would be overwritten by the course index; rename it", p)
		}
		if sameFile(p, filepath.Join(out, name+".ipynb")) {
			return nil, fmt.Errorf("%s is in the output directory %s: its executed copy would overwrite it; choose another --out", p, out)
		}
	}
	return paths, nil
}

// sameFile reports whether a and b name one existing file.
func sameFile(a, b string) bool {
	ia, err := os.Stat(a)
	if err != nil {
		return false
	}
	ib, err := os.Stat(b)
	if err != nil {
		return false
	}
	return os.SameFile(ia, ib)
}
