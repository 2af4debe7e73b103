package runner

import (
	"testing"

	"github.com/descentlab/descent/kernel/preload/symbols"
)

func TestStandardExportsHideSetPublisher(t *testing.T) {
	ex := standardExports()
	if len(ex) != 1 {
		t.Fatalf("%d export sets, want 1", len(ex))
	}
	display := ex[0][displayPath]
	if display == nil {
		t.Fatalf("no %s in the exports", displayPath)
	}
	if _, ok := display["SetPublisher"]; ok {
		t.Error("cells can call display.SetPublisher")
	}
	if _, ok := display["Show"]; !ok {
		t.Error("display.Show is missing")
	}
	if _, ok := symbols.Symbols[displayPath]["SetPublisher"]; !ok {
		t.Error("the shared symbol table lost SetPublisher: the copy must not alter it")
	}
	if len(ex[0]) != len(symbols.Symbols) {
		t.Errorf("%d packages exported, want all %d of the symbol tables", len(ex[0]), len(symbols.Symbols))
	}
}
