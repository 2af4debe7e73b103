package goeval

import (
	"strings"
	"testing"
)

// cellIfaceSession declares interfaces of the cells that compiled types
// implement, or nearly.
func cellIfaceSession(t *testing.T) *session {
	s := newSession(t, Options{})
	s.run(`import ("bytes"; "fmt"; "io/fs"; "os"; "strconv"; "time")`)
	s.run(`type Timeouter interface{ Timeout() bool }
type Lener interface{ Len() int }
type LenString interface{ Len() string }
type Writer interface{ Write(p []byte) (int, error) }`)
	return s
}

func TestCompiledValueCommaOKBlankAnswered(t *testing.T) {
	s := cellIfaceSession(t)
	s.run(`func has(v any) (bool, bool, bool, bool) {
	_, a := v.(Timeouter)
	_, b := v.(Lener)
	var _, c = v.(LenString)
	_, d := v.(Writer)
	return a, b, c, d
}`)
	s.run(`_, oerr := os.Open("/nonexistent/x")
fmt.Println(has(oerr))
fmt.Println(has(bytes.NewBufferString("ab")))
fmt.Println(has(bytes.Buffer{}))
fmt.Println(has(time.Second))
fmt.Println(has(nil))
_, nerr := strconv.Atoi("x")
_, u := nerr.(interface{ Unwrap() error })
fmt.Println(u)`)
	want := "true false false false\nfalse true false true\nfalse false false false\nfalse false false false\nfalse false false false\ntrue\n"
	if got := s.out.String(); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestCompiledValueTypeSwitchCaseNotReadAnswered(t *testing.T) {
	s := cellIfaceSession(t)
	s.run(`func kind(err error) string {
	switch v := err.(type) {
	case Timeouter:
		return "timeout"
	case *strconv.NumError:
		return v.Func
	}
	return "other"
}`)
	s.run(`_, oerr := os.Open("/nonexistent/x")
_, nerr := strconv.Atoi("x")
fmt.Println(kind(oerr), kind(nerr), kind(fs.ErrClosed))`)
	if got, want := s.out.String(), "timeout Atoi other\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func TestCompiledValueIntoCellInterfaceRefused(t *testing.T) {
	s := cellIfaceSession(t)
	s.run(`var x any = bytes.NewBufferString("abc")`)
	for _, c := range []struct{ cell, want string }{
		{`l, ok := x.(Lener); fmt.Println(l, ok)`, "the type assertion x.(Lener) cannot hold a *bytes.Buffer"},
		{`fmt.Println(x.(Lener).Len())`, "the type assertion x.(Lener) cannot hold a *bytes.Buffer"},
		{`switch v := x.(type) { case Lener: fmt.Println(v.Len()) }`, "a type switch's case Lener cannot hold a *bytes.Buffer"},
	} {
		ce := s.fail(c.cell)
		if !strings.Contains(ce.Error(), c.want) || !strings.Contains(ce.Error(), "assert to the concrete type (.(*bytes.Buffer))") {
			t.Errorf("cell %q: unexpected error: %v", c.cell, ce)
		}
	}
	// A compiled value without the methods fails as Go's assertion does.
	s.run(`var d any = time.Second
l, ok := d.(Lener)
fmt.Println(l == nil, ok)`)
	if got := s.out.String(); got != "true false\n" {
		t.Fatalf("got %q", got)
	}
	// Assigned where its type is written, the value converts.
	s.run(`b := bytes.NewBufferString("hello"); var lb Lener = b; fmt.Println(lb.Len())`)
	if got := s.out.String(); got != "true false\n5\n" {
		t.Fatalf("got %q", got)
	}
}
