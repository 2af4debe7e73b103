package native

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
)

// Unavailable is the error of every entry point when plugins cannot work
// here: it names what is missing and how to get it.
type Unavailable struct {
	// Missing says what is missing, e.g. "a C compiler".
	Missing string
	// Fix says what to install or do.
	Fix string
}

// Error implements error.
func (u *Unavailable) Error() string {
	return "native Go code needs " + u.Missing + ": " + u.Fix
}

// Toolchain is how plugins are built for the running program: the go
// command of the same Go release and the flags and environment the
// program was built with.
type Toolchain struct {
	// Go is the path of the go command.
	Go string
	// Version is the Go release, e.g. go1.26.8.
	Version string
	// Flags are the build flags that affect how packages compile
	// (-trimpath, -tags, -gcflags, -race, -pgo, ...), as the program was
	// built with them.
	Flags []string
	// Env holds the environment variables the program was built with that
	// affect compilation (CGO_ENABLED, CGO_CFLAGS, GOARCH, GOAMD64, ...),
	// as KEY=VALUE.
	Env []string
	// ModCache is the go command's module cache (GOMODCACHE).
	ModCache string
	// Main is the program's main module.
	Main debug.Module
	// Linked are the modules the program links, by path.
	Linked map[string]debug.Module
	// Settings is the program's build settings as the go command recorded
	// them, one "key=value" per line (part of every cache key).
	Settings string
}

// settingFlags are the recorded build settings that are go build flags and
// change how packages compile.
var settingFlags = map[string]bool{
	"-asmflags": true, "-gcflags": true, "-tags": true, "-trimpath": true,
	"-race": true, "-msan": true, "-asan": true, "-cover": true, "-covermode": true,
}

// settingEnv are the recorded build settings that are environment
// variables and change how packages compile.
var settingEnv = map[string]bool{
	"CGO_ENABLED": true, "CGO_CFLAGS": true, "CGO_CPPFLAGS": true, "CGO_CXXFLAGS": true, "CGO_LDFLAGS": true,
	"GOARCH": true, "GOOS": true, "GOEXPERIMENT": true, "GOFIPS140": true,
	"GO386": true, "GOAMD64": true, "GOARM": true, "GOARM64": true, "GOMIPS": true, "GOMIPS64": true,
	"GOPPC64": true, "GORISCV64": true, "GOWASM": true, "GOLOONG64": true,
}

// goEnv is what the go command says about itself.
type goEnv struct {
	GOVERSION, CC, GOMODCACHE string
}

// DetectToolchain checks that plugins can be built and loaded here for
// the running program and says how. Its error is an *Unavailable.
func DetectToolchain(ctx context.Context) (*Toolchain, error) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = nil
	}
	return detectToolchain(ctx, runtime.GOOS, bi, exec.LookPath)
}

// detectToolchain is DetectToolchain for a program running on goos and
// built as bi (nil: no build information), finding programs with lookPath.
func detectToolchain(ctx context.Context, goos string, bi *debug.BuildInfo, lookPath func(string) (string, error)) (*Toolchain, error) {
	if goos == "windows" {
		return nil, &Unavailable{Missing: "Go plugins, which Windows does not have",
			Fix: "run descent on Linux or macOS (on Windows, in WSL); everything else works here"}
	}
	if bi == nil || bi.Main.Path == "" {
		return nil, &Unavailable{Missing: "the build information of descent-worker, which this build lacks",
			Fix: "build it in module mode from descent's source: descent install --replace"}
	}
	set := map[string]string{}
	for _, s := range bi.Settings {
		set[s.Key] = s.Value
	}
	if set["CGO_ENABLED"] != "1" {
		return nil, &Unavailable{Missing: "a descent-worker built with cgo (Go plugins need it), and this one was built with CGO_ENABLED=0",
			Fix: "install a C compiler (gcc: apt-get install gcc) and rebuild it: descent install --replace"}
	}
	if c := set["-compiler"]; c != "" && c != "gc" {
		return nil, &Unavailable{Missing: "a descent-worker built with the gc compiler, and this one was built with " + c,
			Fix: "rebuild it with the standard Go toolchain: descent install --replace"}
	}
	goCmd, err := lookPath("go")
	if err != nil {
		return nil, &Unavailable{Missing: "the go command (" + runtime.Version() + "), which is not on the kernel's PATH",
			Fix: "install Go " + strings.TrimPrefix(runtime.Version(), "go") + " from https://go.dev/dl and put its bin directory on PATH"}
	}
	env, err := queryGoEnv(ctx, goCmd)
	if err != nil {
		return nil, &Unavailable{Missing: "a working go command", Fix: fmt.Sprintf("%s env failed (%v); reinstall Go %s", goCmd, err, runtime.Version())}
	}
	if env.GOVERSION != runtime.Version() {
		return nil, &Unavailable{Missing: "the Go release descent-worker was built with (" + runtime.Version() + "), and the go command on PATH is " + env.GOVERSION,
			Fix: "install Go " + strings.TrimPrefix(runtime.Version(), "go") + " (https://go.dev/dl) or rebuild descent with this one: descent install --replace"}
	}
	cc := strings.Fields(env.CC)
	if len(cc) == 0 {
		cc = []string{"gcc"}
	}
	if _, err := lookPath(cc[0]); err != nil {
		return nil, &Unavailable{Missing: "a C compiler (" + cc[0] + ", for cgo), which is not on PATH",
			Fix: "install one, e.g. apt-get install gcc (Debian, Ubuntu) or xcode-select --install (macOS)"}
	}
	tc := &Toolchain{Go: goCmd, Version: runtime.Version(), ModCache: env.GOMODCACHE, Main: bi.Main, Linked: map[string]debug.Module{}}
	for _, d := range bi.Deps {
		tc.Linked[d.Path] = *d
	}
	tc.Flags, tc.Env, tc.Settings = buildFlags(set)
	return tc, nil
}

// buildFlags turns recorded build settings into go build flags and
// environment variables, and renders all settings for cache keys.
func buildFlags(set map[string]string) (flags, env []string, all string) {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		v := set[k]
		if strings.HasPrefix(k, "vcs") || k == "-ldflags" {
			continue // neither changes how a package compiles
		}
		fmt.Fprintf(&b, "%s=%s\n", k, v)
		switch {
		case settingFlags[k]:
			flags = append(flags, k+"="+v)
		case settingEnv[k]:
			env = append(env, k+"="+v)
		}
	}
	// A profile changes how every package compiles; without one, a plugin
	// must not pick up a default.pgo of its own.
	if p := set["-pgo"]; p != "" {
		flags = append(flags, "-pgo="+p)
	} else {
		flags = append(flags, "-pgo=off")
	}
	return flags, env, b.String()
}

// queryGoEnv asks the go command for its version, C compiler and module
// cache.
func queryGoEnv(ctx context.Context, goCmd string) (goEnv, error) {
	cmd := exec.CommandContext(ctx, goCmd, "env", "-json", "GOVERSION", "CC", "GOMODCACHE")
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOWORK=off")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return goEnv{}, fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	var e goEnv
	if err := json.Unmarshal(out, &e); err != nil {
		return goEnv{}, err
	}
	return e, nil
}
