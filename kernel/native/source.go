package native

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"

	"github.com/descentlab/descent/internal/sourcedir"
)

// SourceEnv names the environment variable that says where descent's
// source is, for a descent-worker that did not record it.
const SourceEnv = "DESCENT_SOURCE"

// findSource returns the directory of the source the program was built
// from: the main module's root, where every plugin is built. explicit, then
// $DESCENT_SOURCE, then the directory recorded at link time are tried.
// When none is given and the program was built from a released version of
// its module (go install MODULE@VERSION), fromModule is true: plugins are
// then built in a module of their own that requires that version.
func findSource(explicit string, main, version string) (dir string, fromModule bool, err error) {
	for _, c := range []struct{ dir, from string }{
		{explicit, "the builder's options"},
		{os.Getenv(SourceEnv), "$" + SourceEnv},
		{sourcedir.Dir, "descent-worker's build"},
	} {
		if c.dir == "" {
			continue
		}
		if declaresModule(filepath.Join(c.dir, "go.mod"), main) {
			return c.dir, false, nil
		}
		return "", false, &Unavailable{Missing: "descent's source, and " + c.dir + " (from " + c.from + ") does not hold the module " + main + " any more",
			Fix: "rebuild descent-worker from a checkout with descent install --replace, or set " + SourceEnv + " to the checkout"}
	}
	if version != "" && version != "(devel)" && !strings.Contains(version, "+") {
		return "", true, nil
	}
	return "", false, &Unavailable{Missing: "descent's source (plugins are built inside it), which this descent-worker did not record",
		Fix: "build and install it from a checkout with: go run . install --replace (or set " + SourceEnv + " to the checkout it was built from)"}
}

// declaresModule reports whether the go.mod at path declares module.
func declaresModule(path, module string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module"); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`) == module
		}
	}
	return false
}
