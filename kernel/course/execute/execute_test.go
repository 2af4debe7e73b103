package execute

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

// lesson builds a notebook of the given cells; a source starting with "#"
// is a markdown cell, any other a code cell.
func lesson(sources ...string) *nbformat.Notebook {
	nb := &nbformat.Notebook{Metadata: map[string]any{}}
	for _, src := range sources {
		c := &nbformat.Cell{Type: nbformat.Code, Source: src, Metadata: map[string]any{}}
		if strings.HasPrefix(src, "#") {
			c.Type = nbformat.Markdown
		}
		nb.Cells = append(nb.Cells, c)
	}
	nb.EnsureCellIDs()
	return nb
}

// staleOutput marks a cell's outputs as left from an earlier run.
var staleOutput = &nbformat.Output{Type: nbformat.OutputStream, Name: "stdout", Text: "stale\n"}

// mixedLesson has a print, a value, rich output, a blank code cell, an
// error on line 2 of cell 6 and a cell after it with a stale output.
func mixedLesson() *nbformat.Notebook {
	nb := lesson(
		"# A lesson",
		`fmt.Println("hello")`,
		"x := 6\nx * 7",
		`display.Markdown("**rich** output")`,
		"  \n",
		"y := 1\nundefinedThing + y",
		`fmt.Println("after")`,
	)
	nb.Cells[6].Outputs = []*nbformat.Output{staleOutput}
	return nb
}

func run(t *testing.T, nb *nbformat.Notebook, opts Options) (*Result, error, string) {
	t.Helper()
	var progress bytes.Buffer
	opts.Name = "lesson.ipynb"
	opts.Progress = &progress
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := Run(ctx, kernelArgv(), nb, opts)
	return res, err, progress.String()
}

// outputsOf summarizes the outputs of a cell as type:content strings.
func outputsOf(c *nbformat.Cell) []string {
	var out []string
	for _, o := range c.Outputs {
		switch o.Type {
		case nbformat.OutputStream:
			out = append(out, o.Name+":"+o.Text)
		case nbformat.OutputError:
			out = append(out, "error:"+o.EName+":"+o.EValue)
		default:
			keys := []string{}
			for _, k := range []string{"text/markdown", "text/plain"} {
				if s, ok := o.Data.Text(k); ok {
					keys = append(keys, k+"="+s)
				}
			}
			out = append(out, o.Type+":"+strings.Join(keys, ","))
		}
	}
	return out
}

func count(c *nbformat.Cell) int {
	if c.ExecutionCount == nil {
		return 0
	}
	return *c.ExecutionCount
}

func checkCells(t *testing.T, nb *nbformat.Notebook, want map[int][]string, counts map[int]int) {
	t.Helper()
	for i, w := range want {
		if got := outputsOf(nb.Cells[i]); strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("cell %d outputs %q, want %q", i+1, got, w)
		}
	}
	for i, w := range counts {
		if got := count(nb.Cells[i]); got != w {
			t.Errorf("cell %d execution count %d, want %d", i+1, got, w)
		}
	}
}

func TestRunStopsAtTheFirstError(t *testing.T) {
	nb := mixedLesson()
	res, err, progress := run(t, nb, Options{})
	var ce *CellFailure
	if !errors.As(err, &ce) {
		t.Fatalf("error %v, want a *CellFailure", err)
	}
	const wantMsg = "notebook lesson.ipynb, cell 6 (line 2): CompileError: undefined: undefinedThing"
	if err.Error() != wantMsg {
		t.Errorf("error %q, want %q", err, wantMsg)
	}
	if ce.Cell != 6 || ce.Line != 2 || ce.EName != "CompileError" {
		t.Errorf("cell error %+v", ce)
	}
	if res.Executed != 4 {
		t.Errorf("executed %d cells, want 4 (the blank one is skipped, the last is not reached)", res.Executed)
	}
	checkCells(t, nb, map[int][]string{
		1: {"stdout:hello\n"},
		2: {"execute_result:text/plain=42"},
		3: {"display_data:text/markdown=**rich** output,text/plain=**rich** output"},
		4: nil,
		5: {"error:CompileError:undefined: undefinedThing"},
		6: {"stdout:stale\n"},
	}, map[int]int{1: 1, 2: 2, 3: 3, 4: 0, 5: 4, 6: 0})
	if r := nb.Cells[2].Outputs[0].ExecutionCount; r == nil || *r != 2 {
		t.Errorf("execute_result count %v, want 2", r)
	}
	info, _ := nb.Metadata["language_info"].(map[string]any)
	if info["name"] != "go" || info["file_extension"] != ".go" {
		t.Errorf("language_info %v, want the kernel's (go, .go)", nb.Metadata["language_info"])
	}
	for _, line := range []string{"[2/7] lesson.ipynb cell 2 ... ", "[6/7] lesson.ipynb cell 6 ... CompileError after "} {
		if !strings.Contains(progress, line) {
			t.Errorf("progress lacks %q:\n%s", line, progress)
		}
	}
	if strings.Contains(progress, "cell 5") || strings.Contains(progress, "cell 7") {
		t.Errorf("progress shows a cell that did not run:\n%s", progress)
	}
}

func TestRunWithAllowErrorsKeepsGoing(t *testing.T) {
	nb := mixedLesson()
	res, err, _ := run(t, nb, Options{AllowErrors: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Executed != 5 || len(res.Errors) != 1 || res.Errors[0].Cell != 6 {
		t.Errorf("result %+v, want 5 cells executed and the error of cell 6", res)
	}
	checkCells(t, nb, map[int][]string{
		5: {"error:CompileError:undefined: undefinedThing"},
		6: {"stdout:after\n"},
	}, map[int]int{6: 5})
}

func TestCellTags(t *testing.T) {
	nb := lesson(
		`panic("expected")`,
		`fmt.Println("skipped")`,
		`fmt.Println("reached")`,
	)
	nb.Cells[0].Metadata["tags"] = []any{"raises-exception"}
	nb.Cells[1].Metadata["tags"] = []any{"skip-execution"}
	res, err, _ := run(t, nb, Options{})
	if err != nil {
		t.Fatalf("a cell tagged raises-exception stopped the run: %v", err)
	}
	if len(res.Errors) != 1 || res.Errors[0].EName != "Panic" || res.Errors[0].Line != 1 {
		t.Errorf("errors %v, want the panic on line 1", res.Errors)
	}
	checkCells(t, nb, map[int][]string{
		0: {"error:Panic:expected"},
		1: nil,
		2: {"stdout:reached\n"},
	}, map[int]int{0: 1, 1: 0, 2: 2})
}

func TestDisplayUpdatesReachEarlierCells(t *testing.T) {
	nb := lesson(
		"h := display.NewHandle()\nh.Show(\"first\")",
		"h.Update(\"second\")\nfmt.Print(\"a\")\nfmt.Print(\"b\\n\")",
		"display.Clear()\nfmt.Println(\"gone\")\ndisplay.ClearWait()\nfmt.Println(\"kept\")",
	)
	if _, err, _ := run(t, nb, Options{}); err != nil {
		t.Fatal(err)
	}
	checkCells(t, nb, map[int][]string{
		0: {"display_data:text/plain=second"},
		1: {"stdout:ab\n"},
		2: {"stdout:kept\n"},
	}, nil)
}

func TestTimeoutInterruptsTheCellAndFailsTheNotebook(t *testing.T) {
	nb := lesson(
		`fmt.Println("start")`,
		"for {\n}",
		`fmt.Println("never")`,
	)
	// Errors allowed or not, a timeout fails the run.
	_, err, progress := run(t, nb, Options{Timeout: time.Second, AllowErrors: true})
	var ce *CellFailure
	if !errors.As(err, &ce) || ce.Timeout != time.Second || ce.Cell != 2 {
		t.Fatalf("error %v, want a timeout of cell 2", err)
	}
	if !strings.Contains(err.Error(), "notebook lesson.ipynb, cell 2: timed out after 1s") {
		t.Errorf("error %q", err)
	}
	if !strings.Contains(progress, "[2/3] lesson.ipynb cell 2 ... timed out after ") {
		t.Errorf("progress:\n%s", progress)
	}
	checkCells(t, nb, map[int][]string{0: {"stdout:start\n"}, 2: nil}, map[int]int{2: 0})
}

func TestRunReportsAKernelThatDoesNotStart(t *testing.T) {
	nb := lesson(`1`)
	_, err := Run(context.Background(), []string{"/nonexistent/descent", "kernel", "{connection_file}"}, nb, Options{Name: "x.ipynb"})
	if err == nil || !strings.Contains(err.Error(), "notebook x.ipynb: starting the kernel") {
		t.Errorf("error %v", err)
	}
}

func TestErrorLine(t *testing.T) {
	tests := []struct {
		name      string
		evalue    string
		traceback []string
		want      int
	}{
		{"compile error", "undefined: x", []string{"2:1: undefined: x", "    x", "    ^"}, 2},
		{"compile error without column", "bad", []string{"7: bad"}, 7},
		{"colored", "bad", []string{"\x1b[31m12:3: bad\x1b[0m"}, 12},
		{"panic", "boom", []string{"panic: boom", "at line 3: panic(\"boom\")", "interpreted stack:", "    f at line 9:2"}, 3},
		{"one string with newlines", "boom", []string{"panic: boom\nat line 4: f()"}, 4},
		{"no line", "worker died", []string{"WorkerDied: worker died"}, 0},
		{"a number that is not a position", "index 5 out of range", []string{"panic: runtime error: index 5 out of range [5] with length 3"}, 0},
	}
	for _, tt := range tests {
		if got := errorLine(tt.evalue, tt.traceback); got != tt.want {
			t.Errorf("%s: line %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestProgressLinesSurviveKernelOutput(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf)
	p.start("a.ipynb", 1, 3)
	p.end("", 120*time.Millisecond)
	p.start("a.ipynb", 3, 3)
	p.Write([]byte("kernel: warning"))
	p.end("Panic", 1500*time.Millisecond)
	want := "[1/3] a.ipynb cell 1 ... 0.12s\n" +
		"[3/3] a.ipynb cell 3 ... \nkernel: warning\n" +
		"[3/3] a.ipynb cell 3 ... Panic after 1.50s\n"
	if buf.String() != want {
		t.Errorf("progress:\n%q\nwant\n%q", buf.String(), want)
	}
}
