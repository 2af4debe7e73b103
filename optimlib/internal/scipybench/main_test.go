package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestOptimlibSide runs the optimlib side on a few seeds and checks the
// tables' shape and two facts of the benchmark: basin hopping finds
// Rastrigin's global basin from (4, 4) in every one of 5 seeds at 300
// evaluations, and L-BFGS reaches Rosenbrock's minimum from every start of
// the grid.
func TestOptimlibSide(t *testing.T) {
	cfg, err := parseConfig(5, "300", "escape,local")
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(&out, cfg, ""); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{"| 300 | Rastrigin-2D [4 4], [-5.12, 5.12] | 100.0 % |", "| Rosenbrock [-1.2 1] | analytic | LBFGS | L-BFGS-B | 78 / – | 100 / – |"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
}

// TestBothSides runs scipy_side.py too, on 2 seeds, when Debian's python3
// has scipy.
func TestBothSides(t *testing.T) {
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import scipy").Run(); err != nil {
		if os.Getenv("DESCENT_REQUIRE_SCIPY") != "" {
			t.Fatalf("%s cannot import scipy: %v", python, err)
		}
		t.Skipf("%s cannot import scipy (apt-get install python3-scipy): %v", python, err)
	}
	cfg, _ := parseConfig(2, "300", "escape")
	var out bytes.Buffer
	if err := run(&out, cfg, python); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "scipy basinhopping/fd") || strings.Count(out.String(), "| 300 |") != 3 {
		t.Errorf("unexpected tables:\n%s", out.String())
	}
}
