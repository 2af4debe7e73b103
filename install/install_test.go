package install

import (
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInstallWritesKernelspec(t *testing.T) {
	data := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", data)
	exe := filepath.Join(t.TempDir(), "bin", "descent")
	dir, err := Install(Options{Executable: exe})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(data, "kernels", "descent"); dir != want {
		t.Fatalf("installed in %s, want %s", dir, want)
	}
	raw, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec map[string]any
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	argv, _ := spec["argv"].([]any)
	if len(argv) != 3 || argv[0] != exe || argv[1] != "kernel" || argv[2] != "{connection_file}" {
		t.Errorf("argv %v", spec["argv"])
	}
	for key, want := range map[string]any{"display_name": "Go (descent)", "language": "go", "interrupt_mode": "message"} {
		if spec[key] != want {
			t.Errorf("%s = %v, want %v", key, spec[key], want)
		}
	}
	if md, ok := spec["metadata"].(map[string]any); !ok || len(md) != 0 {
		t.Errorf("metadata %v, want {}", spec["metadata"])
	}
	for _, size := range []int{32, 64} {
		f, err := os.Open(filepath.Join(dir, fmt.Sprintf("logo-%dx%d.png", size, size)))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil {
			t.Fatalf("logo %d: %v", size, err)
		}
		if cfg.Width != size || cfg.Height != size {
			t.Errorf("logo-%dx%d.png is %dx%d", size, size, cfg.Width, cfg.Height)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(data, "kernels"))
	if len(entries) != 1 {
		t.Errorf("kernels/ holds %d entries, want only descent (no temporary left over)", len(entries))
	}
}

func TestInstallRefusesToOverwriteWithoutReplace(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", t.TempDir())
	if _, err := Install(Options{Executable: "/first/descent"}); err != nil {
		t.Fatal(err)
	}
	dir, err := Install(Options{Executable: "/second/descent"})
	if !errors.Is(err, ErrExists) || !strings.Contains(err.Error(), "--replace") {
		t.Fatalf("second install: %v, want ErrExists mentioning --replace", err)
	}
	if got := argv0(t, dir); got != "/first/descent" {
		t.Fatalf("a refused install changed kernel.json: argv[0] = %s", got)
	}
	if _, err := Install(Options{Executable: "/second/descent", Replace: true}); err != nil {
		t.Fatal(err)
	}
	if got := argv0(t, dir); got != "/second/descent" {
		t.Fatalf("--replace left argv[0] = %s", got)
	}
}

func argv0(t *testing.T, dir string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec KernelSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	return spec.Argv[0]
}

func TestInstallUsesTheRunningBinaryByDefault(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", t.TempDir())
	dir, err := Install(Options{Name: "Descent-Test"})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(dir) != "descent-test" {
		t.Errorf("name not lowercased: %s", dir)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	exe, _ = filepath.EvalSymlinks(exe)
	if got := argv0(t, dir); got != exe || !filepath.IsAbs(got) {
		t.Errorf("argv[0] = %s, want the absolute path %s", got, exe)
	}
}

func TestUninstall(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", t.TempDir())
	if _, err := Uninstall(Options{}); !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("uninstalling nothing: %v, want ErrNotInstalled", err)
	}
	dir, err := Install(Options{Executable: "/x/descent"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Uninstall(Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("%s still exists: %v", dir, err)
	}
}

func TestKernelDirScopesAndNames(t *testing.T) {
	t.Setenv("CONDA_PREFIX", "")
	t.Setenv("VIRTUAL_ENV", "/venvs/class")
	tests := []struct {
		opts    Options
		want    string
		wantErr string
	}{
		{Options{Scope: Prefix, Prefix: "/opt/jh"}, "/opt/jh/share/jupyter/kernels/descent", ""},
		{Options{Scope: SysPrefix, Name: "go-class"}, "/venvs/class/share/jupyter/kernels/go-class", ""},
		{Options{Scope: Prefix}, "", "--prefix"},
		{Options{Scope: Prefix, Prefix: "/p", Name: "../escape"}, "", "invalid kernel name"},
		{Options{Scope: Prefix, Prefix: "/p", Name: ".."}, "", "invalid kernel name"},
		{Options{Scope: Prefix, Prefix: "/p", Name: "has space"}, "", "invalid kernel name"},
	}
	for _, tt := range tests {
		got, err := KernelDir(tt.opts)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("KernelDir(%+v) = %s, %v; want an error about %q", tt.opts, got, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got != filepath.FromSlash(tt.want) {
			t.Errorf("KernelDir(%+v) = %s, %v; want %s", tt.opts, got, err, tt.want)
		}
	}
}

func TestUserDataDir(t *testing.T) {
	home := func() (string, error) { return "/home/ada", nil }
	env := func(kv map[string]string) func(string) string {
		return func(k string) string { return kv[k] }
	}
	tests := []struct {
		goos string
		env  map[string]string
		want string
	}{
		{"linux", nil, "/home/ada/.local/share/jupyter"},
		{"linux", map[string]string{"XDG_DATA_HOME": "/xdg"}, "/xdg/jupyter"},
		{"linux", map[string]string{"JUPYTER_DATA_DIR": "/jd", "XDG_DATA_HOME": "/xdg"}, "/jd"},
		{"darwin", map[string]string{"XDG_DATA_HOME": "/xdg"}, "/home/ada/Library/Jupyter"},
		{"windows", map[string]string{"APPDATA": "/appdata"}, "/appdata/jupyter"},
		{"freebsd", nil, "/home/ada/.local/share/jupyter"},
	}
	for _, tt := range tests {
		got, err := userDataDir(tt.goos, env(tt.env), home)
		if err != nil || got != filepath.FromSlash(tt.want) {
			t.Errorf("%s %v: %s, %v; want %s", tt.goos, tt.env, got, err, tt.want)
		}
	}
	if got := sysPrefix(env(map[string]string{"CONDA_PREFIX": "/conda", "VIRTUAL_ENV": "/venv"})); got != "/conda" {
		t.Errorf("sysPrefix prefers CONDA_PREFIX: got %s", got)
	}
	if got := sysPrefix(env(map[string]string{"CONDA_DIR": "/opt/conda"})); got != "/opt/conda" {
		t.Errorf("sysPrefix with only CONDA_DIR (jupyter/docker-stacks): got %s, want /opt/conda", got)
	}
	if got := sysPrefix(env(map[string]string{"CONDA_DIR": "/opt/conda", "VIRTUAL_ENV": "/venv"})); got != "/venv" {
		t.Errorf("sysPrefix prefers an active environment to CONDA_DIR: got %s", got)
	}
	if got := sysPrefix(env(nil)); got != "/usr/local" {
		t.Errorf("sysPrefix default %s", got)
	}
}
