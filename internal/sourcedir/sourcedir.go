// Package sourcedir remembers, in a program built from a descent checkout,
// where that checkout is. descent-worker builds plugins inside the source it
// was built from (plugins must share its packages exactly), and a binary
// does not otherwise know where its source was. descent's own builds stamp
// it at link time with LinkerFlag.
package sourcedir

import (
	"path/filepath"
	"strings"
)

// Dir is the checkout the program was built from, or "" when the build did
// not record it. It is set by the linker (see LinkerFlag).
var Dir string

// importPath is this package's import path, which the linker's -X needs.
const importPath = "github.com/descentlab/descent/internal/sourcedir"

// LinkerFlag returns the -ldflags value that records dir as Dir, or ""
// for a directory whose name has both kinds of quotes, which -ldflags
// cannot carry.
func LinkerFlag(dir string) string {
	arg := importPath + ".Dir=" + filepath.Clean(dir)
	// The go command splits -ldflags into fields at blanks, honouring
	// quotes (with no escapes inside them).
	switch {
	case !strings.ContainsAny(arg, " \t\n'\""):
	case !strings.Contains(arg, "'"):
		arg = "'" + arg + "'"
	case !strings.Contains(arg, `"`):
		arg = `"` + arg + `"`
	default:
		return ""
	}
	return "-X " + arg
}
