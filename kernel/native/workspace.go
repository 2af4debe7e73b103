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
		if b.fromModule {
			err = ws.createModule(ctx)
		} else {
			err = ws.copySource()
		}
		if err != nil {
			return nil, err
		}
	}
	if err := ws.catchUp(ctx); err != nil {
		return nil, err
	}
	return ws, nil
}

// copySource starts the workspace from descent's own go.mod and go.sum.
func (ws *workspace) copySource() error {
	for _, name := range []string{"go.sum", "go.mod"} {
		data, err := os.ReadFile(filepath.Join(ws.b.root, name))
		if err != nil && !(name == "go.sum" && errors.Is(err, fs.ErrNotExist)) {
			return fmt.Errorf("copy descent's %s: %w", name, err)
		}
		if err := atomicfile.Write(filepath.Join(ws.dir, name), data, 0o644); err != nil {
			return fmt.Errorf("write the plugin workspace: %w", err)
		}
	}
	return nil
}

// createModule starts the workspace as a module of its own that requires
// the released version of descent the program was built from, with every
// module at the version the program links (checked), and their sums.
func (ws *workspace) createModule(ctx context.Context) error {
	b := ws.b
	if err := os.MkdirAll(b.root, 0o755); err != nil {
		return err
	}
	goLine := "go " + strings.TrimPrefix(b.tc.Version, "go")
	if parts := strings.SplitN(goLine, ".", 3); len(parts) == 3 {
		goLine = parts[0] + "." + parts[1] // go 1.26
	}
	head := "module " + workModule + "\n\n" + goLine + "\n"
	// The go command finds the module's root by this file; -modfile
	// selects the one it reads.
	if err := atomicfile.Write(filepath.Join(b.root, "go.mod"), []byte(head), 0o644); err != nil {
		return err
	}
	tmp := filepath.Join(ws.dir, "new.mod")
	defer os.Remove(tmp)
	defer os.Remove(strings.TrimSuffix(tmp, ".mod") + ".sum")
	if err := os.WriteFile(tmp, []byte(head), 0o644); err != nil {
		return err
	}
	// Every module the program links is required directly, so that cells
	// can import any of its packages.
	descent := b.tc.Main.Path + "@" + b.tc.Main.Version
	args := []string{"get", "-modfile=" + tmp, descent}
	for _, m := range b.tc.Linked {
		if m.Replace == nil {
			args = append(args, m.Path+"@"+m.Version)
		}
	}
	if _, err := b.goCmd(ctx, nil, args...); err != nil {
		return &Unavailable{Missing: "descent's source, " + descent + ", from the module cache or the Go module proxy (" + firstLine(err.Error()) + ")",
			Fix: "make the module proxy reachable, or build descent from a checkout: go run . install --replace"}
	}
	if _, err := b.goCmd(ctx, nil, "mod", "download", "-modfile="+tmp, "all"); err != nil {
		return fmt.Errorf("download the modules of %s: %w", descent, err)
	}
	list, err := b.buildList(ctx, tmp)
	if err != nil {
		return err
	}
	if err := b.checkLinked(list, descent); err != nil {
		return &Unavailable{Missing: "the module versions descent-worker links", Fix: err.Error()}
	}
	if err := os.Rename(strings.TrimSuffix(tmp, ".mod")+".sum", strings.TrimSuffix(ws.mod, ".mod")+".sum"); err != nil {
		return err
	}
	return os.Rename(tmp, ws.mod)
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
