package native

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// localProxy serves example.com/hello v1.0.0 as a file:// module proxy and
// points the go command at it (then at the real proxy).
func localProxy(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	v := filepath.Join(dir, "example.com", "hello", "@v")
	if err := os.MkdirAll(v, 0o755); err != nil {
		t.Fatal(err)
	}
	mod := "module example.com/hello\n\ngo 1.21\n"
	for name, text := range map[string]string{"list": "v1.0.0\n", "v1.0.0.info": `{"Version":"v1.0.0","Time":"2024-01-02T03:04:05Z"}`, "v1.0.0.mod": mod} {
		if err := os.WriteFile(filepath.Join(v, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Create(filepath.Join(v, "v1.0.0.zip"))
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for name, text := range map[string]string{"go.mod": mod, "hello.go": "package hello\n\n// Hi says hi.\nfunc Hi() string { return \"hi\" }\n"} {
		w, _ := zw.Create("example.com/hello@v1.0.0/" + name)
		w.Write([]byte(text))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	t.Setenv("GOPROXY", "file://"+dir+",https://proxy.golang.org,direct")
	t.Setenv("GONOSUMDB", "example.com")
	t.Setenv("GOFLAGS", "")
}

// TestFetchedModulesFollowToANewBuild: a module fetched by one build of
// descent-worker is in the workspace of the next build (a new workspace
// with the same shared list), with no %go get.
func TestFetchedModulesFollowToANewBuild(t *testing.T) {
	localProxy(t)
	b := testBuilder(t)
	ctx := context.Background()
	f, err := b.Get(ctx, "example.com/hello@v1.0.0", nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.Module != "example.com/hello" || f.Version != "v1.0.0" || f.Linked {
		t.Errorf("Get = %+v", f)
	}
	if list := readLines(b.ws.fetched); len(list) != 1 || list[0] != "example.com/hello@v1.0.0" {
		t.Errorf("shared list %v", list)
	}
	next, err := openWorkspace(ctx, b, filepath.Join(t.TempDir(), "next-build"), b.ws.fetched)
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(next.mod)
	if err != nil || !strings.Contains(string(mod), "example.com/hello v1.0.0") {
		t.Errorf("the next build's go.mod lacks the fetched module: %v\n%s", err, mod)
	}
	// A module the program does not link, asked at a version that does not
	// exist: the go command's error, and the workspace unchanged.
	before, _ := b.ws.sum()
	if _, err := b.Get(ctx, "example.com/hello@v9.9.9", nil); err == nil || !strings.Contains(err.Error(), "v9.9.9") {
		t.Errorf("Get of a missing version: %v", err)
	}
	if after, _ := b.ws.sum(); string(after) != string(before) {
		t.Error("a failed Get changed the workspace")
	}
	for _, bad := range []string{"-x", "a b", "example.com/x@", ""} {
		if _, err := b.Get(ctx, bad, nil); err == nil {
			t.Errorf("Get(%q) succeeded", bad)
		}
	}
}
