package optimlib

import (
	"fmt"
	"strings"
)

// landscapeEntry is one landscape of the catalogue: its lookup key and its
// constructor with the lesson defaults.
type landscapeEntry struct {
	key  string
	make func() *Landscape
}

// landscapeCatalogue lists every landscape, in the order Landscapes returns
// them. It is never modified.
var landscapeCatalogue = []landscapeEntry{
	{"rosenbrock", func() *Landscape { return Rosenbrock(2) }},
	{"beale", Beale},
	{"himmelblau", Himmelblau},
	{"rastrigin", func() *Landscape { return Rastrigin(2) }},
	{"ackley", func() *Landscape { return Ackley(2) }},
	{"booth", Booth},
	{"goldsteinprice", GoldsteinPrice},
	{"sixhumpcamel", SixHumpCamel},
	{"threehumpcamel", ThreeHumpCamel},
	{"styblinskitang", func() *Landscape { return StyblinskiTang(2) }},
	{"matyas", Matyas},
	{"mccormick", McCormick},
	{"saddle", Saddle},
	{"monkeysaddle", MonkeySaddle},
	{"doublewell", func() *Landscape { return DoubleWell(0.3) }},
	{"xcospix", XCosPiX},
	{"quadratic", func() *Landscape { return Quadratic() }},
}

// landscapeKey reduces a name to lower-case ASCII letters and digits (π
// spelled pi), so that "Six-hump camel", "six_hump_camel" and
// "SixHumpCamel" are the same.
func landscapeKey(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.ReplaceAll(name, "π", "pi")) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// LandscapeByName returns a new landscape by name, ignoring case, spaces and
// punctuation: "rosenbrock", "Six-hump camel", "goldstein_price",
// "x cos(pi x)". The N-dimensional ones come in two dimensions, DoubleWell
// with c = 0.3 and Quadratic with eigenvalues 1 and 10; call the
// constructors for other settings.
func LandscapeByName(name string) (*Landscape, error) {
	key := landscapeKey(name)
	for _, e := range landscapeCatalogue {
		if e.key == key {
			return e.make(), nil
		}
	}
	keys := make([]string, len(landscapeCatalogue))
	for i, e := range landscapeCatalogue {
		keys[i] = e.key
	}
	return nil, fmt.Errorf("optimlib.LandscapeByName: no landscape %q (known: %s)", name, strings.Join(keys, ", "))
}

// Landscapes returns a new instance of every landscape, with the same
// defaults as LandscapeByName: Rosenbrock, Beale, Himmelblau, Rastrigin,
// Ackley, Booth, Goldstein-Price, six-hump camel, three-hump camel,
// Styblinski-Tang, Matyas, McCormick, saddle, monkey saddle, double well,
// x cos(πx) and the quadratic.
func Landscapes() []*Landscape {
	out := make([]*Landscape, len(landscapeCatalogue))
	for i, e := range landscapeCatalogue {
		out[i] = e.make()
	}
	return out
}
