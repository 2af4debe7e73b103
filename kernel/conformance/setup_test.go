package conformance

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// python is Debian's interpreter, which has the Jupyter packages; the python3
// first on PATH may be another installation without them.
const python = "/usr/bin/python3"

// requireJupyter skips the test when the Python modules it needs are missing,
// or fails it when DESCENT_REQUIRE_JUPYTER=1.
func requireJupyter(t *testing.T, modules ...string) {
	t.Helper()
	script := "import sys\n"
	for _, m := range modules {
		script += "import " + m + "\n"
	}
	out, err := exec.Command(python, "-c", script).CombinedOutput()
	if err == nil {
		return
	}
	msg := "Jupyter is not available (" + python + " cannot import " + joinModules(modules) + "): " + string(out)
	if os.Getenv("DESCENT_REQUIRE_JUPYTER") == "1" {
		t.Fatal(msg + "\nDESCENT_REQUIRE_JUPYTER=1 makes this a failure; install Debian's Jupyter packages (see .ci/run).")
	}
	t.Skip(msg)
}

func joinModules(ms []string) string {
	s := ""
	for i, m := range ms {
		if i > 0 {
			s += ", "
		}
		s += m
	}
	return s
}

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

// kernelEnv builds the descent binary once per test run, installs its
// kernelspec into a private prefix and returns the environment that makes
// Jupyter find it (JUPYTER_PATH) and keeps the user's own data dir untouched.
func kernelEnv(t *testing.T) []string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "descent-conformance-")
		if buildErr != nil {
			return
		}
		bin := filepath.Join(buildDir, "descent")
		cmd := exec.Command("go", "build", "-o", bin, "../..")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = &buildError{"go build", out, err}
			return
		}
		prefix := filepath.Join(buildDir, "prefix")
		cmd = exec.Command(bin, "install", "--prefix", prefix)
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = &buildError{"descent install", out, err}
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	data := t.TempDir()
	gocache, _ := exec.Command("go", "env", "GOCACHE").Output()
	return append(os.Environ(),
		// Go plugins (lesson 04's %%compile cell) are cached in the test's
		// directory, with Go's own build cache kept.
		"XDG_CACHE_HOME="+filepath.Join(data, "cache"),
		"GOCACHE="+strings.TrimSpace(string(gocache)),
		"JUPYTER_PATH="+filepath.Join(buildDir, "prefix", "share", "jupyter"),
		"JUPYTER_DATA_DIR="+data,
		"JUPYTER_RUNTIME_DIR="+filepath.Join(data, "runtime"),
		"JUPYTER_CONFIG_DIR="+filepath.Join(data, "config"),
		"PYTHONDONTWRITEBYTECODE=1",
	)
}

type buildError struct {
	step string
	out  []byte
	err  error
}

func (e *buildError) Error() string { return e.step + ": " + e.err.Error() + "\n" + string(e.out) }

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}
