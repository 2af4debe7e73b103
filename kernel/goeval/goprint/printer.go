package goprint

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// flags is the state of one formatting directive, as fmt keeps it: plusV
// and sharpV are the + and # flags of a %v directive, which fmt turns into
// struct-field and Go-syntax printing instead of flags of the operand.
type flags struct {
	plus, minus, sharp, space, zero bool
	plusV, sharpV                   bool
	wid, prec                       int
	widPresent, precPresent         bool
}

// printer formats operands into buf. It is the fmt.State handed to Format
// methods.
type printer struct {
	buf []byte
	f   flags

	wrapErrs   bool  // Errorf: %w is allowed
	wrapped    []int // operand indexes of the %w directives
	reordered  bool  // an explicit [n] index was used
	goodArgNum bool  // the directive's [n] index is valid
	erroring   bool  // printing the operand of a %!verb(...): no methods
	panicking  bool  // printing the value a method panicked with
	// noCall is set while printing a candidate type of an ambiguous
	// value: a method call aborts the rendering (errNoCall).
	noCall bool
}

var errNoCall = errors.New("goprint: method call while rendering a candidate")

// Write appends b to the output; with WriteString, Width, Precision and
// Flag it makes the printer a fmt.State for Format methods.
func (p *printer) Write(b []byte) (int, error) {
	p.buf = append(p.buf, b...)
	return len(b), nil
}

// WriteString appends s to the output.
func (p *printer) WriteString(s string) (int, error) {
	p.buf = append(p.buf, s...)
	return len(s), nil
}

// Width returns the directive's width.
func (p *printer) Width() (int, bool) { return p.f.wid, p.f.widPresent }

// Precision returns the directive's precision.
func (p *printer) Precision() (int, bool) { return p.f.prec, p.f.precPresent }

// Flag reports whether the directive has flag c, as fmt's State does
// (+ and # include the %+v and %#v forms).
func (p *printer) Flag(c int) bool {
	switch c {
	case '-':
		return p.f.minus
	case '+':
		return p.f.plus || p.f.plusV
	case '#':
		return p.f.sharp || p.f.sharpV
	case ' ':
		return p.f.space
	case '0':
		return p.f.zero
	}
	return false
}

func (p *printer) str(s string) { p.buf = append(p.buf, s...) }
func (p *printer) byte1(c byte) { p.buf = append(p.buf, c) }
func (p *printer) verbRune(r rune) {
	p.buf = utf8.AppendRune(p.buf, r)
}

// directive renders the current flags with verb as a fmt directive. For
// %v it writes # and + for sharpV and plusV; sharp and plus set with a %v
// (only inside %!verb(...), where fmt prints the operand with %v but keeps
// the directive's flags) have no %v directive that fmt would read the same
// way, and leafVerb translates them first.
func (p *printer) directive(verb rune) string {
	b := make([]byte, 0, 16)
	b = append(b, '%')
	if p.f.plus || verb == 'v' && p.f.plusV {
		b = append(b, '+')
	}
	if p.f.minus {
		b = append(b, '-')
	}
	if p.f.sharp || verb == 'v' && p.f.sharpV {
		b = append(b, '#')
	}
	if p.f.space {
		b = append(b, ' ')
	}
	if p.f.zero {
		b = append(b, '0')
	}
	if p.f.widPresent {
		b = strconv.AppendInt(b, int64(p.f.wid), 10)
	}
	if p.f.precPresent {
		b = append(b, '.')
		b = strconv.AppendInt(b, int64(p.f.prec), 10)
	}
	b = utf8.AppendRune(b, verb)
	return string(b)
}

// delegate has fmt format x with verb and the current flags.
func (p *printer) delegate(verb rune, x any) {
	p.buf = fmt.Appendf(p.buf, p.directive(verb), x)
}

// fmtS writes s as fmt's %s of a string does (width and precision apply).
func (p *printer) fmtS(s string) {
	saved := p.f
	p.f.sharp, p.f.plus, p.f.sharpV, p.f.plusV, p.f.space = false, false, false, false, false
	p.delegate('s', s)
	p.f = saved
}

// padString writes s padded to the width, as fmt writes <nil>.
func (p *printer) padString(s string) {
	saved := p.f
	p.f.sharp, p.f.plus, p.f.sharpV, p.f.plusV, p.f.space = false, false, false, false, false
	p.f.precPresent, p.f.prec = false, 0
	p.delegate('s', s)
	p.f = saved
}

// fmt0x64 writes u in hexadecimal, with a 0x prefix when leading0x, under
// the current width and flags.
func (p *printer) fmt0x64(u uint64, leading0x bool) {
	saved := p.f
	p.f.sharp, p.f.sharpV, p.f.plusV = leading0x, false, false
	p.delegate('x', u)
	p.f = saved
}
