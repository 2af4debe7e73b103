package interptype

import (
	"reflect"
	"sync/atomic"
)

// BareType is a type whose values an interface{} may hold as bare values
// (without the interpreter's record of their type) of one run-time type.
type BareType struct {
	// Spell is the type as %T spells it: main.Weekday, int.
	Spell string
	// ID names a named type of interpreted code as the interpreter
	// declared it, its hidden version included (main.Weekday_goeval_v1);
	// empty for other types.
	ID string
	// PtrID is ID of the element of a pointer type (*main.Weekday).
	PtrID string
}

// BareTypes returns the types a value of run-time type rt may have when
// an interface{} holds it without a record of its type: the named types
// of interpreted code with that representation that the interpreter may
// store bare there (a type without methods, or one seen stored bare in
// the programs read so far), and rt itself when a value of it can exist
// (see candidates). The answer changes as programs are read (Programs).
func (u *Universe) BareTypes(rt reflect.Type) []BareType {
	if rt == nil {
		return nil
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	var out []BareType
	for _, c := range u.candidates(slotAny, nil, rt) {
		b := BareType{Spell: spellOf(c)}
		if t, ok := c.(*Type); ok {
			if t.named() {
				b.ID = t.id()
			} else if e, ok := t.elem.(*Type); ok && t.kind == reflect.Pointer && e.named() {
				b.PtrID = e.id()
			}
		}
		out = append(out, b)
	}
	return out
}

// programs counts the programs read, for callers that cache BareTypes.
var programs atomic.Int64

// Programs returns a number that changes whenever a program is read.
func (u *Universe) Programs() int64 { return programs.Load() }

// MarkBare records that a value of the interpreter's type itype (an
// *interp.itype) was handed bare to compiled code, which may give it back
// without its type: from then on BareTypes lists the type.
func (u *Universe) MarkBare(itype reflect.Value) {
	if lay.err != nil || !itype.IsValid() || itype.Kind() != reflect.Pointer || itype.IsNil() {
		return
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	t, ok := u.types[itype.Pointer()]
	if !ok || u.unboxed[t] {
		return
	}
	u.unboxed[t] = true
	programs.Add(1)
}
