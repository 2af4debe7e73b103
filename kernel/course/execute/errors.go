package execute

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/descentlab/descent/kernel/jupyter/nbformat"
)

// CellFailure is a cell that failed: an error reply, a timeout or a kernel
// that died.
type CellFailure struct {
	// Notebook is the notebook's name.
	Notebook string
	// Cell is the cell's position in the notebook, from 1.
	Cell int
	// Line is the line of the cell the error points at, from 1; 0 when the
	// error names none.
	Line int
	// EName, EValue and Traceback are the error reply's.
	EName, EValue string
	Traceback     []string
	// Timeout is the cell's time limit when it ran out, else 0.
	Timeout time.Duration
	// Err is what went wrong when the kernel gave no error reply (it died,
	// or did not answer).
	Err error
}

// Error reads "notebook NAME, cell N (line L): ename: evalue".
func (e *CellFailure) Error() string {
	where := fmt.Sprintf("notebook %s, cell %d", e.Notebook, e.Cell)
	if e.Line > 0 {
		where += fmt.Sprintf(" (line %d)", e.Line)
	}
	switch {
	case e.Timeout > 0:
		return fmt.Sprintf("%s: timed out after %s; the kernel was interrupted", where, e.Timeout)
	case e.Err != nil:
		return fmt.Sprintf("%s: %v", where, e.Err)
	}
	value := strings.TrimSpace(nbformat.StripANSI(e.EValue))
	if value == "" {
		return fmt.Sprintf("%s: %s", where, e.EName)
	}
	return fmt.Sprintf("%s: %s: %s", where, e.EName, value)
}

// Unwrap returns the underlying failure, if any.
func (e *CellFailure) Unwrap() error { return e.Err }

// ErrKernelDied is the Err of a CellFailure whose kernel process exited.
var ErrKernelDied = errors.New("the kernel died")

// The forms in which descent's tracebacks name the line of the cell: a
// compile error starts "LINE:COL: message", a panic says "at line LINE".
var (
	positionPrefix = regexp.MustCompile(`^\s*(\d+):(\d+:)? `)
	atLine         = regexp.MustCompile(`\bat line (\d+)\b`)
)

// errorLine finds the line of the cell an error's traceback points at, or
// returns 0.
func errorLine(evalue string, traceback []string) int {
	lines := make([]string, 0, len(traceback)+1)
	for _, tb := range traceback {
		lines = append(lines, strings.Split(nbformat.StripANSI(tb), "\n")...)
	}
	if len(lines) > 0 {
		if m := positionPrefix.FindStringSubmatch(lines[0]); m != nil {
			return atoi(m[1])
		}
	}
	lines = append(lines, nbformat.StripANSI(evalue))
	for _, l := range lines {
		if m := atLine.FindStringSubmatch(l); m != nil {
			return atoi(m[1])
		}
	}
	return 0
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}
