package godoc

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

const sample = `// Package geo is a sample.
package geo

// Point is a point.
type Point struct {
	// X is the abscissa.
	X float64
	Y float64 // Y is the ordinate.
	label string
	Base
}

// Base is embedded.
type Base struct{ ID int }

// Shape is anything with an area.
type Shape interface {
	// Area is the area.
	Area() float64
	perimeter() float64
}

// Pair is generic.
type Pair[K comparable, V any] struct{ Key K }

// Alias is another name.
type Alias = Point

// Units of length.
const (
	// Metre is the unit.
	Metre = 1.0
	Foot  = 0.3048
)

// Norm returns the norm of p.
func (p *Point) Norm() float64 { return 0 }

// NewPoint makes a point.
func NewPoint(x, y float64) *Point { return &Point{X: x, Y: y} }

func hidden() {}
`

func TestExtract(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "geo.go", sample, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Extract(fset, []*ast.File{f}, "example.com/geo")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Entry{
		"":           {KindPackage, `package geo // import "example.com/geo"`, "Package geo is a sample.\n"},
		"Point":      {KindType, "type Point struct {\n\t// X is the abscissa.\n\tX float64\n\tY float64 // Y is the ordinate.\n\tBase\n\t// contains filtered or unexported fields\n}", "Point is a point.\n"},
		"Point.X":    {KindField, "X float64", "X is the abscissa.\n"},
		"Point.Y":    {KindField, "Y float64", "Y is the ordinate.\n"},
		"Point.Base": {KindField, "Base", ""},
		"Point.Norm": {KindMethod, "func (p *Point) Norm() float64", "Norm returns the norm of p.\n"},
		"Base":       {KindType, "type Base struct {\n\tID int\n}", "Base is embedded.\n"},
		"Base.ID":    {KindField, "ID int", ""},
		"Shape":      {KindType, "type Shape interface {\n\t// Area is the area.\n\tArea() float64\n\t// contains filtered or unexported methods\n}", "Shape is anything with an area.\n"},
		"Shape.Area": {KindMethod, "func (Shape) Area() float64", "Area is the area.\n"},
		"Pair":       {KindType, "type Pair[K comparable, V any] struct {\n\tKey K\n}", "Pair is generic.\n"},
		"Pair.Key":   {KindField, "Key K", ""},
		"Alias":      {KindType, "type Alias = Point", "Alias is another name.\n"},
		"Metre":      {KindConst, "const (\n\tMetre = 1.0\n\tFoot  = 0.3048\n)", "Metre is the unit.\n"},
		"Foot":       {KindConst, "const (\n\tMetre = 1.0\n\tFoot  = 0.3048\n)", "Units of length.\n"},
		"NewPoint":   {KindFunc, "func NewPoint(x, y float64) *Point", "NewPoint makes a point.\n"},
	}
	for k, w := range want {
		if g, ok := got[k]; !ok || g != w {
			t.Errorf("%q:\n got %#v\nwant %#v", k, g, w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected entry %q: %#v", k, got[k])
		}
	}
}
