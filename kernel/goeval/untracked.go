package goeval

import (
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/descentlab/descent/kernel/goeval/interptype"
	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// The interpreter records the type of a value of a cell's type stored in
// an interface when the type has methods, which every defined type of the
// cells has (a hidden one, tracked.go), and the rewriter makes it box the
// value where it would store it bare (boxing.go). What is left bare: a
// value that went through compiled code (an argument of a compiled
// function's interface parameter, kept in a sync.Map or a list.List), a
// value of a type declared inside a function or of a generic type, and
// the plain values of the representation (an int). For a bare value the
// printer's universe lists the types it may have (interptype.BareTypes):
// a type is among them once its values were seen going bare into an
// interface. A type switch, an assertion or a comparison whose outcome is
// the same for all of them goes ahead; one whose outcome depends on which
// it is refuses instead of guessing.

// possibility is one type a value taken out of an interface may have.
type possibility struct {
	d dynValue
	// other names an interpreted type that is not a registered cell type
	// (a type declared inside a function, a generic type's instance), as
	// %T spells it; d.ct is nil then.
	other string
	// spell is how %T spells the type of a value of no cell type when it
	// is an unnamed type of interpreted code (struct { X int },
	// []main.Weekday): the run-time type's own spelling may differ.
	spell string
}

// name is the type as %T spells it.
func (p possibility) name() string {
	switch {
	case p.other != "":
		return p.other
	case p.spell != "" && p.d.ct == nil:
		return p.spell
	}
	return p.d.typeName()
}

// bareCache keeps interptype.BareTypes by run-time type until a program
// is read.
type bareCache struct {
	mu       sync.Mutex
	programs int64
	types    map[reflect.Type][]interptype.BareType
}

// bareTypes returns the types a bare value of run-time type rt may have.
func (s *dynTypes) bareTypes(rt reflect.Type) []interptype.BareType {
	if s.e == nil || s.e.fmt == nil || s.e.fmt.u == nil {
		return nil
	}
	u := s.e.fmt.u
	c := &s.bareSeen
	n := u.Programs()
	c.mu.Lock()
	if c.types == nil || c.programs != n {
		c.types, c.programs = map[reflect.Type][]interptype.BareType{}, n
	}
	bts, ok := c.types[rt]
	c.mu.Unlock()
	if ok {
		return bts
	}
	bts = u.BareTypes(rt)
	c.mu.Lock()
	if c.programs == n {
		c.types[rt] = bts
	}
	c.mu.Unlock()
	return bts
}

// possible returns the types value d may have: d itself when the
// interpreter recorded its type or no other type can be confused with
// its run-time type, otherwise one possibility per type it may have.
func (s *dynTypes) possible(d dynValue) []possibility {
	if !d.v.IsValid() || d.ct != nil && !d.guess {
		return []possibility{{d: d}}
	}
	plain := d
	plain.ct, plain.ptr, plain.guess = nil, false, false
	bts := s.bareTypes(d.v.Type())
	if len(bts) == 1 && bts[0].ID == "" && bts[0].PtrID == "" {
		return []possibility{{d: plain, spell: bts[0].Spell}}
	}
	var out []possibility
	seen := map[string]bool{}
	for _, bt := range bts {
		p := possibility{d: plain, spell: bt.Spell}
		if bt.ID == "" && bt.PtrID == "" && strings.Contains(bt.Spell, "main.") && !s.unnamedNoted(bt.Spell) {
			// An unnamed type holding a cell's type ([]main.Weekday)
			// whose values were never seen going into an interface.
			continue
		}
		if id, ptr := bt.ID, false; id != "" || bt.PtrID != "" {
			if id == "" {
				id, ptr = bt.PtrID, true
			}
			if name, ok := strings.CutPrefix(id, "main."); ok {
				if ct := s.cells.lookup(name); ct != nil {
					p.d.ct, p.d.ptr = ct, ptr
				}
			}
			if p.d.ct == nil {
				p.other = bt.Spell
			}
		}
		key := p.name()
		if p.d.ct != nil {
			key += "|" + p.d.ct.version
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		out = append(out, possibility{d: plain})
	}
	return out
}

// resolve returns d with its type when only one is possible, and whether
// it is.
func (s *dynTypes) resolve(d dynValue) (dynValue, bool) {
	ps := s.possible(d)
	if len(ps) == 1 && ps[0].other == "" {
		return ps[0].d, true
	}
	return d, false
}

// match says whether a possibility is of a type switch case's or an
// asserted type.
type match int

const (
	noMatch match = iota
	isMatch
	unknownMatch // an interpreted type the hooks cannot test
)

// matchOf tests possibility p against type t.
func (s *dynTypes) matchOf(p possibility, t typeinfer.Type, in *typeinfer.Inferer) match {
	if p.other == "" && p.d.ct == nil && p.d.v.IsValid() && t.RT == nil && t.AST != nil && in.Kind(t) != reflect.Interface {
		// An unnamed type of the cells (struct { X int }, []Weekday):
		// the same type if spelled the same.
		if _, _, named := (cellNames{in: in}).cellNamed(t); !named {
			want := cellNames{in: in}.typeString(t, reflect.Value{})
			if want == p.name() {
				return isMatch
			}
			return noMatch
		}
	}
	if p.other == "" {
		if s.matches(p.d, t, in) {
			return isMatch
		}
		return noMatch
	}
	if in.Kind(t) != reflect.Interface {
		return noMatch
	}
	if len(interfaceMethods(t, in)) == 0 {
		return isMatch
	}
	return unknownMatch
}

// names lists the possibilities' types for a message.
func possibleNames(ps []possibility) string {
	var names []string
	for _, p := range ps {
		names = append(names, p.name())
	}
	sort.Strings(names)
	if len(names) > 4 {
		names = append(names[:4:4], "...")
	}
	return strings.Join(names, ", ")
}

// refuseDoubt panics with the refusal of a construct (a type switch with
// its case, an assertion, a comparison) whose outcome depends on which of
// the possible types the value has.
func refuseDoubt(construct string, ps []possibility, instead string) {
	var whys []string
	seen := map[string]bool{}
	add := func(w string) {
		if !seen[w] {
			seen[w] = true
			whys = append(whys, w)
		}
	}
	for _, p := range ps {
		switch {
		case p.d.ct != nil:
			add("a " + p.d.ct.name + " handed to compiled code such as reflect.ValueOf comes back without its type")
		case p.other != "":
			add("a " + strings.TrimPrefix(p.other, "main.") + ", a type declared inside a function or a generic type, is stored without its type")
		case strings.Contains(p.name(), "main."):
			add("a " + strings.ReplaceAll(p.name(), "main.", "") + ", an unnamed type, is stored as its representation")
		}
	}
	why := "this value could be any of " + possibleNames(ps) + ", and the interpreter kept no type with it"
	if len(whys) > 0 {
		why += " (" + strings.Join(whys, "; ") + ")"
	}
	panic(&refusal{msg: construct + " cannot be checked: " + why + ": " + instead})
}

// assertChecked is the AssertType hook, for x.(T) outside type switches:
// the bare value when it is of type h, nil when not; it refuses when
// that depends on a type the interpreter did not keep.
func (s *dynTypes) assertChecked(h int, box []any) any {
	d := s.dynamicOf(box)
	t := s.typeOf(h)
	in := s.inferer()
	ps := s.possible(d)
	var got any
	var first match
	for i, p := range ps {
		m := s.matchOf(p, t, in)
		if m == unknownMatch || i > 0 && m != first {
			refuseDoubt("the type assertion .("+strings.ReplaceAll(cellNames{in: in}.typeString(t, reflect.Value{}), "main.", "")+")", ps,
				"assert the value before it goes into the interface or through compiled code")
		}
		first = m
		if m == isMatch && p.d.v.CanInterface() {
			got = p.d.v.Interface()
		}
	}
	return got
}

// assertTo is the AssertTo hook, for x.(T) outside type switches and
// comma-ok forms: as assertChecked, but a value not of type h panics as
// Go's failed assertion does; src is the static type of x.
func (s *dynTypes) assertTo(h int, src string, box []any) any {
	if v := s.assertChecked(h, box); v != nil {
		return v
	}
	d := s.dynamicOf(box)
	want := cellNames{in: s.inferer()}.typeString(s.typeOf(h), reflect.Value{})
	panic(&runtimeError{msg: "interface conversion: " + src + " is " + d.typeName() + ", not " + want})
}
