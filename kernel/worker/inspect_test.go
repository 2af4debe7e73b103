package worker

import (
	"testing"

	"github.com/traefik/yaegi/stdlib"
)

func TestSymbolInspector(t *testing.T) {
	in := newSymbolInspector(DefaultPreload(), stdlib.Symbols, standardExports()[0])
	tests := []struct {
		code   string
		cursor int
		want   string // "" means not found
	}{
		{"fmt.Println", 11, "func fmt.Println(...interface {}) (int, error)\n\nhttps://pkg.go.dev/fmt#Println"},
		{"x := fmt.Pri", 12, ""}, // not a whole name
		{"fmt.Println(x)", 6, "func fmt.Println(...interface {}) (int, error)\n\nhttps://pkg.go.dev/fmt#Println"},
		{"math.Pi", 7, "const math.Pi = 3.14159\n\nhttps://pkg.go.dev/math#Pi"},
		{"os.Args", 7, "var os.Args []string\n\nhttps://pkg.go.dev/os#Args"},
		{"fmt.Stringer", 12, "type fmt.Stringer interface { String() string }\n\nhttps://pkg.go.dev/fmt#Stringer"},
		{"optimlib.Objective", 18, "type optimlib.Objective interface { Func([]float64) float64; Grad([]float64, []float64) }\n\nhttps://pkg.go.dev/github.com/descentlab/descent/optimlib#Objective"},
		{"display.Show", 12, "func display.Show(interface {})\n\nhttps://pkg.go.dev/github.com/descentlab/descent/kernel/display#Show"},
		{"strings", 3, "package strings // import \"strings\"\n\nhttps://pkg.go.dev/strings"},
		{"rand.Intn", 9, "func rand.Intn(int) int\n\nhttps://pkg.go.dev/math/rand#Intn"},
		{"fmt.Nope", 8, ""},
		{"nosuch.X", 8, ""},
		{"display.SetPublisher", 20, ""},
		{"", 0, ""},
	}
	for _, tc := range tests {
		data, found := in.Inspect(tc.code, tc.cursor, 0)
		if found != (tc.want != "") {
			t.Errorf("Inspect(%q, %d): found %v, data %v", tc.code, tc.cursor, found, data)
			continue
		}
		if found && data["text/plain"] != tc.want {
			t.Errorf("Inspect(%q, %d) =\n%q\nwant\n%q", tc.code, tc.cursor, data["text/plain"], tc.want)
		}
	}
}
