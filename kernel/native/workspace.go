package native

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/descentlab/descent/internal/atomicfile"
)

// workspace is the go.mod (and go.sum) every plugin of one program build
// is built against: a copy of descent's own, plus the modules fetched with
// %go get. The modules fetched are also listed in a file shared by all
// builds of descent, so that a new build fetches them again.
type workspace struct {
	b       *Builder
	dir     string
	mod     string // dir/go.mod
	fetched string // the shared list: one module@version a line
}

// openWorkspace creates the workspace in dir on first use and brings the
// modules listed in fetched into it.
func openWorkspace(ctx context.Context, b *Builder, dir, fetched string) (*workspace, error) {
	ws := &workspace{b: b, dir: dir, mod: filepath.Join(dir, "go.mod"), fetched: fetched}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create the plugin workspace: %w", err)
	}
	unlock, err := lockFile(filepath.Join(dir, "lock"))
	if err != nil {
		return nil, err
	}
	defer unlock()
	if _, err := os.Stat(ws.mod); errors.Is(err, fs.ErrNotExist) {
		for _, name := range []string{"go.mod", "go.sum"} {
			data, err := os.ReadFile(filepath.Join(b.root, name))
			if err != nil && !(name == "go.sum" && errors.Is(err, fs.ErrNotExist)) {
				return nil, fmt.Errorf("copy descent's %s: %w", name, err)
			}
			if err := atomicfile.Write(filepath.Join(dir, name), data, 0o644); err != nil {
				return nil, fmt.Errorf("write the plugin workspace: %w", err)
			}
		}
	}
	if err := ws.catchUp(ctx); err != nil {
		return nil, err
	}
	return ws, nil
}

// modFlag is the go command flag that selects the workspace's go.mod.
func (ws *workspace) modFlag() string { return "-modfile=" + ws.mod }

// sum returns the workspace's go.mod and go.sum, which every plugin's
// cache key includes.
func (ws *workspace) sum() ([]byte, error) {
	mod, err := os.ReadFile(ws.mod)
	if err != nil {
		return nil, err
	}
	sum, _ := os.ReadFile(strings.TrimSuffix(ws.mod, ".mod") + ".sum")
	return append(mod, sum...), nil
}

// catchUp fetches the modules of the shared list that this workspace does
// not have yet (fetched by a kernel of another descent build). A module
// that no longer fits is skipped; the list keeps it for other builds.
func (ws *workspace) catchUp(ctx context.Context) error {
	want := readLines(ws.fetched)
	applied := filepath.Join(ws.dir, "applied.txt")
	have := map[string]bool{}
	for _, m := range readLines(applied) {
		have[m] = true
	}
	var todo []string
	for _, m := range want {
		if !have[m] {
			todo = append(todo, m)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	for _, m := range todo {
		// Errors here are not the user's doing now: a module that does not
		// fit this build stays unavailable until fetched again.
		_, _ = ws.add(ctx, m, nil)
		have[m] = true
	}
	return writeLines(applied, keys(have))
}

// readLines returns the non-blank lines of a file ("" lines and a missing
// file give none).
func readLines(path string) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// writeLines replaces a file with lines.
func writeLines(path string, lines []string) error {
	text := strings.Join(lines, "\n")
	if text != "" {
		text += "\n"
	}
	return atomicfile.Write(path, []byte(text), 0o644)
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
