package goprint_test

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/goeval/goprint"
)

// The printer must print exactly what fmt prints. These tests give both the
// same compiled Go values: fmt is the truth, and the printer, told that the
// values are not plain, formats every one of them itself (types, fields,
// methods from reflect).

type Weekday int

type Celsius float64

func (c Celsius) String() string { return fmt.Sprintf("%.1f°C", float64(c)) }

type Level int

func (l Level) String() string {
	switch l {
	case 0:
		return "low"
	case 1:
		return "high"
	}
	return "?"
}

type P struct {
	Name string
	Age  int
}

type run struct {
	name string
	loss float64
	lvl  Level
}

type Job struct {
	Name string
	Lvl  Level
	when time.Duration
	Tags []string
	M    map[string]int
	Ptr  *P
	Any  any
	Err  error
}

type Node struct {
	Val  int
	Next *Node
}

func (n *Node) String() string {
	s := ""
	for p := n; p != nil; p = p.Next {
		s += fmt.Sprint(p.Val, "->")
	}
	return s + "nil"
}

type RangeErr struct{ X float64 }

func (e RangeErr) Error() string { return fmt.Sprintf("%g out of range", e.X) }

type PtrErr struct{ Code int }

func (e *PtrErr) Error() string { return fmt.Sprintf("code %d", e.Code) }

type Gopher struct{ N int }

func (g Gopher) GoString() string { return fmt.Sprintf("Gopher(%d)", g.N) }
func (g Gopher) String() string   { return "gopher" }

type Money int64

func (m Money) Format(f fmt.State, verb rune) {
	w, wok := f.Width()
	pr, pok := f.Precision()
	fmt.Fprintf(f, "$%d[%c w=%d,%v p=%d,%v +%v #%v -%v]", int64(m), verb, w, wok, pr, pok, f.Flag('+'), f.Flag('#'), f.Flag('-'))
}

type Panicky struct{ Msg string }

func (p Panicky) String() string { panic(p.Msg) }

type NilOK struct{}

func (n *NilOK) String() string {
	if n == nil {
		return "nil NilOK"
	}
	return "NilOK"
}

type ValueRecv struct{ A int }

func (v ValueRecv) String() string { return fmt.Sprint("VR", v.A) }

type Base struct{ ID int }

func (b Base) String() string { return fmt.Sprint("base#", b.ID) }

type Derived struct {
	Base
	Extra string
}

type hidden struct{ base Base }

type Bytes []byte
type Byte byte

func (b Byte) String() string { return "B" }

type Vec []float64
type Grid [2][2]int
type Key struct {
	A int
	B string
}
type Flag bool
type Str string

func (s Str) String() string { return "<" + string(s) + ">" }

type Shape interface{ Area() float64 }
type Square struct{ Side float64 }

func (s Square) Area() float64 { return s.Side * s.Side }

type Circle struct{ R float64 }

func (c Circle) Area() float64  { return 3 * c.R * c.R }
func (c Circle) String() string { return fmt.Sprintf("circle(%g)", c.R) }

type WithIface struct {
	S Shape
	E error
	a any
}

func values() []any {
	var nilP *P
	var nilNode *Node
	var nilNilOK *NilOK
	var nilErr error
	var nilMap map[string]int
	var nilSlice []int
	var nilVR *ValueRecv
	n := &Node{1, &Node{2, nil}}
	p := &P{"Ann", 30}
	ch := make(chan int)
	return []any{
		nil, 0, -7, 42, uint8(200), uint64(1 << 63), int8(-3), uintptr(10), 3.5, float32(0.1), 1e21, math.NaN(), math.Inf(-1),
		complex(1, -2), complex64(complex(0.5, 0)), true, false, "", "hello", "tab\there", "ünï", 'x',
		[]byte("hi"), []byte(nil), Bytes("ab"), []Byte{65, 66}, [3]byte{1, 2, 3},
		Weekday(3), Celsius(21.5), Level(1), Level(7), Flag(true), Str("s"),
		P{"Ann", 30}, p, nilP, &p, run{"adam", 0.125, 1}, []run{{"a", 1, 0}},
		Job{Name: "train", Lvl: 0, when: time.Second, Tags: []string{"x", "y"}, M: map[string]int{"b": 2, "a": 1}, Ptr: p, Any: Celsius(2), Err: RangeErr{1}},
		Job{}, n, *n.Next, nilNode, []*Node{n, nil}, []Node{*n},
		RangeErr{3.5}, &RangeErr{2}, &PtrErr{404}, PtrErr{500}, errors.New("plain"), fmt.Errorf("wrapped: %w", RangeErr{1}), nilErr,
		Gopher{7}, []Gopher{{1}}, Money(5), []Money{1, 2}, map[string]Money{"x": 3},
		Panicky{"boom"}, []Panicky{{"inner"}}, nilNilOK, &NilOK{}, nilVR, &ValueRecv{3}, ValueRecv{4}, []*ValueRecv{nil},
		Derived{Base{1}, "e"}, &Derived{Base{2}, "f"}, hidden{Base{3}}, []Derived{{Base{4}, "g"}},
		Vec{1, 2.5}, Vec(nil), Grid{{1, 2}, {3, 4}}, []Celsius{18, 22.25}, map[string]Celsius{"Oslo": 4, "Rome": 19},
		map[Key]int{{2, "b"}: 1, {1, "z"}: 2, {1, "a"}: 3}, map[float64]string{math.NaN(): "nan", -1: "neg", 2: "two"},
		map[bool]int{true: 1, false: 0}, map[Celsius]Level{1: 1, 0: 0}, nilMap, map[string][]int{"k": {1}},
		map[int]any{1: "one", 2: Celsius(2), 3: nil}, map[string]Shape{"sq": Square{2}, "c": Circle{1}},
		nilSlice, []int{}, []any{1, "a", nil, Celsius(1), &P{"Bo", 1}, []int{1}}, []Shape{Square{2}, Circle{1}, nil},
		[]error{errors.New("first"), RangeErr{3.5}, nil, &PtrErr{1}}, map[int]error{10: RangeErr{2}, 20: errors.New("nan loss")},
		WithIface{Square{1}, RangeErr{2}, 3}, WithIface{}, &WithIface{Circle{2}, nil, "s"},
		struct {
			in   float64
			want float64
		}{4, 2}, struct{}{}, []struct{ A, b int }{{1, 2}},
		ch, (chan<- int)(nil), func() {}, (func(int) string)(nil), time.Duration(1500) * time.Millisecond,
		[]time.Duration{time.Second}, struct{ D time.Duration }{time.Minute}, struct{ d time.Duration }{time.Minute},
		[2]any{1, nil}, [0]int{}, &[2]int{1, 2}, &[]string{"a"}, &map[string]int{"a": 1}, []*int{nil},
	}
}

var verbs = []string{
	"%v", "%+v", "%#v", "%T", "%s", "%q", "%x", "%X", "%d", "%t", "%c", "%U", "%e", "%g", "%f", "%b", "%o", "%O", "%w", "%p",
	"%8.3f", "%-8v", "%08v", "%+d", "% x", "%#x", "%.2s", "%10s", "%-10T", "%#q", "%+q", "%.1v", "%6.2v", "%#o", "%z", "%!",
	"%#+v", "%+#v", "% d", "%#d", "%+s", "%#s",
}

func operand(x any) goprint.Value {
	if x == nil {
		return goprint.Value{}
	}
	return goprint.Value{Type: goprint.Of(reflect.TypeOf(x), false), Value: reflect.ValueOf(x)}
}

func operands(xs []any) []goprint.Value {
	out := make([]goprint.Value, len(xs))
	for i, x := range xs {
		out[i] = operand(x)
	}
	return out
}

func TestEveryVerbOnEveryValueAsFmt(t *testing.T) {
	for _, x := range values() {
		for _, verb := range verbs {
			want := fmt.Sprintf(verb, x)
			got := goprint.Sprintf(verb, operand(x))
			if got != want {
				t.Errorf("Sprintf(%q, %T):\n got %q\nwant %q", verb, x, got, want)
			}
		}
	}
}

func TestPrintAndPrintlnAsFmt(t *testing.T) {
	vs := values()
	for i := 0; i+3 <= len(vs); i++ {
		args := vs[i : i+3]
		if want, got := fmt.Sprint(args...), goprint.Sprint(operands(args)...); got != want {
			t.Errorf("Sprint(%T, %T, %T):\n got %q\nwant %q", args[0], args[1], args[2], got, want)
		}
		if want, got := fmt.Sprintln(args...), goprint.Sprintln(operands(args)...); got != want {
			t.Errorf("Sprintln(%T, %T, %T):\n got %q\nwant %q", args[0], args[1], args[2], got, want)
		}
	}
	strs := []any{"a", "b", 1, 2, "c", Str("d"), 3.5, nil, "e"}
	if want, got := fmt.Sprint(strs...), goprint.Sprint(operands(strs)...); got != want {
		t.Errorf("Sprint of strings: got %q want %q", got, want)
	}
}

func TestFormatsAsFmt(t *testing.T) {
	cases := []struct {
		format string
		args   []any
	}{
		{"%d %d", []any{1}},
		{"%d", []any{1, 2, "x", nil, Celsius(3)}},
		{"%[2]d %[1]d", []any{1, 2}},
		{"%[3]d", []any{1, 2}},
		{"%[0]d", []any{1}},
		{"%[x]d", []any{1}},
		{"%[1]d %d %d", []any{1, 2, 3, 4}},
		{"%*d|%-*d|%.*f", []any{5, 42, 4, 7, 2, math.Pi}},
		{"%*d", []any{"w", 3}},
		{"%.*d", []any{-1, 3}},
		{"%*d", []any{-6, 3}},
		{"%*d", []any{Weekday(4), 3}},
		{"%*d", []any{int64(1 << 40), 3}},
		{"%[2]*[1]d", []any{12, 5}},
		{"%[1]2d", []any{1}},
		{"%[1].2d", []any{1}},
		{"%.[2]d", []any{1, 2}},
		{"100%%", nil},
		{"%", nil},
		{"%-", []any{1}},
		{"%.", []any{1}},
		{"no verbs", []any{P{"x", 1}}},
		{"%v %v", []any{Celsius(1), []Celsius{2, 3}}},
		{"%s|%v|%d", []any{Level(1), Level(1), Level(1)}},
		{"%v %+v", []any{Job{Name: "train"}, Job{Name: "train"}}},
		{"%x %X %q", []any{Str("hi"), []Str{"a"}, Celsius(1)}},
		{"%5.1f|%-6.2v|%08.3f", []any{Celsius(2.25), Celsius(3), 3.14159}},
		{"%v", []any{[]any{[]any{nil}}}},
		{"%T %T %T", []any{[]Shape{}, map[Key][]*P{}, func(int, ...string) (bool, error) { return false, nil }}},
		{"%T", []any{struct {
			A int `json:"a"`
			b string
		}{}}},
		{"%v %d", []any{&[]Celsius{1}, &map[string]Level{"a": 0}}},
		{"%s", []any{&P{"Ann", 1}}},
		{"%d", []any{[]string{"a"}}},
		{"%x", []any{[]Str{"ab"}}},
		{"%+d", []any{"hi"}},
		{"%#d", []any{"hi", 1.0}},
		{"%#s", []any{1.0}},
		{"%+s", []any{5}},
		{"%+x", []any{true}},
		{"%#z", []any{uint(7), 1.5, complex(1, 1), "s", true}},
	}
	for _, c := range cases {
		want := fmt.Sprintf(c.format, c.args...)
		got := goprint.Sprintf(c.format, operands(c.args)...)
		if got != want {
			t.Errorf("Sprintf(%q, %v):\n got %q\nwant %q", c.format, c.args, got, want)
		}
	}
}

func TestInterfaceOperandsAsFmt(t *testing.T) {
	// An operand whose static type is an interface: the printer asks the
	// Type for the dynamic type.
	var s Shape = Circle{2}
	var e error = &PtrErr{3}
	var nilShape Shape
	var st fmt.Stringer = Level(0)
	for _, c := range []struct {
		static reflect.Type
		v      reflect.Value
		x      any
	}{
		{reflect.TypeFor[Shape](), reflect.ValueOf(&s).Elem(), s},
		{reflect.TypeFor[error](), reflect.ValueOf(&e).Elem(), e},
		{reflect.TypeFor[Shape](), reflect.ValueOf(&nilShape).Elem(), nilShape},
		{reflect.TypeFor[fmt.Stringer](), reflect.ValueOf(&st).Elem(), st},
	} {
		for _, verb := range verbs {
			want := fmt.Sprintf(verb, c.x)
			got := goprint.Sprintf(verb, goprint.Value{Type: goprint.Of(c.static, false), Value: c.v})
			if got != want {
				t.Errorf("Sprintf(%q, %s holding %T):\n got %q\nwant %q", verb, c.static, c.x, got, want)
			}
		}
	}
}

func TestErrorfAsFmt(t *testing.T) {
	cases := []struct {
		format string
		args   []any
	}{
		{"config: %w", []any{RangeErr{1}}},
		{"config: %w", []any{&PtrErr{2}}},
		{"a %w b %w", []any{RangeErr{1}, errors.New("x")}},
		{"%[2]w %[1]w %[2]w", []any{RangeErr{1}, errors.New("x")}},
		{"%w", []any{42}},
		{"%w %w", []any{42, errors.New("e")}},
		{"no wrap %v", []any{RangeErr{1}}},
		{"%+w|%#w|%5w", []any{RangeErr{1}, RangeErr{2}, errors.New("e")}},
		{"%w", []any{nil}},
		{"%d %w", []any{[]error{errors.New("x")}, Money(1)}},
	}
	for _, c := range cases {
		werr := fmt.Errorf(c.format, c.args...)
		msg, wrapped := goprint.Errorf(c.format, operands(c.args)...)
		if msg != werr.Error() {
			t.Errorf("Errorf(%q): message %q, want %q", c.format, msg, werr.Error())
		}
		var want []any
		switch u := werr.(type) {
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				want = append(want, e)
			}
		case interface{ Unwrap() error }:
			want = append(want, u.Unwrap())
		}
		var got []any
		for _, i := range wrapped {
			if e, ok := c.args[i].(error); ok || len(wrapped) == 1 {
				got = append(got, e)
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("Errorf(%q) wraps %v, want %v", c.format, got, want)
		}
	}
	// %w outside Errorf is a bad verb.
	wverb := "%w"
	if got, want := goprint.Sprintf(wverb, operand(RangeErr{1})), fmt.Sprintf(wverb, RangeErr{1}); got != want {
		t.Errorf("Sprintf %%w: got %q want %q", got, want)
	}
}

func TestPlainOperandsGoToFmt(t *testing.T) {
	// A plain operand is handed to fmt whole; the result is the same.
	for _, x := range values() {
		for _, verb := range []string{"%v", "%+v", "%#v", "%T", "%d", "%w"} {
			op := goprint.Value{}
			if x != nil {
				op = goprint.Value{Type: goprint.Of(reflect.TypeOf(x), true), Value: reflect.ValueOf(x)}
			}
			if got, want := goprint.Sprintf(verb, op), fmt.Sprintf(verb, x); got != want {
				t.Errorf("plain Sprintf(%q, %T): got %q want %q", verb, x, got, want)
			}
		}
	}
}

func TestPanicValueIsPrintedAsFmtDoes(t *testing.T) {
	got := goprint.Sprint(operand(Panicky{"x"}), operand([]Panicky{{"y"}}))
	want := fmt.Sprint(Panicky{"x"}, []Panicky{{"y"}})
	if got != want || !strings.Contains(got, "PANIC=String method: x") {
		t.Errorf("got %q want %q", got, want)
	}
}
