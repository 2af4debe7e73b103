// Package preload is what cells get besides the standard library: the
// compiled packages a cell can import, their symbol tables (package
// symbols, for the interpreter) and their documentation (package docs, for
// inspection). Both are generated from Packages, the one list; tests in
// both packages fail when a table and the list disagree.
package preload

// Packages are the import paths of the compiled packages cells can import:
// the lesson library and its claim checks, the display and widgets
// packages, the gonum/plot packages a student needs to build a custom
// figure, and gonum's numerical packages (matrices, statistics and
// distributions, optimization, numerical derivatives, quadrature and
// interpolation).
// After changing the list, run `go generate` in symbols/ and in docs/.
var Packages = []string{
	"github.com/descentlab/descent/optimlib",
	"github.com/descentlab/descent/optimlib/check",
	"github.com/descentlab/descent/optimlib/figure",
	"github.com/descentlab/descent/optimlib/symbolic",
	"github.com/descentlab/descent/kernel/display",
	"github.com/descentlab/descent/kernel/display/widgets",
	"gonum.org/v1/plot",
	"gonum.org/v1/plot/plotter",
	"gonum.org/v1/plot/vg",
	"gonum.org/v1/plot/vg/draw",
	"gonum.org/v1/plot/palette",
	"gonum.org/v1/plot/palette/moreland",
	"gonum.org/v1/gonum/mat",
	"gonum.org/v1/gonum/floats",
	"gonum.org/v1/gonum/stat",
	"gonum.org/v1/gonum/stat/distuv",
	"gonum.org/v1/gonum/optimize",
	"gonum.org/v1/gonum/diff/fd",
	"gonum.org/v1/gonum/integrate/quad",
	"gonum.org/v1/gonum/interp",
}
