package native

import (
	"context"
	"reflect"
	"testing"
)

func TestImportBuildsAndLoadsAPackage(t *testing.T) {
	b := testBuilder(t)
	p, err := b.Import(context.Background(), "gonum.org/v1/gonum/floats", nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "floats" {
		t.Errorf("Name = %q", p.Name)
	}
	sum := p.Symbols["gonum.org/v1/gonum/floats/floats"]["Sum"]
	if !sum.IsValid() {
		t.Fatalf("no Sum in %v", p.Symbols)
	}
	got := sum.Call([]reflect.Value{reflect.ValueOf([]float64{1, 2, 3.5})})[0].Float()
	if got != 6.5 {
		t.Errorf("floats.Sum = %v, want 6.5", got)
	}
}
