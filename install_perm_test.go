//go:build linux

package main

import (
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/descentlab/descent/internal/binaries"
)

// TestInstallIntoAPrefixUnderARestrictiveUmask installs into a new prefix
// under umask 077, as an administrator with a private umask would: every
// directory it creates must be 0755, kernel.json and the logos 0644, the
// programs 0755, so that every user of a JupyterHub can start the kernel.
// When the test runs as root it also starts the installed kernel program
// as the user nobody.
func TestInstallIntoAPrefixUnderARestrictiveUmask(t *testing.T) {
	root, err := os.MkdirTemp("", "descent-umask-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(root)
	prefix := filepath.Join(root, "opt", "class")
	cmd := exec.Command("/bin/sh", "-c", `umask 077 && exec "$0" install --prefix "$1"`, descentBin, prefix)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("descent install: %v\n%s", err, out)
	}
	kernel := filepath.Join(prefix, "share", "jupyter", "kernels", "descent")
	want := map[string]fs.FileMode{
		filepath.Join(root, "opt"):                           0o755,
		prefix:                                               0o755,
		filepath.Join(prefix, "share"):                       0o755,
		filepath.Join(prefix, "share", "jupyter"):            0o755,
		filepath.Join(prefix, "share", "jupyter", "kernels"): 0o755,
		kernel:                                       0o755,
		filepath.Join(kernel, "kernel.json"):         0o644,
		filepath.Join(kernel, "logo-32x32.png"):      0o644,
		filepath.Join(kernel, "logo-64x64.png"):      0o644,
		filepath.Join(kernel, binaries.KernelName()): 0o755,
		filepath.Join(kernel, binaries.WorkerName()): 0o755,
	}
	for path, mode := range want {
		fi, err := os.Stat(path)
		if err != nil {
			t.Error(err)
			continue
		}
		if got := fi.Mode().Perm(); got != mode {
			t.Errorf("%s has mode %v, want %v", path, got, mode)
		}
	}
	entries, err := os.ReadDir(kernel)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 5 {
		t.Errorf("the kernelspec holds %d entries, want 5 (kernel.json, two logos, two programs)", len(entries))
	}

	if os.Geteuid() != 0 {
		return
	}
	if _, err := exec.LookPath("setpriv"); err != nil {
		t.Fatal("running as root without setpriv (util-linux): cannot run the installed kernel as another user")
	}
	// The whole path must be open to others for them to reach it.
	if err := os.Chmod(root, 0o755); err != nil {
		t.Fatal(err)
	}
	for d := filepath.Dir(root); d != "/"; d = filepath.Dir(d) {
		if fi, err := os.Stat(d); err != nil || fi.Mode().Perm()&0o005 != 0o005 {
			t.Logf("%s is not open to other users: the installed kernel is not run as nobody", d)
			return
		}
	}
	version := asNobody(filepath.Join(kernel, binaries.KernelName()), "version")
	version.Env = append(os.Environ(), binaries.WorkerEnv+"=") // the worker next to it
	out, err := version.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "yaegi v") {
		t.Errorf("the installed descent, run as nobody: %v\n%s", err, out)
	}
}

// asNobody runs a command as the user nobody (the test runs as root).
func asNobody(name string, args ...string) *exec.Cmd {
	return exec.Command("setpriv", append([]string{"--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", name}, args...)...)
}

// TestInstallIntoAnUnwritablePrefix: a user who cannot write the target
// learns it at once, before anything is built, with the flag to use
// instead.
func TestInstallIntoAnUnwritablePrefix(t *testing.T) {
	// A directory only root may write; the test runs descent as nobody
	// there, or, when it does not run as root, as itself.
	shared, err := os.MkdirTemp("", "descent-shared-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(shared)
	run := func(args ...string) *exec.Cmd { return exec.Command(descentBin, args...) }
	if os.Geteuid() == 0 {
		if _, err := exec.LookPath("setpriv"); err != nil {
			t.Fatal("running as root without setpriv (util-linux): cannot act as another user")
		}
		// nobody needs to run a copy of descent it can read.
		bin := filepath.Join(shared, "bin", binaries.KernelName())
		if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := copyFile(descentBin, bin); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(shared, 0o755); err != nil {
			t.Fatal(err)
		}
		run = func(args ...string) *exec.Cmd { return asNobody(bin, args...) }
	} else if err := os.Chmod(shared, 0o555); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		env  []string
		want []string
	}{
		{"--prefix", []string{"install", "--prefix", filepath.Join(shared, "prefix")}, nil,
			[]string{"cannot write the kernelspec in " + filepath.Join(shared, "prefix"), "permission denied", "--user"}},
		{"--sys-prefix from $CONDA_DIR", []string{"install", "--sys-prefix"}, []string{"CONDA_DIR=" + filepath.Join(shared, "conda")},
			[]string{"--sys-prefix is " + filepath.Join(shared, "conda") + " (from $CONDA_DIR)", "--prefix DIR", "--user"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := run(tt.args...)
			cmd.Env = append(append(os.Environ(), "CONDA_PREFIX=", "VIRTUAL_ENV=", "CONDA_DIR="), tt.env...)
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("descent %s succeeded in a directory it cannot write:\n%s", strings.Join(tt.args, " "), out)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("the error does not say %q:\n%s", w, out)
				}
			}
			if strings.Contains(string(out), "building descent-worker") {
				t.Errorf("descent built the worker before finding the target unwritable:\n%s", out)
			}
		})
	}
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
