// Package testbinary builds the descent command and its worker,
// descent-worker, side by side, for end-to-end tests that start real kernel
// processes.
package testbinary

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/descentlab/descent/internal/binaries"
)

// Build compiles descent and descent-worker into a new temporary directory
// and returns the path of descent and a func that removes the directory. The go
// command's output goes to stderr so a failed build explains itself.
func Build(tag string) (bin string, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "descent-"+tag+"-")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	bin = filepath.Join(dir, binaries.KernelName())
	root, ok := binaries.Checkout(".")
	if !ok {
		cleanup()
		return "", nil, fmt.Errorf("building the descent command: not inside a descent checkout")
	}
	args := append([]string{"build", "-o", dir + string(filepath.Separator)}, binaries.WorkerFlags(root)...)
	cmd := exec.Command("go", append(args, "github.com/descentlab/descent", binaries.WorkerPackage)...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("building the descent command: %w", err)
	}
	return bin, cleanup, nil
}
