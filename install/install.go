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
	// Env is written into kernel.json's "env": Jupyter sets it for the
	// kernel (DESCENT_MEMORY_LIMIT, say).
	Env map[string]string
}

// KernelSpec is the content of kernel.json.
type KernelSpec struct {
	Argv          []string          `json:"argv"`
	DisplayName   string            `json:"display_name"`
	Language      string            `json:"language"`
	InterruptMode string            `json:"interrupt_mode"`
	Env           map[string]string `json:"env,omitempty"`
	Metadata      map[string]any    `json:"metadata"`
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

// The modes of what Install writes. In a shared prefix (--prefix,
// --sys-prefix) every user must read the kernelspec and run the programs,
// so these are set explicitly, whatever the umask; so are the parent
// directories Install creates there. In the user's own data directory the
// parents keep the umask's modes.
const (
	dirMode     fs.FileMode = 0o755
	fileMode    fs.FileMode = 0o644
	programMode fs.FileMode = 0o755
)

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
	if err := makeParents(parent, opts.Scope != User); err != nil {
		return "", writeError(opts, parent, err)
	}
	// Write a complete spec next to the target, then move it in place, so
	// that Jupyter never sees half a kernelspec.
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+"-")
	if err != nil {
		return "", writeError(opts, parent, err)
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
	spec := Spec(exe)
	spec.Env = opts.Env
	if err := writeSpec(tmp, spec); err != nil {
		return "", err
	}
	if err := os.Chmod(tmp, dirMode); err != nil {
		return "", err
	}
	if opts.Replace {
		if err := os.RemoveAll(dir); err != nil {
			return "", writeError(opts, dir, fmt.Errorf("remove the old kernelspec: %w", err))
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		return "", writeError(opts, dir, fmt.Errorf("install the kernelspec in %s: %w", dir, err))
	}
	return dir, nil
}

// CheckWritable reports, before anything is built, whether Install could
// write the kernelspec the options name: it creates the missing parent
// directories (as Install would) and a temporary directory among them,
// which it removes. Its error says which flag to use instead.
func CheckWritable(opts Options) error {
	dir, err := KernelDir(opts)
	if err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := makeParents(parent, opts.Scope != User); err != nil {
		return writeError(opts, parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+"-check-")
	if err != nil {
		return writeError(opts, parent, err)
	}
	return os.Remove(tmp)
}

// makeParents creates dir and its missing parents; with shared, the ones
// it creates get dirMode whatever the umask.
func makeParents(dir string, shared bool) error {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil || filepath.Dir(d) == d {
			break
		}
		missing = append(missing, d)
	}
	if err := os.MkdirAll(dir, dirMode); err != nil {
		return err
	}
	if shared {
		for _, d := range missing {
			if err := os.Chmod(d, dirMode); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeError explains an error writing path; when it is a permission
// error it says what to do instead.
func writeError(opts Options, path string, err error) error {
	if !errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("write the kernelspec in %s: %w", path, err)
	}
	var hint string
	switch opts.Scope {
	case User:
		hint = "use --prefix DIR to install into a directory you can write"
	case Prefix:
		hint = "run descent install as a user who can write there (for a system-wide install, as root), or use --user to install it for yourself alone"
	case SysPrefix:
		p, from := sysPrefixSource(os.Getenv)
		if from == "" {
			hint = fmt.Sprintf("no conda or virtualenv environment is active ($CONDA_PREFIX, $VIRTUAL_ENV and $CONDA_DIR are unset), so --sys-prefix means %s; use --prefix DIR for the prefix of your Jupyter, or --user to install it for yourself alone", p)
		} else {
			hint = fmt.Sprintf("--sys-prefix is %s (from $%s); run descent install as the owner of that environment, or use --prefix DIR for another prefix, or --user to install it for yourself alone", p, from)
		}
	}
	return fmt.Errorf("cannot write the kernelspec in %s: %w; %s", path, fs.ErrPermission, hint)
}

func writeSpec(dir string, spec KernelSpec) error {
	data, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "kernel.json"), append(data, '\n')); err != nil {
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
		if err := writeFile(filepath.Join(dir, path), b); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		return nil
	})
}

// writeFile writes a file of the kernelspec with fileMode.
func writeFile(path string, b []byte) error {
	if err := os.WriteFile(path, b, fileMode); err != nil {
		return err
	}
	return os.Chmod(path, fileMode)
}

// copyProgram copies the executable file src to dst, with programMode.
func copyProgram(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("copy the program: %w", err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, programMode)
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
	return os.Chmod(dst, programMode)
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
