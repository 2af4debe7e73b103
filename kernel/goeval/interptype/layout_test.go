package interptype

import "testing"

// TestLayout fails when the yaegi in use does not have the structures this
// package reads.
func TestLayout(t *testing.T) {
	if err := Layout(); err != nil {
		t.Fatal(err)
	}
}
