package goeval

import (
	"fmt"
	"strings"
	"testing"
)

// printCase is a session of two cells: decls, then cell, which must print
// want (or, with refuse set, fail with an error containing it).
type printCase struct {
	name   string
	decls  string
	cell   string
	want   string
	refuse bool
}

func runPrintCases(t *testing.T, cases []printCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newSession(t, Options{})
			if tc.decls != "" {
				s.run(tc.decls)
			}
			if tc.refuse {
				ce := s.fail(tc.cell)
				if !strings.Contains(ce.Message, tc.want) {
					t.Fatalf("error %q, want it to contain %q", ce.Message, tc.want)
				}
				return
			}
			r := s.run(tc.cell)
			got := s.out.String()
			if r.HasValue {
				got += s.valueString(r)
			}
			if got != tc.want {
				t.Fatalf("printed %q, want %q", got, tc.want)
			}
		})
	}
}

// valueString renders a cell's value as the notebook shows it.
func (s *session) valueString(r Result) string {
	return fmt.Sprint(r.Value.Interface()) + "\n"
}

const bothDecls = `type Both struct{ N int }

func (b Both) String() string { return fmt.Sprintf("Both(%d)", b.N) }

func f() any {
	var y any
	y = Both{8}
	return y
}`

// A call handed to fmt as its only operand keeps the dynamic type of the
// interface values it returns (the interpreter drops it when it passes a
// call's results to compiled code directly).
func TestPrintLoneCallOperand(t *testing.T) {
	runPrintCases(t, []printCase{
		{name: "any", decls: bothDecls, cell: "fmt.Println(f())", want: "Both(8)\n"},
		{name: "sprint", decls: bothDecls, cell: "fmt.Print(fmt.Sprint(f()), \"\\n\")", want: "Both(8)\n"},
		{name: "nested", decls: bothDecls + "\nfunc wrap(x any) any { return x }", cell: "fmt.Println(wrap(f()))", want: "Both(8)\n"},
		{name: "several results", decls: bothDecls + "\nfunc two() (any, int) { return f(), 2 }", cell: "fmt.Println(two())", want: "Both(8) 2\n"},
		{name: "method", decls: bothDecls + "\ntype H struct{ v any }\n\nfunc (h H) Get() any { return h.v }", cell: "fmt.Println(H{f()}.Get())", want: "Both(8)\n"},
		{name: "log", decls: bothDecls, cell: "log.SetFlags(0)\nlog.SetOutput(os.Stdout)\nlog.Println(f())", want: "Both(8)\n"},
		{name: "cell value", decls: bothDecls, cell: "f()", want: "Both(8)\n"},
		{name: "in a function", decls: bothDecls + "\nfunc show() { fmt.Println(f()) }", cell: "show()", want: "Both(8)\n"},
		{name: "deferred", decls: bothDecls, cell: "func() {\n\tdefer fmt.Println(f())\n}()", want: "Both(8)\n"},
		{name: "deferred several results", decls: bothDecls + "\nfunc two() (any, int) { return f(), 2 }", cell: "func() {\n\tdefer fmt.Println(two())\n\tfmt.Println(\"first\")\n}()", want: "first\nBoth(8) 2\n"},
		{name: "generic", decls: bothDecls + "\nfunc Id[T any](x T) T { return x }\n\nfunc Show[T any](x T) { fmt.Println(Id(x)) }",
			cell: "Show(Both{2})\nShow(3)", want: "Both(2)\n3\n"},
		{name: "builtin", decls: bothDecls, cell: "xs := []Both{{1}}\nfmt.Println(append(xs, Both{2}))\nfmt.Println(len(xs))", want: "[Both(1) Both(2)]\n1\n"},
		{name: "compiled", cell: "fmt.Println(strconv.Atoi(\"12\"))", want: "12 <nil>\n"},
		// A value returned as any from a variable of its own type keeps
		// its type (the return is boxed).
		{name: "return of a variable", decls: "type Celsius float64\n\nfunc (c Celsius) String() string { return \"C\" }\n\nfunc g() any { c := Celsius(2); return c }",
			cell: "fmt.Println(g())", want: "C\n"},
	})
}

// An explicit conversion to any, printed directly, has the dynamic type
// of the converted value.
func TestPrintConversionToAny(t *testing.T) {
	decls := "type Celsius float64\n\nfunc (c Celsius) String() string { return \"C\" }"
	runPrintCases(t, []printCase{
		{name: "lone", decls: decls, cell: "fmt.Println(any(Celsius(3)))", want: "C\n"},
		{name: "verbs", decls: decls, cell: "c := Celsius(1)\nfmt.Printf(\"%v %T %v\\n\", any(c), interface{}(c), any(nil))", want: "C main.Celsius <nil>\n"},
		{name: "interface operand", decls: decls, cell: "var x any = 3\nfmt.Println(any(x))", want: "3\n"},
	})
}

// A recovered panic value of a cell type prints as its type: panic(x) of
// a value of the type (which the interpreter stores bare), and of an
// interface holding one (which it keeps with its type).
func TestPrintRecoveredCellValue(t *testing.T) {
	const decls = "type Both struct{ N int }\n\nfunc (b Both) String() string { return fmt.Sprintf(\"Both(%d)\", b.N) }"
	runPrintCases(t, []printCase{
		{name: "value", decls: decls, cell: "func() {\n\tdefer func() { fmt.Println(recover()) }()\n\tpanic(Both{1})\n}()", want: "Both(1)\n"},
		{name: "variable", decls: decls, cell: "func() {\n\tdefer func() { r := recover(); fmt.Printf(\"%v %T\\n\", r, r) }()\n\tb := Both{2}\n\tpanic(b)\n}()", want: "Both(2) main.Both\n"},
		{name: "interface", decls: decls, cell: "func() {\n\tdefer func() { r := recover(); b, ok := r.(Both); fmt.Println(r, b.N, ok) }()\n\tvar x any = Both{3}\n\tpanic(x)\n}()", want: "Both(3) 3 true\n"},
	})
}

// A *T of a T whose methods all have value receivers keeps its type in an
// any (every cell type's pointer has a hidden method: tracked.go); a
// same-layout type with a pointer-receiver String method is not taken
// for it.
func TestPrintPointerSameLayout(t *testing.T) {
	const decls = "type Both struct{ N int }\n\nfunc (b Both) String() string { return fmt.Sprintf(\"Both(%d)\", b.N) }\n\n" +
		"type Other struct{ N int }\n\nfunc (o *Other) String() string { return fmt.Sprintf(\"Other(%d)\", o.N) }"
	runPrintCases(t, []printCase{
		{name: "literal", decls: decls, cell: "var y any = &Both{8}\nfmt.Println(y)", want: "Both(8)\n"},
		{name: "variable", decls: decls, cell: "b := &Both{9}\nvar y any = b\nvar o any = &Other{1}\nfmt.Printf(\"%v %T %v\\n\", y, y, o)", want: "Both(9) *main.Both Other(1)\n"},
		{name: "value methods only", decls: "type Sq struct{ S int }\n\nfunc (s Sq) Area() int { return s.S * s.S }\n\n" +
			"type Other struct{ S int }\n\nfunc (o *Other) String() string { return \"other\" }",
			cell: "var y any = &Sq{2}\nfmt.Println(y)", want: "&{2}\n"},
		{name: "twin without methods", decls: decls + "\n\ntype Plain struct{ N int }\n\nfunc newPlain() *Plain { return &Plain{1} }",
			cell: "var y any = &Both{8}\nfmt.Println(y, newPlain())", want: "Both(8) &{1}\n"},
	})
}
