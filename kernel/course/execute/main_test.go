package execute

import (
	"testing"

	"github.com/descentlab/descent/internal/testbinary"
)

// descentBinary is the descent command built from this module for the
// tests; its "kernel" subcommand is the kernel they run notebooks on.
var descentBinary string

func TestMain(m *testing.M) { testbinary.Main(m, "execute-test", &descentBinary) }

// kernelArgv is the command line of a kernel of the test binary.
func kernelArgv() []string {
	return []string{descentBinary, "kernel", "{connection_file}"}
}
