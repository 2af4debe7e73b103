package binaries

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/descentlab/descent/internal/sourcedir"
)

// modulePath is the module a source checkout of descent declares.
const modulePath = "github.com/descentlab/descent"

// Checkout returns the root of the descent source checkout that contains
// dir: the nearest directory at or above it whose go.mod declares the
// descent module. ok is false outside a checkout.
func Checkout(dir string) (root string, ok bool) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for {
		if declaresDescent(filepath.Join(dir, "go.mod")) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// declaresDescent reports whether the go.mod at path is descent's.
func declaresDescent(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module"); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`) == modulePath
		}
	}
	return false
}

// WorkerFlags are the go build flags descent-worker is built with from the
// checkout at root: it records root, where it builds Go plugins (which must
// be built from the same source). Go plugins also need cgo, which the go
// command uses when a C compiler is there; without one descent-worker is
// still built, and says what is missing when a cell needs a plugin.
func WorkerFlags(root string) []string {
	if flag := sourcedir.LinkerFlag(root); flag != "" {
		return []string{"-ldflags=" + flag}
	}
	return nil
}

// BuildWorker builds descent-worker from the checkout at root into dir
// with the go command and returns its path. The go command's output goes
// to log.
func BuildWorker(root, dir string, log io.Writer) (string, error) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("building descent-worker needs the go command: %w", err)
	}
	out := filepath.Join(dir, WorkerName())
	cmd := exec.Command(goTool, append([]string{"build", "-o", out}, append(WorkerFlags(root), WorkerPackage)...)...)
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build %s in %s: %w", WorkerPackage, root, err)
	}
	return out, nil
}
