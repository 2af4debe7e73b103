package goeval

import (
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/traefik/yaegi/stdlib"
)

// Every package of the Go toolchain's standard library is either offered
// to cells or refused with a reason of its own.
func TestEveryStandardPackageIsOfferedOrExplained(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	out, err := exec.Command(goTool, "list", "std").Output()
	if err != nil {
		t.Skipf("go list std: %v", err)
	}
	ix := newPackageIndex(stdlib.Symbols)
	for _, p := range strings.Fields(string(out)) {
		if strings.Contains(p, "internal") || strings.HasPrefix(p, "vendor/") || strings.HasPrefix(p, "cmd/") {
			continue
		}
		if _, ok := ix.name(p); ok {
			if _, refused := withheld[p]; refused {
				t.Errorf("%s is offered to cells and listed as withheld", p)
			}
			continue
		}
		_, refused := withheld[p]
		_, newer := newerPackages[p]
		if !refused && !newer {
			t.Errorf("%s is not offered to cells, and nothing says why", p)
		}
	}
}

func TestRefusedImportsSayWhy(t *testing.T) {
	s := newSession(t, Options{})
	for cell, want := range map[string]string{
		`import "syscall"`: "raw system calls are withheld",
		`import "unsafe"`:  "a wrong pointer would crash the worker",
		`import "os/exec"`: "cannot start other programs",
		`import "iter"`:    "came with Go 1.23",
		`import "embed"`:   "os.ReadFile",
	} {
		ce := s.fail(cell)
		if ce.Kind != KindCompile || !strings.Contains(ce.Message, "is not available: ") || !strings.Contains(ce.Message, want) {
			t.Errorf("%s: %v", cell, ce)
		}
	}
}
