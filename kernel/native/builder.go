package native

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Options configure a Builder; the zero value is the worker's.
type Options struct {
	// CacheDir holds the workspace and the built plugins; "" means
	// descent/native in the user's cache directory.
	CacheDir string
	// Source is descent's source, the main module of every plugin build;
	// "" means the one the program recorded (see findSource).
	Source string
}

// Builder builds plugins for the running program and caches them. It is
// safe for concurrent use, also by several processes sharing a cache.
type Builder struct {
	tc *Toolchain
	// root is where the go command runs: descent's source, or the
	// workspace's own module when descent came from the module cache.
	root string
	// module is the main module of plugin builds, under which their
	// packages are placed.
	module string
	// fromModule is true when descent's source is a released version in
	// the module cache (see findSource).
	fromModule bool
	ws         *workspace
	plugins    string // the cached plugins

	mu     sync.Mutex // serializes changes to the workspace in this process
	loaded map[string]*Loaded
}

// New checks that plugins can work here and prepares a Builder. Its error
// is an *Unavailable when something is missing.
func New(ctx context.Context, opts Options) (*Builder, error) {
	tc, err := DetectToolchain(ctx)
	if err != nil {
		return nil, err
	}
	return newBuilder(ctx, tc, opts)
}

func newBuilder(ctx context.Context, tc *Toolchain, opts Options) (*Builder, error) {
	root, fromModule, err := findSource(opts.Source, tc.Main.Path, tc.Main.Version)
	if err != nil {
		return nil, err
	}
	cache := opts.CacheDir
	if cache == "" {
		user, err := os.UserCacheDir()
		if err != nil {
			return nil, &Unavailable{Missing: "a cache directory for built plugins", Fix: "set XDG_CACHE_HOME or HOME (" + err.Error() + ")"}
		}
		cache = filepath.Join(user, "descent", "native")
	}
	id, err := programID()
	if err != nil {
		return nil, err
	}
	b := &Builder{tc: tc, root: root, module: tc.Main.Path, fromModule: fromModule, plugins: filepath.Join(cache, id, "plugins"), loaded: map[string]*Loaded{}}
	if fromModule {
		b.root, b.module = filepath.Join(cache, id, "module"), workModule
	}
	if err := os.MkdirAll(b.plugins, 0o755); err != nil {
		return nil, fmt.Errorf("create the plugin cache: %w", err)
	}
	b.ws, err = openWorkspace(ctx, b, filepath.Join(cache, id), filepath.Join(cache, "fetched.txt"))
	if err != nil {
		return nil, err
	}
	pruneCache(cache, id, time.Now())
	return b, nil
}

// unusedFor is how long the plugins of another build of descent-worker are
// kept after it was last used.
const unusedFor = 30 * 24 * time.Hour

// pruneCache marks the workspace of build id as used now and removes the
// workspaces (and plugins) of builds unused for unusedFor: each rebuild of
// descent-worker starts a new one.
func pruneCache(cache, id string, now time.Time) {
	_ = os.WriteFile(filepath.Join(cache, id, "used"), nil, 0o644)
	_ = os.Chtimes(filepath.Join(cache, id, "used"), now, now)
	entries, err := os.ReadDir(cache)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || e.Name() == id {
			continue
		}
		st, err := os.Stat(filepath.Join(cache, e.Name(), "used"))
		if err == nil && now.Sub(st.ModTime()) > unusedFor {
			os.RemoveAll(filepath.Join(cache, e.Name()))
		}
	}
}

// workModule is the main module of plugin builds when descent's source is
// in the module cache, where nothing may be placed beside it.
const workModule = "descent.native/work"

// Toolchain returns how the Builder builds.
func (b *Builder) Toolchain() *Toolchain { return b.tc }

// programID identifies the running program's build by the hash of its
// executable: plugins built for one build do not fit another.
func programID() (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("find this program: %w", err)
	}
	f, err := os.Open(self)
	if err != nil {
		return "", fmt.Errorf("read this program: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("read this program: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
