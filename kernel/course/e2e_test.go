package course

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

// e2eLesson prints, shows a value and rich Markdown, fails on line 2 of
// cell 5, and prints again in cell 6.
const e2eLesson = `{
 "nbformat": 4, "nbformat_minor": 4,
 "metadata": {"kernelspec": {"name": "descent", "display_name": "Go (descent)", "language": "go"}},
 "cells": [
  {"cell_type": "markdown", "metadata": {}, "source": ["# Descent, end to end\n", "\n", "Minimise $f(x) = x^2$:\n", "$$x_{k+1} = x_k - \\eta \\nabla f(x_k)$$\n"]},
  {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": "fmt.Println(\"hello from descent\")"},
  {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": ["x := 6\n", "x * 7"]},
  {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": "display.Markdown(\"**rich** output with $\\\\alpha$\")"},
  {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": ["y := 1\n", "undefinedThing + y"]},
  {"cell_type": "code", "metadata": {}, "execution_count": null, "outputs": [], "source": "fmt.Println(\"after the error\")"}
 ]
}`

// descentRun runs the built binary's "descent run" with args.
func descentRun(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, descentBinary, append([]string{"run"}, args...)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("running descent run: %v", err)
	}
	return code, out.String(), errOut.String()
}

func writeLesson(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func mustContain(t *testing.T, what, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
}

// cellText summarizes a cell's outputs: stream text, the plain text of
// results and displays, error names.
func cellText(c *nbformat.Cell) string {
	var parts []string
	for _, o := range c.Outputs {
		switch o.Type {
		case nbformat.OutputStream:
			parts = append(parts, o.Name+": "+o.Text)
		case nbformat.OutputError:
			parts = append(parts, "error: "+o.EName+": "+o.EValue)
		default:
			md, _ := o.Data.Text("text/markdown")
			plain, _ := o.Data.Text("text/plain")
			parts = append(parts, o.Type+": "+plain+" | "+md)
		}
	}
	return strings.Join(parts, "; ")
}

func TestDescentRunStopsAtTheError(t *testing.T) {
	dir := t.TempDir()
	lessons, out := filepath.Join(dir, "lessons"), filepath.Join(dir, "site")
	writeLesson(t, lessons, "01-e2e.ipynb", e2eLesson)

	code, stdout, stderr := descentRun(t, "--out", out, lessons)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	if want := "open " + filepath.Join(out, "index.html") + "\n"; stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}
	mustContain(t, "stderr", stderr,
		"[2/6] 01-e2e.ipynb cell 2 ... ",
		"[5/6] 01-e2e.ipynb cell 5 ... CompileError after ",
		"descent run: notebook 01-e2e.ipynb, cell 5 (line 2): CompileError: undefined: undefinedThing\n",
		"0 of 1 notebooks ran",
	)
	if strings.Contains(stderr, "cell 6") {
		t.Errorf("cell 6 ran after the error:\n%s", stderr)
	}

	nb, err := nbformat.ReadFile(filepath.Join(out, "01-e2e.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	wants := []struct {
		cell  int
		count int
		text  string
	}{
		{1, 1, "stdout: hello from descent\n"},
		{2, 2, "execute_result: 42 | "},
		{3, 3, "display_data: **rich** output with $\\alpha$ | **rich** output with $\\alpha$"},
		{4, 4, "error: CompileError: undefined: undefinedThing"},
		{5, 0, ""},
	}
	for _, w := range wants {
		c := nb.Cells[w.cell]
		count := 0
		if c.ExecutionCount != nil {
			count = *c.ExecutionCount
		}
		if count != w.count || cellText(c) != w.text {
			t.Errorf("cell %d: count %d, outputs %q; want %d, %q", w.cell+1, count, cellText(c), w.count, w.text)
		}
	}
	if nb.FormatMinor != 5 || nb.Cells[0].ID == "" {
		t.Errorf("the executed notebook is not nbformat 4.5 with cell ids")
	}

	page := readFile(t, filepath.Join(out, "01-e2e.html"))
	mustContain(t, "page", page,
		"<title>Descent, end to end</title>",
		`<span class="math inline tex2jax_process">$f(x) = x^2$</span>`,
		`<div class="math display tex2jax_process">$$x_{k+1} = x_k - \eta \nabla f(x_k)$$</div>`,
		`<pre class="stream stdout">hello from descent`,
		`<div class="prompt out">Out[2]:</div>`,
		`<strong>rich</strong> output with <span class="math inline tex2jax_process">$\alpha$</span>`,
		`<pre class="error">2:1: undefined: undefinedThing`,
		`fmt.<span class="nf">Println</span>`,
		"This page is incomplete, execution stopped: notebook 01-e2e.ipynb, cell 5 (line 2)",
	)
	index := readFile(t, filepath.Join(out, "index.html"))
	mustContain(t, "index", index,
		`<a class="lesson" href="01-e2e.html">Descent, end to end</a>`,
		`<a href="01-e2e.ipynb" download>notebook</a>`,
		"Execution stopped: notebook 01-e2e.ipynb, cell 5 (line 2)",
	)
}

func TestDescentRunWithAllowErrors(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "build")
	writeLesson(t, dir, "01-e2e.ipynb", e2eLesson)

	code, stdout, stderr := descentRun(t, filepath.Join(dir, "01-e2e.ipynb"), "--allow-errors", "--out", out)
	if code != 0 {
		t.Fatalf("exit %d, want 0; stderr:\n%s", code, stderr)
	}
	mustContain(t, "stdout", stdout, "open "+filepath.Join(out, "index.html"))
	mustContain(t, "stderr", stderr, "[6/6] 01-e2e.ipynb cell 6 ... ", "1 of 1 notebooks ran; 1 cell raised an error, allowed")
	nb, err := nbformat.ReadFile(filepath.Join(out, "01-e2e.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if got := cellText(nb.Cells[4]); got != "error: CompileError: undefined: undefinedThing" {
		t.Errorf("cell 5 outputs %q", got)
	}
	if got := cellText(nb.Cells[5]); got != "stdout: after the error\n" {
		t.Errorf("cell 6 outputs %q", got)
	}
	if c := nb.Cells[5].ExecutionCount; c == nil || *c != 5 {
		t.Errorf("cell 6 execution count %v, want 5", c)
	}
	page := readFile(t, filepath.Join(out, "01-e2e.html"))
	if strings.Contains(page, "incomplete") {
		t.Error("the page of a notebook that ran to the end says it is incomplete")
	}
	mustContain(t, "page", page, `<pre class="stream stdout">after the error`)
}

func TestDescentRunTimeout(t *testing.T) {
	dir := t.TempDir()
	writeLesson(t, dir, "loop.ipynb", `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
	  {"cell_type": "code", "id": "a", "metadata": {}, "execution_count": null, "outputs": [], "source": "for {\n}"},
	  {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": null, "outputs": [], "source": "fmt.Println(\"never\")"}]}`)
	code, _, stderr := descentRun(t, "--timeout", "1", "--allow-errors", "--out", filepath.Join(dir, "out"), dir)
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr)
	}
	mustContain(t, "stderr", stderr, "[1/2] loop.ipynb cell 1 ... timed out after ", "notebook loop.ipynb, cell 1: timed out after 1s")
	if strings.Contains(stderr, "cell 2") {
		t.Errorf("a cell ran after the timeout:\n%s", stderr)
	}
}
