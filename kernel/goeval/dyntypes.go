package goeval

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// The hooks that test and convert the values of the cells' types at run
// time (type switches, assertions, conversions to error, errors.Is/As;
// see dynamic.go) need the static types the rewriter saw. The rewriter
// records each type in a table and hands the hook its number.

// dynTypes is that table, with the cells' registered types.
type dynTypes struct {
	e     *Evaluator
	cells *cellTypes

	mu    sync.Mutex
	types []typeinfer.Type
	index map[string]int

	clauses [][][]int // the type handles of the clauses of type switches, by handle
	// asTargets holds the targets of the errors.As calls under way whose
	// type is an interface of the cells, by address, with that type as
	// written (errorsas.go).
	asTargets sync.Map
	bareSeen  bareCache // the types bare values may have (untracked.go)
	keySet    keys      // the boxed keys of maps keyed by interface{} (equality.go)
	// unnamed holds the unnamed types holding cells' types whose values
	// were seen stored in an interface, as %T spells them (boxing.go).
	unnamed map[string]bool
}

func newDynTypes(e *Evaluator, cells *cellTypes) *dynTypes {
	return &dynTypes{e: e, cells: cells, index: map[string]int{}}
}

// handle returns the number under which the rewriter refers to type t.
func (s *dynTypes) handle(t typeinfer.Type) int {
	key := "?"
	switch {
	case t.RT != nil:
		key = "rt:" + t.RT.String() + ":" + t.RT.PkgPath()
		if t.RT.PkgPath() == "" {
			key = fmt.Sprintf("rt:%p", t.RT)
		}
	case t.AST != nil:
		key = "ast:" + types.ExprString(t.AST)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if h, ok := s.index[key]; ok && key != "?" {
		return h
	}
	s.types = append(s.types, t)
	h := len(s.types) - 1
	s.index[key] = h
	return h
}

// noteUnnamed records an unnamed type whose values are stored in
// interfaces (see rewriter.noteUnnamed).
func (s *dynTypes) noteUnnamed(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.unnamed == nil {
		s.unnamed = map[string]bool{}
	}
	s.unnamed[name] = true
}

// unnamedNoted reports whether values of an unnamed type were seen stored
// in interfaces.
func (s *dynTypes) unnamedNoted(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.unnamed[name]
}

// clauseHandle returns the number under which the rewriter refers to the
// type handles of a type switch's clauses.
func (s *dynTypes) clauseHandle(specs [][]int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clauses = append(s.clauses, specs)
	return len(s.clauses) - 1
}

// clausesOf returns the clauses registered under handle c.
func (s *dynTypes) clausesOf(c int) [][]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c < 0 || c >= len(s.clauses) {
		return nil
	}
	return s.clauses[c]
}

func (s *dynTypes) typeOf(h int) typeinfer.Type {
	s.mu.Lock()
	defer s.mu.Unlock()
	if h < 0 || h >= len(s.types) {
		return typeinfer.Type{}
	}
	return s.types[h]
}

// inferer returns a type engine over the session, safe to use while cells
// run.
func (s *dynTypes) inferer() *typeinfer.Inferer {
	e := s.e
	locked := lockedSession{mu: &e.mu, s: sessionTypes{reg: e.reg, pkgs: e.pkgs,
		pkg: func(name string) (string, bool) {
			if p, ok := e.imports[name]; ok {
				return p, true
			}
			return e.pkgs.resolveName(name)
		},
	}}
	return &typeinfer.Inferer{Session: locked, Hide: isHidden}
}

// boxed returns the value of a one-element []any: the rewriter hands
// values to the hooks that way, which keeps the dynamic type the
// interpreter records for an interface value (it drops it when it passes
// one to compiled code directly).
func boxed(box []any) reflect.Value {
	if len(box) != 1 {
		return reflect.Value{}
	}
	return reflect.ValueOf(box).Index(0)
}

// lockedSession reads the evaluator's state under its lock: printing runs
// in cells' goroutines, beside the next cell's declarations.
type lockedSession struct {
	mu *sync.RWMutex
	s  sessionTypes
}

func (l lockedSession) Decl(name string) (ast.Node, typeinfer.DeclKind) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.s.Decl(name)
}

func (l lockedSession) Method(typeName, name string) *ast.FuncDecl {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.s.Method(typeName, name)
}

func (l lockedSession) MethodNames(typeName string) []string {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.s.MethodNames(typeName)
}

func (l lockedSession) Package(name string) (string, bool) {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.s.Package(name)
}

func (l lockedSession) Symbol(path, name string) (reflect.Value, bool) {
	return l.s.Symbol(path, name)
}

func (l lockedSession) Global(string) (reflect.Type, bool) { return nil, false }

// SourceFunc implements typeinfer.Session.
func (l lockedSession) SourceFunc(path, name string) *ast.FuncDecl { return l.s.SourceFunc(path, name) }

// version returns the registered current version of a cell's type.
func (s *dynTypes) version(name string) *cellType {
	e := s.e
	e.mu.RLock()
	v := e.reg.version[name]
	e.mu.RUnlock()
	if v > 0 {
		return s.cells.lookup(versionName(name, v))
	}
	return s.cells.lookup(name)
}

// displayName is how %T names a cell's type: main.T.
func displayName(name string) string { return "main." + name }

// cellNames names the cells' types in type expressions.
type cellNames struct{ in *typeinfer.Inferer }

// cellNamed returns the name of the cell type t is (or points to).
func (p cellNames) cellNamed(t typeinfer.Type) (name string, ptr bool, ok bool) {
	x := t.AST
	if x == nil {
		return "", false, false
	}
	x = typeUnparen(x)
	if s, isPtr := x.(*ast.StarExpr); isPtr {
		x, ptr = typeUnparen(s.X), true
	}
	switch x := x.(type) {
	case *ast.Ident:
		if p.in.UserType(x.Name) != nil {
			return x.Name, ptr, true
		}
	case *ast.IndexExpr, *ast.IndexListExpr:
		var base ast.Expr
		if ix, isIx := x.(*ast.IndexExpr); isIx {
			base = ix.X
		} else {
			base = x.(*ast.IndexListExpr).X
		}
		if id, isID := base.(*ast.Ident); isID && p.in.UserType(id.Name) != nil {
			return id.Name, ptr, true
		}
	}
	return "", false, false
}

// typeString is what %T prints for static type t (v is the value, for
// the types only it knows).
func (p cellNames) typeString(t typeinfer.Type, v reflect.Value) string {
	switch {
	case t.RT != nil:
		return t.RT.String()
	case t.AST != nil:
		return p.astTypeString(t.AST, 0)
	case v.IsValid():
		return v.Type().String()
	}
	return "<nil>"
}

// astTypeString writes a type expression of the cells as reflect writes
// types: main.P, []main.P, map[string]main.P, func(main.Acc) int.
func (p cellNames) astTypeString(x ast.Expr, depth int) string {
	if depth > 16 {
		return "?"
	}
	switch x := x.(type) {
	case *ast.Ident:
		if p.in.UserType(x.Name) != nil {
			return displayName(x.Name)
		}
		if rt := p.in.TypeExpr(x).RT; rt != nil {
			return rt.String()
		}
		return x.Name
	case *ast.ParenExpr:
		return p.astTypeString(x.X, depth+1)
	case *ast.SelectorExpr:
		if rt := p.in.TypeExpr(x).RT; rt != nil {
			return rt.String()
		}
		return types.ExprString(x)
	case *ast.StarExpr:
		return "*" + p.astTypeString(x.X, depth+1)
	case *ast.ArrayType:
		if x.Len == nil {
			return "[]" + p.astTypeString(x.Elt, depth+1)
		}
		n := types.ExprString(x.Len)
		if l, ok := typeinfer.ArrayLen(x.Len); ok {
			n = strconv.Itoa(l)
		}
		return "[" + n + "]" + p.astTypeString(x.Elt, depth+1)
	case *ast.Ellipsis:
		return "[]" + p.astTypeString(x.Elt, depth+1)
	case *ast.MapType:
		return "map[" + p.astTypeString(x.Key, depth+1) + "]" + p.astTypeString(x.Value, depth+1)
	case *ast.ChanType:
		switch x.Dir {
		case ast.SEND:
			return "chan<- " + p.astTypeString(x.Value, depth+1)
		case ast.RECV:
			return "<-chan " + p.astTypeString(x.Value, depth+1)
		}
		return "chan " + p.astTypeString(x.Value, depth+1)
	case *ast.FuncType:
		var ins, outs []string
		if x.Params != nil {
			for _, f := range x.Params.List {
				for range max(len(f.Names), 1) {
					if e, ok := f.Type.(*ast.Ellipsis); ok {
						ins = append(ins, "..."+p.astTypeString(e.Elt, depth+1))
						continue
					}
					ins = append(ins, p.astTypeString(f.Type, depth+1))
				}
			}
		}
		if x.Results != nil {
			for _, f := range x.Results.List {
				for range max(len(f.Names), 1) {
					outs = append(outs, p.astTypeString(f.Type, depth+1))
				}
			}
		}
		s := "func(" + strings.Join(ins, ", ") + ")"
		switch len(outs) {
		case 0:
		case 1:
			s += " " + outs[0]
		default:
			s += " (" + strings.Join(outs, ", ") + ")"
		}
		return s
	case *ast.StructType:
		if x.Fields == nil || len(x.Fields.List) == 0 {
			return "struct {}"
		}
		var fs []string
		for _, f := range x.Fields.List {
			ft := p.astTypeString(f.Type, depth+1)
			tag := ""
			if f.Tag != nil {
				if s, err := strconv.Unquote(f.Tag.Value); err == nil {
					tag = " " + strconv.Quote(s)
				}
			}
			if len(f.Names) == 0 {
				fs = append(fs, ft+tag)
				continue
			}
			for _, n := range f.Names {
				fs = append(fs, n.Name+" "+ft+tag)
			}
		}
		return "struct { " + strings.Join(fs, "; ") + " }"
	case *ast.InterfaceType:
		if x.Methods == nil || len(x.Methods.List) == 0 {
			return "interface {}"
		}
		return "interface { " + strings.TrimSuffix(strings.TrimPrefix(types.ExprString(x), "interface{"), "}") + " }"
	case *ast.IndexExpr:
		return p.astTypeString(x.X, depth+1) + "[" + p.astTypeString(x.Index, depth+1) + "]"
	case *ast.IndexListExpr:
		var args []string
		for _, ix := range x.Indices {
			args = append(args, p.astTypeString(ix, depth+1))
		}
		return p.astTypeString(x.X, depth+1) + "[" + strings.Join(args, ",") + "]"
	}
	return types.ExprString(x)
}
