// Package magic reads the magic command that may start a notebook cell (a
// first line beginning with %, as in IPython) and documents the magics the
// kernel knows. Go has no % at the start of a statement, so such a line is
// never Go code.
//
// The kernel process answers %help and %version itself; the worker process
// runs %time, %reset, %who, %go get and %%compile, which need the
// interpreter.
package magic

import (
	"fmt"
	"sort"
	"strings"
)

// Where a magic runs.
const (
	// InKernel magics are answered by the kernel process.
	InKernel = "kernel"
	// InWorker magics are run by the worker process, next to the
	// interpreter.
	InWorker = "worker"
)

// Spec documents one magic.
type Spec struct {
	// Name is the magic without its %.
	Name string
	// Usage shows how it is written.
	Usage string
	// Summary says what it does, in one sentence.
	Summary string
	// Where is InKernel or InWorker.
	Where string
	// Body says whether Go code may follow on the next lines.
	Body bool
	// Args says whether the magic takes arguments on its own line (and
	// no code after it).
	Args bool
	// Cell says the magic is written %%NAME: it applies to the whole cell.
	Cell bool
}

// Written is the magic as a cell writes it: %name, or %%name for a cell
// magic.
func (s Spec) Written() string {
	if s.Cell {
		return "%%" + s.Name
	}
	return "%" + s.Name
}

// Specs returns the known magics, sorted by name.
func Specs() []Spec {
	return []Spec{
		{Name: "compile", Usage: "%%compile, then declarations (func, type, var, const, import) on the next lines", Summary: "compiles the cell's declarations natively (as a Go plugin) for full speed and exact Go semantics; later cells use them by their names, and running the cell again replaces them.", Where: InWorker, Body: true, Cell: true},
		{Name: "go", Usage: "%go get MODULE[@VERSION]", Summary: "fetches a Go module so that cells can import its packages (built as Go plugins).", Where: InWorker, Args: true},
		{Name: "help", Usage: "%help", Summary: "lists the magics (this text).", Where: InKernel},
		{Name: "reset", Usage: "%reset", Summary: "starts a fresh interpreter: every variable, function, type and import of earlier cells is forgotten; the preloaded packages are imported again.", Where: InWorker},
		{Name: "time", Usage: "%time CODE, or %time alone with the code on the next lines", Summary: "runs the code, then prints how long it took (wall-clock time).", Where: InWorker, Body: true},
		{Name: "version", Usage: "%version", Summary: "prints the versions of descent, Go, the yaegi interpreter and the Jupyter protocol.", Where: InKernel},
		{Name: "who", Usage: "%who", Summary: "lists the variables of earlier cells with their types.", Where: InWorker},
	}
}

// Lookup returns the magic named name (without %).
func Lookup(name string) (Spec, bool) {
	for _, s := range Specs() {
		if s.Name == name {
			return s, true
		}
	}
	return Spec{}, false
}

// Line is the magic line of a cell.
type Line struct {
	// Name is the magic's name without % ("time"); %%time is read as time.
	Name string
	// Args is the rest of the magic's line, trimmed.
	Args string
	// Body is the cell with the magic's name blanked out: the arguments
	// and the following lines keep their lines and columns, so errors in
	// them point at the cell.
	Body string
	// lineEnd is the offset in Body of the end of the magic's line.
	lineEnd int
}

// Parse finds a magic on the first line of code that is not blank. ok is
// false when the cell does not start with %.
func Parse(code string) (l Line, ok bool) {
	start := 0
	for start < len(code) {
		end := strings.IndexByte(code[start:], '\n')
		if end < 0 {
			end = len(code)
		} else {
			end += start
		}
		if strings.TrimSpace(code[start:end]) != "" {
			break
		}
		start = end + 1
	}
	if start >= len(code) {
		return Line{}, false
	}
	lineEnd := strings.IndexByte(code[start:], '\n')
	if lineEnd < 0 {
		lineEnd = len(code)
	} else {
		lineEnd += start
	}
	line := code[start:lineEnd]
	indent := len(line) - len(strings.TrimLeft(line, " \t"))
	word := strings.TrimLeft(line, " \t")
	if !strings.HasPrefix(word, "%") {
		return Line{}, false
	}
	nameEnd := strings.IndexAny(word, " \t")
	if nameEnd < 0 {
		nameEnd = len(word)
	}
	token := word[:nameEnd]
	l.Name = strings.TrimPrefix(strings.TrimPrefix(token, "%"), "%")
	l.Args = strings.TrimSpace(word[nameEnd:])
	blank := start + indent + nameEnd // the end of the magic's name
	l.Body = code[:start] + strings.Repeat(" ", blank-start) + code[blank:]
	l.lineEnd = lineEnd
	return l, true
}

// HasCodeAfterLine reports whether the cell has code on the lines after
// the magic's.
func (l Line) HasCodeAfterLine() bool {
	return l.lineEnd < len(l.Body) && strings.TrimSpace(l.Body[l.lineEnd:]) != ""
}

// HasCode reports whether the cell has Go code besides the magic's name.
func (l Line) HasCode() bool { return strings.TrimSpace(l.Body) != "" }

// UnknownError is the error for a magic the kernel does not know.
type UnknownError struct{ Name string }

// Error says that the magic is unknown and lists the known ones.
func (e UnknownError) Error() string {
	names := make([]string, 0, 8)
	for _, s := range Specs() {
		names = append(names, s.Written())
	}
	sort.Strings(names)
	return fmt.Sprintf("%%%s is not a magic of this kernel; the magics are %s (%%help explains them)", e.Name, strings.Join(names, ", "))
}

// Help is the text %help prints.
func Help() string {
	var b strings.Builder
	b.WriteString("Magics: a cell whose first line starts with % runs a command of the kernel.\n\n")
	for _, s := range Specs() {
		fmt.Fprintf(&b, "  %-10s %s\n", s.Written(), s.Summary)
		if s.Usage != s.Written() {
			fmt.Fprintf(&b, "  %-10s usage: %s\n", "", s.Usage)
		}
	}
	b.WriteString("\nHelp on Go names: ?name or name? in a cell, or Shift+Tab in JupyterLab.\n")
	b.WriteString("exit or quit, alone in a cell, ends a console session (jupyter console).\n")
	return b.String()
}
