package check

import (
	"io"
	"math"
	"os"
	"strings"
	"testing"
)

// capture runs f with os.Stdout redirected to a pipe and returns what it
// printed and the Failure it panicked with, if any.
func capture(t *testing.T, f func()) (out string, fail *Failure) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stdout
	os.Stdout = w
	read := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		read <- string(b)
	}()
	defer func() {
		os.Stdout = saved
		w.Close()
		out = <-read
		r.Close()
	}()
	func() {
		defer func() {
			if r := recover(); r != nil {
				var ok bool
				if fail, ok = r.(*Failure); !ok {
					t.Fatalf("panicked with %T %v, want *Failure", r, r)
				}
			}
		}()
		f()
	}()
	return "", fail
}

func TestThat(t *testing.T) {
	cases := []struct {
		name     string
		run      func()
		out, err string
	}{
		{"holds", func() { That(true, "two is even") }, "ok: two is even\n", ""},
		{"holds with arguments", func() { That(3 > 2, "%d > %d", 3, 2) }, "ok: 3 > 2\n", ""},
		{"literal percent without arguments", func() { That(true, "100% of the runs") }, "ok: 100% of the runs\n", ""},
		{"fails", func() { That(false, "x is %.1f", 2.25) }, "", "claim failed: x is 2.2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, fail := capture(t, c.run)
			if out != c.out {
				t.Errorf("printed %q, want %q", out, c.out)
			}
			switch {
			case c.err == "" && fail != nil:
				t.Errorf("failed with %q, want it to hold", fail.Error())
			case c.err != "" && fail == nil:
				t.Errorf("held, want the failure %q", c.err)
			case c.err != "" && fail.Error() != c.err:
				t.Errorf("failure %q, want %q", fail.Error(), c.err)
			}
		})
	}
}

func TestNear(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tenth, fifth := 0.1, 0.2 // variables: 0.1 + 0.2 as constants is exactly 0.3
	cases := []struct {
		name           string
		got, want, tol float64
		holds          bool
		out, detail    string
	}{
		{"inside", tenth + fifth, 0.3, 1e-15, true, "ok: c (got 0.3, want 0.3 ± 1e-15)\n", ""},
		{"on the edge", 1.5, 1, 0.5, true, "ok: c (got 1.5, want 1 ± 0.5)\n", ""},
		{"exact with zero tolerance", 2, 2, 0, true, "ok: c (got 2, want 2 ± 0)\n", ""},
		{"equal infinities", inf, inf, 0, true, "ok: c (got +Inf, want +Inf ± 0)\n", ""},
		{"outside, all digits shown", tenth + fifth, 0.3, 1e-17, false, "",
			"got 0.30000000000000004, want 0.3 ± 1e-17 (off by 5.55112e-17)"},
		{"below", -1, 1, 1, false, "", "got -1, want 1 ± 1 (off by 2)"},
		{"NaN measured", nan, 1, 1, false, "", "got NaN, want 1 ± 1 (off by NaN)"},
		{"NaN wanted", 1, nan, 1, false, "", "got 1, want NaN ± 1 (off by NaN)"},
		{"opposite infinities", inf, -inf, 1, false, "", "got +Inf, want -Inf ± 1 (off by +Inf)"},
		{"negative tolerance", 1, 1, -1, false, "", "the tolerance -1 is not a number ≥ 0"},
		{"NaN tolerance", 1, 1, nan, false, "", "the tolerance NaN is not a number ≥ 0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, fail := capture(t, func() { Near(c.got, c.want, c.tol, "c") })
			if out != c.out {
				t.Errorf("printed %q, want %q", out, c.out)
			}
			if c.holds != (fail == nil) {
				t.Fatalf("holds = %v, want %v (failure %v)", fail == nil, c.holds, fail)
			}
			if fail != nil && (fail.Claim != "c" || fail.Detail != c.detail) {
				t.Errorf("failure %+v, want claim %q and detail %q", *fail, "c", c.detail)
			}
		})
	}
}

func TestNearFormatsTheClaim(t *testing.T) {
	_, fail := capture(t, func() { Near(1, 2, 0.5, "step %d of %s", 3, "GD") })
	if fail == nil || !strings.HasPrefix(fail.Error(), "claim failed: step 3 of GD: got 1, want 2") {
		t.Fatalf("failure %v, want the formatted claim", fail)
	}
}
