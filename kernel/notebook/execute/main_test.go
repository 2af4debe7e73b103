package execute

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// descentBinary is the descent command built from this module for the
// tests; its "kernel" subcommand is the kernel they run notebooks on.
var descentBinary string

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "descent-execute-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	descentBinary = filepath.Join(dir, "descent")
	build := exec.Command("go", "build", "-o", descentBinary, "github.com/descentlab/descent")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "building the descent command: %v\n", err)
		return 1
	}
	return m.Run()
}

// kernelArgv is the command line of a kernel of the test binary.
func kernelArgv() []string {
	return []string{descentBinary, "kernel", "{connection_file}"}
}
