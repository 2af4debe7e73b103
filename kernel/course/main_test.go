package course

import (
	"testing"

	"github.com/descentlab/descent/internal/testbinary"
)

// descentBinary is the descent command built from this module, for the
// end-to-end tests.
var descentBinary string

func TestMain(m *testing.M) { testbinary.Main(m, "course-test", &descentBinary) }
