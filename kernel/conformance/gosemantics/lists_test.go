package gosemantics

import (
	"bufio"
	"fmt"
	"os"
	"strings"
)

// Paths of the two lists, relative to this package.
const (
	refusalsFile      = "testdata/refusals.txt"
	knownFailuresFile = "testdata/known-failures.txt"
)

// refusal is a case expected to stop at a cell with an error containing
// Substring.
type refusal struct {
	Substring string
	Line      int
}

// knownFailure is a case that does not pass today, with the failure class
// it belongs to (a number of issue 12's list, or a short word) and a note.
type knownFailure struct {
	Class string
	Note  string
	Line  int
}

// readList reads a list file: one case a line, "CASE REST", where REST is
// everything after the first run of spaces; blank lines and lines starting
// with # are comments.
func readList(path string) (map[string]string, map[string]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	rest, lines := map[string]string{}, map[string]int{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		name, r, _ := strings.Cut(l, " ")
		r = strings.TrimSpace(r)
		if r == "" {
			return nil, nil, fmt.Errorf("%s:%d: %q: want a case name and, after a space, the rest of the entry", path, n, l)
		}
		if _, dup := rest[name]; dup {
			return nil, nil, fmt.Errorf("%s:%d: %s is listed twice", path, n, name)
		}
		rest[name], lines[name] = r, n
	}
	return rest, lines, sc.Err()
}

// readRefusals reads testdata/refusals.txt: "CASE ERROR-SUBSTRING".
func readRefusals(path string) (map[string]refusal, error) {
	rest, lines, err := readList(path)
	if err != nil {
		return nil, err
	}
	out := map[string]refusal{}
	for name, r := range rest {
		out[name] = refusal{Substring: r, Line: lines[name]}
	}
	return out, nil
}

// readKnownFailures reads testdata/known-failures.txt: "CASE CLASS NOTE".
func readKnownFailures(path string) (map[string]knownFailure, error) {
	rest, lines, err := readList(path)
	if err != nil {
		return nil, err
	}
	out := map[string]knownFailure{}
	for name, r := range rest {
		class, note, _ := strings.Cut(r, " ")
		out[name] = knownFailure{Class: class, Note: strings.TrimSpace(note), Line: lines[name]}
	}
	return out, nil
}
