package conformance

import (
	"os"
	"path/filepath"
	"testing"
)

// widgetPageDir is the npm project of the widget test page; its build is
// in dist/ (see widgetpage/package.json).
const widgetPageDir = "widgetpage"

// widgetPage returns the built test page; without it the test skips, or
// fails when DESCENT_REQUIRE_JUPYTER=1.
func widgetPage(t *testing.T) string {
	t.Helper()
	page, err := filepath.Abs(filepath.Join(widgetPageDir, "dist"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "page.js", "page.css"} {
		if _, err := os.Stat(filepath.Join(page, f)); err != nil {
			msg := "the widget test page is not built: " + err.Error() + " (cd kernel/conformance/widgetpage && npm ci && npm run build)"
			if os.Getenv("DESCENT_REQUIRE_JUPYTER") == "1" {
				t.Fatal(msg + "\nDESCENT_REQUIRE_JUPYTER=1 makes this a failure (see .ci/run).")
			}
			t.Skip(msg)
		}
	}
	return page
}

// TestWidgetsInChromium drives descent's widgets in headless Chromium
// through the test page on Debian's Notebook server: a slider dragged
// redraws an Interact's figure, a button click updates an Output, a
// slider dragged while a cell runs reaches the running cell and redraws
// after it, widgets stay live across an interrupt and a new Interact works
// after a restart; and classic Notebook, which cannot show these widgets,
// shows the Interact's figure. See browser/test_widgets.py.
func TestWidgetsInChromium(t *testing.T) {
	t.Setenv("DESCENT_WIDGETPAGE", widgetPage(t))
	runBrowserTests(t, "test_widgets")
}
