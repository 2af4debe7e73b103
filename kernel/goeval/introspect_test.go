package goeval

import (
	"reflect"
	"strings"
	"testing"

	"github.com/descentlab/descent/kernel/preload/docs"
	"github.com/descentlab/descent/kernel/preload/symbols"
	"github.com/traefik/yaegi/interp"
)

// lessonSession is a session with the compiled lesson packages, as the
// worker builds it, and a lesson's first cells run.
func lessonSession(t *testing.T, lib *docs.Library) *session {
	t.Helper()
	s := newSession(t, Options{
		Exports: []interp.Exports{symbols.Symbols},
		Preload: []string{"fmt", "math", "github.com/descentlab/descent/optimlib"},
		Docs:    lib,
	})
	s.run(`opt := optimlib.NewAdam(0.1)
obj := optimlib.Rosenbrock(2)
res, err := optimlib.Run(obj, opt, []float64{-1, 1}, optimlib.RunConfig{MaxSteps: 5})

// Point is a point of the plane.
type Point struct {
	X, Y float64
	label string
}

// Norm is the Euclidean norm of p.
func (p Point) Norm() float64 { return math.Hypot(p.X, p.Y) }

// Shifted is p moved by (dx, dy).
func (p *Point) Shifted(dx, dy float64) Point { return Point{p.X + dx, p.Y + dy, p.label} }

type Labeled struct {
	Point
	Name string
}

p := Point{X: 3, Y: 4}
pts := []Point{p}
// lr is the learning rate.
const lr = 0.01
var steps = map[string]int{"adam": 5}`)
	return s
}

func candidateTexts(cs []Candidate) []string {
	out := []string{}
	for _, c := range cs {
		out = append(out, c.Text)
	}
	return out
}

func TestCompletionsOfMembers(t *testing.T) {
	s := lessonSession(t, nil)
	tests := []struct {
		name string
		code string
		want []string // every one of them, in this order
		none []string // none of them
	}{
		{"fields of an optimizer from a constructor", "opt.Be", []string{"Beta1", "Beta2"}, []string{"Step"}},
		{"methods of an optimizer", "opt.St", []string{"Step"}, nil},
		{"the result of a call with two results", "res.Tr", []string{"Trace"}, nil},
		{"a field's methods", "res.Trace.Los", []string{"Losses"}, nil},
		{"the error result", "err.Err", []string{"Error"}, nil},
		{"a cell type: methods of T and *T, then unexported fields", "p.", []string{"Norm", "Shifted", "X", "Y", "label"}, nil},
		{"an element of a slice", "pts[0].No", []string{"Norm"}, nil},
		{"a range variable", "for _, q := range pts {\n\tq.Sh", []string{"Shifted"}, nil},
		{"promoted through embedding", "l := Labeled{}\nl.", []string{"Name", "Norm", "Point", "Shifted", "X", "Y", "label"}, nil},
		{"a method's result", "p.Shifted(1, 1).No", []string{"Norm"}, nil},
		{"a constructor in the same cell", "sgd := optimlib.NewSGD(0.1)\nsgd.Nes", []string{"Nesterov"}, nil},
		{"a composite literal", "c := optimlib.RunConfig{MaxSteps: 3}\nc.MaxS", []string{"MaxSteps"}, nil},
		{"a map's values", "steps[\"adam\"].", nil, []string{"Norm"}},
		{"case-insensitive when nothing else matches", "opt.beta", []string{"Beta1", "Beta2"}, nil},
		{"keys of a composite literal first", "optimlib.RunConfig{MaxSteps: 3, Gr", []string{"GradTol"}, nil},
		{"a package's members", "optimlib.NewAda", []string{"NewAdam", "NewAdamW", "NewAdamax"}, nil},
		{"the figure package, not imported yet", "figure.Bar", []string{"Bars"}, nil},
		{"the display package", "display.Bund", []string{"Bundle"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cands, _, _ := s.e.Completions(tt.code, len(tt.code))
			got := candidateTexts(cands)
			i := 0
			for _, g := range got {
				if i < len(tt.want) && g == tt.want[i] {
					i++
				}
			}
			if i < len(tt.want) {
				t.Errorf("Completions(%q) = %v; want %v in this order", tt.code, got, tt.want)
			}
			for _, n := range tt.none {
				for _, g := range got {
					if g == n {
						t.Errorf("Completions(%q) offers %s", tt.code, n)
					}
				}
			}
		})
	}
}

func TestCompletionKindsAndOrder(t *testing.T) {
	s := lessonSession(t, nil)
	cands, _, _ := s.e.Completions("p.", 2)
	want := []Candidate{{"Norm", KindMethod}, {"Shifted", KindMethod}, {"X", KindField}, {"Y", KindField}, {"label", KindField}}
	if !reflect.DeepEqual(cands, want) {
		t.Errorf("Completions(p.) = %v; want %v", cands, want)
	}
	// Names: the cells' own first (variables, types, functions), then the
	// packages in use, builtins, keywords, other packages.
	cands, _, _ = s.e.Completions("st", 2)
	var kinds []string
	for _, c := range cands {
		kinds = append(kinds, c.Text+":"+c.Kind)
	}
	wantPrefix := []string{"steps:variable", "string:type", "struct:keyword", "stat:module", "strconv:module", "strings:module"}
	if !reflect.DeepEqual(kinds, wantPrefix) {
		t.Errorf("Completions(st) = %v; want %v", kinds, wantPrefix)
	}
	for _, tt := range []struct{ code, text, kind string }{
		{"optimlib.NewAdam", "NewAdam", KindFunction},
		{"optimlib.Adam", "Adam", KindType},
		{"optimlib.DefaultMaxSteps", "DefaultMaxSteps", KindConstant},
		{"os.Stdou", "Stdout", KindVariable},
		{"Poin", "Point", KindType},
		{"l", "lr", KindConstant},
		{"ret", "return", KindKeyword},
		{"appen", "append", KindFunction},
		{"optim", "optimlib", KindModule},
	} {
		cands, _, _ := s.e.Completions(tt.code, len(tt.code))
		found := false
		for _, c := range cands {
			if c.Text == tt.text {
				found = true
				if c.Kind != tt.kind {
					t.Errorf("Completions(%q): %s is a %s, want %s", tt.code, c.Text, c.Kind, tt.kind)
				}
			}
		}
		if !found {
			t.Errorf("Completions(%q) = %v: no %s", tt.code, cands, tt.text)
		}
	}
}

func TestCompletionRangeIsInBytesAroundNonASCII(t *testing.T) {
	s := lessonSession(t, nil)
	tests := []struct {
		code       string
		cursor     int
		want       string
		start, end int
	}{
		// "é" is 2 bytes, "∇" 3, "🙂" 4: offsets are counted by hand.
		{"é := 1\nétape := 2\nét", 23, "étape", 20, 23},
		// The cursor after "Be": the whole identifier is replaced.
		{"s := \"∇f\"\nopt.Bet", 18, "Beta1", 16, 19},
		{"// 🙂 descent\nopt.Bet", 23, "Beta1", 20, 23},
		// ∇ is not a letter: nothing to complete after it.
		{"∇x := 1.0\n∇", 15, "", 15, 15},
		// A cursor inside a character moves back to its start.
		{"∇x := 1.0\n∇", 13, "", 12, 12},
		{"gradé := 1\ngra + 1", 15, "gradé", 12, 15},
		{"opt.Be + 1", 5, "Beta1", 4, 6},
	}
	for _, tt := range tests {
		cands, start, end := s.e.Completions(tt.code, tt.cursor)
		got := candidateTexts(cands)
		if start != tt.start || end != tt.end || (tt.want != "" && (len(got) == 0 || got[0] != tt.want)) {
			t.Errorf("Completions(%q, %d) = %v, %d..%d; want %s first, %d..%d", tt.code, tt.cursor, got, start, end, tt.want, tt.start, tt.end)
		}
	}
}

func TestInspect(t *testing.T) {
	lib := docs.NewLibrary()
	s := lessonSession(t, lib)
	adam, _ := lib.Lookup("github.com/descentlab/descent/optimlib", "Adam")
	tests := []struct {
		name, code string
		cursor     int      // -1: end
		want       []string // in the plain text, in order
	}{
		{"a package's function", "optimlib.NewAdam", -1, []string{"func NewAdam(lr float64) *Adam", "NewAdam returns"}},
		{"a constructor shows its type's update rule and defaults", "optimlib.NewAdam", -1,
			[]string{"func NewAdam(lr float64) *Adam", "NewAdam returns", "type Adam struct {", "m ← β₁·m + (1−β₁)·g", "Defaults (NewAdam): Beta1 β₁ = 0.9"}},
		{"a constructor that may fail", "optimlib.NewFormula", -1, []string{"func NewFormula(", "type Formula"}},
		{"between a call's parentheses", "optimlib.NewAdam(0.1, ", -1, []string{"func NewAdam(lr float64) *Adam"}},
		{"cursor inside the name", "optimlib.NewAdam(0.1)", 12, []string{"func NewAdam(lr float64) *Adam"}},
		{"a method of a variable", "opt.Step", -1, []string{"func (o *Adam) Step(x, grad []float64)", "https://pkg.go.dev/github.com/descentlab/descent/optimlib#Adam.Step"}},
		{"a field with its default", "opt.Beta1", -1, []string{"Beta1 float64", "(default 0.9)"}},
		{"a variable shows its type's doc", "opt", -1, []string{"var opt *optimlib.Adam", "type Adam struct {", "m ← β₁·m + (1−β₁)·g"}},
		{"a field of a result", "res.Trace", -1, []string{"Trace *Trace", "recorded path"}},
		{"a cell's type with its comment", "Point", -1, []string{"type Point struct", "Point is a point of the plane."}},
		{"a cell's method", "p.Norm", -1, []string{"func (p Point) Norm() float64", "Norm is the Euclidean norm of p."}},
		{"a cell's pointer method", "p.Shifted", -1, []string{"func (p *Point) Shifted(dx, dy float64) Point", "Shifted is p moved by (dx, dy)."}},
		{"a cell's variable of a cell type", "p", -1, []string{"var p Point", "type Point struct", "Point is a point of the plane."}},
		{"a cell's constant", "lr", -1, []string{"const lr = 0.01", "lr is the learning rate."}},
		{"a function of the cell being edited", "// twice doubles.\nfunc twice(x float64) float64 { return 2 * x }\ntwice", -1, []string{"func twice(x float64) float64", "twice doubles."}},
		{"a builtin", "len", -1, []string{"func len(v Type) int"}},
		{"a standard package function", "strings.ToUpper", -1, []string{"func ToUpper(s string) string", "ToUpper returns s with all Unicode letters mapped to their upper case."}},
		{"a package", "optimlib", -1, []string{"package optimlib", "Package optimlib is the compiled library"}},
		{"a key of a composite literal", "optimlib.RunConfig{MaxSteps: 3}", 22, []string{"MaxSteps int"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cursor := tt.cursor
			if cursor < 0 {
				cursor = len(tt.code)
			}
			h, ok := s.e.Inspect(tt.code, cursor, 0)
			if !ok {
				t.Fatalf("Inspect(%q, %d) found nothing", tt.code, cursor)
			}
			plain := h.Plain()
			rest := plain
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("Inspect(%q) plain text lacks %q (in order):\n%s", tt.code, w, plain)
				}
				rest = rest[i+len(w):]
			}
			md := h.Markdown()
			if !strings.HasPrefix(md, "```go\n"+strings.SplitN(tt.want[0], "\n", 2)[0]) {
				t.Errorf("Inspect(%q) markdown does not start with the declaration in a Go block:\n%s", tt.code, md)
			}
		})
	}
	// The full doc comment of Adam, formulas and defaults, reaches the
	// student as written.
	h, _ := s.e.Inspect("optimlib.Adam", 13, 0)
	if h.Entry.Doc != adam.Doc || !strings.Contains(h.Markdown(), "Defaults (NewAdam): Beta1 β₁ = 0.9") {
		t.Errorf("Inspect(optimlib.Adam) lost the doc comment:\n%s", h.Markdown())
	}
}

func TestInspectDetailListsMethods(t *testing.T) {
	s := lessonSession(t, nil)
	h, ok := s.e.Inspect("optimlib.Adam", 13, 1)
	if !ok {
		t.Fatal("not found")
	}
	plain := h.Plain()
	for _, w := range []string{"func (o *Adam) Step(x, grad []float64)", "func (o *Adam) Reset()"} {
		if !strings.Contains(plain, w) {
			t.Errorf("detail 1 lacks %q:\n%s", w, plain)
		}
	}
	h, _ = s.e.Inspect("Point", 5, 1)
	if !strings.Contains(h.Plain(), "func (p Point) Norm() float64") {
		t.Errorf("detail 1 of a cell type lacks its methods:\n%s", h.Plain())
	}
}

func TestInspectNotFound(t *testing.T) {
	s := lessonSession(t, nil)
	for _, code := range []string{"", "nosuch", "nosuch.X", "fmt.Nope", "1234", "x := fmt.Pri", "   "} {
		if h, ok := s.e.Inspect(code, len(code), 0); ok {
			t.Errorf("Inspect(%q) = %+v; want nothing", code, h)
		}
	}
}

func TestInspectWithoutGoSources(t *testing.T) {
	s := lessonSession(t, docs.NewLibraryAt(""))
	tests := []struct{ code, want string }{
		{"strings.ToUpper", "func strings.ToUpper(string) string"},
		{"math.Pi", "const math.Pi = 3.14159"},
		{"fmt.Stringer", "type fmt.Stringer interface { String() string }"},
		// The generated table needs no sources.
		{"optimlib.NewAdam", "func NewAdam(lr float64) *Adam\n\nNewAdam returns"},
	}
	for _, tt := range tests {
		h, ok := s.e.Inspect(tt.code, len(tt.code), 0)
		if !ok || !strings.HasPrefix(h.Plain(), tt.want) {
			t.Errorf("Inspect(%q) = %v %q; want it to start with %q", tt.code, ok, h.Plain(), tt.want)
		}
	}
}

func TestVariables(t *testing.T) {
	s := lessonSession(t, nil)
	got := map[string]string{}
	for _, v := range s.e.Variables() {
		got[v.Name] = v.Type
	}
	want := map[string]string{
		"opt": "*optimlib.Adam", "obj": "*optimlib.Landscape", "res": "*optimlib.Result", "err": "error",
		"p": "Point", "pts": "[]Point", "steps": "map[string]int",
	}
	for n, typ := range want {
		if got[n] != typ {
			t.Errorf("variable %s has type %q; want %q (all: %v)", n, got[n], typ, got)
		}
	}
	if _, ok := got["lr"]; ok {
		t.Errorf("a constant is listed as a variable: %v", got)
	}
	d := s.e.Declared()
	if d.Functions != 0 || d.Types != 2 || d.Methods != 2 || d.Constants != 1 || d.Variables < len(want) {
		t.Errorf("Declared() = %+v", d)
	}
}
