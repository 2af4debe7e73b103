package goeval

import (
	"fmt"
	"go/ast"
	"go/types"
	"reflect"
	"strconv"
	"sync"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
)

// Values of the cells' types reach fmt without the names, methods and
// field names the cells gave their types (see yaegivalue.go), so Go's %T,
// %#v, %+v and the String and Error methods of elements and interface
// values come out wrong. The rewriter therefore hands fmt such arguments
// through Show, with their static type:
//
//	fmt.Println(shapes)  ->  fmt.Println(_goeval_.Show(3, []any{shapes}))
//
// (the one-element []any keeps the dynamic type of an interface value,
// which the interpreter drops when it passes one to compiled code). Show
// returns a value that formats itself as fmt would format the original
// (a fmt.Formatter), or the value itself when it needs no help. TypeName
// gives %T its name (the rewriter turns %T into %s), and ShowV serves the
// Print functions, which treat operands of a string kind differently.

// shower turns static types recorded by the rewriter into printable
// values.
type shower struct {
	e     *Evaluator
	cells *cellTypes

	mu    sync.Mutex
	types []typeinfer.Type
	index map[string]int
}

func newShower(e *Evaluator, cells *cellTypes) *shower {
	return &shower{e: e, cells: cells, index: map[string]int{}}
}

// handle returns the number under which the rewriter refers to type t.
func (s *shower) handle(t typeinfer.Type) int {
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

func (s *shower) typeOf(h int) typeinfer.Type {
	s.mu.Lock()
	defer s.mu.Unlock()
	if h < 0 || h >= len(s.types) {
		return typeinfer.Type{}
	}
	return s.types[h]
}

// inferer returns a type engine over the session, safe to use while cells
// run.
func (s *shower) inferer() *typeinfer.Inferer {
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

// boxed returns the value of a one-element []any.
func boxed(box []any) reflect.Value {
	if len(box) != 1 {
		return reflect.Value{}
	}
	return reflect.ValueOf(box).Index(0)
}

// show is the Show hook.
func (s *shower) show(h int, box []any) any {
	v := boxed(box)
	t := s.typeOf(h)
	p := s.newPrinter()
	if bare, _ := bareValue(v); bare.IsValid() && bare.CanInterface() && !p.needsHelp(v, t, 0) {
		return bare.Interface()
	}
	// A nil interface is shown too: the interpreter cannot pass a nil
	// result of one compiled call to another.
	return &shown{p: p, v: v, t: t}
}

// showV is the ShowV hook, for the Print functions: a value of a string
// kind without String or Error method is given to them as a string, as fmt
// would see it.
func (s *shower) showV(h int, box []any) any {
	out := s.show(h, box)
	sh, ok := out.(*shown)
	if !ok {
		return out
	}
	v, t := sh.p.resolve(sh.v, sh.t)
	if v.IsValid() && v.Kind() == reflect.String && !sh.p.hasStringMethod(v, t) {
		return fmt.Sprint(sh)
	}
	return out
}

// typeName is the TypeName hook: what %T prints.
func (s *shower) typeName(h int, box []any) string {
	v := boxed(box)
	p := s.newPrinter()
	v, t := p.resolve(v, s.typeOf(h))
	if !v.IsValid() && !t.IsType() {
		return "<nil>"
	}
	return p.typeString(t, v)
}

// shown is a value with its static type, formatted as Go would.
type shown struct {
	p *valuePrinter
	v reflect.Value
	t typeinfer.Type
}

// Format implements fmt.Formatter.
func (s *shown) Format(st fmt.State, verb rune) {
	p := *s.p
	p.st, p.verb = st, verb
	p.sharpV = verb == 'v' && st.Flag('#')
	p.plusV = verb == 'v' && st.Flag('+')
	p.top(s.v, s.t)
}

// String implements fmt.Stringer, for the places that print a value
// without fmt's verbs (errors built from it, the kernel's text/plain).
func (s *shown) String() string { return fmt.Sprint(s) }

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

// version returns the registered current version of a cell's type.
func (s *shower) version(name string) *cellType {
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

// itoa is strconv.Itoa.
func itoa(n int) string { return strconv.Itoa(n) }
