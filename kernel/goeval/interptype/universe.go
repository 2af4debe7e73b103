package interptype

import (
	"reflect"
	"sync"
	"sync/atomic"

	"github.com/descentlab/descent/kernel/goeval/goprint"
)

// Universe describes the types of the values of one interpreter. It is
// safe for concurrent use: interpreted goroutines print concurrently.
type Universe struct {
	// Name turns the name of a type declared in the interpreter into the
	// name Go would print (the evaluator declares types under hidden
	// versioned names). Set it before use.
	Name func(string) string
	// Spread is the name of the parameter of the function literal that
	// the evaluator hands a print call's lone call operand through,
	// print(func(Spread ...interface{}) []interface{} { return Spread }(g())...):
	// the operands of such a call have the types of g's results (see
	// ReadProgram). SpreadGeneric is the name in a generic function, whose
	// results' types depend on the instance: there a result of a type with
	// methods is recorded as stored without its type. Set them before use.
	Spread, SpreadGeneric string

	mu      sync.Mutex
	types   map[uintptr]*Type           // descriptions of named itypes, which they keep
	pending []*Type                     // named types met before yaegi made their reflect type
	shared  map[string]*Type            // descriptions of unnamed types, by structure
	memo    map[uintptr]goprint.Type    // descriptions of the itypes of the program being read
	bins    map[reflect.Type]*binType   // descriptions of compiled types
	index   map[reflect.Type][]*Type    // types of interpreted code, by run-time type
	callers map[callerKey]reflect.Value // registered method callers
	done    map[string]string           // type key -> method set its callers were made for
	failed  map[string]string           // type key -> why its callers could not be made
	unboxed map[*Type]bool              // types with methods seen stored in an interface{} unboxed
	wrapped map[string]wrapCheck        // exactInWrapper by interface
	gen     int                         // bumped when methods or callers may have changed
	unknown *Type
	// lostInstances is set once an instance of a non-struct generic type
	// was met: yaegi spells such a type argument by its underlying type.
	lostInstances atomic.Bool
}

// NewUniverse returns an empty Universe.
func NewUniverse() *Universe {
	return &Universe{
		Name:    func(s string) string { return s },
		types:   map[uintptr]*Type{},
		shared:  map[string]*Type{},
		bins:    map[reflect.Type]*binType{},
		index:   map[reflect.Type][]*Type{},
		callers: map[callerKey]reflect.Value{},
		done:    map[string]string{},
		failed:  map[string]string{},
		unboxed: map[*Type]bool{},
		wrapped: map[string]wrapCheck{},
	}
}

// Unknown is the Type of an operand whose static type is not known (an
// operand of a call whose program was not read): as for an interface
// type, its type is told from its value.
func (u *Universe) Unknown() goprint.Type {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.unknown == nil {
		u.unknown = &Type{u: u, cat: "genericT", kind: reflect.Interface, str: "interface {}", slot: slotUnknown}
	}
	return u.unknown
}

// Any is the Type of an operand of static type any (interface{}).
func (u *Universe) Any() goprint.Type {
	return u.Compiled(reflect.TypeFor[any]())
}

// Compiled returns the Type of compiled type t.
func (u *Universe) Compiled(t reflect.Type) goprint.Type {
	u.mu.Lock()
	defer u.mu.Unlock()
	return u.bin(t)
}

// PanicType describes the value a method panicked with.
func (u *Universe) PanicType(r any) goprint.Type {
	if r == nil {
		return nil
	}
	return u.Compiled(reflect.TypeOf(r))
}
