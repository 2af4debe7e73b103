package goeval

import (
	mrand "math/rand"
	"strconv"
	"strings"
	"testing"
)

// Item 1: the standard library, Options.Exports, Options.Preload and
// auto-import.
func TestPackagesAndAutoImport(t *testing.T) {
	// Independent expectation for "rand" meaning math/rand.
	wantRand := strconv.Itoa(mrand.New(mrand.NewSource(1)).Intn(1000))
	tests := []struct {
		name    string
		preload []string
		steps   []step
	}{
		{"stdlib with import", nil, []step{{"import \"strconv\"\nstrconv.Itoa(42) + \"!\"", "42!"}}},
		{"exports with import", nil, []step{{"import \"example.org/demo\"\ndemo.Scale(demo.Point{X: 1, Y: 2}, 3).Y", "6"}}},
		{"exported constant", nil, []step{{"import \"example.org/demo\"\ndemo.Steps * 2", "6"}}},
		{"preload", []string{"example.org/demo"}, []step{{"demo.Norm2(demo.Point{X: 3, Y: 4})", "25"}}},
		{"auto strings", nil, []step{{`strings.ToUpper("go")`, "GO"}}},
		{"auto math", nil, []step{{"math.Sqrt(16)", "4"}}},
		{"auto in a func", nil, []step{{"func hyp(a, b float64) float64 { return math.Hypot(a, b) }\nhyp(3, 4)", "5"}}},
		{"auto rand is math/rand", nil, []step{{"rand.New(rand.NewSource(1)).Intn(1000)", wantRand}}},
		{"auto template is text/template", nil, []step{{`reflect.TypeOf(template.New("t")).Elem().PkgPath()`, "text/template"}}},
		{"auto exported package", nil, []step{{"demo.Norm2(demo.Point{X: 1, Y: 1})", "2"}}},
		{"a variable is not a package", nil, []step{
			{"type holder struct{ Base string }", ""},
			{`sort := holder{"mine"}`, ""},
			{"sort.Base", "mine"},
		}},
		{"auto import persists", nil, []step{{`strings.Repeat("a", 2)`, "aa"}, {`strings.Repeat("b", 3)`, "bbb"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t, Options{Preload: tc.preload})
			s.script(tc.steps)
		})
	}
}

func TestPreloadUnknownPackage(t *testing.T) {
	if _, err := New(Options{Preload: []string{"example.org/nope"}}); err == nil {
		t.Fatal("New with an unknown preload: want an error")
	}
}

// Item 3: imports are de-duplicated, renamed imports work, conflicts and
// unknown packages are clear errors.
func TestImports(t *testing.T) {
	t.Run("re-run a cell with an import", func(t *testing.T) {
		s := newSession(t, Options{})
		cell := "import \"fmt\"\nfmt.Sprint(7)"
		s.script([]step{{cell, "7"}, {cell, "7"}, {cell, "7"}})
	})
	t.Run("import a preloaded package", func(t *testing.T) {
		s := newSession(t, Options{Preload: []string{"example.org/demo"}})
		s.script([]step{{"import \"example.org/demo\"\ndemo.Norm2(demo.Point{X: 2})", "4"}})
	})
	t.Run("import after auto-import", func(t *testing.T) {
		s := newSession(t, Options{})
		s.script([]step{
			{`strings.Repeat("a", 2)`, "aa"},
			{"import \"strings\"\nstrings.Repeat(\"b\", 2)", "bb"},
		})
	})
	t.Run("grouped imports twice", func(t *testing.T) {
		s := newSession(t, Options{})
		cell := "import (\n\t\"fmt\"\n\t\"strings\"\n)\nfmt.Sprint(strings.Count(\"aXbX\", \"X\"))"
		s.script([]step{{cell, "2"}, {cell, "2"}})
	})
	t.Run("renamed import", func(t *testing.T) {
		s := newSession(t, Options{})
		cell := "import m \"math\"\nm.Sqrt(9)"
		s.script([]step{{cell, "3"}, {cell, "3"}, {"m.Abs(-2)", "2"}})
	})
	t.Run("conflicting import", func(t *testing.T) {
		s := newSession(t, Options{})
		s.run("rand.Seed(1)")
		ce := s.fail("import \"crypto/rand\"")
		if ce.Kind != KindCompile || ce.Line != 1 || !strings.Contains(ce.Message, `import crand "crypto/rand"`) {
			t.Fatalf("got %+v", ce)
		}
	})
	t.Run("one name, two paths in a cell", func(t *testing.T) {
		s := newSession(t, Options{})
		ce := s.fail("import (\n\tm \"math\"\n\tm \"strings\"\n)")
		if ce.Line != 3 || !strings.Contains(ce.Message, "imported twice") {
			t.Fatalf("got %+v", ce)
		}
	})
	t.Run("unknown package", func(t *testing.T) {
		s := newSession(t, Options{})
		ce := s.fail("x := 1\nimport \"github.com/nope/nope\"")
		if ce.Kind != KindCompile || ce.Line != 2 || ce.Col != 8 || !strings.Contains(ce.Message, "not available") {
			t.Fatalf("got %+v", ce)
		}
	})
	t.Run("blank and dot imports", func(t *testing.T) {
		s := newSession(t, Options{})
		s.script([]step{
			{"import _ \"strings\"", ""},
			{"import . \"math\"\nSqrt(25)", "5"},
			{"import . \"math\"\nAbs(-1)", "1"},
		})
	})
}
