package symbols

import (
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/preload"
)

// TestTablesMatchThePackageList checks that the generated tables are those
// of preload.Packages, no more and no fewer: the list is what `go
// generate` extracts.
func TestTablesMatchThePackageList(t *testing.T) {
	var tables []string
	for key := range Symbols {
		if key == "." {
			continue
		}
		p := key[:strings.LastIndex(key, "/")]
		if name := key[len(p)+1:]; name != path.Base(p) {
			t.Errorf("table %s: name %s is not the last element of the path", key, name)
		}
		tables = append(tables, p)
	}
	want := slices.Clone(preload.Packages)
	slices.Sort(tables)
	slices.Sort(want)
	if !slices.Equal(tables, want) {
		t.Errorf("tables for %v, want preload.Packages %v: run `go generate` in kernel/preload/symbols", tables, want)
	}
}
