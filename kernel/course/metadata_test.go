package course

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/client"
)

// liveKernelMetadata starts the built kernel as Jupyter would and returns
// the language_info of its kernel_info_reply, and the kernelspec fields a
// notebook stores (name, display_name, language) from the kernel.json that
// `descent install` writes.
func liveKernelMetadata(t *testing.T) (languageInfo, kernelspec map[string]any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	k, err := client.StartProcess(ctx, []string{descentBinary, "kernel", "{connection_file}"}, client.LaunchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	resp, err := k.KernelInfo(ctx, client.Shell)
	if err != nil {
		t.Fatal(err)
	}
	var info struct {
		LanguageInfo map[string]any `json:"language_info"`
	}
	if err := resp.Reply.DecodeContent(&info); err != nil {
		t.Fatal(err)
	}

	prefix := t.TempDir()
	if out, err := exec.Command(descentBinary, "install", "--prefix", prefix).CombinedOutput(); err != nil {
		t.Fatalf("descent install: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(filepath.Join(prefix, "share", "jupyter", "kernels", "descent", "kernel.json"))
	if err != nil {
		t.Fatal(err)
	}
	var spec map[string]any
	if err := json.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	return info.LanguageInfo, map[string]any{"name": "descent", "display_name": spec["display_name"], "language": spec["language"]}
}

// notebookMetadata reads the language_info and kernelspec a notebook
// stores.
func notebookMetadata(t *testing.T, path string) (languageInfo, kernelspec map[string]any) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb struct {
		Metadata struct {
			LanguageInfo map[string]any `json:"language_info"`
			Kernelspec   map[string]any `json:"kernelspec"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(raw, &nb); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return nb.Metadata.LanguageInfo, nb.Metadata.Kernelspec
}

// TestNotebooksCarryTheKernelsMetadata compares what the lessons and the
// notebooks `descent run` writes store with what a live kernel reports.
// Notebook 6 compares them (deeply) when it opens a notebook and marks it
// modified ("unsaved changes", "leave page?") when they differ.
func TestNotebooksCarryTheKernelsMetadata(t *testing.T) {
	liveInfo, liveSpec := liveKernelMetadata(t)
	if len(liveInfo) == 0 {
		t.Fatal("the kernel_info_reply has no language_info")
	}

	lessons, err := filepath.Glob(filepath.Join("..", "..", "notebooks", "*.ipynb"))
	if err != nil || len(lessons) == 0 {
		t.Fatalf("no lessons found: %v", err)
	}
	dir := t.TempDir()
	writeLesson(t, dir, "01-tiny.ipynb", `{
 "nbformat": 4, "nbformat_minor": 5,
 "metadata": {"kernelspec": {"name": "descent", "display_name": "Go (descent)", "language": "go"}, "language_info": {"name": "go"}},
 "cells": [{"cell_type": "code", "id": "c1", "metadata": {}, "execution_count": null, "outputs": [], "source": "1 + 1"}]
}`)
	out := filepath.Join(dir, "out")
	if code, stdout, stderr := descentRun(t, "--out", out, filepath.Join(dir, "01-tiny.ipynb")); code != 0 {
		t.Fatalf("descent run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	written := filepath.Join(out, "01-tiny.ipynb")

	for _, nb := range append(lessons, written) {
		info, spec := notebookMetadata(t, nb)
		if !reflect.DeepEqual(info, liveInfo) {
			t.Errorf("%s: language_info %v, the kernel reports %v", nb, info, liveInfo)
		}
		if !reflect.DeepEqual(spec, liveSpec) {
			t.Errorf("%s: kernelspec %v, the installed kernelspec is %v", nb, spec, liveSpec)
		}
	}
}
