package course

import (
	"fmt"
	"os"
	"testing"

	"github.com/descentlab/descent/internal/testbinary"
)

// descentBinary is the descent command built from this module, for the
// end-to-end tests.
var descentBinary string

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	bin, cleanup, err := testbinary.Build("course-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer cleanup()
	descentBinary = bin
	return m.Run()
}
