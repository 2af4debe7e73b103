package version

import "testing"

// A linked module's version is checked end to end: descent version must
// name yaegi's (see the main package's tests).
func TestVersions(t *testing.T) {
	if got := Descent(); got != "devel" {
		t.Errorf("Descent() = %q in a test binary, want devel", got)
	}
	if got := Module("example.com/never/linked"); got != "not linked" {
		t.Errorf("Module of an unlinked module = %q", got)
	}
}
