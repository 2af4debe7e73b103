// Package install writes and removes the descent kernelspec: the directory
// kernels/<name>/ with kernel.json and the logos, in a Jupyter data
// directory, the way `jupyter kernelspec install` would.
package install

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/descentlab/descent/internal/binaries"
)

//go:embed logo-32x32.png logo-64x64.png
var logos embed.FS

// DefaultName is the kernel name Jupyter shows in its kernel lists.
const DefaultName = "descent"

// Scope is where a kernelspec is installed.
type Scope int

// The scopes of `jupyter kernelspec install`.
const (
	// User is the user's Jupyter data directory (--user, the default).
	User Scope = iota
	// Prefix is PREFIX/share/jupyter (--prefix PREFIX).
	Prefix
	// SysPrefix is the active environment's share/jupyter (--sys-prefix).
	SysPrefix
)

// Errors of Install and Uninstall.
var (
	ErrExists       = errors.New("a kernelspec is already installed there")
	ErrNotInstalled = errors.New("no kernelspec is installed there")
)

// Options select the kernelspec directory and what to write.
type Options struct {
	Scope Scope
	// Prefix is the installation prefix of the Prefix scope.
	Prefix string
	// Name is the kernel's name (default "descent"); it is lowercased and
	// may contain only a-z, 0-9, '.', '_' and '-'.
	Name string
	// Replace overwrites an installed kernelspec of the same name.
	Replace bool
	// Executable is the descent binary kernel.json runs; empty means the
	// running binary, with symbolic links resolved.
	Executable string
	// Worker, when set, is descent-worker. Then both programs are copied
	// into the kernelspec directory, side by side, and kernel.json runs
	// the copy: the kernelspec keeps working when the originals move or
	// are removed (as the build of `go run .` is), and a JupyterHub
	// prefix holds everything its kernel needs.
	Worker string
}

// KernelSpec is the content of kernel.json.
type KernelSpec struct {
	Argv          []string       `json:"argv"`
	DisplayName   string         `json:"display_name"`
	Language      string         `json:"language"`
	InterruptMode string         `json:"interrupt_mode"`
	Metadata      map[string]any `json:"metadata"`
}

// Spec returns the kernelspec that runs `executable kernel
// {connection_file}`, interrupted by interrupt_request messages.
func Spec(executable string) KernelSpec {
	return KernelSpec{
		Argv:          []string{executable, "kernel", "{connection_file}"},
		DisplayName:   "Go (descent)",
		Language:      "go",
		InterruptMode: "message",
		Metadata:      map[string]any{},
	}
}

var validName = regexp.MustCompile(`^[a-z0-9._-]+$`)

// KernelDir returns the directory of the kernelspec the options name.
func KernelDir(opts Options) (string, error) {
	name := strings.ToLower(opts.Name)
	if name == "" {
		name = DefaultName
	}
	if !validName.MatchString(name) || strings.Trim(name, ".") == "" {
		return "", fmt.Errorf("invalid kernel name %q: use only letters, digits, '.', '_' and '-'", opts.Name)
	}
	data, err := DataDir(opts.Scope, opts.Prefix)
	if err != nil {
		return "", err
	}
	return filepath.Join(data, "kernels", name), nil
}

// Install writes the kernelspec and returns its directory. It refuses to
// overwrite an installed one unless opts.Replace is set.
func Install(opts Options) (string, error) {
	dir, err := KernelDir(opts)
	if err != nil {
		return "", err
	}
	exe := opts.Executable
	if exe == "" {
		if exe, err = binaries.Self(); err != nil {
			return "", err
		}
	}
	if _, err := os.Stat(dir); err == nil && !opts.Replace {
		return dir, fmt.Errorf("%s: %w; use --replace to overwrite it", dir, ErrExists)
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", parent, err)
	}
	// Write a complete spec next to the target, then move it in place, so
	// that Jupyter never sees half a kernelspec.
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+"-")
	if err != nil {
		return "", fmt.Errorf("create a directory in %s: %w", parent, err)
	}
	defer os.RemoveAll(tmp)
	if opts.Worker != "" {
		if err := copyProgram(exe, filepath.Join(tmp, binaries.KernelName())); err != nil {
			return "", err
		}
		if err := copyProgram(opts.Worker, filepath.Join(tmp, binaries.WorkerName())); err != nil {
			return "", err
		}
		exe = filepath.Join(dir, binaries.KernelName())
	}
	if err := writeSpec(tmp, Spec(exe)); err != nil {
		return "", err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return "", err
	}
	if opts.Replace {
		if err := os.RemoveAll(dir); err != nil {
			return "", fmt.Errorf("remove the old kernelspec: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		return "", fmt.Errorf("install the kernelspec in %s: %w", dir, err)
	}
	return dir, nil
}

func writeSpec(dir string, spec KernelSpec) error {
	data, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("write kernel.json: %w", err)
	}
	return fs.WalkDir(logos, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := logos.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, path), b, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	})
}

// copyProgram copies the executable file src to dst.
func copyProgram(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("copy the program: %w", err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o755)
	if err != nil {
		return fmt.Errorf("copy the program: %w", err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return nil
}

// Uninstall removes the kernelspec the options name and returns its
// directory.
func Uninstall(opts Options) (string, error) {
	dir, err := KernelDir(opts)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(filepath.Join(dir, "kernel.json")); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return dir, fmt.Errorf("%s: %w", dir, ErrNotInstalled)
		}
		return dir, err
	}
	if err := os.RemoveAll(dir); err != nil {
		return dir, fmt.Errorf("remove %s: %w", dir, err)
	}
	return dir, nil
}
