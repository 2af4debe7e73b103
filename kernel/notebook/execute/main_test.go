package execute

import (
	"fmt"
	"os"
	"testing"

	"github.com/descentlab/descent/internal/testbinary"
)

// descentBinary is the descent command built from this module for the
// tests; its "kernel" subcommand is the kernel they run notebooks on.
var descentBinary string

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	bin, cleanup, err := testbinary.Build("execute-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer cleanup()
	descentBinary = bin
	return m.Run()
}

// kernelArgv is the command line of a kernel of the test binary.
func kernelArgv() []string {
	return []string{descentBinary, "kernel", "{connection_file}"}
}
