package symbolic

import (
	"math"
	"strconv"
)

// The emitters below return the closure for one operation: it reads its
// operands from slots and writes its result to slot k. Each shape that is
// common (two terms, two factors, a square, a call) has its own closure so
// that the hot path is straight-line code.

func itoa(i int) string { return strconv.Itoa(i) }

// emitSum computes c0 + Σ coefs[i]·s[terms[i]].
func emitSum(k int, c0 float64, coefs []float64, terms []int) func(s []float64) {
	switch len(terms) {
	case 1:
		c1, a := coefs[0], terms[0]
		return func(s []float64) { s[k] = c0 + c1*s[a] }
	case 2:
		c1, c2, a, b := coefs[0], coefs[1], terms[0], terms[1]
		switch {
		case c0 == 0 && c1 == 1 && c2 == 1:
			return func(s []float64) { s[k] = s[a] + s[b] }
		case c0 == 0 && c1 == 1 && c2 == -1:
			return func(s []float64) { s[k] = s[a] - s[b] }
		case c0 == 0:
			return func(s []float64) { s[k] = c1*s[a] + c2*s[b] }
		}
		return func(s []float64) { s[k] = c0 + c1*s[a] + c2*s[b] }
	case 3:
		c1, c2, c3, a, b, d := coefs[0], coefs[1], coefs[2], terms[0], terms[1], terms[2]
		return func(s []float64) { s[k] = c0 + c1*s[a] + c2*s[b] + c3*s[d] }
	}
	return func(s []float64) {
		v := c0
		for i, t := range terms {
			v += coefs[i] * s[t]
		}
		s[k] = v
	}
}

// emitProduct computes c·Π s[numer[i]] / Π s[denom[j]].
func emitProduct(k int, c float64, numer, denom []int) func(s []float64) {
	switch {
	case len(denom) == 0 && len(numer) == 1:
		a := numer[0]
		return func(s []float64) { s[k] = c * s[a] }
	case len(denom) == 0 && len(numer) == 2:
		a, b := numer[0], numer[1]
		if c == 1 {
			return func(s []float64) { s[k] = s[a] * s[b] }
		}
		return func(s []float64) { s[k] = c * s[a] * s[b] }
	case len(denom) == 0 && len(numer) == 3:
		a, b, d := numer[0], numer[1], numer[2]
		return func(s []float64) { s[k] = c * s[a] * s[b] * s[d] }
	case len(denom) == 1 && len(numer) == 0:
		b := denom[0]
		return func(s []float64) { s[k] = c / s[b] }
	case len(denom) == 1 && len(numer) == 1:
		a, b := numer[0], denom[0]
		return func(s []float64) { s[k] = c * s[a] / s[b] }
	case len(denom) == 1 && len(numer) == 2:
		a, b, d := numer[0], numer[1], denom[0]
		return func(s []float64) { s[k] = c * s[a] * s[b] / s[d] }
	}
	return func(s []float64) {
		top, bottom := c, 1.0
		for _, i := range numer {
			top *= s[i]
		}
		for _, i := range denom {
			bottom *= s[i]
		}
		s[k] = top / bottom
	}
}

// emitPowConst computes s[a]^e for a constant exponent, by multiplication
// for small whole exponents and with Sqrt for halves.
func emitPowConst(k, a int, e float64) func(s []float64) {
	switch e {
	case 2:
		return func(s []float64) { v := s[a]; s[k] = v * v }
	case 3:
		return func(s []float64) { v := s[a]; s[k] = v * v * v }
	case 4:
		return func(s []float64) { v := s[a] * s[a]; s[k] = v * v }
	case -1:
		return func(s []float64) { s[k] = 1 / s[a] }
	case -2:
		return func(s []float64) { v := s[a]; s[k] = 1 / (v * v) }
	case 0.5:
		return func(s []float64) { s[k] = math.Sqrt(s[a]) }
	case -0.5:
		return func(s []float64) { s[k] = 1 / math.Sqrt(s[a]) }
	case 1.5:
		return func(s []float64) { v := s[a]; s[k] = v * math.Sqrt(v) }
	case -1.5:
		return func(s []float64) { v := s[a]; s[k] = 1 / (v * math.Sqrt(v)) }
	}
	if isInteger(e) && math.Abs(e) <= 64 {
		n := int(e)
		return func(s []float64) { s[k] = powInt(s[a], n) }
	}
	return func(s []float64) { s[k] = math.Pow(s[a], e) }
}

// powInt returns v^n by repeated squaring.
func powInt(v float64, n int) float64 {
	invert := n < 0
	if invert {
		n = -n
	}
	r := 1.0
	for n > 0 {
		if n&1 == 1 {
			r *= v
		}
		v *= v
		n >>= 1
	}
	if invert {
		return 1 / r
	}
	return r
}

// emitPow computes s[b]^s[e].
func emitPow(k, b, e int) func(s []float64) {
	return func(s []float64) { s[k] = math.Pow(s[b], s[e]) }
}

// emitExp2 computes 2^s[e].
func emitExp2(k, e int) func(s []float64) {
	return func(s []float64) { s[k] = math.Exp2(s[e]) }
}

// emitCall computes f(s[a]) with a direct call to the math function.
func emitCall(k, a int, id fnID) func(s []float64) {
	switch id {
	case fnSin:
		return func(s []float64) { s[k] = math.Sin(s[a]) }
	case fnCos:
		return func(s []float64) { s[k] = math.Cos(s[a]) }
	case fnTan:
		return func(s []float64) { s[k] = math.Tan(s[a]) }
	case fnAsin:
		return func(s []float64) { s[k] = math.Asin(s[a]) }
	case fnAcos:
		return func(s []float64) { s[k] = math.Acos(s[a]) }
	case fnAtan:
		return func(s []float64) { s[k] = math.Atan(s[a]) }
	case fnSinh:
		return func(s []float64) { s[k] = math.Sinh(s[a]) }
	case fnCosh:
		return func(s []float64) { s[k] = math.Cosh(s[a]) }
	case fnTanh:
		return func(s []float64) { s[k] = math.Tanh(s[a]) }
	case fnAsinh:
		return func(s []float64) { s[k] = math.Asinh(s[a]) }
	case fnAcosh:
		return func(s []float64) { s[k] = math.Acosh(s[a]) }
	case fnAtanh:
		return func(s []float64) { s[k] = math.Atanh(s[a]) }
	case fnExp:
		return func(s []float64) { s[k] = math.Exp(s[a]) }
	case fnExpm1:
		return func(s []float64) { s[k] = math.Expm1(s[a]) }
	case fnLog:
		return func(s []float64) { s[k] = math.Log(s[a]) }
	case fnLog2:
		return func(s []float64) { s[k] = math.Log2(s[a]) }
	case fnLog10:
		return func(s []float64) { s[k] = math.Log10(s[a]) }
	case fnLog1p:
		return func(s []float64) { s[k] = math.Log1p(s[a]) }
	case fnCbrt:
		return func(s []float64) { s[k] = math.Cbrt(s[a]) }
	case fnAbs:
		return func(s []float64) { s[k] = math.Abs(s[a]) }
	case fnSign:
		return func(s []float64) { s[k] = math.Copysign(1, s[a]) }
	case fnErf:
		return func(s []float64) { s[k] = math.Erf(s[a]) }
	case fnErfc:
		return func(s []float64) { s[k] = math.Erfc(s[a]) }
	}
	f := functions[id].eval
	return func(s []float64) { s[k] = f(s[a]) }
}
