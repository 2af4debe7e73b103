package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/descentlab/descent/internal/binaries"
	"github.com/descentlab/descent/internal/testbinary"
)

// TestMain builds descent-worker for the commands that need it (install
// copies it, version asks it) and points $DESCENT_WORKER at it, as if it
// sat next to the test binary.
func TestMain(m *testing.M) {
	os.Exit(withWorker(m))
}

// descentBin is the descent command built by TestMain, next to its
// worker.
var descentBin string

func withWorker(m *testing.M) int {
	bin, cleanup, err := testbinary.Build("main")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer cleanup()
	descentBin = bin
	os.Setenv(binaries.WorkerEnv, filepath.Join(filepath.Dir(bin), binaries.WorkerName()))
	return m.Run()
}

func TestCommandLine(t *testing.T) {
	data := t.TempDir()
	t.Setenv("JUPYTER_DATA_DIR", data)
	prefix := t.TempDir()
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"no arguments", nil, 2, "", "Usage:"},
		{"unknown command", []string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{"help", []string{"help"}, 0, "Usage:", ""},
		{"kernel without a file", []string{"kernel"}, 2, "", "takes one argument, the connection file"},
		{"kernel with the arguments of jupyter run", []string{"kernel", filepath.Join(data, "absent.json"), "smoke.go"}, 1, "",
			"ignoring the arguments after the connection file: smoke.go\ndescent kernel: connection file: open"},
		{"kernel with a missing file", []string{"kernel", filepath.Join(data, "absent.json")}, 1, "", "connection file"},
		{"version", []string{"version"}, 0, "descent devel\n" + runtime.Version(), ""},
		{"version names yaegi", []string{"version"}, 0, "\nyaegi v", ""},
		{"version with arguments", []string{"version", "x"}, 2, "", "no arguments"},
		{"run without a notebook", []string{"run"}, 2, "", "no notebook given"},
		{"run a notebook that does not exist", []string{"run", filepath.Join(data, "absent.ipynb")}, 2, "", "no such file"},
		{"install", []string{"install"}, 0, "installed the kernelspec descent in " + filepath.Join(data, "kernels", "descent"), ""},
		{"install again", []string{"install"}, 1, "", "--replace"},
		{"install --replace", []string{"install", "--replace"}, 0, "installed", ""},
		{"install with a prefix", []string{"install", "--prefix", prefix, "--name", "go-class"}, 0, filepath.Join(prefix, "share", "jupyter", "kernels", "go-class"), ""},
		{"two scopes", []string{"install", "--user", "--sys-prefix"}, 2, "", "exclude each other"},
		{"unknown flag", []string{"install", "--everywhere"}, 2, "", "flag provided but not defined"},
		{"stray argument", []string{"install", "here"}, 2, "", `unexpected argument "here"`},
		{"uninstall takes no --replace", []string{"uninstall", "--replace"}, 2, "", "flag provided but not defined"},
		{"uninstall", []string{"uninstall"}, 0, "removed the kernelspec", ""},
		{"uninstall again", []string{"uninstall"}, 1, "", "no kernelspec is installed"},
		{"install with a bad memory limit", []string{"install", "--memory-limit", "lots"}, 2, "", `"lots" is not a size`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.wantCode, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) {
				t.Errorf("stdout %q, want it to contain %q", stdout.String(), tt.wantStdout)
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr %q, want it to contain %q", stderr.String(), tt.wantStderr)
			}
		})
	}
}

func TestInstallCopiesBothPrograms(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", t.TempDir())
	var stdout, stderr bytes.Buffer
	if code := run([]string{"install"}, &stdout, &stderr); code != 0 {
		t.Fatalf("install: %d %s", code, stderr.String())
	}
	dir := filepath.Join(os.Getenv("JUPYTER_DATA_DIR"), "kernels", "descent")
	spec := readArgv(t, dir)
	if len(spec) != 3 || spec[0] != filepath.Join(dir, binaries.KernelName()) || spec[1] != "kernel" {
		t.Errorf("argv %q, want [%s kernel {connection_file}]", spec, filepath.Join(dir, binaries.KernelName()))
	}
	exe, _ := os.Executable()
	sameFile(t, exe, filepath.Join(dir, binaries.KernelName()))
	sameFile(t, os.Getenv(binaries.WorkerEnv), filepath.Join(dir, binaries.WorkerName()))
}

// TestInstallFromACheckoutBuildsTheWorker is `go run . install`: descent
// runs from the go command's build directory, alone, inside the source
// checkout, so install builds descent-worker and copies it.
func TestInstallFromACheckoutBuildsTheWorker(t *testing.T) {
	if testing.Short() {
		t.Skip("builds descent-worker")
	}
	t.Setenv(binaries.WorkerEnv, "")
	t.Setenv("JUPYTER_DATA_DIR", t.TempDir())
	var stdout, stderr bytes.Buffer
	if code := run([]string{"install"}, &stdout, &stderr); code != 0 {
		t.Fatalf("install: %d %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "building descent-worker from the source in") {
		t.Errorf("stderr %q does not say the worker is built", stderr.String())
	}
	dir := filepath.Join(os.Getenv("JUPYTER_DATA_DIR"), "kernels", "descent")
	out, err := exec.Command(filepath.Join(dir, binaries.WorkerName()), "version").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "yaegi v") {
		t.Errorf("the installed worker's version: %v %s", err, out)
	}
}

// install --memory-limit writes the limit into kernel.json's env, where
// Jupyter passes it to the kernel.
func TestInstallWritesTheMemoryLimit(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", t.TempDir())
	var stdout, stderr bytes.Buffer
	if code := run([]string{"install", "--memory-limit", "2GiB"}, &stdout, &stderr); code != 0 {
		t.Fatalf("install: %d %s", code, stderr.String())
	}
	raw, err := os.ReadFile(filepath.Join(os.Getenv("JUPYTER_DATA_DIR"), "kernels", "descent", "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Env map[string]string `json:"env"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil || spec.Env["DESCENT_MEMORY_LIMIT"] != "2GiB" {
		t.Fatalf("kernel.json env %v (%v):\n%s", spec.Env, err, raw)
	}
}

func readArgv(t *testing.T, dir string) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Argv []string `json:"argv"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	return spec.Argv
}

func sameFile(t *testing.T, want, got string) {
	t.Helper()
	a, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(got)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Errorf("%s is not a copy of %s", got, want)
	}
	if st, err := os.Stat(got); err != nil || st.Mode().Perm()&0o111 == 0 {
		t.Errorf("%s is not executable: %v", got, err)
	}
}

// TestInstallWarm is descent install --warm: the installed descent-worker
// compiles ahead, for this user, the packages Go plugins use (into Go's
// build cache) and the symbol extractor (into descent's cache).
func TestInstallWarm(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles packages for plugins")
	}
	if _, err := exec.LookPath("gcc"); err != nil && os.Getenv("DESCENT_REQUIRE_PLUGINS") != "1" {
		t.Skip("no C compiler: Go plugins cannot work here")
	}
	cache := t.TempDir()
	gocache, err := exec.Command("go", "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CACHE_HOME", cache)
	t.Setenv("GOCACHE", strings.TrimSpace(string(gocache)))
	t.Setenv("JUPYTER_DATA_DIR", t.TempDir())
	var stdout, stderr bytes.Buffer
	if code := run([]string{"install", "--warm"}, &stdout, &stderr); code != 0 {
		t.Fatalf("install --warm: %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
	if !strings.Contains(stdout.String(), "the first %%compile cell or %go get now takes seconds") {
		t.Errorf("stdout %q", stdout.String())
	}
	helpers, _ := filepath.Glob(filepath.Join(cache, "descent", "native", "*", "extract"))
	if len(helpers) != 1 {
		t.Errorf("the symbol extractor was not built into the cache: %v", helpers)
	}
}
