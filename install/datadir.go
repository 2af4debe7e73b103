package install

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// DataDir returns the Jupyter data directory of a scope; kernelspecs live in
// its kernels/ subdirectory.
//
//   - User: $JUPYTER_DATA_DIR, else $XDG_DATA_HOME/jupyter or
//     ~/.local/share/jupyter on Linux and other Unix systems,
//     ~/Library/Jupyter on macOS, %APPDATA%\jupyter on Windows (as
//     jupyter_core's jupyter_data_dir).
//   - Prefix: prefix/share/jupyter.
//   - SysPrefix: the active environment's prefix, $CONDA_PREFIX or
//     $VIRTUAL_ENV, else the conda installation of $CONDA_DIR (the
//     jupyter/docker-stacks images set only that one), else /usr/local;
//     then share/jupyter.
func DataDir(scope Scope, prefix string) (string, error) {
	switch scope {
	case User:
		return userDataDir(runtime.GOOS, os.Getenv, os.UserHomeDir)
	case Prefix:
		if prefix == "" {
			return "", errors.New("--prefix needs a directory")
		}
		abs, err := filepath.Abs(prefix)
		if err != nil {
			return "", err
		}
		return filepath.Join(abs, "share", "jupyter"), nil
	case SysPrefix:
		return filepath.Join(sysPrefix(os.Getenv), "share", "jupyter"), nil
	}
	return "", fmt.Errorf("unknown install scope %d", int(scope))
}

func userDataDir(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	if d := getenv("JUPYTER_DATA_DIR"); d != "" {
		return d, nil
	}
	if goos == "windows" {
		if d := getenv("APPDATA"); d != "" {
			return filepath.Join(d, "jupyter"), nil
		}
	}
	h, err := home()
	if err != nil {
		return "", fmt.Errorf("find the Jupyter data directory: %w", err)
	}
	switch goos {
	case "darwin":
		return filepath.Join(h, "Library", "Jupyter"), nil
	case "windows":
		return filepath.Join(h, "AppData", "Roaming", "jupyter"), nil
	}
	if d := getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "jupyter"), nil
	}
	return filepath.Join(h, ".local", "share", "jupyter"), nil
}

// sysPrefix is the prefix of the active Python environment, as sys.prefix
// would be for a conda environment or a virtualenv, or /usr/local.
func sysPrefix(getenv func(string) string) string {
	p, _ := sysPrefixSource(getenv)
	return p
}

// sysPrefixSource is sysPrefix and the environment variable it comes from
// ("" for the default).
func sysPrefixSource(getenv func(string) string) (prefix, from string) {
	for _, k := range []string{"CONDA_PREFIX", "VIRTUAL_ENV", "CONDA_DIR"} {
		if p := getenv(k); p != "" {
			return p, k
		}
	}
	return "/usr/local", ""
}
