package course

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

var defaultKernel = []string{"/usr/bin/descent", "kernel", "{connection_file}"}

func TestParseArgs(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    *invocation
		wantErr string
	}{
		{"defaults", []string{"a.ipynb"},
			&invocation{out: "build", timeout: 120 * time.Second, kernelArgv: defaultKernel, inputs: []string{"a.ipynb"}}, ""},
		{"flags between notebooks", []string{"--out", "site", "a.ipynb", "--allow-errors", "lessons", "-timeout=30"},
			&invocation{out: "site", allowErrors: true, timeout: 30 * time.Second, kernelArgv: defaultKernel, inputs: []string{"a.ipynb", "lessons"}}, ""},
		{"fractional timeout", []string{"--timeout", "1.5", "a"},
			&invocation{out: "build", timeout: 1500 * time.Millisecond, kernelArgv: defaultKernel, inputs: []string{"a"}}, ""},
		{"no time limit", []string{"--timeout", "0", "a"},
			&invocation{out: "build", kernelArgv: defaultKernel, inputs: []string{"a"}}, ""},
		{"kernel command gets the connection file", []string{"--kernel-cmd", "/opt/k  serve", "a"},
			&invocation{out: "build", timeout: 120 * time.Second, kernelArgv: []string{"/opt/k", "serve", "{connection_file}"}, inputs: []string{"a"}}, ""},
		{"kernel command with its own placeholder", []string{"--kernel-cmd", "k -f {connection_file} -v", "a"},
			&invocation{out: "build", timeout: 120 * time.Second, kernelArgv: []string{"k", "-f", "{connection_file}", "-v"}, inputs: []string{"a"}}, ""},
		{"a notebook named like a flag", []string{"--", "--odd.ipynb"},
			&invocation{out: "build", timeout: 120 * time.Second, kernelArgv: defaultKernel, inputs: []string{"--odd.ipynb"}}, ""},
		{"help", []string{"--help"}, &invocation{help: true}, ""},
		{"nothing to run", nil, nil, "no notebook given"},
		{"negative timeout", []string{"--timeout", "-1", "a"}, nil, `--timeout "-1"`},
		{"timeout that is not a number", []string{"--timeout", "soon", "a"}, nil, `--timeout "soon"`},
		{"unknown flag", []string{"--fast", "a"}, nil, "flag provided but not defined: -fast"},
		{"empty out", []string{"--out", "", "a"}, nil, "--out is empty"},
		{"blank kernel command", []string{"--kernel-cmd", "  ", "a"}, nil, "no kernel command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseArgs(tt.args, defaultKernel)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func touch(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestNotebookPaths(t *testing.T) {
	dir := t.TempDir()
	lessons := filepath.Join(dir, "lessons")
	touch(t,
		filepath.Join(lessons, "10-adam.ipynb"),
		filepath.Join(lessons, "02-momentum.ipynb"),
		filepath.Join(lessons, "01-gd.ipynb"),
		filepath.Join(lessons, ".01-gd-checkpoint.ipynb"),
		filepath.Join(lessons, "notes.txt"),
		filepath.Join(lessons, "sub", "99-deep.ipynb"),
		filepath.Join(dir, "extra", "extra.ipynb"),
		filepath.Join(dir, "other", "01-gd.ipynb"),
		filepath.Join(dir, "index.ipynb"),
		filepath.Join(dir, "empty", "readme.md"),
	)
	out := filepath.Join(dir, "build")
	tests := []struct {
		name    string
		inputs  []string
		out     string
		want    []string
		wantErr string
	}{
		{"a directory, sorted by name", []string{lessons}, out,
			[]string{filepath.Join(lessons, "01-gd.ipynb"), filepath.Join(lessons, "02-momentum.ipynb"), filepath.Join(lessons, "10-adam.ipynb")}, ""},
		{"files and directories in the order given", []string{filepath.Join(dir, "extra", "extra.ipynb"), lessons}, out,
			[]string{filepath.Join(dir, "extra", "extra.ipynb"), filepath.Join(lessons, "01-gd.ipynb"), filepath.Join(lessons, "02-momentum.ipynb"), filepath.Join(lessons, "10-adam.ipynb")}, ""},
		{"missing", []string{filepath.Join(dir, "absent.ipynb")}, out, nil, "no such file"},
		{"a directory without notebooks", []string{filepath.Join(dir, "empty")}, out, nil, "no notebook (*.ipynb) in"},
		{"two notebooks of one name", []string{lessons, filepath.Join(dir, "other")}, out, nil, "would both be written as 01-gd.ipynb"},
		{"the output directory is the source", []string{lessons}, lessons, nil, "would overwrite it"},
		{"a notebook named index", []string{filepath.Join(dir, "index.ipynb")}, out, nil, "overwritten by the course index"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := notebookPaths(tt.inputs, tt.out)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCommandExitStatus(t *testing.T) {
	dir := t.TempDir()
	nbPath := filepath.Join(dir, "lesson.ipynb")
	if err := os.WriteFile(nbPath, []byte(`{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
	  {"cell_type": "markdown", "id": "m", "metadata": {}, "source": "# Lesson one"},
	  {"cell_type": "code", "id": "c", "metadata": {}, "execution_count": null, "source": "1", "outputs": []}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(dir, "broken.ipynb")
	if err := os.WriteFile(broken, []byte(`{"nbformat": 3}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "site")
	noKernel := []string{filepath.Join(dir, "no-such-kernel"), "{connection_file}"}
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"help", []string{"-h"}, 0, "Usage: descent run", ""},
		{"no notebook", nil, 2, "", "no notebook given"},
		{"bad flag", []string{"--bogus", nbPath}, 2, "", "Usage: descent run"},
		{"missing notebook", []string{filepath.Join(dir, "absent.ipynb")}, 2, "", "no such file"},
		{"a kernel that does not start", []string{"--out", out, nbPath}, 1, "open " + filepath.Join(out, "index.html"), "notebook lesson.ipynb: starting the kernel"},
		{"an unreadable notebook", []string{"--out", filepath.Join(dir, "other"), broken}, 1, "open ", "notebook broken.ipynb: " + broken + ": nbformat 3 is not supported"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Command(context.Background(), tt.args, &stdout, &stderr, noKernel)
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.wantCode, stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantStdout) {
				t.Errorf("stdout %q lacks %q", stdout.String(), tt.wantStdout)
			}
			if !strings.Contains(stderr.String(), tt.wantStderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.wantStderr)
			}
		})
	}
	// The notebook whose kernel did not start still has its page, which
	// says it was not executed, and the index lists it.
	page, err := os.ReadFile(filepath.Join(out, "lesson.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "This page is incomplete, the notebook was not executed: notebook lesson.ipynb: starting the kernel") {
		t.Error("the page of a notebook that did not run does not say so")
	}
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(index), `<a class="lesson" href="lesson.html">Lesson one</a>`) {
		t.Errorf("index:\n%s", index)
	}
}
