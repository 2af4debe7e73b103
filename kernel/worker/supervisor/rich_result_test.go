package supervisor

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/display"
	"github.com/descentlab/descent/kernel/worker"
)

// richDecls declares in cells the types whose twins below are compiled.
var richDecls = []string{
	`type Table struct{ Rows [][]string }
func (t Table) HTML() string {
	var b strings.Builder
	b.WriteString("<table>")
	for _, r := range t.Rows {
		b.WriteString("<tr><td>" + strings.Join(r, "</td><td>") + "</td></tr>")
	}
	b.WriteString("</table>")
	return b.String()
}`,
	`type Note struct{ Text string }
func (n *Note) Markdown() string { return "**" + n.Text + "**" }`,
	`type Both struct{ N int }
func (b Both) HTML() string { return fmt.Sprintf("<b>%d</b>", b.N) }
func (b Both) String() string { return fmt.Sprintf("Both(%d)", b.N) }
func (b Both) LaTeX() string { return fmt.Sprintf("$%d$", b.N) }
func (b *Both) JSON() any { return map[string]int{"n": b.N} }`,
	`type Pic struct{}
func (Pic) PNG() []byte { return []byte("\x89PNG fake") }
func (Pic) SVG() string { return "<svg/>" }`,
	`type Dot int
func (d Dot) SVG() string { return fmt.Sprintf("<svg><circle r=\"%d\"/></svg>", int(d)) }`,
	`type Boom struct{}
func (Boom) HTML() string { panic("no html") }`,
	`type Plain struct{ X int }`,
}

// The compiled twins of richDecls: what Go makes of the same values is
// what the cells must show.
type (
	twinTable struct{ Rows [][]string }
	twinNote  struct{ Text string }
	twinBoth  struct{ N int }
	twinPic   struct{}
	twinDot   int
	twinBoom  struct{}
	twinPlain struct{ X int }
)

func (t twinTable) HTML() string {
	var b strings.Builder
	b.WriteString("<table>")
	for _, r := range t.Rows {
		b.WriteString("<tr><td>" + strings.Join(r, "</td><td>") + "</td></tr>")
	}
	b.WriteString("</table>")
	return b.String()
}
func (n *twinNote) Markdown() string { return "**" + n.Text + "**" }
func (b twinBoth) HTML() string      { return fmt.Sprintf("<b>%d</b>", b.N) }
func (b twinBoth) String() string    { return fmt.Sprintf("Both(%d)", b.N) }
func (b twinBoth) LaTeX() string     { return fmt.Sprintf("$%d$", b.N) }
func (b *twinBoth) JSON() any        { return map[string]int{"n": b.N} }
func (twinPic) PNG() []byte          { return []byte("\x89PNG fake") }
func (twinPic) SVG() string          { return "<svg/>" }
func (d twinDot) SVG() string        { return fmt.Sprintf("<svg><circle r=\"%d\"/></svg>", int(d)) }
func (twinBoom) HTML() string        { panic("no html") }

// The value of a cell's last expression of a type declared in a cell shows
// rich, as the same value of a compiled type does: the interpreter hides
// such methods from compiled code, so this checks the whole path from the
// cell to the execute_result's bundle.
func TestRichResultOfCellTypes(t *testing.T) {
	s := startTest(t, Options{})
	for _, d := range richDecls {
		if o, events := run(t, s, `import ("fmt"; "strings")`+"\n"+d); o.Status != "ok" {
			t.Fatalf("declaring %q: %+v %v", d, o, events)
		}
	}
	var nilNote *twinNote
	var nilTable *twinTable
	tests := []struct {
		code string
		twin any    // the same value, compiled
		mime string // a type the bundle must hold, so that the twin cannot be wrong alike
	}{
		{`Table{Rows: [][]string{{"a", "b"}, {"c", "d"}}}`, twinTable{Rows: [][]string{{"a", "b"}, {"c", "d"}}}, "text/html"},
		// A pointer's method set holds the value receiver's methods.
		{`&Table{Rows: [][]string{{"x"}}}`, &twinTable{Rows: [][]string{{"x"}}}, "text/html"},
		// A value's method set lacks the pointer receiver's.
		{`Note{"hi"}`, twinNote{"hi"}, "text/plain"},
		{`&Note{"hi"}`, &twinNote{"hi"}, "text/markdown"},
		// A nil pointer is <nil>, its methods never called.
		{`var n *Note; n`, nilNote, "text/plain"},
		{`var t *Table; t`, nilTable, "text/plain"},
		// Several display methods, and String for the text.
		{`Both{7}`, twinBoth{7}, "text/latex"},
		{`&Both{7}`, &twinBoth{7}, "application/json"},
		// In a variable of its own type.
		{`b := Both{8}; b`, twinBoth{8}, "text/html"},
		// A figure that draws both ways is sent as PNG only.
		{`Pic{}`, twinPic{}, "image/png"},
		{`Dot(3)`, twinDot(3), "image/svg+xml"},
		{`Plain{1}`, twinPlain{1}, "text/plain"},
		{`[]Table{{}}`, []twinTable{{}}, "text/plain"},
		// A method that panics is reported in the text.
		{`Boom{}`, twinBoom{}, "text/plain"},
	}
	for _, tc := range tests {
		t.Run(tc.code, func(t *testing.T) {
			o, events := run(t, s, tc.code)
			if o.Status != "ok" {
				t.Fatalf("outcome %+v", o)
			}
			var got map[string]any
			for _, e := range events {
				if e.Kind == worker.Result {
					if got != nil {
						t.Fatalf("two results: %v", events)
					}
					got = e.Data
				}
			}
			if got == nil {
				t.Fatalf("no result in %v", kinds(events))
			}
			want, _ := display.Bundle(tc.twin)
			if _, ok := want[tc.mime]; !ok {
				t.Fatalf("the compiled twin's bundle %v lacks %s", want, tc.mime)
			}
			// The bundle crossed the worker's pipe as JSON.
			if !reflect.DeepEqual(asJSON(t, got), asJSON(t, want)) {
				t.Errorf("bundle\n %v\nwant (as compiled Go shows it)\n %v", got, want)
			}
		})
	}
}

// asJSON is m as it reads after a trip through JSON.
func asJSON(t *testing.T, m map[string]any) map[string]any {
	t.Helper()
	raw, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
