package symbols

import (
	"bytes"
	"fmt"
	"path"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/display"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// newInterp returns an interpreter with the standard library and Symbols.
func newInterp(t testing.TB) (*interp.Interpreter, *bytes.Buffer) {
	t.Helper()
	var out bytes.Buffer
	i := interp.New(interp.Options{Stdout: &out, Stderr: &out})
	if err := i.Use(stdlib.Symbols); err != nil {
		t.Fatal(err)
	}
	if err := i.Use(Symbols); err != nil {
		t.Fatal(err)
	}
	return i, &out
}

// eval runs each source in order and fails the test on an error.
func eval(t testing.TB, i *interp.Interpreter, sources ...string) {
	t.Helper()
	for _, src := range sources {
		if _, err := i.Eval(src); err != nil {
			t.Fatalf("eval %q: %v", src, err)
		}
	}
}

func TestEveryGeneratedPackageIsCallable(t *testing.T) {
	// objective declares f(x) = x² in the interpreter and a function that
	// uses it through the compiled interface optimlib.Objective, which
	// optimlib's API is built on.
	const objective = `type square struct{}
func (square) Func(x []float64) float64 { return x[0] * x[0] }
func (square) Grad(g, x []float64)      { g[0] = 2 * x[0] }
func at(o optimlib.Objective, x float64) [2]float64 {
	g := []float64{0}
	o.Grad(g, []float64{x})
	return [2]float64{o.Func([]float64{x}), g[0]}
}`
	tests := []struct {
		pkg   string
		decls string // declarations, if any
		code  string // statements that print one line
		want  string
	}{
		{"github.com/descentlab/descent/optimlib", objective,
			`o := at(square{}, 3); fmt.Println(o)`, "[9 6]"},
		{"github.com/descentlab/descent/kernel/display", "",
			`fmt.Println(display.MIMEPNG, display.PlotWidth)`, "image/png 600"},
		{"gonum.org/v1/plot", "",
			`p := plot.New(); p.Title.Text = "loss"; fmt.Println(p.Title.Text)`, "loss"},
		{"gonum.org/v1/plot/plotter", "",
			`xys := plotter.XYs{{X: 1, Y: 2}}; l, err := plotter.NewLine(xys); fmt.Println(len(l.XYs), err)`, "1 <nil>"},
		{"gonum.org/v1/plot/vg", "",
			`fmt.Println(float64(vg.Inch))`, "72"},
		{"gonum.org/v1/plot/vg/draw", "",
			`fmt.Println(draw.PosLeft)`, "-1"},
		{"gonum.org/v1/plot/palette", "",
			`p := palette.Heat(3, 1); fmt.Println(len(p.Colors()))`, "3"},
		{"gonum.org/v1/plot/palette/moreland", "",
			`p := moreland.SmoothBlueRed().Palette(4); fmt.Println(len(p.Colors()))`, "4"},
	}
	for _, tc := range tests {
		t.Run(tc.pkg, func(t *testing.T) {
			i, out := newInterp(t)
			eval(t, i, `import "fmt"`, `import "`+tc.pkg+`"`)
			if tc.decls != "" {
				eval(t, i, tc.decls)
			}
			eval(t, i, tc.code)
			if strings.TrimSpace(out.String()) != tc.want {
				t.Errorf("printed %q, want %q", out.String(), tc.want)
			}
		})
	}
}

func TestInterpretedTypeShowsRichly(t *testing.T) {
	var got []display.Output
	prev := display.SetPublisher(func(o display.Output) { got = append(got, o) })
	defer display.SetPublisher(prev)

	i, _ := newInterp(t)
	eval(t, i,
		`import "github.com/descentlab/descent/kernel/display"`,
		`type table struct{ n int }`,
		`func (t table) HTML() string { return "<table>" + string(rune('0'+t.n)) + "</table>" }`,
		`type label struct{ s string }`,
		`func (l label) String() string { return "label " + l.s }`,
		`display.Show(table{n: 3})`,
		`display.Show(label{"x"})`,
		`display.NewHandle().Update(display.HTMLText(table{n: 4}.HTML()))`,
	)
	if len(got) != 3 {
		t.Fatalf("published %d outputs, want 3", len(got))
	}
	if html := got[2].Data[display.MIMEHTML]; got[2].Kind != display.UpdateDisplayData || html != "<table>4</table>" {
		t.Errorf("handle update %v with text/html %v, want <table>4</table>", got[2].Kind, html)
	}
	if html := got[0].Data[display.MIMEHTML]; html != "<table>3</table>" {
		t.Errorf("text/html = %v, want <table>3</table>", html)
	}
	if text := got[0].Data[display.MIMEText]; text != "<table>3</table>" {
		t.Errorf("text/plain = %v, want the HTML source", text)
	}
	if text := got[1].Data[display.MIMEText]; text != "label x" {
		t.Errorf("text/plain of a Stringer = %v, want %q", text, "label x")
	}
}

// TestEveryTableImports checks every generated table, including packages
// whose API is still changing: a cell imports the package and reaches its
// first exported function.
func TestEveryTableImports(t *testing.T) {
	for key, syms := range Symbols {
		if key == "." {
			continue
		}
		importPath, name := path.Dir(key), path.Base(key)
		var funcs []string
		for sym, v := range syms {
			if v.Kind() == reflect.Func && !strings.HasPrefix(sym, "_") {
				funcs = append(funcs, sym)
			}
		}
		if len(funcs) == 0 {
			continue
		}
		sort.Strings(funcs)
		t.Run(importPath, func(t *testing.T) {
			i, out := newInterp(t)
			eval(t, i, `import "fmt"`, `import "`+importPath+`"`, fmt.Sprintf("fmt.Println(%s.%s != nil)", name, funcs[0]))
			if got := strings.TrimSpace(out.String()); got != "true" {
				t.Errorf("%s.%s != nil printed %q", name, funcs[0], got)
			}
		})
	}
}

// TestEveryProjectFunctionIsReachable checks that a cell reaches every
// exported function of the project's own packages (optimlib and its
// sub-packages, display): a function that yaegi could not export (a generic
// one, say) would be missing from the table or fail to evaluate here.
func TestEveryProjectFunctionIsReachable(t *testing.T) {
	const project = "github.com/descentlab/descent/"
	checked := 0
	for key, syms := range Symbols {
		importPath, name := path.Dir(key), path.Base(key)
		if !strings.HasPrefix(importPath, project) {
			continue
		}
		var funcs []string
		for sym, v := range syms {
			if v.Kind() == reflect.Func && !strings.HasPrefix(sym, "_") {
				funcs = append(funcs, sym)
			}
		}
		sort.Strings(funcs)
		t.Run(importPath, func(t *testing.T) {
			i, out := newInterp(t)
			var cell strings.Builder
			cell.WriteString("n := 0\n")
			for _, f := range funcs {
				fmt.Fprintf(&cell, "if %s.%s != nil { n++ }\n", name, f)
			}
			cell.WriteString("fmt.Println(n)\n")
			eval(t, i, `import "fmt"`, `import "`+importPath+`"`, cell.String())
			if got, want := strings.TrimSpace(out.String()), fmt.Sprint(len(funcs)); got != want {
				t.Errorf("%s of %s functions reachable", got, want)
			}
		})
		checked += len(funcs)
	}
	if checked < 100 {
		t.Errorf("only %d project functions in the symbol tables; optimlib alone exports more", checked)
	}
}
