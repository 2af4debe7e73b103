package goeval

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Every piece of code given to the interpreter is parsed under one file name,
// and each piece copied from a cell is preceded by a line directive
// (/*line cell.go:L:C*/) so that the interpreter's positions are the cell's.
// A single file name is required: the interpreter scopes imports by file
// name. To tell cells apart, the line number of a directive carries the
// cell's sequence number: L = seq*lineBase + line. go/scanner accepts line
// numbers up to 1<<30, so sequence numbers cycle through 1..maxSeq and a
// cell's positions are exact up to line lineBase-1.
const (
	srcFile  = "cell.go"
	lineBase = 10_000
	maxSeq   = 99_999
)

// cellSource is the text of one evaluated cell and its line table.
type cellSource struct {
	seq        int
	text       string
	lineStarts []int
}

func newCellSource(seq int, text string) *cellSource {
	c := &cellSource{seq: seq, text: text, lineStarts: []int{0}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			c.lineStarts = append(c.lineStarts, i+1)
		}
	}
	return c
}

// lineCol converts a byte offset of the cell to a 1-based line and byte column.
func (c *cellSource) lineCol(off int) (line, col int) {
	i := sort.Search(len(c.lineStarts), func(i int) bool { return c.lineStarts[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, off - c.lineStarts[i] + 1
}

// line returns the text of 1-based line n, without its newline.
func (c *cellSource) line(n int) string {
	if n < 1 || n > len(c.lineStarts) {
		return ""
	}
	start := c.lineStarts[n-1]
	end := len(c.text)
	if n < len(c.lineStarts) {
		end = c.lineStarts[n] - 1
	}
	return strings.TrimSuffix(c.text[start:end], "\r")
}

// edit replaces the cell bytes [start, end) with text; start == end inserts.
// Edits at the same offset are applied in rank order.
type edit struct {
	start, end int
	text       string
	rank       int
}

// Ranks of edits that share an offset: closing text of inner constructs
// first, then opening text of outer constructs, then replacements.
const (
	rankClose   = 0     // + (maxDepth - depth): deeper constructs close first
	rankOpen    = 1000  // + depth: outer constructs open first
	rankReplace = 10000 // replacements come after insertions at their start
	maxDepth    = 500
)

func closeRank(depth int) int { return rankClose + maxDepth - depth }
func openRank(depth int) int  { return rankOpen + depth }

func sortEdits(edits []edit) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].start != edits[j].start {
			return edits[i].start < edits[j].start
		}
		return edits[i].rank < edits[j].rank
	})
}

// emitter builds the code handed to the interpreter.
type emitter struct {
	b strings.Builder
}

// raw writes generated code.
func (w *emitter) raw(s string) { w.b.WriteString(s) }

// directive makes the position of the next byte be cell offset off.
func (w *emitter) directive(c *cellSource, off int) {
	line, col := c.lineCol(off)
	fmt.Fprintf(&w.b, "/*line %s:%d:%d*/", srcFile, c.seq*lineBase+line, col)
}

// piece copies the cell bytes [start, end) with edits applied, keeping the
// positions of every copied byte.
func (w *emitter) piece(c *cellSource, start, end int, edits []edit) {
	w.directive(c, start)
	pos := start
	for _, e := range edits {
		if e.start < pos || e.start > end {
			continue
		}
		w.b.WriteString(c.text[pos:e.start])
		w.b.WriteString(e.text)
		pos = min(e.end, end)
		w.directive(c, pos)
	}
	w.b.WriteString(c.text[pos:end])
}

func (w *emitter) String() string { return w.b.String() }

// position is a place in some evaluated cell, decoded from the interpreter.
type position struct {
	seq, line, col int
}

func decodeLine(encoded int) (seq, line int) { return encoded / lineBase, encoded % lineBase }

var (
	posPrefixRE = regexp.MustCompile(`^(?:` + regexp.QuoteMeta(srcFile) + `:)?(\d+):(\d+): `)
	posAnyRE    = regexp.MustCompile(regexp.QuoteMeta(srcFile) + `:(\d+):(\d+)`)
	versionRE   = regexp.MustCompile(`\b([A-Za-z_][A-Za-z0-9_]*?)` + hiddenPrefix + `v\d+\b`)
)

// splitPosition removes a leading "cell.go:L:C: " from an interpreter
// message and decodes it. Positions without the file name (from the
// interpreter's own generic sources) are dropped and reported as absent.
func splitPosition(msg string) (position, string, bool) {
	m := posPrefixRE.FindStringSubmatchIndex(msg)
	if m == nil {
		return position{}, msg, false
	}
	rest := msg[m[1]:]
	if !strings.HasPrefix(msg, srcFile+":") {
		return position{}, rest, false
	}
	l, _ := strconv.Atoi(msg[m[2]:m[3]])
	col, _ := strconv.Atoi(msg[m[4]:m[5]])
	seq, line := decodeLine(l)
	return position{seq: seq, line: line, col: col}, rest, true
}

// humanize rewrites what the interpreter says in terms of the code it was
// given into terms of the cells: encoded positions become "line L" (of this
// or an earlier cell) and versioned type names become the names written.
func humanize(msg string, seq int) string {
	msg = posAnyRE.ReplaceAllStringFunc(msg, func(s string) string {
		m := posAnyRE.FindStringSubmatch(s)
		l, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		s2, line := decodeLine(l)
		if s2 == seq {
			return fmt.Sprintf("line %d:%d", line, col)
		}
		return fmt.Sprintf("line %d:%d of an earlier cell", line, col)
	})
	return versionRE.ReplaceAllString(msg, "$1")
}
