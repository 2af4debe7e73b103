package conformance

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// widgetPageDir is the npm project of the widget test page; its build is
// in dist/ (see widgetpage/package.json).
const widgetPageDir = "widgetpage"

// requireForWidgets skips the test without what it needs (Notebook,
// selenium, Chromium and its driver, the built test page), or fails it
// when DESCENT_REQUIRE_JUPYTER=1.
func requireForWidgets(t *testing.T) string {
	t.Helper()
	requireJupyter(t, "notebook", "selenium")
	var missing []string
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromedriver"} {
		if _, err := os.Stat(p); err != nil {
			missing = append(missing, p)
		}
	}
	page, err := filepath.Abs(filepath.Join(widgetPageDir, "dist"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "page.js", "page.css"} {
		if _, err := os.Stat(filepath.Join(page, f)); err != nil {
			missing = append(missing, filepath.Join(page, f)+" (build it: cd kernel/conformance/widgetpage && npm ci && npm run build)")
		}
	}
	if len(missing) == 0 {
		return page
	}
	msg := "the widget browser test cannot run: missing " + strings.Join(missing, ", ")
	if os.Getenv("DESCENT_REQUIRE_JUPYTER") == "1" {
		t.Fatal(msg + "\nDESCENT_REQUIRE_JUPYTER=1 makes this a failure (see .ci/run).")
	}
	t.Skip(msg)
	return ""
}

// TestWidgetsInChromium drives descent's widgets in headless Chromium
// through the test page on Debian's Notebook server: a slider dragged
// redraws an Interact's figure, a button click updates an Output, a
// slider dragged while a cell runs reaches the running cell and redraws
// after it, and widgets stay live across an interrupt and a new Interact
// works after a restart. See widgetpage/test_widgets.py.
func TestWidgetsInChromium(t *testing.T) {
	page := requireForWidgets(t)
	kernelEnv(t)
	descent := filepath.Join(buildDir, "prefix", "share", "jupyter", "kernels", "descent", "descent")
	artifacts, err := os.MkdirTemp("", "descent-widgets-artifacts-")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, "-m", "unittest", "-v", "test_widgets")
	cmd.Dir = widgetPageDir
	cmd.Env = append(os.Environ(),
		"DESCENT="+descent,
		"DESCENT_WIDGETPAGE="+page,
		"DESCENT_ARTIFACTS="+artifacts,
		"PYTHONDONTWRITEBYTECODE=1",
	)
	out, err := cmd.CombinedOutput()
	t.Logf("widget browser tests:\n%s", out)
	if err != nil {
		t.Fatalf("widget browser tests failed: %v; screenshots, pages and console logs are in %s", err, artifacts)
	}
	if strings.Contains(string(out), "skipped") {
		t.Fatal("widget browser tests skipped tests; every test must run")
	}
	os.RemoveAll(artifacts)
}
