package gosemantics

import (
	"errors"
	"os"
	"strings"
	"testing"
)

const sampleCase = `Two cells and a re-run.
-- cell 1 --
n := 1
-- cell 2 --
n++
fmt.Println(n)
-- rerun cell 2 --
-- main.go --
package main

import "fmt"

func main() {
	n := 1
	n++
	fmt.Println(n)
	n++
	fmt.Println(n)
}
-- stdout (main.go CHECKSUM) --
2
3
`

func TestParseCaseReadsCellsReRunsAndSections(t *testing.T) {
	c, err := ParseCase("basics/sample", []byte(sampleCase))
	if err != nil {
		t.Fatal(err)
	}
	if c.Category != "basics" || c.Comment != "Two cells and a re-run.\n" {
		t.Errorf("category %q, comment %q", c.Category, c.Comment)
	}
	want := []Cell{
		{Number: 1, Source: "n := 1\n"},
		{Number: 2, Source: "n++\nfmt.Println(n)\n"},
		{Number: 2, Source: "n++\nfmt.Println(n)\n", Rerun: true},
	}
	if len(c.Cells) != len(want) {
		t.Fatalf("cells %+v", c.Cells)
	}
	for i := range want {
		if c.Cells[i] != want[i] {
			t.Errorf("cell %d: %+v, want %+v", i, c.Cells[i], want[i])
		}
	}
	if !strings.HasPrefix(c.Program, "package main\n") || !strings.HasSuffix(c.Program, "}\n") {
		t.Errorf("program %q", c.Program)
	}
	if !c.HasStdout || c.Stdout != "2\n3\n" || c.StdoutSum != "CHECKSUM" {
		t.Errorf("stdout %v %q %q", c.HasStdout, c.Stdout, c.StdoutSum)
	}
	if !c.Stale() {
		t.Error("a stdout recorded from another main.go is not stale")
	}
}

func TestFormatRoundTripsAndRecordsTheChecksum(t *testing.T) {
	c, err := ParseCase("basics/sample", []byte(sampleCase))
	if err != nil {
		t.Fatal(err)
	}
	data, err := c.Format()
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(sampleCase, "CHECKSUM", ProgramSum(c.Program), 1)
	if string(data) != want {
		t.Errorf("formatted:\n%s\nwant:\n%s", data, want)
	}
	again, err := ParseCase("basics/sample", data)
	if err != nil {
		t.Fatal(err)
	}
	if again.Stale() {
		t.Error("a freshly formatted case is stale")
	}
	again.Program += "// edited\n"
	if !again.Stale() {
		t.Error("editing main.go does not make the recorded stdout stale")
	}
}

func TestFormatRefusesOutputItCannotHold(t *testing.T) {
	for _, out := range []string{"no newline", "ok\n-- cell 1 --\n"} {
		c, err := ParseCase("basics/sample", []byte(sampleCase))
		if err != nil {
			t.Fatal(err)
		}
		c.Stdout = out
		if _, err := c.Format(); err == nil {
			t.Errorf("stdout %q was accepted", out)
		}
	}
}

func TestParseCaseRejectsMalformedFiles(t *testing.T) {
	prog := "-- main.go --\npackage main\n\nfunc main() {}\n"
	for _, tc := range []struct{ name, text, want string }{
		{"no comment", "-- cell 1 --\nx := 1\n" + prog, "no comment"},
		{"no cells", "c\n" + prog, "no cells"},
		{"no program", "c\n-- cell 1 --\nx := 1\n", "no main.go"},
		{"numbering", "c\n-- cell 2 --\nx := 1\n" + prog, `want "cell 1"`},
		{"empty cell", "c\n-- cell 1 --\n\n" + prog, "empty"},
		{"rerun of nothing", "c\n-- cell 1 --\nx\n-- rerun cell 2 --\n" + prog, "names no earlier cell"},
		{"rerun with body", "c\n-- cell 1 --\nx\n-- rerun cell 1 --\ny\n" + prog, "has a body"},
		{"unknown section", "c\n-- cell 1 --\nx\n-- output --\n" + prog, "unknown section"},
		{"hand-written stdout", "c\n-- cell 1 --\nx\n" + prog + "-- stdout --\n", "written by the generator"},
	} {
		_, err := ParseCase("basics/bad", []byte(tc.text))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

func TestJudge(t *testing.T) {
	c := &Case{Name: "x/y", Cells: []Cell{{Number: 1}, {Number: 2}}, Stdout: "a\nb\n"}
	refusals := map[string]refusal{"x/y": {Substring: "cannot do that", Line: 3}}
	known := map[string]knownFailure{"x/y": {Class: "5", Line: 4}}
	none := map[string]refusal{}
	noKnown := map[string]knownFailure{}
	for _, tc := range []struct {
		name   string
		s      shown
		runErr error
		ref    map[string]refusal
		known  map[string]knownFailure
		want   verdict
		failed bool
	}{
		{"match", shown{Text: "a\nb\n"}, nil, none, noKnown, match, false},
		{"silent", shown{Text: "a\nc\n"}, nil, none, noKnown, silent, true},
		{"silent but known", shown{Text: "a\n"}, nil, none, known, silent, false},
		{"listed refusal", shown{Text: "a\n", ErrCell: 2, Err: "UnsupportedError: cannot do that"}, nil, refusals, noKnown, refused, false},
		{"unlisted refusal", shown{Text: "a\n", ErrCell: 2, Err: "UnsupportedError: cannot do that"}, nil, none, noKnown, errored, true},
		{"refusal with another error", shown{ErrCell: 1, Err: "CompileError: boom"}, nil, refusals, noKnown, errored, true},
		{"wrong output before the refusal", shown{Text: "z\n", ErrCell: 2, Err: "cannot do that"}, nil, refusals, noKnown, errored, true},
		{"listed refusal that now matches", shown{Text: "a\nb\n"}, nil, refusals, noKnown, match, true},
		{"known failure that now matches", shown{Text: "a\nb\n"}, nil, none, known, match, true},
		{"hang", shown{}, errors.New("the cell did not finish"), none, noKnown, hung, true},
	} {
		r := judge(c, tc.s, tc.runErr, tc.ref, tc.known)
		if r.verdict != tc.want || r.failed != tc.failed {
			t.Errorf("%s: verdict %q failed %v, want %q %v (%s)", tc.name, r.verdict, r.failed, tc.want, tc.failed, r.detail)
		}
	}
}

func TestReadListsRejectsDuplicatesAndBareNames(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ text, want string }{
		{"a/b  x\na/b  y\n", "listed twice"},
		{"a/b\n", "want a case name and"},
	} {
		path := dir + "/list.txt"
		if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, err := readList(path); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.text, err, tc.want)
		}
	}
}
