package sourcedir

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLinkerFlagSetsDir links a program with the flag and checks what it
// prints: the go command's own parsing of -ldflags is the truth.
func TestLinkerFlagSetsDir(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	mod := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(mod, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A copy of this package under its own import path, in a module of
	// that path, so that -X finds it.
	src, err := os.ReadFile("sourcedir.go")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(mod, "internal", "sourcedir"), 0o755); err != nil {
		t.Fatal(err)
	}
	write("internal/sourcedir/sourcedir.go", string(src))
	write("go.mod", "module github.com/descentlab/descent\n\ngo 1.26\n")
	write("main.go", "package main\n\nimport (\n\t\"fmt\"\n\n\t\"github.com/descentlab/descent/internal/sourcedir\"\n)\n\nfunc main() { fmt.Print(sourcedir.Dir) }\n")
	for _, dir := range []string{"/srv/descent", "/home/ann/my checkout", "/tmp/it's here", "/tmp/a \"b\""} {
		flag := LinkerFlag(dir)
		cmd := exec.Command("go", "run", "-ldflags="+flag, ".")
		cmd.Dir = mod
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go run with %s: %v\n%s", flag, err, out)
		}
		if got := strings.TrimSpace(string(out)); got != dir {
			t.Errorf("Dir = %q, want %q (flag %s)", got, dir, flag)
		}
	}
	if f := LinkerFlag(`/tmp/'both"`); f != "" {
		t.Errorf("LinkerFlag of a name with both quotes = %q, want \"\"", f)
	}
}
