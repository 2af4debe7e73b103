package figure

import (
	"fmt"
	"html"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Table is a small table of results, such as one row per optimizer with its
// success rate and mean steps. A notebook shows it as HTML; String gives
// aligned plain text.
//
//	t := figure.NewTable("optimizer", "success", "mean steps")
//	t.AddRow("Adam", "93%", 412)
type Table struct {
	// Title is shown above the table ("" for none).
	Title string
	// Header names the columns.
	Header []string
	// Rows holds the cells, row by row; a short row is padded with
	// empty cells.
	Rows [][]string
}

// NewTable returns an empty table with the given column headers.
func NewTable(header ...string) *Table {
	return &Table{Header: append([]string(nil), header...)}
}

// AddRow appends a row; numbers are printed with 4 significant digits
// (%.4g) and other values with %v.
func (t *Table) AddRow(cells ...any) {
	row := make([]string, len(cells))
	for i, c := range cells {
		switch v := c.(type) {
		case float64:
			row[i] = fmt.Sprintf("%.4g", v)
		case float32:
			row[i] = fmt.Sprintf("%.4g", v)
		case string:
			row[i] = v
		default:
			row[i] = fmt.Sprint(v)
		}
	}
	t.Rows = append(t.Rows, row)
}

// columns returns the number of columns: the widest of header and rows.
func (t *Table) columns() int {
	n := len(t.Header)
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	return n
}

// HTML returns the table as an HTML <table>, cells escaped; columns whose
// cells all read as numbers are right-aligned.
func (t *Table) HTML() string {
	n := t.columns()
	numeric := make([]bool, n)
	for j := range numeric {
		numeric[j] = len(t.Rows) > 0
		for _, r := range t.Rows {
			if j < len(r) && !looksNumeric(r[j]) {
				numeric[j] = false
			}
		}
	}
	var b strings.Builder
	b.WriteString("<table>\n")
	if t.Title != "" {
		fmt.Fprintf(&b, "<caption>%s</caption>\n", html.EscapeString(t.Title))
	}
	cell := func(tag, s string, j int) {
		align := ""
		if numeric[j] {
			align = ` style="text-align:right"`
		}
		fmt.Fprintf(&b, "<%s%s>%s</%s>", tag, align, html.EscapeString(s), tag)
	}
	if len(t.Header) > 0 {
		b.WriteString("<thead><tr>")
		for j := range n {
			cell("th", at(t.Header, j), j)
		}
		b.WriteString("</tr></thead>\n")
	}
	b.WriteString("<tbody>\n")
	for _, r := range t.Rows {
		b.WriteString("<tr>")
		for j := range n {
			cell("td", at(r, j), j)
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>")
	return b.String()
}

// String returns the table as aligned plain text.
func (t *Table) String() string {
	n := t.columns()
	width := make([]int, n)
	rows := append([][]string{t.Header}, t.Rows...)
	for _, r := range rows {
		for j := range n {
			width[j] = max(width[j], utf8.RuneCountInString(at(r, j)))
		}
	}
	var b strings.Builder
	if t.Title != "" {
		b.WriteString(t.Title + "\n")
	}
	line := func(r []string) {
		var l strings.Builder
		for j := range n {
			s := at(r, j)
			if j > 0 {
				l.WriteString("  ")
			}
			l.WriteString(s + strings.Repeat(" ", width[j]-utf8.RuneCountInString(s)))
		}
		b.WriteString(strings.TrimRight(l.String(), " ") + "\n")
	}
	if len(t.Header) > 0 {
		line(t.Header)
		total := 2 * (n - 1)
		for _, w := range width {
			total += w
		}
		b.WriteString(strings.Repeat("─", total) + "\n")
	}
	for _, r := range t.Rows {
		line(r)
	}
	return strings.TrimRight(b.String(), "\n")
}

// at returns r[j], or "" past the end.
func at(r []string, j int) string {
	if j < len(r) {
		return r[j]
	}
	return ""
}

// looksNumeric reports whether s reads as a number, possibly with a unit
// sign such as %.
func looksNumeric(s string) bool {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}
