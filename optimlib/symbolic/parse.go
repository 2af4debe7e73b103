package symbolic

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"go/scanner"
	"go/token"
	"strconv"
	"strings"
)

// exprParser turns a go/ast expression into simplified nodes.
type exprParser struct {
	src   string
	fset  *token.FileSet
	index map[string]int // variable name -> position in the variable list
	names []string
}

// syntaxError builds a SyntaxError at pos.
func (p *exprParser) syntaxError(pos token.Pos, format string, args ...any) error {
	at := p.fset.Position(pos)
	return &SyntaxError{Source: p.src, Line: at.Line, Column: at.Column, Msg: fmt.Sprintf(format, args...)}
}

// parseSource parses src into a node over vars (chosen from src when vars
// is empty) and returns the variable list used.
func parseSource(src string, vars []string) (*node, []string, error) {
	fset := token.NewFileSet()
	tree, err := parser.ParseExprFrom(fset, "", src, 0)
	if err != nil {
		return nil, nil, goSyntaxError(src, err)
	}
	p := &exprParser{src: src, fset: fset, index: map[string]int{}}
	if len(vars) == 0 {
		vars, err = p.chooseVariables(tree)
	} else {
		vars, err = normalizeVariables(vars)
	}
	if err != nil {
		return nil, nil, err
	}
	p.names = vars
	for i, v := range vars {
		p.index[v] = i
	}
	n, err := p.build(tree)
	if err != nil {
		return nil, nil, err
	}
	return n, vars, nil
}

// goSyntaxError converts go/parser's error into a SyntaxError.
func goSyntaxError(src string, err error) error {
	if list, ok := err.(scanner.ErrorList); ok && len(list) > 0 {
		e := list[0]
		return &SyntaxError{Source: src, Line: e.Pos.Line, Column: e.Pos.Column, Msg: e.Msg}
	}
	return &SyntaxError{Source: src, Line: 1, Column: 1, Msg: err.Error()}
}

// build turns one syntax node into a simplified expression node.
func (p *exprParser) build(e ast.Expr) (*node, error) {
	switch e := e.(type) {
	case *ast.BasicLit:
		return p.literal(e)
	case *ast.Ident:
		return p.identifier(e)
	case *ast.ParenExpr:
		return p.build(e.X)
	case *ast.UnaryExpr:
		x, err := p.build(e.X)
		if err != nil {
			return nil, err
		}
		switch e.Op {
		case token.SUB:
			return neg(x), nil
		case token.ADD:
			return x, nil
		}
		return nil, p.syntaxError(e.OpPos, "operator %s is not supported: use + - * / and math functions", e.Op)
	case *ast.BinaryExpr:
		return p.binary(e)
	case *ast.StarExpr:
		return nil, p.syntaxError(e.Star-1, "** is not a Go operator: write math.Pow(a, b) for a to the power b")
	case *ast.CallExpr:
		return p.call(e)
	case *ast.SelectorExpr:
		return p.selector(e)
	case *ast.IndexExpr:
		return p.indexed(e)
	}
	return nil, p.syntaxError(e.Pos(), "unsupported expression: use numbers, variables, + - * /, parentheses and math functions")
}

// literal reads a number with Go's rules, as a float64 (so 1/2 is 0.5 here,
// where Go's constant arithmetic would give 0).
func (p *exprParser) literal(e *ast.BasicLit) (*node, error) {
	if e.Kind != token.INT && e.Kind != token.FLOAT {
		return nil, p.syntaxError(e.ValuePos, "%s is not a real number", e.Value)
	}
	v, _ := constant.Float64Val(constant.ToFloat(constant.MakeFromLiteral(e.Value, e.Kind, 0)))
	if !isFinite(v) {
		return nil, p.syntaxError(e.ValuePos, "%s is too large for a float64", e.Value)
	}
	return num(v), nil
}

// identifier reads a variable name.
func (p *exprParser) identifier(e *ast.Ident) (*node, error) {
	if i, ok := p.index[e.Name]; ok {
		return variable(i, e.Name), nil
	}
	if e.Name == "math" {
		return nil, p.syntaxError(e.Pos(), "math is a package: write math.Pi, math.Sin(x), ...")
	}
	for _, c := range constants {
		if strings.EqualFold(c.name, e.Name) {
			return nil, p.syntaxError(e.Pos(), "unknown variable %s; did you mean math.%s? (the variables are %s)", e.Name, c.name, p.variableList())
		}
	}
	return nil, p.syntaxError(e.Pos(), "unknown variable %s (the variables are %s)", e.Name, p.variableList())
}

// variableList prints the variable names for messages.
func (p *exprParser) variableList() string {
	if len(p.names) == 0 {
		return "none"
	}
	return strings.Join(p.names, ", ")
}

// binary reads a + b, a - b, a * b and a / b.
func (p *exprParser) binary(e *ast.BinaryExpr) (*node, error) {
	switch e.Op {
	case token.ADD, token.SUB, token.MUL, token.QUO:
	case token.XOR:
		return nil, p.syntaxError(e.OpPos, "^ is bitwise XOR in Go, not a power: write math.Pow(a, b), or x*x for a square")
	default:
		return nil, p.syntaxError(e.OpPos, "operator %s is not supported: use + - * / and math functions", e.Op)
	}
	x, err := p.build(e.X)
	if err != nil {
		return nil, err
	}
	y, err := p.build(e.Y)
	if err != nil {
		return nil, err
	}
	switch e.Op {
	case token.ADD:
		return add(x, y), nil
	case token.SUB:
		return sub(x, y), nil
	case token.MUL:
		return mul(x, y), nil
	}
	return div(x, y), nil
}

// selector reads math.Pi and the other constants.
func (p *exprParser) selector(e *ast.SelectorExpr) (*node, error) {
	name, err := p.mathName(e)
	if err != nil {
		return nil, err
	}
	if c, ok := constantByName(name); ok {
		return namedConst(c), nil
	}
	for _, f := range knownFunctionNames() {
		if f == name {
			return nil, p.syntaxError(e.Pos(), "math.%s is a function: call it, as in math.%s(x)", name, name)
		}
	}
	if best, ok := closest(name, knownConstantNames()); ok {
		return nil, p.syntaxError(e.Sel.Pos(), "unknown constant math.%s; did you mean math.%s?", name, best)
	}
	return nil, p.syntaxError(e.Sel.Pos(), "unknown constant math.%s (known: math.%s)", name, strings.Join(knownConstantNames(), ", math."))
}

// mathName checks that e is math.Name and returns Name.
func (p *exprParser) mathName(e *ast.SelectorExpr) (string, error) {
	pkg, ok := e.X.(*ast.Ident)
	if !ok || pkg.Name != "math" {
		return "", p.syntaxError(e.Pos(), "only the math package is available, as in math.Sin(x)")
	}
	return e.Sel.Name, nil
}

// indexed reads a variable written x[k].
func (p *exprParser) indexed(e *ast.IndexExpr) (*node, error) {
	name, ok := indexedName(e)
	if !ok {
		return nil, p.syntaxError(e.Lbrack, "an index must be a whole number, as in x[0]")
	}
	if i, ok := p.index[name]; ok {
		return variable(i, name), nil
	}
	return nil, p.syntaxError(e.Pos(), "unknown variable %s (the variables are %s)", name, p.variableList())
}

// indexedName returns "x[k]" for the index expression x[k] with a whole
// number k.
func indexedName(e *ast.IndexExpr) (string, bool) {
	base, ok := e.X.(*ast.Ident)
	if !ok {
		return "", false
	}
	lit, ok := e.Index.(*ast.BasicLit)
	if !ok || lit.Kind != token.INT {
		return "", false
	}
	k, ok := constant.Int64Val(constant.MakeFromLiteral(lit.Value, lit.Kind, 0))
	if !ok || k < 0 || k > 1<<20 {
		return "", false
	}
	return base.Name + "[" + strconv.FormatInt(k, 10) + "]", true
}

// call reads math.F(args) and float64(x).
func (p *exprParser) call(e *ast.CallExpr) (*node, error) {
	if e.Ellipsis.IsValid() {
		return nil, p.syntaxError(e.Ellipsis, "... is not supported in a formula")
	}
	var name string
	switch fun := e.Fun.(type) {
	case *ast.Ident:
		if fun.Name == "float64" {
			if len(e.Args) != 1 {
				return nil, p.syntaxError(e.Lparen, "float64 takes 1 argument, got %d", len(e.Args))
			}
			return p.build(e.Args[0])
		}
		for _, known := range knownFunctionNames() {
			if strings.EqualFold(known, fun.Name) {
				return nil, p.syntaxError(fun.Pos(), "unknown function %s; did you mean math.%s?", fun.Name, known)
			}
		}
		return nil, p.syntaxError(fun.Pos(), "unknown function %s: functions come from the math package, as in math.Sin(x)", fun.Name)
	case *ast.SelectorExpr:
		var err error
		if name, err = p.mathName(fun); err != nil {
			return nil, err
		}
	default:
		return nil, p.syntaxError(e.Pos(), "unsupported call: use math functions, as in math.Sin(x)")
	}
	args := make([]*node, len(e.Args))
	for i, a := range e.Args {
		n, err := p.build(a)
		if err != nil {
			return nil, err
		}
		args[i] = n
	}
	arity := func(want int) error {
		if len(args) == want {
			return nil
		}
		s := "s"
		if want == 1 {
			s = ""
		}
		return p.syntaxError(e.Lparen, "math.%s takes %d argument%s, got %d", name, want, s, len(args))
	}
	switch name {
	case "Pow", "Hypot", "Copysign":
		if err := arity(2); err != nil {
			return nil, err
		}
		a, b := args[0], args[1]
		switch name {
		case "Pow":
			return pow(a, b), nil
		case "Hypot":
			return pow(add(pow(a, num(2)), pow(b, num(2))), num(0.5)), nil
		}
		return mul(call(&functions[fnAbs], a), call(&functions[fnSign], b)), nil
	case "Sqrt", "Exp2":
		if err := arity(1); err != nil {
			return nil, err
		}
		if name == "Sqrt" {
			return pow(args[0], num(0.5)), nil
		}
		return pow(num(2), args[0]), nil
	}
	if f, ok := functionByName(name); ok {
		if err := arity(1); err != nil {
			return nil, err
		}
		return call(f, args[0]), nil
	}
	if _, ok := constantByName(name); ok {
		return nil, p.syntaxError(e.Pos(), "math.%s is a constant, not a function", name)
	}
	at := e.Fun.(*ast.SelectorExpr).Sel.Pos()
	supported := strings.Join(knownFunctionNames(), ", math.")
	if unsupportedFunctions[name] {
		return nil, p.syntaxError(at, "math.%s is not supported in a formula (supported: math.%s)", name, supported)
	}
	if best, ok := closest(name, knownFunctionNames()); ok {
		return nil, p.syntaxError(at, "unknown function math.%s; did you mean math.%s?", name, best)
	}
	return nil, p.syntaxError(at, "unknown function math.%s (supported: math.%s)", name, supported)
}
