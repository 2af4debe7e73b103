package display_test

import (
	"fmt"
	"image"
	"sort"

	"github.com/descentlab/descent/kernel/display"
)

// Outside a kernel, Show prints the plain-text form of the value.
func ExampleShow() {
	display.Show([]float64{1, 0.5, 0.25})
	// Output: [1 0.5 0.25]
}

// HTML shows markup in a notebook; outside one its source is printed.
func ExampleHTML() {
	display.HTML("<b>converged</b> after 12 steps")
	// Output: <b>converged</b> after 12 steps
}

// A Handle shows an output once and then replaces it, here a progress line.
func ExampleNewHandle() {
	progress := display.NewHandle()
	progress.Show("step 0 of 3")
	for step := 1; step <= 3; step++ {
		progress.Update(fmt.Sprintf("step %d of 3", step))
	}
	// Output:
	// step 0 of 3
	// step 1 of 3
	// step 2 of 3
	// step 3 of 3
}

// table is a type that renders itself as HTML in a notebook.
type table struct{ rows [][2]float64 }

// HTML renders the rows as an HTML table.
func (t table) HTML() string {
	s := "<table>"
	for _, r := range t.rows {
		s += fmt.Sprintf("<tr><td>%g</td><td>%g</td></tr>", r[0], r[1])
	}
	return s + "</table>"
}

// Bundle lists every form a value can be shown in.
func ExampleBundle() {
	data, _ := display.Bundle(table{rows: [][2]float64{{0, 1}, {1, 0.5}}})
	var mimes []string
	for mime := range data {
		mimes = append(mimes, mime)
	}
	sort.Strings(mimes)
	fmt.Println(mimes)
	fmt.Println(data["text/html"])

	_, metadata := display.Bundle(image.NewGray(image.Rect(0, 0, 32, 16)))
	fmt.Println(metadata["image/png"])
	// Output:
	// [text/html text/plain]
	// <table><tr><td>0</td><td>1</td></tr><tr><td>1</td><td>0.5</td></tr></table>
	// map[height:16 width:32]
}
