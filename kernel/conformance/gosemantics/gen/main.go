// Command gen records the expected output of the Go semantics corpus: for
// every case file it builds the case's main.go with the go command, inside
// this module (so it may import github.com/descentlab/descent/optimlib),
// runs it, and writes what it printed into the case's stdout section with
// the checksum of the main.go it came from.
//
// Each program runs three times, with GOMAXPROCS=1, 2 and 8; the outputs
// must agree and the program must exit with status 0, so a case whose
// output depends on scheduling is rejected here rather than flaking later.
// main.go is rewritten gofmt-formatted.
//
// Usage, from anywhere in the module:
//
//	go generate ./kernel/conformance/gosemantics
//	go run ./kernel/conformance/gosemantics/gen [-run REGEXP] [-check]
//
// -check writes nothing and exits with status 1 when a recorded output is
// missing or differs from what the program prints now, or main.go is not
// gofmt-formatted.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/descentlab/descent/kernel/conformance/gosemantics"
)

const pkgPath = "github.com/descentlab/descent/kernel/conformance/gosemantics"

func main() {
	run := flag.String("run", "", "only cases whose name (category/name) matches this regular expression")
	check := flag.Bool("check", false, "write nothing; fail when a recorded output is missing or out of date")
	flag.Parse()
	if err := generate(*run, *check); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func generate(pattern string, check bool) error {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return fmt.Errorf("-run: %w", err)
	}
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}", pkgPath).Output()
	if err != nil {
		return fmt.Errorf("finding %s (run inside the module): %w", pkgPath, err)
	}
	pkgDir := strings.TrimSpace(string(out))
	cases, err := gosemantics.LoadCases(filepath.Join(pkgDir, gosemantics.CasesDir))
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "gosemantics-gen-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	var selected []*gosemantics.Case
	for _, c := range cases {
		if re.MatchString(c.Name) {
			selected = append(selected, c)
		}
	}
	errs := make([]error, len(selected))
	changed := make([]bool, len(selected))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(1, runtime.NumCPU()))
	for i, c := range selected {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			changed[i], errs[i] = record(c, pkgDir, filepath.Join(tmp, fmt.Sprint(i)), check)
		}()
	}
	wg.Wait()

	failed, n := 0, 0
	for i, c := range selected {
		switch {
		case errs[i] != nil:
			failed++
			fmt.Fprintf(os.Stderr, "%s: %v\n", c.Name, errs[i])
		case changed[i] && check:
			failed++
			fmt.Fprintf(os.Stderr, "%s: the recorded stdout is out of date; run go generate %s\n", c.Name, pkgPath)
		case changed[i]:
			n++
			fmt.Printf("wrote %s\n", c.Path)
		}
	}
	fmt.Printf("%d cases, %d updated, %d failed\n", len(selected), n, failed)
	if failed > 0 {
		return fmt.Errorf("%d of %d cases failed", failed, len(selected))
	}
	return nil
}

// record runs c's program and rewrites its case file when the recorded
// output differs; it reports whether it did (or, with check, would).
func record(c *gosemantics.Case, pkgDir, dir string, check bool) (bool, error) {
	formatted, err := format.Source([]byte(c.Program))
	if err != nil {
		return false, fmt.Errorf("main.go: %w", err)
	}
	reformat := string(formatted) != c.Program
	if reformat && check {
		return false, fmt.Errorf("main.go is not gofmt-formatted")
	}
	c.Program = string(formatted)
	stdout, err := runProgram(c.Program, pkgDir, dir)
	if err != nil {
		return false, err
	}
	if !reformat && !c.Stale() && c.Stdout == stdout {
		return false, nil
	}
	if check {
		return true, nil
	}
	c.Stdout = stdout
	data, err := c.Format()
	if err != nil {
		return false, err
	}
	return true, os.WriteFile(c.Path, data, 0o644)
}

// runProgram builds program inside the module and runs it with several
// GOMAXPROCS settings; the outputs must agree.
func runProgram(program, pkgDir, dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte(program), 0o644); err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "prog")
	build := exec.Command("go", "build", "-o", bin, src)
	build.Dir = pkgDir
	if out, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	var first string
	for i, procs := range []string{"1", "2", "8"} {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		cmd := exec.CommandContext(ctx, bin)
		cmd.Env = append(os.Environ(), "GOMAXPROCS="+procs)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		cancel()
		if err != nil {
			return "", fmt.Errorf("the program failed (GOMAXPROCS=%s): %v\n%s", procs, err, stderr.String())
		}
		if i == 0 {
			first = stdout.String()
		} else if stdout.String() != first {
			return "", fmt.Errorf("the output depends on scheduling: GOMAXPROCS=1 printed\n%s\nGOMAXPROCS=%s printed\n%s", first, procs, stdout.String())
		}
	}
	return first, nil
}
