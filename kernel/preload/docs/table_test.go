package docs

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/preload"
	"github.com/descentlab/descent/kernel/preload/docs/internal/godoc"
	"github.com/descentlab/descent/kernel/preload/symbols"
)

func TestTableIsUpToDate(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is needed to find the packages' sources")
	}
	want, err := godoc.Generate(".", "docs", preload.Packages)
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("table.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("table.go is stale: run `go generate` in kernel/preload/docs")
	}
}

// TestTableCoversTheSymbolTables checks that every compiled package a cell
// can import (besides the standard library) is documented, and that every
// exported symbol of it has an entry.
func TestTableCoversTheSymbolTables(t *testing.T) {
	lib := NewLibraryAt("")
	for key, syms := range symbols.Symbols {
		if key == "." {
			continue
		}
		p := key[:strings.LastIndex(key, "/")]
		if _, ok := lib.Lookup(p, ""); !ok {
			t.Errorf("package %s has symbols but no documentation", p)
			continue
		}
		for name := range syms {
			if strings.HasPrefix(name, "_") {
				continue // interface wrappers of yaegi extract
			}
			if _, ok := lib.Lookup(p, name); !ok {
				t.Errorf("%s.%s has no documentation", p, name)
			}
		}
	}
}
