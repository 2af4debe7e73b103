package goeval

import (
	"strings"
	"testing"
)

// Item 8: a leading func(){...}() runs once; panics are errors with the
// value and the interpreted stack, and the session goes on.
func TestFuncLiteralCellRunsOnce(t *testing.T) {
	s := newSession(t, Options{})
	s.script([]step{
		{"counter := 0", ""},
		{"func() { counter++ }()", ""},
		{"counter", "1"},
		{"counter", "1"},
		{"(func() { counter += 10 })()", ""},
		{"counter", "11"},
		{"func() {\n\tcounter += 100\n}()\nx := 1", ""},
		{"counter", "111"},
		{"counter", "111"},
	})
}

func TestMainRunsOnce(t *testing.T) {
	s := newSession(t, Options{})
	s.run("package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"from main\")\n}")
	s.run("y := 2")
	s.run("func main() {\n\tfmt.Println(\"second main\")\n}")
	s.run("y")
	if got := s.out.String(); got != "from main\nsecond main\n" {
		t.Fatalf("stdout %q", got)
	}
}

func TestPanics(t *testing.T) {
	tests := []struct {
		name      string
		cell      string
		kind      ErrorKind
		msg       string
		line      int
		traceback []string
	}{
		{"panic in a function", "func explode() {\n\tpanic(\"boom\")\n}\nkept := 1\nexplode()", KindPanic, "boom", 5, []string{"explode at line 2:2"}},
		{"panic at top level", "a := 1\npanic(fmt.Sprintf(\"bad %d\", a))", KindPanic, "bad 1", 2, nil},
		{"index out of range", "func third(xs []int) int {\n\treturn xs[3]\n}\nthird(nil)", KindRuntime, "index out of range", 4, []string{"third at line 2:9"}},
		{"nil map", "var m map[string]int\nm[\"a\"] = 1", KindRuntime, "assignment to entry in nil map", 2, nil},
		{"division by zero", "zero := 0\n10 / zero", KindRuntime, "integer divide by zero", 2, nil},
		{"panic in a callback of compiled code", "xs := []int{2, 1}\nsort.Slice(xs, func(i, j int) bool { panic(\"cb\") })", KindPanic, "cb", 2, nil},
		{"os.Exit", "os.Exit(3)", KindPanic, "os.Exit(3)", 1, nil},
		{"log.Fatal", "log.Fatal(\"fatal\")", KindPanic, "fatal", 1, nil},
		{"error value", "panic(errors.New(\"as error\"))", KindPanic, "as error", 1, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t, Options{})
			s.run("before := 42")
			ce := s.fail(tc.cell)
			if ce.Kind != tc.kind || !strings.Contains(ce.Message, tc.msg) || ce.Line != tc.line {
				t.Fatalf("got %s line %d %q, want %s line %d %q", ce.Kind, ce.Line, ce.Message, tc.kind, tc.line, tc.msg)
			}
			for _, f := range tc.traceback {
				if !strings.Contains(strings.Join(ce.Traceback, "\n"), f) {
					t.Fatalf("traceback %q lacks %q", ce.Traceback, f)
				}
			}
			if !strings.HasPrefix(ce.Error(), "panic: ") {
				t.Fatalf("Error() = %q", ce.Error())
			}
			// The session is usable, with its state.
			if got := s.value("before + 1"); got != "43" {
				t.Fatalf("after the panic: %s", got)
			}
			if strings.Contains(s.errOut.String(), "cell.go") {
				t.Fatalf("interpreter trace leaked to stderr: %q", s.errOut.String())
			}
		})
	}
}

func TestPanicInEarlierCellFunction(t *testing.T) {
	s := newSession(t, Options{})
	s.run("func check(v int) {\n\tif v < 0 {\n\t\tpanic(\"negative\")\n\t}\n}")
	ce := s.fail("x := 1\ncheck(-x)")
	// The interpreter locates frames approximately (within the function).
	if ce.Line != 2 || len(ce.Traceback) == 0 || !strings.HasPrefix(ce.Traceback[0], "check at line ") ||
		!strings.HasSuffix(ce.Traceback[0], " of an earlier cell") {
		t.Fatalf("got line %d traceback %q", ce.Line, ce.Traceback)
	}
}

func TestRecoveredPanicIsNotAnError(t *testing.T) {
	s := newSession(t, Options{})
	s.script([]step{{"func safe() (msg string) {\n\tdefer func() { msg = fmt.Sprint(recover()) }()\n\tpanic(\"caught\")\n}\nsafe()", "caught"}})
	if strings.Contains(s.errOut.String(), "panic") {
		t.Fatalf("stderr %q", s.errOut.String())
	}
}
