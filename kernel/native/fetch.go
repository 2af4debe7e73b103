package native

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// moduleSpec matches MODULE or MODULE@VERSION as %go get takes it.
var moduleSpec = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._~/-]*(@[A-Za-z0-9][A-Za-z0-9._+~/-]*)?$`)

// Fetched is a module added to the workspace.
type Fetched struct {
	// Module and Version are the module and the version selected.
	Module, Version string
	// Linked is true when the module is one descent-worker links: it was
	// already there, at the worker's version.
	Linked bool
}

// Get adds a module (MODULE or MODULE@VERSION, as for go get) to the
// workspace, so that its packages can be built into plugins. The go
// command's progress goes to progress. A module the program links keeps
// the program's version: asking for another is an error, as is a module
// whose requirements would change the version of one the program links.
func (b *Builder) Get(ctx context.Context, spec string, progress io.Writer) (Fetched, error) {
	if !moduleSpec.MatchString(spec) {
		return Fetched{}, fmt.Errorf("%q is not a module path with an optional @version (e.g. github.com/google/btree@v1.1.3)", spec)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	unlock, err := lockFile(filepath.Join(b.ws.dir, "lock"))
	if err != nil {
		return Fetched{}, err
	}
	defer unlock()
	f, err := b.ws.add(ctx, spec, progress)
	if err != nil || f.Linked {
		return f, err
	}
	list := readLines(b.ws.fetched)
	entry := f.Module + "@" + f.Version
	kept := []string{entry}
	for _, l := range list {
		if m, _, _ := strings.Cut(l, "@"); m != f.Module {
			kept = append(kept, l)
		}
	}
	sort.Strings(kept)
	if err := writeLines(b.ws.fetched, kept); err != nil {
		return f, fmt.Errorf("record the fetched module: %w", err)
	}
	applied := filepath.Join(b.ws.dir, "applied.txt")
	return f, writeLines(applied, append(readLines(applied), entry))
}

// add runs go get on a copy of the workspace's go.mod and keeps the copy
// when no module the program links changed version. The caller holds the
// workspace lock.
func (ws *workspace) add(ctx context.Context, spec string, progress io.Writer) (Fetched, error) {
	b := ws.b
	module, version, _ := strings.Cut(spec, "@")
	if module == b.tc.Main.Path || strings.HasPrefix(module, b.tc.Main.Path+"/") {
		return Fetched{}, fmt.Errorf("%s is descent itself: its packages are importable already", module)
	}
	if l, ok := b.tc.Linked[module]; ok {
		have := l.Version
		if l.Replace != nil {
			have = l.Replace.Version
		}
		if version != "" && version != have && version != "latest" && version != "upgrade" {
			return Fetched{}, fmt.Errorf("%s is linked into descent-worker at %s, and a cell must use that version, not %s: "+
				"import its packages without a version (or rebuild descent with %s@%s in its go.mod)", module, have, version, module, version)
		}
		return Fetched{Module: module, Version: have, Linked: true}, nil
	}
	cand, err := os.CreateTemp(ws.dir, "candidate-*.mod")
	if err != nil {
		return Fetched{}, err
	}
	cand.Close()
	candSum := strings.TrimSuffix(cand.Name(), ".mod") + ".sum"
	defer os.Remove(cand.Name())
	defer os.Remove(candSum)
	for _, c := range []struct{ from, to string }{{ws.mod, cand.Name()}, {strings.TrimSuffix(ws.mod, ".mod") + ".sum", candSum}} {
		data, err := os.ReadFile(c.from)
		if err != nil && c.to == cand.Name() {
			return Fetched{}, err
		}
		if err := os.WriteFile(c.to, data, 0o644); err != nil {
			return Fetched{}, err
		}
	}
	if _, err := b.goCmd(ctx, progress, "get", "-modfile="+cand.Name(), spec); err != nil {
		return Fetched{}, fmt.Errorf("go get %s: %w", spec, err)
	}
	list, err := b.buildList(ctx, cand.Name())
	if err != nil {
		return Fetched{}, err
	}
	if err := b.checkLinked(list, spec); err != nil {
		return Fetched{}, err
	}
	selected, ok := list[module]
	if !ok {
		return Fetched{}, fmt.Errorf("go get %s did not add the module %s", spec, module)
	}
	for _, c := range []struct{ from, to string }{{cand.Name(), ws.mod}, {candSum, strings.TrimSuffix(ws.mod, ".mod") + ".sum"}} {
		if err := os.Rename(c.from, c.to); err != nil {
			return Fetched{}, fmt.Errorf("update the plugin workspace: %w", err)
		}
	}
	return Fetched{Module: module, Version: selected}, nil
}

// buildList returns the version the go command selects for every module
// with the go.mod at modfile ("path" -> "version", or "version => path
// version" for a replaced module).
func (b *Builder) buildList(ctx context.Context, modfile string) (map[string]string, error) {
	out, err := b.goCmd(ctx, nil, "list", "-modfile="+modfile, "-m",
		"-f", "{{.Path}} {{.Version}}{{with .Replace}} => {{.Path}} {{.Version}}{{end}}", "all")
	if err != nil {
		return nil, fmt.Errorf("list the modules: %w", err)
	}
	list := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		path, rest, ok := strings.Cut(strings.TrimSpace(line), " ")
		if ok {
			list[path] = rest
		}
	}
	return list, nil
}

// checkLinked returns an error naming every module the program links whose
// version the build list changes.
func (b *Builder) checkLinked(list map[string]string, spec string) error {
	var changed []string
	for path, m := range b.tc.Linked {
		want := m.Version
		if m.Replace != nil {
			want = m.Version + " => " + m.Replace.Path + " " + m.Replace.Version
			if m.Replace.Version == "" {
				want = m.Version + " => " + m.Replace.Path
			}
		}
		if got, ok := list[path]; ok && strings.TrimSpace(got) != want {
			changed = append(changed, fmt.Sprintf("%s %s (descent-worker links %s)", path, got, want))
		}
	}
	if len(changed) == 0 {
		return nil
	}
	sort.Strings(changed)
	return fmt.Errorf("%s needs other versions of modules descent-worker links: %s; a plugin must use the worker's versions, "+
		"so pick a version of the module that works with them (an older one), or rebuild descent with the newer versions in its go.mod",
		spec, strings.Join(changed, "; "))
}
