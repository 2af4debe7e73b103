package goeval

import (
	"go/ast"
	"go/constant"
	"go/token"
	"reflect"
	"strconv"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// min and max of untyped constants are untyped constants in Go
// (min(3, 1, 2) is the constant 1, min(1, 2.5) the untyped float 1), which
// a call of a helper cannot be in a const declaration or where the
// constant takes the type of its context. The rewriter evaluates such a
// call and writes the winning value in its place, of the call's constant
// kind.

// constMinMax evaluates a call of min (isMin) or max whose arguments are
// all untyped constants, and returns the constant it stands for as code.
func (rw *rewriter) constMinMax(call *ast.CallExpr, isMin bool) (string, bool) {
	rank := 0
	var best constant.Value
	for _, a := range call.Args {
		t := rw.infer.TypeOf(a)
		if !t.Untyped || t.RT == nil {
			return "", false
		}
		v, ok := rw.constValue(a, 0)
		if !ok {
			return "", false
		}
		r := untypedRank(t.RT)
		if r < 0 {
			return "", false
		}
		rank = max(rank, r)
		if best == nil {
			best = v
			continue
		}
		if (v.Kind() == constant.String) != (best.Kind() == constant.String) {
			return "", false
		}
		op := token.GTR
		if isMin {
			op = token.LSS
		}
		if constant.Compare(v, op, best) {
			best = v
		}
	}
	return constText(best, rank)
}

// untypedRank orders the kinds of untyped numeric constants (int, rune,
// float); a string is 0, other kinds -1.
func untypedRank(rt reflect.Type) int {
	switch rt.Kind() {
	case reflect.Int, reflect.String:
		return 0
	case reflect.Int32:
		return 1
	case reflect.Float64:
		return 2
	}
	return -1
}

// constText writes constant v as an untyped constant expression of kind
// rank (see untypedRank).
func constText(v constant.Value, rank int) (string, bool) {
	switch v.Kind() {
	case constant.String:
		return "(" + strconv.Quote(constant.StringVal(v)) + ")", true
	case constant.Int, constant.Float:
	default:
		return "", false
	}
	if rank < 2 {
		iv := constant.ToInt(v)
		if iv.Kind() != constant.Int {
			return "", false
		}
		if rank == 1 {
			return "('\\x00' + " + iv.ExactString() + ")", true
		}
		return "(" + iv.ExactString() + ")", true
	}
	num, den := constant.Num(v), constant.Denom(v)
	if num.Kind() != constant.Int || den.Kind() != constant.Int {
		return "", false
	}
	return "(" + num.ExactString() + " / " + den.ExactString() + ".0)", true
}

// constValue evaluates a constant expression: literals, constants of the
// cells and of packages, and operators on them.
func (rw *rewriter) constValue(x ast.Expr, depth int) (constant.Value, bool) {
	if depth > 32 {
		return nil, false
	}
	switch x := x.(type) {
	case *ast.BasicLit:
		v := constant.MakeFromLiteral(x.Value, x.Kind, 0)
		return v, v.Kind() != constant.Unknown
	case *ast.ParenExpr:
		return rw.constValue(x.X, depth+1)
	case *ast.UnaryExpr:
		v, ok := rw.constValue(x.X, depth+1)
		if !ok || x.Op == token.XOR {
			return nil, false // ^x depends on the type
		}
		return constant.UnaryOp(x.Op, v, 0), true
	case *ast.BinaryExpr:
		a, ok1 := rw.constValue(x.X, depth+1)
		b, ok2 := rw.constValue(x.Y, depth+1)
		if !ok1 || !ok2 {
			return nil, false
		}
		switch x.Op {
		case token.ADD, token.SUB, token.MUL:
			return constant.BinaryOp(a, x.Op, b), true
		case token.QUO:
			if constant.Sign(b) == 0 {
				return nil, false
			}
			op := x.Op
			if a.Kind() == constant.Int && b.Kind() == constant.Int && rw.isIntConst(x) {
				op = token.QUO_ASSIGN // integer division
			}
			return constant.BinaryOp(a, op, b), true
		}
		return nil, false
	case *ast.Ident:
		return rw.namedConst(x.Name, depth)
	case *ast.SelectorExpr:
		id, ok := x.X.(*ast.Ident)
		if !ok || rw.infer.Session == nil {
			return nil, false
		}
		p, ok := rw.infer.PackagePath(id.Name)
		if !ok {
			return nil, false
		}
		v, ok := rw.infer.Session.Symbol(p, x.Sel.Name)
		if !ok {
			return nil, false
		}
		return typeinfer.ConstantOf(v)
	case *ast.CallExpr:
		id, ok := x.Fun.(*ast.Ident)
		if !ok || !rw.predeclared[id] || (id.Name != "min" && id.Name != "max") || len(x.Args) == 0 {
			return nil, false
		}
		var best constant.Value
		for _, a := range x.Args {
			v, ok := rw.constValue(a, depth+1)
			if !ok {
				return nil, false
			}
			op := token.GTR
			if id.Name == "min" {
				op = token.LSS
			}
			if best == nil || constant.Compare(v, op, best) {
				best = v
			}
		}
		return best, true
	}
	return nil, false
}

// isIntConst reports whether an untyped constant expression is of kind
// integer (or rune), so that / divides as integers.
func (rw *rewriter) isIntConst(x ast.Expr) bool {
	t := rw.infer.TypeOf(x)
	return t.RT != nil && (t.RT.Kind() == reflect.Int || t.RT.Kind() == reflect.Int32)
}

// namedConst evaluates an untyped constant of the code or of the session
// declared with a value that does not depend on iota.
func (rw *rewriter) namedConst(name string, depth int) (constant.Value, bool) {
	switch name {
	case "true":
		return constant.MakeBool(true), true
	case "false":
		return constant.MakeBool(false), true
	}
	in := rw.infer
	var b typeinfer.Binding
	found := false
	for _, s := range in.Scopes {
		if bs, ok := s.Vals[name]; ok {
			if len(bs) != 1 {
				return nil, false
			}
			b, found = bs[0], true
			break
		}
		if s.Funcs[name] != nil || s.Types[name] != nil {
			return nil, false
		}
	}
	if !found && in.Session != nil {
		n, k := in.Session.Decl(name)
		if k != typeinfer.DeclConst {
			return nil, false
		}
		b, found = typeinfer.BindingIn(n, name)
	}
	if !found || !b.Constant || b.Val == nil || b.Multi || mentions(b.Val, "iota") {
		return nil, false
	}
	return rw.constValue(b.Val, depth+1)
}

// mentions reports whether x uses the identifier name.
func mentions(x ast.Expr, name string) bool {
	found := false
	ast.Inspect(x, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && id.Name == name {
			found = true
		}
		return !found
	})
	return found
}
