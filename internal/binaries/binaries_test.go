package binaries

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestCheckout(t *testing.T) {
	root := t.TempDir()
	sub := filepath.Join(root, "kernel", "worker")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, ok := Checkout(sub); ok {
		t.Fatal("a directory without go.mod is a checkout")
	}
	write(t, filepath.Join(root, "go.mod"), "// descent\nmodule   \"github.com/descentlab/descent\"\n\ngo 1.26\n")
	if got, ok := Checkout(sub); !ok || got != root {
		t.Errorf("Checkout(%s) = %q, %v; want %s", sub, got, ok, root)
	}
	// A nested module of another name stops nothing: the search goes on up.
	other := filepath.Join(root, "other")
	os.MkdirAll(other, 0o755)
	write(t, filepath.Join(other, "go.mod"), "module example.com/other\n")
	if got, ok := Checkout(other); !ok || got != root {
		t.Errorf("Checkout(%s) = %q, %v; want %s", other, got, ok, root)
	}
	if _, ok := Checkout(t.TempDir()); ok {
		t.Error("an unrelated directory is a checkout")
	}
}

// The repository this test runs in is a checkout.
func TestThisRepositoryIsACheckout(t *testing.T) {
	wd, _ := os.Getwd()
	root, ok := Checkout(wd)
	if !ok || filepath.Base(filepath.Dir(wd)) != "internal" || root != filepath.Dir(filepath.Dir(wd)) {
		t.Errorf("Checkout(%s) = %q, %v", wd, root, ok)
	}
}

func TestFindWorker(t *testing.T) {
	dir := t.TempDir()
	w := filepath.Join(dir, WorkerName())
	t.Setenv(WorkerEnv, w)
	if _, err := FindWorker(); !errors.Is(err, ErrNotFound) {
		t.Errorf("a missing $%s: err = %v, want ErrNotFound", WorkerEnv, err)
	}
	write(t, w, "#!/bin/sh\n")
	if got, err := FindWorker(); err != nil || got != w {
		t.Errorf("FindWorker() = %q, %v; want %s", got, err, w)
	}
	t.Setenv(WorkerEnv, dir)
	if _, err := FindWorker(); err == nil {
		t.Error("a directory is a worker")
	}
	// Unset: next to the test binary, where there is none.
	t.Setenv(WorkerEnv, "")
	if _, err := FindWorker(); !errors.Is(err, ErrNotFound) {
		t.Errorf("no worker next to the test binary: err = %v, want ErrNotFound", err)
	}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o755); err != nil {
		t.Fatal(err)
	}
}
