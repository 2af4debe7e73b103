package symbolic

import "math"

// fnID names one of the supported one-argument functions.
type fnID uint8

const (
	fnSin fnID = iota
	fnCos
	fnTan
	fnAsin
	fnAcos
	fnAtan
	fnSinh
	fnCosh
	fnTanh
	fnAsinh
	fnAcosh
	fnAtanh
	fnExp
	fnExpm1
	fnLog
	fnLog2
	fnLog10
	fnLog1p
	fnCbrt
	fnAbs
	fnSign
	fnErf
	fnErfc
)

// function describes a one-argument function: how it is spelled in Go and in
// LaTeX and how to evaluate it. Its derivative lives in diff.go and its
// compiled form in emit.go.
type function struct {
	id    fnID
	name  string // the Go name after "math."
	latex string // the LaTeX operator, for the functions printed as \op(u)
	eval  func(float64) float64
	// powerPrefix lets LaTeX write f(u)^k as \op^{k}(u), as for \sin^{2}(x).
	powerPrefix bool
}

// copysignOne is the sign function as the printed text spells it:
// math.Copysign(1, u), which is +1 or -1 (never 0).
func copysignOne(v float64) float64 { return math.Copysign(1, v) }

// functions lists every supported function, indexed by fnID.
var functions = [...]function{
	fnSin:   {fnSin, "Sin", `\sin`, math.Sin, true},
	fnCos:   {fnCos, "Cos", `\cos`, math.Cos, true},
	fnTan:   {fnTan, "Tan", `\tan`, math.Tan, true},
	fnAsin:  {fnAsin, "Asin", `\arcsin`, math.Asin, false},
	fnAcos:  {fnAcos, "Acos", `\arccos`, math.Acos, false},
	fnAtan:  {fnAtan, "Atan", `\arctan`, math.Atan, false},
	fnSinh:  {fnSinh, "Sinh", `\sinh`, math.Sinh, true},
	fnCosh:  {fnCosh, "Cosh", `\cosh`, math.Cosh, true},
	fnTanh:  {fnTanh, "Tanh", `\tanh`, math.Tanh, true},
	fnAsinh: {fnAsinh, "Asinh", `\operatorname{arsinh}`, math.Asinh, false},
	fnAcosh: {fnAcosh, "Acosh", `\operatorname{arcosh}`, math.Acosh, false},
	fnAtanh: {fnAtanh, "Atanh", `\operatorname{artanh}`, math.Atanh, false},
	fnExp:   {fnExp, "Exp", `\exp`, math.Exp, false},
	fnExpm1: {fnExpm1, "Expm1", `\operatorname{expm1}`, math.Expm1, false},
	fnLog:   {fnLog, "Log", `\ln`, math.Log, true},
	fnLog2:  {fnLog2, "Log2", `\log_{2}`, math.Log2, false},
	fnLog10: {fnLog10, "Log10", `\log_{10}`, math.Log10, false},
	fnLog1p: {fnLog1p, "Log1p", `\operatorname{log1p}`, math.Log1p, false},
	fnCbrt:  {fnCbrt, "Cbrt", `\sqrt[3]`, math.Cbrt, false},
	fnAbs:   {fnAbs, "Abs", `\operatorname{abs}`, math.Abs, false},
	fnSign:  {fnSign, "Copysign", `\operatorname{sgn}`, copysignOne, false},
	fnErf:   {fnErf, "Erf", `\operatorname{erf}`, math.Erf, false},
	fnErfc:  {fnErfc, "Erfc", `\operatorname{erfc}`, math.Erfc, false},
}

// functionByName finds a one-argument function by its Go name (after
// "math."). Copysign is not found here: it takes two arguments and the parser
// rewrites it.
func functionByName(name string) (*function, bool) {
	for i := range functions {
		f := &functions[i]
		if f.name == name && f.id != fnSign {
			return f, true
		}
	}
	return nil, false
}

// namedConstant is one of the math package's constants.
type namedConstant struct {
	name  string // the Go name after "math."
	value float64
	latex string
}

// constants lists the math constants an expression may use.
var constants = [...]namedConstant{
	{"Pi", math.Pi, `\pi`},
	{"E", math.E, `e`},
	{"Phi", math.Phi, `\varphi`},
	{"Sqrt2", math.Sqrt2, `\sqrt{2}`},
	{"SqrtE", math.SqrtE, `\sqrt{e}`},
	{"SqrtPi", math.SqrtPi, `\sqrt{\pi}`},
	{"SqrtPhi", math.SqrtPhi, `\sqrt{\varphi}`},
	{"Ln2", math.Ln2, `\ln 2`},
	{"Log2E", math.Log2E, `\log_{2} e`},
	{"Ln10", math.Ln10, `\ln 10`},
	{"Log10E", math.Log10E, `\log_{10} e`},
}

// constantByName finds a math constant by its Go name (after "math.").
func constantByName(name string) (*namedConstant, bool) {
	for i := range constants {
		if constants[i].name == name {
			return &constants[i], true
		}
	}
	return nil, false
}

// twoArgFunctions are the math functions of two arguments the parser
// accepts; it rewrites each into the nodes above.
var twoArgFunctions = []string{"Pow", "Hypot", "Copysign"}

// rewrittenFunctions are one-argument math functions the parser rewrites:
// Sqrt(u) becomes u^0.5 and Exp2(u) becomes 2^u.
var rewrittenFunctions = []string{"Sqrt", "Exp2"}
