package native

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/descentlab/descent/internal/binaries"
)

// testCache is the cache shared by the tests of this package, so that Go
// compiles the packages in plugin mode once.
var testCache string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "descent-native-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	testCache = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// testBuilder returns a Builder for the test binary, or skips the test
// where plugins cannot work.
func testBuilder(t *testing.T) *Builder {
	t.Helper()
	root, ok := binaries.Checkout(".")
	if !ok {
		t.Fatal("not in a descent checkout")
	}
	b, err := New(context.Background(), Options{CacheDir: filepath.Join(testCache, "cache"), Source: root})
	if err != nil {
		if _, ok := err.(*Unavailable); ok && os.Getenv("DESCENT_REQUIRE_PLUGINS") != "1" {
			t.Skipf("plugins unavailable here: %v", err)
		}
		t.Fatal(err)
	}
	return b
}
