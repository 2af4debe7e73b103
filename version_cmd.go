package main

import (
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"strings"

	"github.com/descentlab/descent/internal/binaries"
	"github.com/descentlab/descent/internal/version"
)

// printVersion prints the versions of descent, Go and yaegi. The
// interpreter is linked into descent-worker, not here: its version comes
// from `descent-worker version`, which also shows a worker from another
// build of descent.
func printVersion(stdout, stderr io.Writer) int {
	mine := version.Descent()
	fmt.Fprintf(stdout, "descent %s\n%s %s/%s\n", mine, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	w, err := binaries.FindWorker()
	if err != nil {
		fmt.Fprintf(stderr, "descent version: %v\n", binaries.InstallHint(err))
		return 1
	}
	out, err := exec.Command(w, "version").Output()
	if err != nil {
		fmt.Fprintf(stderr, "descent version: %s version: %v\n", w, err)
		return 1
	}
	for line := range strings.Lines(string(out)) {
		field, value, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch field {
		case "yaegi":
			fmt.Fprintf(stdout, "yaegi %s\n", value)
		case "descent":
			if value != mine {
				fmt.Fprintf(stdout, "warning: %s is descent %s; install both programs from the same version\n", w, value)
			}
		}
	}
	fmt.Fprintf(stdout, "worker %s\n", w)
	return 0
}
