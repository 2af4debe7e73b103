package docs

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const optimlibPath = "github.com/descentlab/descent/optimlib"

// commentAbove returns the // comment lines right above the first line of
// file that starts with decl, without the comment markers: the doc comment
// as written, read without go/doc.
func commentAbove(t *testing.T, file, decl string) string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var block []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(line, decl):
			return strings.Join(block, "\n") + "\n"
		case line == "//":
			block = append(block, "")
		case strings.HasPrefix(line, "// "):
			block = append(block, strings.TrimPrefix(line, "// "))
		case strings.HasPrefix(line, "//\t"):
			block = append(block, "\t"+strings.TrimPrefix(line, "//\t"))
		default:
			block = nil
		}
	}
	t.Fatalf("%s has no line starting with %q", file, decl)
	return ""
}

func TestLookupCompiledPackages(t *testing.T) {
	lib := NewLibraryAt("")
	src := filepath.Join("..", "..", "..", "optimlib")
	tests := []struct {
		name, kind, sig string
		docFrom         [2]string // file and declaration whose comment is the doc
	}{
		{"Adam", KindType, "type Adam struct {", [2]string{"optimizer_adam.go", "type Adam struct"}},
		{"NewAdam", KindFunc, "func NewAdam(lr float64) *Adam", [2]string{"optimizer_adam.go", "func NewAdam("}},
		{"Adam.Step", KindMethod, "func (o *Adam) Step(x, grad []float64)", [2]string{"optimizer_adam.go", "func (o *Adam) Step("}},
		{"Adam.Beta1", KindField, "Beta1 float64", [2]string{"optimizer_adam.go", "Beta1 float64"}},
		{"DefaultMaxSteps", KindConst, "DefaultMaxSteps", [2]string{}},
		{"", KindPackage, `package optimlib // import "github.com/descentlab/descent/optimlib"`, [2]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, ok := lib.Lookup(optimlibPath, tt.name)
			if !ok {
				t.Fatalf("Lookup(optimlib, %q) found nothing", tt.name)
			}
			if e.Kind != tt.kind || !strings.Contains(e.Sig, tt.sig) {
				t.Errorf("Lookup(optimlib, %q) = %s %q; want %s containing %q", tt.name, e.Kind, e.Sig, tt.kind, tt.sig)
			}
			if tt.docFrom[0] != "" {
				want := commentAbove(t, filepath.Join(src, tt.docFrom[0]), tt.docFrom[1])
				if e.Doc != want {
					t.Errorf("doc of %s =\n%s\nwant the comment in the source:\n%s", tt.name, e.Doc, want)
				}
			}
		})
	}
}

func TestStructSignatureListsExportedFieldsOnly(t *testing.T) {
	e, _ := NewLibraryAt("").Lookup(optimlibPath, "Adam")
	for _, want := range []string{"\tBeta1 float64\n", "// Beta1 is the decay β₁", "// contains filtered or unexported fields"} {
		if !strings.Contains(e.Sig, want) {
			t.Errorf("Adam's declaration lacks %q:\n%s", want, e.Sig)
		}
	}
	if strings.Contains(e.Sig, "vmax") {
		t.Errorf("Adam's declaration shows an unexported field:\n%s", e.Sig)
	}
}

func TestMembers(t *testing.T) {
	lib := NewLibraryAt("")
	adam := lib.Members(optimlibPath, "Adam")
	for _, want := range []string{"Beta1", "Beta2", "Step", "Reset", "Name"} {
		if !contains(adam, want) {
			t.Errorf("Members(optimlib, Adam) = %v; lacks %s", adam, want)
		}
	}
	top := lib.Members(optimlibPath, "")
	for _, want := range []string{"Adam", "NewAdam", "Run", "DefaultMaxSteps"} {
		if !contains(top, want) {
			t.Errorf("Members(optimlib, \"\") lacks %s", want)
		}
	}
	if contains(top, "Step") || contains(top, "Adam.Step") {
		t.Errorf("Members(optimlib, \"\") lists a method: %v", top)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestStandardLibraryFromGOROOT(t *testing.T) {
	root := FindGOROOT()
	if root == "" {
		t.Skip("no Go installation with sources")
	}
	lib := NewLibraryAt(root)
	tests := []struct{ pkg, name, kind, sig, doc string }{
		{"strings", "ToUpper", KindFunc, "func ToUpper(s string) string", "ToUpper returns s with all Unicode letters mapped to their upper case."},
		{"strings", "Builder.WriteString", KindMethod, "func (b *Builder) WriteString(s string) (int, error)", "WriteString appends the contents of s to b's buffer."},
		{"math", "Pi", KindConst, "Pi", ""},
		{"builtin", "len", KindFunc, "func len(v Type) int", "The len built-in function returns the length of v"},
		{"fmt", "", KindPackage, `package fmt // import "fmt"`, "Package fmt implements formatted I/O"},
	}
	for _, tt := range tests {
		e, ok := lib.Lookup(tt.pkg, tt.name)
		if !ok {
			t.Errorf("Lookup(%s, %s) found nothing under %s", tt.pkg, tt.name, root)
			continue
		}
		if e.Kind != tt.kind || !strings.Contains(e.Sig, tt.sig) || !strings.Contains(e.Doc, tt.doc) {
			t.Errorf("Lookup(%s, %s) = %s %q %q", tt.pkg, tt.name, e.Kind, e.Sig, e.Doc)
		}
	}
}

func TestWithoutSourcesNothingIsFoundAndNothingFails(t *testing.T) {
	for _, root := range []string{"", t.TempDir()} {
		lib := NewLibraryAt(root)
		if e, ok := lib.Lookup("strings", "ToUpper"); ok {
			t.Errorf("GOROOT %q: Lookup(strings, ToUpper) = %+v, want nothing", root, e)
		}
		if m := lib.Members("strings", ""); len(m) != 0 {
			t.Errorf("GOROOT %q: Members(strings) = %v, want none", root, m)
		}
		if _, ok := lib.Lookup(optimlibPath, "NewAdam"); !ok {
			t.Errorf("GOROOT %q: the generated table must not need sources", root)
		}
	}
}

func TestRendering(t *testing.T) {
	e := Entry{Kind: KindFunc, Sig: "func Step(x []float64)", Doc: "Step moves x:\n\n\tx ← x − η·g\n\nSee [Adam] and [strings.Builder].\n", Package: "example.com/opt"}
	md := e.Markdown()
	for _, want := range []string{"```go\nfunc Step(x []float64)\n```\n", "Step moves x:", "x ← x − η·g", "(https://pkg.go.dev/example.com/opt#Adam)", "(https://pkg.go.dev/strings#Builder)"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown() lacks %q:\n%s", want, md)
		}
	}
	plain := e.Plain()
	want := "func Step(x []float64)\n\nStep moves x:\n\n    x ← x − η·g\n\nSee Adam and strings.Builder.\n"
	if plain != want {
		t.Errorf("Plain() =\n%q\nwant\n%q", plain, want)
	}
	if got := (Entry{Sig: "var X int"}).Plain(); got != "var X int\n" {
		t.Errorf("Plain() without doc = %q", got)
	}
}
