package native

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"
)

// builtWith returns the build information the go command records for a
// program built with args (and env added), read back with go version -m.
func builtWith(t *testing.T, env []string, args ...string) *debug.BuildInfo {
	t.Helper()
	dir := t.TempDir()
	for name, text := range map[string]string{"go.mod": "module example.com/prog\n\ngo 1.26\n", "main.go": "package main\n\nfunc main() {}\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cmd := exec.Command("go", append(append([]string{"build", "-o", "prog"}, args...), ".")...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOWORK=off", "GOFLAGS="), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %v: %v\n%s", args, err, out)
	}
	out, err := exec.Command("go", "version", "-m", filepath.Join(dir, "prog")).Output()
	if err != nil {
		t.Fatal(err)
	}
	_, text, _ := strings.Cut(string(out), "\n")
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		lines = append(lines, strings.TrimPrefix(l, "\t"))
	}
	bi, err := debug.ParseBuildInfo(strings.Join(lines, "\n"))
	if err != nil {
		t.Fatal(err)
	}
	return bi
}

func TestBuildFlagsRepeatTheProgramsBuild(t *testing.T) {
	if runtime.GOARCH != "amd64" {
		t.Skip("uses GOAMD64")
	}
	bi := builtWith(t, []string{"GOAMD64=v2", "CGO_ENABLED=1"}, "-trimpath", "-tags", "descenttest", "-gcflags=all=-N")
	tc, err := detectToolchain(context.Background(), "linux", bi, exec.LookPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"-trimpath=true", "-tags=descenttest", "-gcflags=all=-N", "-pgo=off"} {
		if !slices.Contains(tc.Flags, f) {
			t.Errorf("flags %v lack %s", tc.Flags, f)
		}
	}
	for _, e := range []string{"GOAMD64=v2", "CGO_ENABLED=1"} {
		if !slices.Contains(tc.Env, e) {
			t.Errorf("env %v lacks %s", tc.Env, e)
		}
	}
}

func TestUnavailableNamesWhatIsMissing(t *testing.T) {
	cgo := builtWith(t, []string{"CGO_ENABLED=1"})
	noCgo := builtWith(t, []string{"CGO_ENABLED=0"})
	// A go command of another release.
	fake := t.TempDir()
	script := "#!/bin/sh\necho '{\"GOVERSION\":\"go1.20.1\",\"CC\":\"gcc\",\"GOMODCACHE\":\"/x\"}'\n"
	if err := os.WriteFile(filepath.Join(fake, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	only := func(found map[string]string) func(string) (string, error) {
		return func(name string) (string, error) {
			if p, ok := found[name]; ok {
				return p, nil
			}
			return "", exec.ErrNotFound
		}
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		goos string
		bi   *debug.BuildInfo
		look func(string) (string, error)
		want []string
	}{
		{"windows", "windows", cgo, exec.LookPath, []string{"Windows", "WSL"}},
		{"no build info", "linux", nil, exec.LookPath, []string{"build information", "descent install --replace"}},
		{"no cgo", "linux", noCgo, exec.LookPath, []string{"CGO_ENABLED=0", "gcc", "descent install --replace"}},
		{"no go command", "linux", cgo, only(nil), []string{"the go command", "go.dev/dl"}},
		{"another Go", "linux", cgo, only(map[string]string{"go": filepath.Join(fake, "go"), "gcc": "/usr/bin/gcc"}), []string{"go1.20.1", runtime.Version()}},
		{"no C compiler", "linux", cgo, only(map[string]string{"go": goCmd}), []string{"C compiler", "apt-get install gcc"}},
	} {
		_, err := detectToolchain(context.Background(), tt.goos, tt.bi, tt.look)
		var u *Unavailable
		if !errors.As(err, &u) {
			t.Errorf("%s: error %v, want *Unavailable", tt.name, err)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not say %q", tt.name, err, w)
			}
		}
	}
}

func TestPruneCacheRemovesOldBuildsOnly(t *testing.T) {
	cache := t.TempDir()
	now := time.Now()
	for name, age := range map[string]time.Duration{"old": 40 * 24 * time.Hour, "recent": 2 * 24 * time.Hour, "current": 90 * 24 * time.Hour} {
		dir := filepath.Join(cache, name)
		if err := os.MkdirAll(filepath.Join(dir, "plugins"), 0o755); err != nil {
			t.Fatal(err)
		}
		used := filepath.Join(dir, "used")
		if err := os.WriteFile(used, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(used, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	pruneCache(cache, "current", now)
	for name, want := range map[string]bool{"old": false, "recent": true, "current": true} {
		_, err := os.Stat(filepath.Join(cache, name))
		if (err == nil) != want {
			t.Errorf("%s kept = %v, want %v", name, err == nil, want)
		}
	}
}
