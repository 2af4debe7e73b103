package runner

import (
	"maps"

	"github.com/traefik/yaegi/interp"

	"github.com/descentlab/descent/kernel/preload/symbols"
)

// displayPath is the key of the display package in the symbol tables.
const displayPath = "github.com/descentlab/descent/kernel/display/display"

// standardExports returns the compiled packages every worker offers besides
// the standard library: optimlib, display, gonum/plot and gonum.
// display.SetPublisher is left out: it belongs to the worker, and a cell
// that called it would cut its own output off.
func standardExports() []interp.Exports {
	project := interp.Exports{}
	for path, syms := range symbols.Symbols {
		if path == displayPath {
			syms = maps.Clone(syms)
			delete(syms, "SetPublisher")
		}
		project[path] = syms
	}
	return []interp.Exports{project}
}
