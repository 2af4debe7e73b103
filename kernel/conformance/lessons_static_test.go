package conformance

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/descentlab/descent/kernel/course/pages"
	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

// The tests of this file read the lessons without running them: the form a
// lesson must have, whatever its subject. TestLessonsRunUnderNbconvert
// runs them.

// lessonFiles returns the lessons in notebooks/, parsed.
func lessonFiles(t *testing.T) map[string]*nbformat.Notebook {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", "notebooks", "*.ipynb"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no lessons found in notebooks/")
	}
	out := map[string]*nbformat.Notebook{}
	for _, p := range paths {
		nb, err := nbformat.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(p)] = nb
	}
	return out
}

// cellIDPattern is nbformat 4.5's rule for cell ids.
var cellIDPattern = regexp.MustCompile(`^[a-zA-Z0-9-_]{1,64}$`)

// TestLessonsAreWellFormed checks what every lesson shares: nbformat 4.5
// with unique cell ids, the descent kernelspec, a numbered title and a list
// of goals, and at least one exercise.
func TestLessonsAreWellFormed(t *testing.T) {
	name := regexp.MustCompile(`^\d\d-[a-z0-9-]+\.ipynb$`)
	for file, nb := range lessonFiles(t) {
		if !name.MatchString(file) {
			t.Errorf("%s: a lesson is named NN-topic.ipynb", file)
		}
		if nb.Format != 4 || nb.FormatMinor < 5 {
			t.Errorf("%s: nbformat %d.%d, want 4.5 or later", file, nb.Format, nb.FormatMinor)
		}
		if ks, _ := nb.Metadata["kernelspec"].(map[string]any); ks["name"] != "descent" {
			t.Errorf("%s: kernelspec %v, want descent", file, ks)
		}
		seen := map[string]bool{}
		for i, c := range nb.Cells {
			if !cellIDPattern.MatchString(c.ID) || seen[c.ID] {
				t.Errorf("%s: cell %d has the id %q: ids are unique, 1-64 of [a-zA-Z0-9-_]", file, i, c.ID)
			}
			seen[c.ID] = true
		}
		if len(nb.Cells) == 0 || nb.Cells[0].Type != nbformat.Markdown {
			t.Errorf("%s: a lesson starts with a markdown cell", file)
			continue
		}
		head := nb.Cells[0].Source
		if !strings.HasPrefix(head, "# "+file[:2]+" · ") || !strings.Contains(head, "**Goals**") {
			t.Errorf("%s: the first cell is the title \"# %s · …\" and the **Goals**", file, file[:2])
		}
		if !strings.Contains(allMarkdown(nb), "## Exercises") {
			t.Errorf("%s: no ## Exercises", file)
		}
	}
}

// allMarkdown joins the markdown cells of nb.
func allMarkdown(nb *nbformat.Notebook) string {
	var b strings.Builder
	for _, c := range nb.Cells {
		if c.Type == nbformat.Markdown {
			b.WriteString(c.Source + "\n")
		}
	}
	return b.String()
}

// TestLessonCodeFitsTheColumn checks that no line of code is wider than the
// code column of the course pages (pages.CodeColumns, a tab counting 4), so
// that no lesson page needs a horizontal scroll bar.
func TestLessonCodeFitsTheColumn(t *testing.T) {
	for file, nb := range lessonFiles(t) {
		for i, c := range nb.Cells {
			if c.Type != nbformat.Code {
				continue
			}
			for n, line := range strings.Split(c.Source, "\n") {
				if w := columns(line); w > pages.CodeColumns {
					t.Errorf("%s, cell %d, line %d is %d columns wide, the page shows %d: %s",
						file, i, n+1, w, pages.CodeColumns, strings.TrimSpace(line))
				}
			}
		}
	}
}

// columns is the width of line in a monospace font with tab stops every 4
// columns (the pages' tab-size), one column per rune.
func columns(line string) int {
	w := 0
	for _, r := range line {
		if r == '\t' {
			w += 4 - w%4
		} else {
			w++
		}
	}
	return w
}

func TestColumns(t *testing.T) {
	for _, c := range []struct {
		line string
		want int
	}{
		{"", 0}, {"abc", 3}, {"\tx", 5}, {"ab\tc", 5}, {"\t\tx := 1", 14}, {"η = 0.1 · √β", 12},
	} {
		if got := columns(c.line); got != c.want {
			t.Errorf("columns(%q) = %d, want %d (runes %d)", c.line, got, c.want, utf8.RuneCountInString(c.line))
		}
	}
}

// sections splits a lesson into its ## sections: the heading and the cells
// up to the next one.
func sections(nb *nbformat.Notebook) (names []string, cells [][]*nbformat.Cell) {
	heading := regexp.MustCompile(`(?m)^## (.*)$`)
	for _, c := range nb.Cells {
		if c.Type == nbformat.Markdown {
			if m := heading.FindStringSubmatch(c.Source); m != nil {
				names, cells = append(names, m[1]), append(cells, nil)
			}
		}
		if len(cells) > 0 {
			cells[len(cells)-1] = append(cells[len(cells)-1], c)
		}
	}
	return names, cells
}

// TestLessonsHaveTryItCells checks that every section with code, the
// exercises apart, has a "Try it" cell: a markdown cell that names one
// knob and asks for a prediction, followed by a code cell whose knob is a
// variable marked "// the knob".
func TestLessonsHaveTryItCells(t *testing.T) {
	skip := regexp.MustCompile(`^(Exercises|What to remember|Summary)`)
	for file, nb := range lessonFiles(t) {
		names, cells := sections(nb)
		for s, name := range names {
			if skip.MatchString(name) {
				continue
			}
			hasCode, hasTry := false, false
			for i, c := range cells[s] {
				if c.Type == nbformat.Code {
					hasCode = true
				}
				if c.Type != nbformat.Markdown || !strings.HasPrefix(c.Source, "**Try it · knob") {
					continue
				}
				if !strings.Contains(strings.ToLower(c.Source), "predict") {
					t.Errorf("%s, section %q: the Try it cell asks for no prediction", file, name)
				}
				if i+1 >= len(cells[s]) || cells[s][i+1].Type != nbformat.Code ||
					!strings.Contains(cells[s][i+1].Source, "// the knob") {
					t.Errorf("%s, section %q: the Try it cell is not followed by code with a \"// the knob\" variable", file, name)
				}
				hasTry = true
			}
			if hasCode && !hasTry {
				t.Errorf("%s: section %q has code but no Try it cell", file, name)
			}
		}
	}
}

// exercisePattern matches the markdown cell that states exercise N.
var exercisePattern = regexp.MustCompile(`(?m)^\*\*(\d+)\.\*\* `)

// TestLessonSolutionsAreCollapsed checks that every exercise is followed by
// its solution inside a closed <details> element, and that the code cells
// of the solution, tagged "solution", are kept collapsed
// (metadata.jupyter.source_hidden), which the course pages honour.
func TestLessonSolutionsAreCollapsed(t *testing.T) {
	for file, nb := range lessonFiles(t) {
		exercises := 0
		for i, c := range nb.Cells {
			if c.Type != nbformat.Markdown || !exercisePattern.MatchString(c.Source) {
				continue
			}
			exercises++
			if i+1 >= len(nb.Cells) || nb.Cells[i+1].Type != nbformat.Markdown ||
				!strings.HasPrefix(nb.Cells[i+1].Source, "<details><summary>Solution</summary>") ||
				!strings.HasSuffix(strings.TrimSpace(nb.Cells[i+1].Source), "</details>") {
				t.Errorf("%s, cell %d: the exercise is not followed by a <details> solution", file, i)
			}
			for j := i + 2; j < len(nb.Cells) && nb.Cells[j].Type == nbformat.Code; j++ {
				code := nb.Cells[j]
				jm, _ := code.Metadata["jupyter"].(map[string]any)
				if !code.HasTag("solution") || jm["source_hidden"] != true || jm["outputs_hidden"] != true {
					t.Errorf("%s, cell %d: the solution's code is not tagged solution and collapsed", file, j)
				}
			}
		}
		if exercises < 2 {
			t.Errorf("%s: %d exercises, want at least 2", file, exercises)
		}
	}
}

// TestLessonChecksAreLight checks that claims are stated by the check
// package in one statement each, that no lesson falls back on the old
// panic blocks, and that checks are a small share of a lesson's code.
func TestLessonChecksAreLight(t *testing.T) {
	oldStyle := regexp.MustCompile(`panic\(fmt\.Sprintf\("claim failed|if err != nil \{\s*panic\(err\)`)
	for file, nb := range lessonFiles(t) {
		var code, checks int
		for i, c := range nb.Cells {
			if c.Type != nbformat.Code {
				continue
			}
			if oldStyle.MatchString(c.Source) {
				t.Errorf("%s, cell %d: a claim or an error handled by a panic block; use check.That, check.Near or a Must form", file, i)
			}
			lines, inCheck := checkLines(c.Source)
			code, checks = code+lines, checks+inCheck
		}
		if checks == 0 {
			t.Errorf("%s checks none of its claims", file)
		}
		if share := float64(checks) / float64(code); share > 0.25 {
			t.Errorf("%s: %d of %d lines of code (%.0f%%) are checks, want at most a quarter", file, checks, code, 100*share)
		}
	}
}

// checkLines counts the non-blank lines of src and those of its check
// statements (a check.X call and its continuation lines).
func checkLines(src string) (lines, checks int) {
	depth := 0
	for _, line := range strings.Split(src, "\n") {
		s := strings.TrimSpace(line)
		if s == "" {
			continue
		}
		lines++
		if depth > 0 || strings.HasPrefix(s, "check.") {
			checks++
			depth += strings.Count(s, "(") - strings.Count(s, ")")
			depth = max(depth, 0)
		}
	}
	return lines, checks
}

// TestLessonsValidateWithNbformat validates every lesson against the
// nbformat schema with Jupyter's own nbformat package, when it is installed.
func TestLessonsValidateWithNbformat(t *testing.T) {
	requireJupyter(t, "nbformat")
	paths, _ := filepath.Glob(filepath.Join("..", "..", "notebooks", "*.ipynb"))
	script := `import sys, nbformat
for p in sys.argv[1:]:
    nb = nbformat.read(p, as_version=nbformat.NO_CONVERT)
    nbformat.validate(nb)
    assert (nb.nbformat, nb.nbformat_minor) >= (4, 5), p
`
	if out, err := exec.Command(python, append([]string{"-c", script}, paths...)...).CombinedOutput(); err != nil {
		t.Fatalf("nbformat.validate: %v\n%s", err, out)
	}
}
