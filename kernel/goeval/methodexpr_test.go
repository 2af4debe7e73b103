package goeval

import "testing"

// Method expressions of compiled types, of interfaces and of promoted
// methods are the functions they stand for (the interpreter panics or
// calls them without the receiver).
func TestMethodExpressionsCompiled(t *testing.T) {
	const decls = "type Shape interface{ Area() float64 }\n\n" +
		"type Sq struct{ S float64 }\n\nfunc (s Sq) Area() float64 { return s.S * s.S }\n\n" +
		"type In struct{ N int }\n\nfunc (i In) Get() int { return i.N }\n\n" +
		"type Out struct{ In }\n\ntype W struct{ strings.Builder }"
	runPrintCases(t, []printCase{
		{name: "pointer method", cell: "f := (*strings.Builder).Len\nvar b strings.Builder\nb.WriteString(\"abc\")\nfmt.Println(f(&b))", want: "3\n"},
		{name: "with arguments", cell: "w := (*bytes.Buffer).WriteString\nbuf := new(bytes.Buffer)\nn, err := w(buf, \"hey\")\nfmt.Println(n, err, buf.String())", want: "3 <nil> hey\n"},
		{name: "variadic", cell: "lg := log.New(os.Stdout, \"\", 0)\npf := (*log.Logger).Printf\npf(lg, \"%d-%s\\n\", 1, \"a\")", want: "1-a\n"},
		{name: "value method called at once", cell: "fmt.Println(time.Duration.String(1500*time.Millisecond), time.Duration.Seconds(2*time.Second))", want: "1.5s 2\n"},
		{name: "in a slice", cell: "fs := []func(time.Duration) string{time.Duration.String}\nfmt.Println(fs[0](time.Second))", want: "1s\n"},
		{name: "type", cell: "fmt.Printf(\"%T\\n\", (*strings.Builder).Len)", want: "func(*strings.Builder) int\n"},
		{name: "alias", cell: "type R = strings.Reader\nl := (*R).Len\nfmt.Println(l(strings.NewReader(\"abcd\")))", want: "4\n"},
		{name: "error", cell: "e := error.Error\nfmt.Println(e(errors.New(\"boom\")))", want: "boom\n"},
		{name: "compiled interface", cell: "rd := io.Reader.Read\nn, _ := rd(strings.NewReader(\"xyz\"), make([]byte, 2))\nfmt.Println(n)", want: "2\n"},
		{name: "cell interface", decls: decls, cell: "area := Shape.Area\nfmt.Println(area(Sq{3}))", want: "9\n"},
		{name: "promoted", decls: decls, cell: "g := Out.Get\nfmt.Println(g(Out{In{5}}))", want: "5\n"},
		{name: "promoted compiled", decls: decls, cell: "w := &W{}\nw.WriteString(\"ab\")\nfmt.Println((*W).Len(w))", want: "2\n"},
		{name: "in a function", cell: "func size(b *strings.Builder) int {\n\tf := (*strings.Builder).Len\n\treturn f(b)\n}\nvar b strings.Builder\nb.WriteString(\"x\")\nfmt.Println(size(&b))", want: "1\n"},
		{name: "deferred", cell: "var mu sync.Mutex\nmu.Lock()\nfunc() {\n\tdefer (*sync.Mutex).Unlock(&mu)\n}()\nfmt.Println(mu.TryLock())", want: "true\n"},
	})
}
