package goeval

import "testing"

// Expected outputs below are what go run prints for the same programs.

// Compiled code gets the values of cells' types out of the interpreter's
// boxes: as arguments, inside slices and maps, and spread into a variadic
// ...any parameter.
func TestCompiledArgumentsUnboxed(t *testing.T) {
	s := newSession(t, Options{})
	s.run(`type Weekday int
type Temp float64
func (t Temp) String() string { return "T" }
type Rec struct {
	D Weekday
	V any
}`)
	s.run(`var a any = Weekday(2)
r := []any{"a", Weekday(1), Temp(2.5)}
b1, _ := json.Marshal(a)
b2, _ := json.Marshal(r)
b3, _ := json.Marshal(map[string]any{"r": Rec{3, Temp(4)}})
b4, _ := json.Marshal(append([]any{}, r...))
fmt.Println(string(b1), string(b2), string(b3), string(b4))
fmt.Println(fmt.Sprint(r...), reflect.DeepEqual(a, 2), reflect.DeepEqual(a, Weekday(2)))`)
	s.expectOut(`2 ["a",1,2.5] {"r":{"D":3,"V":4}} ["a",1,2.5]` + "\na1 T false true\n")
}
