package goeval

import (
	"strings"
	"testing"
)

// asTypes declares the cells' types the errors.As tests use.
const asTypes = `type Temporary interface{ Temporary() bool }

type Q struct{ N int }

func (q Q) Error() string    { return fmt.Sprint("q", q.N) }
func (q *Q) Temporary() bool { return q.N > 0 }

type A struct{ X int }

func (a A) Error() string { return "A" }

type B struct{ X int }

func (b B) Error() string { return "B" }

type Proxy struct{ msg string }

func (p Proxy) Error() string { return p.msg }
func (p Proxy) As(target any) bool {
	if t, ok := target.(*Temporary); ok {
		*t = &Q{7}
		return true
	}
	return false
}

type Wrap struct{ inner error }

func (w *Wrap) Error() string { return "wrap(" + w.inner.Error() + ")" }
func (w *Wrap) Unwrap() error { return w.inner }

type Named struct{ Op string }

func (e *Named) Error() string  { return "named " + e.Op }
func (e *Named) String() string { return "S" + e.Op }
`

// asSession is a session with the errors.As tests' types declared.
func asSession(t *testing.T) *session {
	s := newSession(t, Options{})
	s.run(`import ("errors"; "fmt"; "os")`)
	s.run(asTypes)
	return s
}

func TestErrorsAsCellInterfaceTarget(t *testing.T) {
	s := asSession(t)
	s.run(`var t Temporary
fmt.Println(errors.As(Q{1}, &t), t)
fmt.Println(errors.As(&Q{2}, &t), t, t.Temporary())
fmt.Println(errors.As(&Wrap{&Q{3}}, &t), t)
fmt.Printf("%T %+v\n", t, t)
var tp *Temporary = &t
fmt.Println(errors.As(errors.Join(Q{1}, &Q{9}), tp), *tp)`)
	want := "false <nil>\ntrue q2 true\ntrue q3\n*main.Q q3\ntrue q9\n"
	if got := s.out.String(); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestErrorsAsMethodFillsCellInterface(t *testing.T) {
	s := asSession(t)
	s.run(`var t Temporary
fmt.Println(errors.As(&Wrap{Proxy{"p"}}, &t), t)
fmt.Printf("%T %v\n", t, t.Temporary())`)
	want := "true q7\n*main.Q true\n"
	if got := s.out.String(); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestErrorsAsConcreteCellTypesAlike(t *testing.T) {
	s := asSession(t)
	s.run(`var b B
fmt.Println(errors.As(fmt.Errorf("x %w", A{1}), &b), b.X)
fmt.Println(errors.As(fmt.Errorf("x %w", B{2}), &b), b.X)`)
	want := "false 0\ntrue 2\n"
	if got := s.out.String(); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestErrorsAsCompiledInterfaceTargets(t *testing.T) {
	s := asSession(t)
	s.run(`err := fmt.Errorf("w: %w", &Named{"dial"})
var st fmt.Stringer
fmt.Println(errors.As(err, &st), st, st.String())
fmt.Printf("%T\n", st)
if n, ok := st.(*Named); ok { fmt.Println(n.Op) }
var e error
fmt.Println(errors.As(&Wrap{Q{4}}, &e), e)
fmt.Printf("%T\n", e)
var a any
fmt.Println(errors.As(err, &a), a)`)
	want := "true named dial Sdial\n*main.Named\ndial\ntrue wrap(q4)\n*main.Wrap\ntrue w: named dial\n"
	if got := s.out.String(); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

func TestErrorsAsCompiledErrorIntoCellInterfaceRefused(t *testing.T) {
	s := asSession(t)
	s.run(`type Timeouter interface{ Timeout() bool }`)
	ce := s.fail(`_, oerr := os.Open("/nonexistent/x")
var tm Timeouter
fmt.Println(errors.As(oerr, &tm))`)
	if !strings.Contains(ce.Error(), "errors.As cannot store a *fs.PathError") {
		t.Fatalf("unexpected error: %v", ce)
	}
}

func TestErrorsAsUnknownCellInterfaceTargetRefused(t *testing.T) {
	s := asSession(t)
	s.run(`func findI[T any](err error, p *T) bool { return errors.As(err, p) }`)
	ce := s.fail(`var tt Temporary
fmt.Println(findI(&Q{3}, &tt))`)
	if !strings.Contains(ce.Error(), "errors.As cannot tell which interface type") {
		t.Fatalf("unexpected error: %v", ce)
	}
}

func TestErrorsAsCompiledInterfaceOfOtherMethodsRefused(t *testing.T) {
	s := asSession(t)
	s.run(`import "net"`)
	s.run(`type Slow struct{}

func (Slow) Error() string   { return "slow" }
func (Slow) Timeout() bool   { return true }
func (Slow) Temporary() bool { return true }`)
	ce := s.fail(`var ne net.Error
fmt.Println(errors.As(fmt.Errorf("x: %w", Slow{}), &ne))`)
	if !strings.Contains(ce.Error(), "declare the interface in a cell") {
		t.Fatalf("unexpected error: %v", ce)
	}
}

// A target of a named compiled type (the standard library's, a fetched
// module's, a %%compile cell's) takes an error of that very type.
func TestErrorsAsCompiledTypeTarget(t *testing.T) {
	s := asSession(t)
	s.run(`import ("io/fs"; "strconv")`)
	s.run(`_, err := strconv.Atoi("x")
var ne *strconv.NumError
fmt.Println(errors.As(fmt.Errorf("w: %w", err), &ne), ne.Func)
_, err = os.Open("/nonexistent/descent")
var pe *fs.PathError
fmt.Println(errors.As(err, &pe), pe.Op)
var q *Q
fmt.Println(errors.As(err, &q), q == nil)`)
	want := "true Atoi\ntrue open\nfalse true\n"
	if got := s.out.String(); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}
