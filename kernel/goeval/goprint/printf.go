package goprint

import (
	"reflect"
	"unicode/utf8"
)

// operandAt returns the type and run-time value of operand i.
func operandAt(a []Value, i int) (Type, reflect.Value) {
	return a[i].Type, a[i].Value
}

// doPrint prints the operands as fmt.Print does: a space between two
// operands when neither is a string.
func (p *printer) doPrint(a []Value) {
	prevString := false
	for i, x := range a {
		isString := isStringOperand(x)
		if i > 0 && !isString && !prevString {
			p.byte1(' ')
		}
		p.printArg(x.Type, x.Value, 'v')
		prevString = isString
	}
}

// doPrintln prints the operands as fmt.Println does.
func (p *printer) doPrintln(a []Value) {
	for i, x := range a {
		if i > 0 {
			p.byte1(' ')
		}
		p.printArg(x.Type, x.Value, 'v')
	}
	p.byte1('\n')
}

// isStringOperand reports whether the dynamic type of x has kind string.
func isStringOperand(x Value) bool {
	t, v := x.Type, x.Value
	if t == nil {
		return false
	}
	if t.Kind() == reflect.Interface {
		dt, _, err := t.Dynamic(v)
		if err != nil {
			if a, ok := err.(*Ambiguous); ok && len(a.Candidates) > 0 {
				return a.Candidates[0].Kind() == reflect.String
			}
			return false
		}
		return dt != nil && dt.Kind() == reflect.String
	}
	return t.Kind() == reflect.String
}

// intOperand returns operand i as a width or precision, as fmt reads one
// for a * in a directive.
func intOperand(a []Value, i int) (num int, isInt bool, next int) {
	next = i
	if i >= len(a) {
		return 0, false, next
	}
	next = i + 1
	t, v := operandAt(a, i)
	if t != nil && t.Kind() == reflect.Interface {
		var err error
		if t, v, err = t.Dynamic(v); err != nil {
			t = nil
		}
	}
	if t == nil {
		return 0, false, next
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n := v.Int()
		if int64(int(n)) == n {
			num, isInt = int(n), true
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n := v.Uint()
		if int64(n) >= 0 && uint64(int(n)) == n {
			num, isInt = int(n), true
		}
	}
	if num > 1e6 || num < -1e6 {
		num, isInt = 0, false
	}
	return num, isInt, next
}

// number parses a decimal number of at most 7 digits' worth at format[i:end].
func number(format string, i, end int) (num int, ok bool, next int) {
	if i >= end {
		return 0, false, end
	}
	for next = i; next < end && '0' <= format[next] && format[next] <= '9'; next++ {
		if num > 1e6 || num < -1e6 {
			return 0, false, end
		}
		num = num*10 + int(format[next]-'0')
		ok = true
	}
	return num, ok, next
}

// argIndex reads an explicit operand index [n] at format[i:], if there is
// one: it returns the operand to use next, where the directive goes on,
// and whether an index was read.
func (p *printer) argIndex(argNum int, format string, i, numArgs int) (int, int, bool) {
	if i >= len(format) || format[i] != '[' {
		return argNum, i, false
	}
	p.reordered = true
	rest := format[i:]
	width, n, ok := 1, 0, false
	if len(rest) >= 3 {
		for j := 1; j < len(rest); j++ {
			if rest[j] == ']' {
				v, isNum, next := number(rest, 1, j)
				width = j + 1
				if isNum && next == j {
					n, ok = v-1, true
				}
				break
			}
		}
	}
	if ok && 0 <= n && n < numArgs {
		return n, i + width, true
	}
	p.goodArgNum = false
	return argNum, i + width, ok
}

// doPrintf prints a as fmt.Printf(format, a...) does.
func (p *printer) doPrintf(format string, a []Value) {
	end := len(format)
	argNum := 0
	afterIndex := false
	p.reordered = false
	for i := 0; i < end; {
		p.goodArgNum = true
		start := i
		for i < end && format[i] != '%' {
			i++
		}
		p.str(format[start:i])
		if i >= end {
			break
		}
		i++ // the %
		p.f = flags{}
	flagLoop:
		for ; i < end; i++ {
			switch format[i] {
			case '#':
				p.f.sharp = true
			case '0':
				p.f.zero = true
			case '+':
				p.f.plus = true
			case '-':
				p.f.minus = true
			case ' ':
				p.f.space = true
			default:
				break flagLoop
			}
		}
		argNum, i, afterIndex = p.argIndex(argNum, format, i, len(a))
		if i < end && format[i] == '*' {
			i++
			p.f.wid, p.f.widPresent, argNum = intOperand(a, argNum)
			if !p.f.widPresent {
				p.str("%!(BADWIDTH)")
			}
			if p.f.wid < 0 {
				p.f.wid = -p.f.wid
				p.f.minus = true
				p.f.zero = false
			}
			afterIndex = false
		} else {
			p.f.wid, p.f.widPresent, i = number(format, i, end)
			if afterIndex && p.f.widPresent {
				p.goodArgNum = false
			}
		}
		if i+1 < end && format[i] == '.' {
			i++
			if afterIndex {
				p.goodArgNum = false
			}
			argNum, i, afterIndex = p.argIndex(argNum, format, i, len(a))
			if i < end && format[i] == '*' {
				i++
				p.f.prec, p.f.precPresent, argNum = intOperand(a, argNum)
				if p.f.prec < 0 {
					p.f.prec, p.f.precPresent = 0, false
				}
				if !p.f.precPresent {
					p.str("%!(BADPREC)")
				}
				afterIndex = false
			} else {
				p.f.prec, p.f.precPresent, i = number(format, i, end)
				if !p.f.precPresent {
					p.f.prec, p.f.precPresent = 0, true
				}
			}
		}
		if !afterIndex {
			argNum, i, afterIndex = p.argIndex(argNum, format, i, len(a))
		}
		if i >= end {
			p.str("%!(NOVERB)")
			break
		}
		verb, size := utf8.DecodeRuneInString(format[i:])
		i += size
		switch {
		case verb == '%':
			p.byte1('%')
		case !p.goodArgNum:
			p.str("%!")
			p.verbRune(verb)
			p.str("(BADINDEX)")
		case argNum >= len(a):
			p.str("%!")
			p.verbRune(verb)
			p.str("(MISSING)")
		default:
			if verb == 'w' {
				p.wrapped = append(p.wrapped, argNum)
			}
			if verb == 'v' || verb == 'w' {
				p.f.sharpV, p.f.sharp = p.f.sharp, false
				p.f.plusV, p.f.plus = p.f.plus, false
			}
			t, v := operandAt(a, argNum)
			p.printArg(t, v, verb)
			argNum++
		}
	}
	if !p.reordered && argNum < len(a) {
		p.f = flags{}
		p.str("%!(EXTRA ")
		for i, x := range a[argNum:] {
			if i > 0 {
				p.str(", ")
			}
			t, v := x.Type, x.Value
			if t != nil && t.Kind() == reflect.Interface {
				var err error
				if t, v, err = t.Dynamic(v); err != nil {
					p.extraAmbiguous(err, x)
					continue
				}
			}
			if t == nil {
				p.str("<nil>")
				continue
			}
			p.str(t.String())
			p.byte1('=')
			p.printArg(t, v, 'v')
		}
		p.byte1(')')
	}
}

// extraAmbiguous prints an extra operand whose type cannot be told.
func (p *printer) extraAmbiguous(err error, x Value) {
	p.ambiguous(err, func(q *printer, t Type, v reflect.Value) {
		q.str(t.String())
		q.byte1('=')
		q.printArg(t, v, 'v')
	})
}
