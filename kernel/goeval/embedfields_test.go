package goeval

import (
	"strings"
	"testing"
)

// Expected outputs below are what go run prints for the same programs.

const embedTypes = "type Base struct {\n\tID   int\n\tName string `json:\"name\"`\n}\n" + `type Run struct {
	Base
	Loss float64
}
type PRun struct {
	*Base
	Loss float64
}
type Only struct{ Base }
type hidden struct{ A int }
type OnlyH struct{ hidden }
type WithHidden struct {
	hidden
	B int
}
type Named struct {
	Base Base
	note string
	K    int
}
type Tagged struct {
	Base ` + "`json:\"base\"`" + `
	K int
}`

// A struct type of the cells with an embedded field among others is
// refused where encoding/json, encoding/xml or a template would read it,
// before the cell runs when its type is known and when the value is
// handed over otherwise; naming no other field, the error names the type,
// the field and what to write instead.
func TestEmbeddedFieldRefused(t *testing.T) {
	s := newSession(t, Options{})
	s.run(embedTypes)
	s.run(`r := Run{Base{1, "a"}, 2}
var a any = r`)
	cases := []struct{ cell, owner, field string }{
		{`fmt.Println("x"); json.Marshal(r)`, "Run", "Base"},
		{`json.MarshalIndent([]Run{r}, "", " ")`, "Run", "Base"},
		{`json.NewEncoder(os.Stdout).Encode(map[string]*Run{"k": &r})`, "Run", "Base"},
		{`var back Run; json.Unmarshal([]byte("{}"), &back)`, "Run", "Base"},
		{`var back Run; json.NewDecoder(strings.NewReader("{}")).Decode(&back)`, "Run", "Base"},
		{`json.Marshal(PRun{&Base{}, 1})`, "PRun", "*Base"},
		{`json.Marshal(WithHidden{})`, "WithHidden", "hidden"},
		{`xml.Marshal(r)`, "Run", "Base"},
		{`template.Must(template.New("t").Parse("{{.ID}}")).Execute(os.Stdout, r)`, "Run", "Base"},
		{`json.Marshal(struct{ R []Run }{})`, "Run", "Base"},
		{`json.Marshal(a)`, "Run", "Base"},
		{`json.Marshal(map[string]any{"k": []any{1, &r}})`, "Run", "Base"},
		{`xml.Marshal(Tagged{})`, "Tagged", "Base"},
	}
	for _, c := range cases {
		ce := s.fail(c.cell)
		want := "the embedded field " + c.field + " of " + c.owner + " as Go does"
		if ce.Kind != KindUnsupported || !strings.Contains(ce.Message, want) || !strings.Contains(ce.Message, "Name the field and tag it") {
			t.Errorf("cell %q: %s: %s, want the refusal %q", c.cell, ce.Kind, ce.Message, want)
		}
	}
	s.expectOut("")
}

// A struct whose only field is embedded (which the interpreter marks), a
// field named after its type, an unexported field and an embedded field
// with a json name tag are written as Go writes them.
func TestEmbeddedFieldMatching(t *testing.T) {
	s := newSession(t, Options{})
	s.run(embedTypes)
	s.run(`b, _ := json.Marshal(Only{Base{3, "o"}})
fmt.Println(string(b))
b, _ = json.Marshal(OnlyH{hidden{1}})
fmt.Println(string(b))
var o Only
fmt.Println(json.Unmarshal([]byte(` + "`" + `{"ID":7,"name":"x"}` + "`" + `), &o), o.ID, o.Name)
var a any = Named{Base{1, "n"}, "z", 2}
b, _ = json.Marshal(a)
fmt.Println(string(b))
b, _ = json.Marshal(Tagged{Base{4, "t"}, 5})
fmt.Println(string(b))`)
	s.expectOut(`{"ID":3,"name":"o"}
{"A":1}
<nil> 7 x
{"Base":{"ID":1,"name":"n"},"K":2}
{"base":{"ID":4,"name":"t"},"K":5}
`)
}
