package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

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
		{"kernel without a file", []string{"kernel"}, 2, "", "exactly one argument"},
		{"kernel with a missing file", []string{"kernel", filepath.Join(data, "absent.json")}, 1, "", "connection file"},
		{"version", []string{"version"}, 0, "descent devel\n" + runtime.Version(), ""},
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

func TestInstalledSpecRunsThisBinary(t *testing.T) {
	t.Setenv("JUPYTER_DATA_DIR", t.TempDir())
	var stdout, stderr bytes.Buffer
	if code := run([]string{"install"}, &stdout, &stderr); code != 0 {
		t.Fatalf("install: %d %s", code, stderr.String())
	}
	raw, err := os.ReadFile(filepath.Join(os.Getenv("JUPYTER_DATA_DIR"), "kernels", "descent", "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Argv []string `json:"argv"`
	}
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	exe, _ := os.Executable()
	exe, _ = filepath.EvalSymlinks(exe)
	if len(spec.Argv) != 3 || spec.Argv[0] != exe || spec.Argv[1] != "kernel" {
		t.Errorf("argv %q, want [%s kernel {connection_file}]", spec.Argv, exe)
	}
}
