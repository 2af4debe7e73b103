package native

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"plugin"
	"regexp"
	"sort"
	"strings"
	"time"
)

// cellsDir is the directory of descent's module under which plugin
// packages are placed (only in the go command's view: an overlay, nothing
// is written into the source).
const cellsDir = "nativecells"

// slowBuild is how long a build runs before the Builder says why it takes
// long.
const slowBuild = 4 * time.Second

// built is a plugin file for a package.
type built struct {
	file    string // the .so in the cache
	pkgPath string // the import path of the plugin's main package
	cached  bool   // it was in the cache
}

// build builds a plugin from the files of a main package (name -> source),
// or finds it in the cache. The go command's errors are returned as a
// *GoError.
func (b *Builder) build(ctx context.Context, files map[string][]byte, progress io.Writer) (built, error) {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n]))
		h.Write(files[n])
	}
	dir := "p" + hex.EncodeToString(h.Sum(nil))[:20]
	sum, err := b.ws.sum()
	if err != nil {
		return built{}, fmt.Errorf("read the plugin workspace: %w", err)
	}
	h.Write(sum)
	key := hex.EncodeToString(h.Sum(nil))[:32]
	out := built{file: filepath.Join(b.plugins, key+".so"), pkgPath: b.module + "/" + cellsDir + "/" + dir}
	if _, err := os.Stat(out.file); err == nil {
		out.cached = true
		return out, nil
	}

	src := filepath.Join(b.ws.dir, "src", dir)
	if err := os.MkdirAll(src, 0o755); err != nil {
		return built{}, err
	}
	defer os.RemoveAll(src)
	overlay := map[string]map[string]string{"Replace": {}}
	for _, n := range names {
		p := filepath.Join(src, n)
		if err := os.WriteFile(p, files[n], 0o644); err != nil {
			return built{}, err
		}
		overlay["Replace"][filepath.Join(b.root, cellsDir, dir, n)] = p
	}
	ov, _ := json.Marshal(overlay)
	ovFile := src + ".overlay.json"
	if err := os.WriteFile(ovFile, ov, 0o644); err != nil {
		return built{}, err
	}
	defer os.Remove(ovFile)
	tmp := out.file + fmt.Sprintf(".%d.tmp", os.Getpid())
	defer os.Remove(tmp)
	args := append([]string{"build", "-buildmode=plugin", b.ws.modFlag(), "-overlay=" + ovFile, "-buildvcs=false", "-o", tmp}, b.tc.Flags...)
	args = append(args, out.pkgPath)
	if progress != nil {
		timer := time.AfterFunc(slowBuild, func() {
			fmt.Fprintln(progress, "still compiling: the first plugin build compiles the Go packages it uses in plugin mode (about half a minute, once; `descent install --warm` does it ahead)")
		})
		defer timer.Stop()
	}
	if _, err := b.goCmd(ctx, nil, args...); err != nil {
		return built{}, err
	}
	if err := os.Rename(tmp, out.file); err != nil {
		return built{}, fmt.Errorf("store the plugin: %w", err)
	}
	return out, nil
}

// ErrStuck is returned when loading a plugin was interrupted while its
// package initialization still runs (an init that never returns): the
// process should be restarted, since that code cannot be stopped.
var ErrStuck = errors.New("interrupted while the plugin's initialization was still running compiled code")

// loadPlugin is openPlugin, given up on when ctx ends first (with
// ErrStuck: the initialization keeps running).
func (b *Builder) loadPlugin(ctx context.Context, file, symbol string) (plugin.Symbol, error) {
	type loaded struct {
		sym plugin.Symbol
		err error
	}
	done := make(chan loaded, 1)
	go func() {
		sym, err := b.openPlugin(file, symbol)
		done <- loaded{sym, err}
	}()
	select {
	case l := <-done:
		return l.sym, l.err
	case <-ctx.Done():
		return nil, ErrStuck
	}
}

// openPlugin loads a plugin file and returns the value of its exported
// variable symbol. A plugin that does not fit the program is an error
// saying why.
func (b *Builder) openPlugin(file, symbol string) (v plugin.Symbol, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("loading the plugin: an init function panicked: %v", r)
		}
	}()
	p, err := plugin.Open(file)
	if err != nil {
		if m := differentPackage.FindStringSubmatch(err.Error()); m != nil {
			// A cached plugin built before the source changed would fail
			// again: drop it.
			os.Remove(file)
			return nil, fmt.Errorf("the plugin does not fit descent-worker: package %s as built from %s is not the one descent-worker was built with "+
				"(was the source changed or descent-worker rebuilt elsewhere?); rebuild descent-worker from this source: descent install --replace", m[1], b.root)
		}
		return nil, fmt.Errorf("loading the plugin: %w", err)
	}
	return p.Lookup(symbol)
}

// differentPackage matches plugin.Open's error for a plugin that shares a
// package with the program at another version.
var differentPackage = regexp.MustCompile(`plugin was built with a different version of package (\S+)`)

// isMissing reports whether err says a file is missing.
func isMissing(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// packageName is the last element of an import path, without a major
// version suffix (v2, v3, ...) and made into an identifier.
func packageName(importPath string) string {
	base := path.Base(importPath)
	if len(base) > 1 && base[0] == 'v' && strings.Trim(base[1:], "0123456789") == "" {
		base = path.Base(path.Dir(importPath))
	}
	return strings.NewReplacer("-", "_", ".", "_").Replace(base)
}
