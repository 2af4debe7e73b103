package gosemantics

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Case is one corpus case: notebook cells, the equivalent Go program and
// the program's standard output.
type Case struct {
	// Name is "category/name", from the file's path under the cases folder.
	Name string
	// Category is the folder the case file is in.
	Category string
	// Path is the case file.
	Path string
	// Comment is the free text before the first section: what the case
	// checks and why.
	Comment string
	// Cells are the cells in the order they run. A re-run cell appears
	// again with the same Number.
	Cells []Cell
	// Program is main.go, the equivalent complete Go program.
	Program string
	// Stdout is what `go run main.go` printed, as recorded by the generator.
	Stdout string
	// StdoutSum is the checksum of the main.go the recorded stdout came
	// from (see ProgramSum); empty when the case was never generated.
	StdoutSum string
	// HasStdout reports whether the file has a stdout section at all.
	HasStdout bool
}

// Cell is one cell execution.
type Cell struct {
	// Number is the cell's position among the distinct cells, from 1.
	Number int
	// Source is the code sent to the kernel.
	Source string
	// Rerun marks a second (or later) execution of cell Number.
	Rerun bool
}

// ProgramSum is the checksum that ties a recorded stdout to the program
// that printed it: the first 12 hex digits of the SHA-256 of main.go.
func ProgramSum(program string) string {
	sum := sha256.Sum256([]byte(program))
	return hex.EncodeToString(sum[:])[:12]
}

// Stale reports whether the recorded stdout is missing or comes from
// another version of main.go.
func (c *Case) Stale() bool {
	return !c.HasStdout || c.StdoutSum != ProgramSum(c.Program)
}

// section is one "-- header --" part of a case file.
type section struct {
	header string
	line   int
	body   string
}

// parseSections splits data into its comment and sections. A section
// header is a line "-- header --"; the body is every line up to the next
// header.
func parseSections(data string) (comment string, secs []section) {
	lines := strings.SplitAfter(data, "\n")
	var body strings.Builder
	cur := -1
	flush := func() {
		if cur < 0 {
			comment = body.String()
		} else {
			secs[cur].body = body.String()
		}
		body.Reset()
	}
	for i, l := range lines {
		if h, ok := headerOf(l); ok {
			flush()
			secs = append(secs, section{header: h, line: i + 1})
			cur = len(secs) - 1
			continue
		}
		body.WriteString(l)
	}
	flush()
	return comment, secs
}

// headerOf returns the header of a section marker line.
func headerOf(line string) (string, bool) {
	l := strings.TrimRight(line, "\n")
	if !strings.HasPrefix(l, "-- ") || !strings.HasSuffix(l, " --") || len(l) < 7 {
		return "", false
	}
	return strings.TrimSpace(l[3 : len(l)-3]), true
}

// ParseCase reads a case file's content. name is the case's name,
// "category/name", used in errors.
func ParseCase(name string, data []byte) (*Case, error) {
	c := &Case{Name: name}
	if i := strings.IndexByte(name, '/'); i > 0 {
		c.Category = name[:i]
	}
	text := string(data)
	comment, secs := parseSections(text)
	c.Comment = comment
	sources := map[int]string{}
	next := 1
	for _, s := range secs {
		where := fmt.Sprintf("%s:%d", name, s.line)
		fields := strings.Fields(s.header)
		switch {
		case len(fields) == 2 && fields[0] == "cell":
			n, err := strconv.Atoi(fields[1])
			if err != nil || n != next {
				return nil, fmt.Errorf("%s: %q: cells are numbered 1, 2, 3, ... in order; want \"cell %d\"", where, s.header, next)
			}
			if strings.TrimSpace(s.body) == "" {
				return nil, fmt.Errorf("%s: cell %d is empty", where, n)
			}
			sources[n] = s.body
			c.Cells = append(c.Cells, Cell{Number: n, Source: s.body})
			next++
		case len(fields) == 3 && fields[0] == "rerun" && fields[1] == "cell":
			n, err := strconv.Atoi(fields[2])
			src, ok := sources[n]
			if err != nil || !ok {
				return nil, fmt.Errorf("%s: %q names no earlier cell", where, s.header)
			}
			if strings.TrimSpace(s.body) != "" {
				return nil, fmt.Errorf("%s: %q has a body; a re-run repeats the cell as written", where, s.header)
			}
			c.Cells = append(c.Cells, Cell{Number: n, Source: src, Rerun: true})
		case s.header == "main.go":
			if c.Program != "" {
				return nil, fmt.Errorf("%s: a second main.go section", where)
			}
			c.Program = s.body
		case len(fields) >= 1 && fields[0] == "stdout":
			if c.HasStdout {
				return nil, fmt.Errorf("%s: a second stdout section", where)
			}
			sum, ok := strings.CutPrefix(strings.TrimSpace(strings.TrimPrefix(s.header, "stdout")), "(main.go ")
			sum, ok2 := strings.CutSuffix(sum, ")")
			if !ok || !ok2 {
				return nil, fmt.Errorf("%s: %q: the stdout header is written by the generator, \"stdout (main.go CHECKSUM)\"", where, s.header)
			}
			c.HasStdout, c.Stdout, c.StdoutSum = true, s.body, sum
		default:
			return nil, fmt.Errorf("%s: unknown section %q (want \"cell N\", \"rerun cell N\", \"main.go\" or \"stdout (...)\")", where, s.header)
		}
	}
	switch {
	case len(c.Cells) == 0:
		return nil, fmt.Errorf("%s: no cells", name)
	case strings.TrimSpace(c.Program) == "":
		return nil, fmt.Errorf("%s: no main.go section", name)
	case strings.TrimSpace(c.Comment) == "":
		return nil, fmt.Errorf("%s: no comment before the first section saying what the case checks", name)
	}
	return c, nil
}

// Format returns the case file for c, with the stdout section written from
// c.Stdout and the checksum of c.Program.
func (c *Case) Format() ([]byte, error) {
	for _, l := range strings.SplitAfter(c.Stdout, "\n") {
		if _, ok := headerOf(l); ok {
			return nil, fmt.Errorf("%s: the program prints %q, which looks like a section header", c.Name, l)
		}
	}
	if c.Stdout != "" && !strings.HasSuffix(c.Stdout, "\n") {
		return nil, fmt.Errorf("%s: the program's output does not end with a newline; the case file cannot hold it exactly", c.Name)
	}
	var b bytes.Buffer
	b.WriteString(c.Comment)
	for _, cell := range c.Cells {
		if cell.Rerun {
			fmt.Fprintf(&b, "-- rerun cell %d --\n", cell.Number)
			continue
		}
		fmt.Fprintf(&b, "-- cell %d --\n", cell.Number)
		b.WriteString(endLine(cell.Source))
	}
	b.WriteString("-- main.go --\n")
	b.WriteString(endLine(c.Program))
	fmt.Fprintf(&b, "-- stdout (main.go %s) --\n", ProgramSum(c.Program))
	b.WriteString(c.Stdout)
	return b.Bytes(), nil
}

func endLine(s string) string {
	if s != "" && !strings.HasSuffix(s, "\n") {
		return s + "\n"
	}
	return s
}

// CasesDir is the folder of the case files, relative to this package.
const CasesDir = "testdata/cases"

// LoadCases reads every case file (*.txt) in the category folders of dir,
// sorted by name.
func LoadCases(dir string) ([]*Case, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil {
		return nil, err
	}
	var cases []*Case
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		name := filepath.Base(filepath.Dir(p)) + "/" + strings.TrimSuffix(filepath.Base(p), ".txt")
		c, err := ParseCase(name, data)
		if err != nil {
			return nil, err
		}
		c.Path = p
		cases = append(cases, c)
	}
	slices.SortFunc(cases, func(a, b *Case) int { return strings.Compare(a.Name, b.Name) })
	return cases, nil
}
