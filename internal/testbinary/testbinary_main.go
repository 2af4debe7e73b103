package testbinary

import (
	"fmt"
	"os"
	"testing"
)

// Main is a TestMain for packages whose tests all need the binary: it
// builds it, stores its path in *bin, runs the tests, removes the binary
// and exits with the tests' code.
func Main(m *testing.M, tag string, bin *string) {
	os.Exit(run(m, tag, bin))
}

func run(m *testing.M, tag string, bin *string) int {
	path, cleanup, err := Build(tag)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer cleanup()
	*bin = path
	return m.Run()
}
