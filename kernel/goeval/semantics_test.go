package goeval

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The cases in testdata/semantics each hold cells, the equivalent Go
// program and what that program prints under the Go toolchain, which the
// cells must print too:
//
//	# what the case is about
//	-- cell --
//	x := 3
//	-- cell --
//	x := x * 2
//	fmt.Println(x)
//	-- main.go --
//	package main ...
//	-- stdout --
//	6
//
// A case may instead expect the last cell to be refused: an -- error --
// section holds text the error must contain, and no program.
//
// TestGoSemanticsTruth checks the stdout sections against go run of the
// programs; go test -run GoSemanticsTruth -update rewrites them.

var updateSemantics = flag.Bool("update", false, "rewrite the stdout sections of testdata/semantics from go run")

// semanticsCase is one file of testdata/semantics.
type semanticsCase struct {
	path    string
	cells   []string
	program string
	stdout  string
	hasOut  bool
	errText string
}

// parseSemanticsCase reads the sections of a case file.
func parseSemanticsCase(path string) (*semanticsCase, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c := &semanticsCase{path: path}
	var name string
	var body strings.Builder
	flush := func() {
		text := body.String()
		switch name {
		case "cell":
			c.cells = append(c.cells, strings.TrimSuffix(text, "\n"))
		case "main.go":
			c.program = text
		case "stdout":
			c.stdout, c.hasOut = text, true
		case "error":
			c.errText = strings.TrimSpace(text)
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(string(b), "\n") {
		trimmed := strings.TrimRight(line, "\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") {
			flush()
			name = strings.TrimSuffix(strings.TrimPrefix(trimmed, "-- "), " --")
			continue
		}
		if name != "" {
			body.WriteString(line)
		}
	}
	flush()
	if len(c.cells) == 0 {
		return nil, fmt.Errorf("%s: no cells", path)
	}
	if c.errText == "" && (c.program == "" || !c.hasOut) {
		return nil, fmt.Errorf("%s: a case needs a main.go and a stdout, or an error", path)
	}
	return c, nil
}

func semanticsCases(t *testing.T) []*semanticsCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "semantics", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no cases in testdata/semantics: %v", err)
	}
	var out []*semanticsCase
	for _, p := range paths {
		c, err := parseSemanticsCase(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// TestGoSemantics runs the cells of every case in a fresh evaluator: they
// must print what the Go program prints, byte for byte, or fail with the
// expected error.
func TestGoSemantics(t *testing.T) {
	for _, c := range semanticsCases(t) {
		t.Run(strings.TrimSuffix(filepath.Base(c.path), ".txt"), func(t *testing.T) {
			s := newSession(t, Options{})
			for i, cell := range c.cells {
				_, err := s.eval(cell)
				last := i == len(c.cells)-1
				switch {
				case c.errText != "" && last:
					if err == nil {
						t.Fatalf("cell %d ran; want an error containing %q", i+1, c.errText)
					}
					if !strings.Contains(err.Error(), c.errText) {
						t.Fatalf("cell %d: error\n%v\nwant it to contain %q", i+1, err, c.errText)
					}
					return
				case err != nil:
					t.Fatalf("cell %d: %v\nstdout so far:\n%s", i+1, err, s.out.String())
				}
			}
			if got := s.out.String(); got != c.stdout {
				t.Errorf("stdout differs from go run\n--- cells printed:\n%s--- go run printed:\n%s", got, c.stdout)
			}
		})
	}
}

// TestGoSemanticsTruth builds every case's program with the Go toolchain
// and checks that its output is the case's stdout.
func TestGoSemanticsTruth(t *testing.T) {
	if testing.Short() {
		t.Skip("builds Go programs")
	}
	gobin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(gobin); err != nil {
		t.Skipf("no Go toolchain: %v", err)
	}
	dir := t.TempDir()
	cases := semanticsCases(t)
	var withProgram []*semanticsCase
	for i, c := range cases {
		if c.program == "" {
			continue
		}
		sub := filepath.Join(dir, fmt.Sprintf("c%03d", i))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, "main.go"), []byte(c.program), 0o644); err != nil {
			t.Fatal(err)
		}
		withProgram = append(withProgram, c)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module semantics\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	build := exec.Command(gobin, "build", "-o", filepath.Join(dir, "bin")+string(filepath.Separator), "./...")
	build.Dir = dir
	build.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for i, c := range cases {
		if c.program == "" {
			continue
		}
		out, err := exec.Command(filepath.Join(dir, "bin", fmt.Sprintf("c%03d", i))).Output()
		if err != nil {
			t.Errorf("%s: the program failed: %v", c.path, err)
			continue
		}
		if string(out) == c.stdout {
			continue
		}
		if *updateSemantics {
			if err := rewriteStdout(c.path, string(out)); err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: stdout updated", c.path)
			continue
		}
		t.Errorf("%s: stdout section differs from go run:\n--- file:\n%s--- go run:\n%s", c.path, c.stdout, out)
	}
}

// rewriteStdout replaces the stdout section of a case file.
func rewriteStdout(path, stdout string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	text := string(b)
	i := strings.Index(text, "-- stdout --\n")
	if i < 0 {
		return fmt.Errorf("%s: no stdout section", path)
	}
	rest := text[i+len("-- stdout --\n"):]
	end := len(rest)
	if j := strings.Index(rest, "\n-- "); j >= 0 {
		end = j + 1
	}
	return os.WriteFile(path, []byte(text[:i]+"-- stdout --\n"+stdout+rest[end:]), 0o644)
}
