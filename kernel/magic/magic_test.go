package magic

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, code string
		ok         bool
		magic      string
		args       string
		body       string
	}{
		{"not a magic", "x := 1", false, "", "", ""},
		{"empty", "", false, "", "", ""},
		{"blank", "\n  \n", false, "", "", ""},
		{"alone", "%who", true, "who", "", "    "},
		{"with a body", "%time\nx := f()\nx", true, "time", "", "     \nx := f()\nx"},
		{"arguments keep their columns", "%time f(1)", true, "time", "f(1)", "      f(1)"},
		{"cell magic spelling", "%%time\nf()", true, "time", "", "      \nf()"},
		{"after blank lines, indented", "\n  %reset  \n", true, "reset", "", "\n" + strings.Repeat(" ", 10) + "\n"},
		{"percent later in the cell is Go", "x := 7 % 3", false, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, ok := Parse(tt.code)
			if ok != tt.ok {
				t.Fatalf("Parse(%q) ok = %v", tt.code, ok)
			}
			if !ok {
				return
			}
			if l.Name != tt.magic || l.Args != tt.args || l.Body != tt.body {
				t.Errorf("Parse(%q) = %+v; want name %q args %q body %q", tt.code, l, tt.magic, tt.args, tt.body)
			}
			// Lines and columns of the rest of the cell are kept.
			if strings.Count(l.Body, "\n") != strings.Count(tt.code, "\n") || len(l.Body) != len(tt.code) {
				t.Errorf("Parse(%q).Body = %q moves the code", tt.code, l.Body)
			}
		})
	}
}

func TestHasCode(t *testing.T) {
	for code, want := range map[string]bool{"%who": false, "%who\n\n": false, "%time\nf()": true, "%time f()": true} {
		l, _ := Parse(code)
		if l.HasCode() != want {
			t.Errorf("Parse(%q).HasCode() = %v", code, !want)
		}
	}
}

func TestUnknownErrorListsTheMagics(t *testing.T) {
	msg := UnknownError{Name: "timeit"}.Error()
	want := "%timeit is not a magic of this kernel; the magics are %%compile, %go, %help, %reset, %time, %version, %who (%help explains them)"
	if msg != want {
		t.Errorf("got %q\nwant %q", msg, want)
	}
}

func TestHelpDocumentsEveryMagic(t *testing.T) {
	h := Help()
	for _, name := range []string{"%help", "%reset", "%time", "%version", "%who"} {
		if !strings.Contains(h, "  "+name+" ") {
			t.Errorf("%%help does not document %s:\n%s", name, h)
		}
		if _, ok := Lookup(strings.TrimPrefix(name, "%")); !ok {
			t.Errorf("Lookup(%s) failed", name)
		}
	}
	if _, ok := Lookup("timeit"); ok {
		t.Error("Lookup(timeit) succeeded")
	}
}

func TestHasCodeAfterLine(t *testing.T) {
	for code, want := range map[string]bool{
		"%go get x":             false,
		"%go get x\n  \n":       false,
		"\n%go get x\nfmt.X()":  true,
		"%go\nfoo":              true,
		"%%compile\nfunc f(){}": true,
	} {
		l, ok := Parse(code)
		if !ok || l.HasCodeAfterLine() != want {
			t.Errorf("Parse(%q).HasCodeAfterLine() = %v, want %v", code, l.HasCodeAfterLine(), want)
		}
	}
}
