package layout

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/descentlab/descent"

// rule constrains the dependencies (direct and indirect, tests excluded)
// of the packages matching pkg.
type rule struct {
	pkg string // a pattern: "kernel", "kernel/jupyter/...", "." for the module root
	// allow, when not nil, lists the only project packages it may use
	// (besides those matching pkg).
	allow []string
	// deny lists packages (of the project, or full import paths of other
	// modules) it must not use.
	deny []string
	// stdOnly: only the standard library.
	stdOnly bool
	why     string
}

var rules = []rule{
	{pkg: "kernel/jupyter/...", allow: []string{"internal/atomicfile"}, why: "the protocol libraries import nothing else of the project (but the atomic file write)"},
	{pkg: "optimlib/...", allow: []string{}, why: "the lesson library imports nothing of the kernel"},
	{pkg: "kernel/display", allow: []string{"optimlib/..."}, why: "display imports nothing of the protocol"},
	{pkg: "kernel/goeval/...", deny: []string{"kernel", "kernel/jupyter/...", "kernel/worker/...", "kernel/course/...", "kernel/history", "kernel/magic"},
		why: "the evaluator knows nothing of Jupyter"},
	{pkg: "kernel/goeval/cellsyntax", stdOnly: true, why: "is_complete uses the splitter without linking the interpreter"},
	{pkg: "kernel", deny: []string{"kernel/goeval", "kernel/course/...", "kernel/preload/...", "kernel/display", "github.com/traefik/yaegi/...", "gonum.org/v1/plot/...", "github.com/yuin/goldmark/..."},
		why: "the kernel process never runs user code and stays small"},
	{pkg: ".", deny: []string{"kernel/goeval", "kernel/course/...", "kernel/preload/...", "kernel/display", "github.com/traefik/yaegi/...", "gonum.org/v1/plot/...", "github.com/yuin/goldmark/..."},
		why: "the descent program starts in milliseconds: the interpreter and the notebook runner live in descent-worker"},
	{pkg: "kernel/history", allow: []string{"internal/..."}, why: "the history store needs no installer or protocol"},
	{pkg: "kernel/native", allow: []string{"internal/..."}, deny: []string{"github.com/traefik/yaegi/..."},
		why: "the plugin builder knows nothing of Jupyter or the interpreter (the symbol extractor is a program of its own)"},
	{pkg: "internal/sourcedir", stdOnly: true, why: "descent records its source with a package of no dependencies"},
}

// match reports whether path (an import path) matches pattern, relative to
// the module for the project's packages.
func match(pattern, path string) bool {
	full := pattern
	switch {
	case pattern == ".":
		full = module
	case !strings.Contains(strings.SplitN(pattern, "/", 2)[0], "."):
		full = module + "/" + pattern
	}
	if base, ok := strings.CutSuffix(full, "/..."); ok {
		return path == base || strings.HasPrefix(path, base+"/")
	}
	return path == full
}

// deps lists every package of the module with its dependencies.
func deps(t *testing.T) map[string][]string {
	t.Helper()
	cmd := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join .Deps \" \"}}", "./...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	all := map[string][]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		all[f[0]] = f[1:]
	}
	if len(all) < 20 {
		t.Fatalf("go list found %d packages", len(all))
	}
	return all
}

// violations returns what pkg's dependencies break of r.
func (r rule) violations(pkg string, deps []string) []string {
	var bad []string
	for _, d := range deps {
		std := !strings.Contains(strings.SplitN(d, "/", 2)[0], ".")
		switch {
		case r.stdOnly && !std:
			bad = append(bad, d)
		case strings.HasPrefix(d, module+"/") && r.allow != nil && !match(r.pkg, d) && !matchAny(r.allow, d):
			bad = append(bad, d)
		case matchAny(r.deny, d):
			bad = append(bad, d)
		}
	}
	return bad
}

func matchAny(patterns []string, path string) bool {
	for _, p := range patterns {
		if match(p, path) {
			return true
		}
	}
	return false
}

func TestImportRules(t *testing.T) {
	all := deps(t)
	for _, r := range rules {
		n := 0
		for pkg, ds := range all {
			if !match(r.pkg, pkg) {
				continue
			}
			n++
			if bad := r.violations(pkg, ds); len(bad) > 0 {
				t.Errorf("%s uses %s, but %s", pkg, strings.Join(bad, ", "), r.why)
			}
		}
		if n == 0 {
			t.Errorf("rule for %s matches no package: the layout changed, update the rule", r.pkg)
		}
	}
}

// TestRulesCatchViolations checks the checker on dependencies that break
// each kind of rule.
func TestRulesCatchViolations(t *testing.T) {
	tests := []struct {
		rule int
		pkg  string
		deps []string
		bad  bool
	}{
		{0, module + "/kernel/jupyter/client", []string{"fmt", module + "/kernel/jupyter/wire"}, false},
		{0, module + "/kernel/jupyter/client", []string{module + "/kernel/worker"}, true},
		{2, module + "/kernel/display", []string{module + "/optimlib/figure"}, false},
		{2, module + "/kernel/display", []string{module + "/kernel/jupyter/wire"}, true},
		{3, module + "/kernel/goeval", []string{module + "/kernel/preload/docs"}, false},
		{3, module + "/kernel/goeval", []string{module + "/kernel/jupyter/messages"}, true},
		{4, module + "/kernel/goeval/cellsyntax", []string{"go/scanner"}, false},
		{4, module + "/kernel/goeval/cellsyntax", []string{"golang.org/x/sys/unix"}, true},
		{5, module + "/kernel", []string{"github.com/traefik/yaegi/interp"}, true},
		{5, module + "/kernel", []string{"github.com/go-zeromq/zmq4"}, false},
		{6, module, []string{module + "/kernel/course"}, true},
	}
	for _, tt := range tests {
		r := rules[tt.rule]
		if !match(r.pkg, tt.pkg) {
			t.Fatalf("rule %s does not match %s", r.pkg, tt.pkg)
		}
		if bad := r.violations(tt.pkg, tt.deps); (len(bad) > 0) != tt.bad {
			t.Errorf("rule %s, %s using %v: violations %v, want some: %v", r.pkg, tt.pkg, tt.deps, bad, tt.bad)
		}
	}
}
