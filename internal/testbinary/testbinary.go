// Package testbinary builds the descent command for end-to-end tests that
// start real kernel processes.
package testbinary

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Build compiles the descent command into a new temporary directory and
// returns the binary's path and a func that removes the directory. The go
// command's output goes to stderr so a failed build explains itself.
func Build(tag string) (bin string, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "descent-"+tag+"-")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	bin = filepath.Join(dir, "descent")
	cmd := exec.Command("go", "build", "-o", bin, "github.com/descentlab/descent")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("building the descent command: %w", err)
	}
	return bin, cleanup, nil
}
