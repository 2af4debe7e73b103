package gosemantics

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/descentlab/descent/internal/testbinary"
)

// verdict is how a case came out.
type verdict string

const (
	match   verdict = "match"
	refused verdict = "refused"
	// silent: the notebook shows something else than Go, with no error.
	silent verdict = "silent mismatch"
	// errored: a cell failed and the case is not a listed refusal (or the
	// error or the output before it is not the listed one).
	errored verdict = "unexpected error"
	// hung: a cell did not finish, or the harness failed.
	hung verdict = "hang"
)

// result is one case's outcome.
type result struct {
	c       *Case
	verdict verdict
	detail  string
	known   bool
	// class is the known failure's class (known-failures.txt).
	class string
	// failed is set when the test fails on this case.
	failed bool
}

// kernelBuild is the descent binary, built once per test run.
var kernelBuild struct {
	once    sync.Once
	path    string
	cleanup func()
	err     error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if kernelBuild.cleanup != nil {
		kernelBuild.cleanup()
	}
	os.Exit(code)
}

func kernelBinary(t testing.TB) string {
	t.Helper()
	kernelBuild.once.Do(func() {
		kernelBuild.path, kernelBuild.cleanup, kernelBuild.err = testbinary.Build("gosemantics")
	})
	if kernelBuild.err != nil {
		t.Fatal(kernelBuild.err)
	}
	return kernelBuild.path
}

// kernelCount is how many kernels run cases side by side
// (DESCENT_CORPUS_KERNELS, default 2).
func kernelCount(t *testing.T) int {
	n := 2
	if s := os.Getenv("DESCENT_CORPUS_KERNELS"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			t.Fatalf("DESCENT_CORPUS_KERNELS=%q: want a positive number", s)
		}
		n = v
	}
	return n
}

// TestCorpus runs every case's cells through the real kernel and compares
// what the notebook shows with the Go program's recorded stdout.
func TestCorpus(t *testing.T) {
	cases, err := LoadCases(CasesDir)
	if err != nil {
		t.Fatal(err)
	}
	refusals, err := readRefusals(refusalsFile)
	if err != nil {
		t.Fatal(err)
	}
	known, err := readKnownFailures(knownFailuresFile)
	if err != nil {
		t.Fatal(err)
	}
	checkLists(t, cases, refusals, known)

	bin := kernelBinary(t)
	pool := make(chan *kernel, kernelCount(t))
	var started []*kernel
	for range cap(pool) {
		k, err := startKernel(bin)
		if err != nil {
			t.Fatal(err)
		}
		started = append(started, k)
		pool <- k
	}
	defer func() {
		for _, k := range started {
			k.close()
		}
	}()

	var mu sync.Mutex
	var results []*result
	t.Run("case", func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.Name, func(t *testing.T) {
				t.Parallel()
				if c.Stale() {
					t.Fatalf("%s: the recorded stdout is missing or from another main.go; run go generate ./kernel/conformance/gosemantics", c.Path)
				}
				k := <-pool
				s, err := k.run(c.Cells)
				pool <- k
				r := judge(c, s, err, refusals, known)
				mu.Lock()
				results = append(results, r)
				mu.Unlock()
				report(t, r, s)
			})
		}
	})
	if len(results) > 0 {
		fmt.Print(summarize(results))
	}
}

// checkLists fails the test on list entries that name no case or contradict
// each other.
func checkLists(t *testing.T, cases []*Case, refusals map[string]refusal, known map[string]knownFailure) {
	t.Helper()
	names := map[string]bool{}
	for _, c := range cases {
		names[c.Name] = true
	}
	for name, r := range refusals {
		if !names[name] {
			t.Errorf("%s:%d: %s is not a case", refusalsFile, r.Line, name)
		}
		if _, ok := known[name]; ok {
			t.Errorf("%s:%d: %s is both an expected refusal and a known failure", refusalsFile, r.Line, name)
		}
	}
	for name, k := range known {
		if !names[name] {
			t.Errorf("%s:%d: %s is not a case", knownFailuresFile, k.Line, name)
		}
	}
}

// judge decides a case's verdict from what the notebook showed.
func judge(c *Case, s shown, runErr error, refusals map[string]refusal, known map[string]knownFailure) *result {
	r := &result{c: c}
	kf, isKnown := known[c.Name]
	r.known, r.class = isKnown, kf.Class
	ref, isRefusal := refusals[c.Name]
	switch {
	case runErr != nil:
		r.verdict, r.detail = hung, runErr.Error()
	case s.ErrCell == 0 && s.Text == c.Stdout:
		r.verdict = match
	case s.ErrCell == 0:
		r.verdict = silent
		r.detail = "the notebook shows\n" + indent(s.Text) + "Go prints\n" + indent(c.Stdout)
	case !strings.HasPrefix(c.Stdout, s.Text):
		r.verdict = errored
		r.detail = fmt.Sprintf("cell %d failed (%s) after the notebook showed\n%sbut Go prints\n%s",
			c.Cells[s.ErrCell-1].Number, s.Err, indent(s.Text), indent(c.Stdout))
	case !isRefusal:
		r.verdict = errored
		r.detail = fmt.Sprintf("cell %d failed: %s\n(not listed in %s)", c.Cells[s.ErrCell-1].Number, s.Err, refusalsFile)
	case !strings.Contains(s.Err, ref.Substring):
		r.verdict = errored
		r.detail = fmt.Sprintf("cell %d failed: %s\nbut %s:%d expects an error containing %q",
			c.Cells[s.ErrCell-1].Number, s.Err, refusalsFile, ref.Line, ref.Substring)
	default:
		r.verdict = refused
		r.detail = fmt.Sprintf("cell %d: %s", c.Cells[s.ErrCell-1].Number, s.Err)
	}
	if isRefusal && r.verdict == match {
		r.detail = fmt.Sprintf("it now matches Go; remove it from %s (line %d)", refusalsFile, ref.Line)
		r.failed = true
		return r
	}
	passed := r.verdict == match || r.verdict == refused
	switch {
	case r.known && passed:
		r.detail = fmt.Sprintf("it now passes (%s); remove it from %s (line %d)", r.verdict, knownFailuresFile, known[c.Name].Line)
		r.failed = true
	case !r.known && !passed:
		r.failed = true
	}
	return r
}

// report logs a case's outcome on its subtest.
func report(t *testing.T, r *result, s shown) {
	t.Helper()
	extra := ""
	if s.Stderr != "" {
		extra += "stderr:\n" + indent(s.Stderr)
	}
	if len(s.Other) > 0 {
		extra += "other outputs: " + strings.Join(s.Other, ", ") + "\n"
	}
	switch {
	case r.failed:
		t.Errorf("%s: %s: %s\n%s", r.c.Path, r.verdict, r.detail, extra)
	case r.known:
		t.Logf("KNOWN FAILURE (%s): %s\n%s", r.verdict, r.detail, extra)
	case r.verdict == refused:
		t.Logf("refused as listed: %s", r.detail)
	}
}

// summarize counts the verdicts, by category and in all, and lists the
// known failures.
func summarize(results []*result) string {
	slices.SortFunc(results, func(a, b *result) int { return strings.Compare(a.c.Name, b.c.Name) })
	type counts struct{ total, match, refused, silent, errored, hung int }
	add := func(c *counts, v verdict) {
		c.total++
		switch v {
		case match:
			c.match++
		case refused:
			c.refused++
		case silent:
			c.silent++
		case errored:
			c.errored++
		case hung:
			c.hung++
		}
	}
	byCat := map[string]*counts{}
	var cats []string
	var all counts
	for _, r := range results {
		if byCat[r.c.Category] == nil {
			byCat[r.c.Category] = &counts{}
			cats = append(cats, r.c.Category)
		}
		add(byCat[r.c.Category], r.verdict)
		add(&all, r.verdict)
	}
	slices.Sort(cats)
	var b strings.Builder
	fmt.Fprintf(&b, "Go semantics corpus: %d cases\n", all.total)
	fmt.Fprintf(&b, "%-22s %5s %6s %8s %7s %6s %5s\n", "category", "cases", "match", "refused", "silent", "error", "hang")
	line := func(name string, c *counts) {
		fmt.Fprintf(&b, "%-22s %5d %6d %8d %7d %6d %5d\n", name, c.total, c.match, c.refused, c.silent, c.errored, c.hung)
	}
	for _, cat := range cats {
		line(cat, byCat[cat])
	}
	line("all", &all)
	fmt.Fprintf(&b, "%d match, %d refused, %d silent mismatches, %d unexpected errors, %d hangs: %.1f%% match\n",
		all.match, all.refused, all.silent, all.errored, all.hung, 100*float64(all.match)/float64(max(all.total, 1)))
	var knownLines, newLines []string
	for _, r := range results {
		switch {
		case r.failed:
			newLines = append(newLines, fmt.Sprintf("  %s: %s", r.c.Name, r.verdict))
		case r.known:
			knownLines = append(knownLines, fmt.Sprintf("  class %-8s %s: %s", r.class, r.c.Name, r.verdict))
		}
	}
	if len(knownLines) > 0 {
		slices.Sort(knownLines)
		fmt.Fprintf(&b, "KNOWN FAILURES (%d, listed in %s; each must be fixed or refused clearly):\n%s\n",
			len(knownLines), knownFailuresFile, strings.Join(knownLines, "\n"))
	}
	if len(newLines) > 0 {
		fmt.Fprintf(&b, "FAILED (%d):\n%s\n", len(newLines), strings.Join(newLines, "\n"))
	}
	return b.String()
}

// indent prefixes every line of s with a tab and makes it end with a
// newline, so outputs stand apart in a report.
func indent(s string) string {
	if s == "" {
		return "\t(nothing)\n"
	}
	lines := strings.SplitAfter(strings.TrimSuffix(s, "\n"), "\n")
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("\t" + strings.TrimSuffix(l, "\n") + "\n")
	}
	if !strings.HasSuffix(s, "\n") {
		b.WriteString("\t(no newline at the end)\n")
	}
	return b.String()
}
