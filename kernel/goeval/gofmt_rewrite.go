package goeval

import (
	"go/ast"
	"go/token"
	"strconv"
)

// fmtOperandsAfter gives, for each printing function of fmt, the number of
// its leading parameters that are not operands.
var fmtOperandsAfter = map[string]int{
	"Print": 0, "Println": 0, "Printf": 1,
	"Sprint": 0, "Sprintln": 0, "Sprintf": 1,
	"Fprint": 1, "Fprintln": 1, "Fprintf": 2,
	"Append": 1, "Appendln": 1, "Appendf": 2,
	"Errorf": 1,
}

// logFormats gives, for each printing function of log, the function that
// prints a string and the fmt function that formats its operands.
var logFormats = map[string][2]string{
	"Print": {"Print", "Sprint"}, "Printf": {"Print", "Sprintf"}, "Println": {"Print", "Sprintln"},
	"Fatal": {"Fatal", "Sprint"}, "Fatalf": {"Fatal", "Sprintf"}, "Fatalln": {"Fatal", "Sprintln"},
	"Panic": {"Panic", "Sprint"}, "Panicf": {"Panic", "Sprintf"}, "Panicln": {"Panic", "Sprintln"},
}

// rewriteFmtCalls turns, in f, every call of a printing function of fmt
// (fmtNames are the names fmt is imported under) into a call of the same
// function of a new site, with each operand converted to interface{} so
// that the interpreter keeps the type of interface values:
//
//	fmt.Println(a, b)  becomes  _goeval_fmt.At(7).Println(interface{}(a), interface{}(b))
//
// A lone operand that is a call (it may return several values) goes
// through a function literal that returns them as a []interface{}, which
// keeps the dynamic type of interface values (handed to compiled code
// directly, the interpreter drops it: YAEGI_BUGS.md 15):
//
//	fmt.Println(f())  becomes  _goeval_fmt.At(7).Println(func(a ...interface{}) []interface{} { return a }(f())...)
//
// The operands of f(xs...) are left alone. In a generic function, an
// operand may have a type parameter's type, which the interpreter gives no
// type when it converts it: there it becomes []interface{}{a}[0], which
// keeps the type of a value whose type has methods. The new nodes take the
// positions of the ones they replace. Nothing is rewritten in a file that
// declares one of fmtNames itself.
//
// The printing functions of log (logNames are its names) format their
// operands the same way: log.Printf(format, a...) becomes
// log.Print(_goeval_fmt.At(7).Sprintf(format, a...)), which prints the same.
func (s *fmtSites) rewriteFmtCalls(f *ast.File, fmtNames, logNames map[string]bool) {
	all := map[string]bool{}
	for n := range fmtNames {
		all[n] = true
	}
	for n := range logNames {
		all[n] = true
	}
	if declaresAny(f, all) {
		return
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		s.rewriteIn(d, fmtNames, logNames, ok && isGenericFunc(fd))
	}
}

// isGenericFunc reports whether fd is a generic function or a method of a
// generic type.
func isGenericFunc(fd *ast.FuncDecl) bool {
	if fd.Type.TypeParams != nil && len(fd.Type.TypeParams.List) > 0 {
		return true
	}
	if fd.Recv != nil && len(fd.Recv.List) > 0 {
		t := fd.Recv.List[0].Type
		if st, ok := t.(*ast.StarExpr); ok {
			t = st.X
		}
		switch t.(type) {
		case *ast.IndexExpr, *ast.IndexListExpr:
			return true
		}
	}
	return false
}

func (s *fmtSites) rewriteIn(root ast.Node, fmtNames, logNames map[string]bool, generic bool) {
	// A printing function used as a value (p := fmt.Println) becomes the
	// method value of a site whose operands' types are told from their
	// values.
	value := func(x *ast.Expr) {
		sel, ok := (*x).(*ast.SelectorExpr)
		if !ok {
			return
		}
		pkg, ok := sel.X.(*ast.Ident)
		if !ok || !fmtNames[pkg.Name] {
			return
		}
		if _, ok := fmtOperandsAfter[sel.Sel.Name]; ok {
			site := s.newSite(sel.Sel.Name, fmtOperandsAfter[sel.Sel.Name], false, true)
			*x = &ast.SelectorExpr{X: siteCall(site, pkg.Pos()), Sel: sel.Sel}
		}
	}
	values := func(xs []ast.Expr) {
		for i := range xs {
			value(&xs[i])
		}
	}
	ast.Inspect(root, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.AssignStmt:
			values(x.Rhs)
		case *ast.ValueSpec:
			values(x.Values)
		case *ast.ReturnStmt:
			values(x.Results)
		case *ast.CompositeLit:
			values(x.Elts)
		case *ast.KeyValueExpr:
			value(&x.Value)
		case *ast.CallExpr:
			values(x.Args)
		}
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok {
			return true
		}
		pkg, ok := sel.X.(*ast.Ident)
		if !ok {
			return true
		}
		if pkg.Name == hooksImport && sel.Sel.Name == "V" {
			s.rewriteCapture(call, generic)
			return true
		}
		if logNames[pkg.Name] {
			if lf, ok := logFormats[sel.Sel.Name]; ok {
				s.rewriteLog(call, sel, lf, generic)
			}
			return true
		}
		if !fmtNames[pkg.Name] {
			return true
		}
		skip, ok := fmtOperandsAfter[sel.Sel.Name]
		if !ok {
			return true
		}
		spread := call.Ellipsis.IsValid()
		site := s.newSite(sel.Sel.Name, skip, spread, generic)
		call.Fun = &ast.SelectorExpr{X: siteCall(site, pkg.Pos()), Sel: sel.Sel}
		boxOperands(call, skip, generic)
		return true
	})
}

// siteCall returns _goeval_fmt.At(id).
func siteCall(site *fmtSite, p token.Pos) ast.Expr {
	return &ast.CallExpr{
		Fun:    &ast.SelectorExpr{X: &ast.Ident{NamePos: p, Name: fmtSitesImport}, Sel: &ast.Ident{NamePos: p, Name: "At"}},
		Lparen: p,
		Args:   []ast.Expr{&ast.BasicLit{ValuePos: p, Kind: token.INT, Value: strconv.Itoa(site.id)}},
		Rparen: p,
	}
}

// rewriteLog turns log.Printf(format, a...) into
// log.Print(_goeval_fmt.At(id).Sprintf(format, a...)) (lf: Print, Sprintf).
func (s *fmtSites) rewriteLog(call *ast.CallExpr, sel *ast.SelectorExpr, lf [2]string, generic bool) {
	skip := fmtOperandsAfter[lf[1]]
	site := s.newSite(lf[1], skip, call.Ellipsis.IsValid(), generic)
	p := sel.Sel.Pos()
	inner := &ast.CallExpr{Fun: &ast.SelectorExpr{X: siteCall(site, p), Sel: &ast.Ident{NamePos: p, Name: lf[1]}},
		Lparen: call.Lparen, Args: call.Args, Ellipsis: call.Ellipsis, Rparen: call.Rparen}
	boxOperands(inner, skip, generic)
	sel.Sel = &ast.Ident{NamePos: sel.Sel.Pos(), Name: lf[0]}
	call.Args, call.Ellipsis = []ast.Expr{inner}, token.NoPos
}

// rewriteCapture turns the evaluator's capture of a cell's value,
// _goeval_.V(x), into _goeval_.V(_goeval_fmt.At(id).Values(interface{}(x))...),
// so that the value shows as Go prints it.
func (s *fmtSites) rewriteCapture(call *ast.CallExpr, generic bool) {
	if call.Ellipsis.IsValid() || len(call.Args) == 0 {
		return
	}
	site := s.newSite("Values", 0, false, generic)
	p := call.Lparen
	values := &ast.CallExpr{Fun: &ast.SelectorExpr{X: siteCall(site, p), Sel: &ast.Ident{NamePos: p, Name: "Values"}},
		Lparen: p, Args: call.Args, Rparen: call.Rparen}
	boxOperands(values, 0, generic)
	call.Args = []ast.Expr{values}
	call.Ellipsis = call.Rparen
}

// boxOperands converts the operands of call (after the first skip
// arguments) to interface{} (see rewriteFmtCalls).
func boxOperands(call *ast.CallExpr, skip int, generic bool) {
	if call.Ellipsis.IsValid() {
		return
	}
	if len(call.Args) == 1 && isCallExpr(call.Args[0]) {
		if skip == 0 {
			spreadResults(call, generic)
		}
		return
	}
	{
		for i := skip; i < len(call.Args); i++ {
			a := call.Args[i]
			ap := a.Pos()
			empty := &ast.InterfaceType{Interface: ap, Methods: &ast.FieldList{Opening: ap, Closing: ap}}
			if generic {
				call.Args[i] = &ast.IndexExpr{
					X:      &ast.CompositeLit{Type: &ast.ArrayType{Lbrack: ap, Elt: empty}, Lbrace: ap, Elts: []ast.Expr{a}, Rbrace: a.End()},
					Lbrack: a.End(),
					Index:  &ast.BasicLit{ValuePos: a.End(), Kind: token.INT, Value: "0"},
					Rbrack: a.End(),
				}
				continue
			}
			call.Args[i] = &ast.CallExpr{Fun: empty, Lparen: ap, Args: []ast.Expr{a}, Rparen: a.End()}
		}
	}
}

// spreadParam is the parameter of the function literal of spreadResults;
// spreadParamGeneric that of one in a generic function.
const (
	spreadParam        = hiddenPrefix + "results"
	spreadParamGeneric = hiddenPrefix + "gresults"
)

// spreadResults turns call(g()), whose lone argument is a call, into
// call(func(a ...interface{}) []interface{} { return a }(g())...): the
// interpreter keeps the dynamic type of the interface values g returns in
// the slice, where it drops it for a call handed to compiled code directly.
// The package's walker reads the static types of g's results (see
// interptype.Universe.ReadProgram); in a generic function (generic), where
// they depend on the instance, it records that a result of a type with
// methods is stored in the slice without its type.
func spreadResults(call *ast.CallExpr, generic bool) {
	inner := call.Args[0]
	p, end := inner.Pos(), inner.End()
	empty := func() ast.Expr {
		return &ast.InterfaceType{Interface: p, Methods: &ast.FieldList{Opening: p, Closing: p}}
	}
	param := &ast.Ident{NamePos: p, Name: spreadParam}
	if generic {
		param.Name = spreadParamGeneric
	}
	lit := &ast.FuncLit{
		Type: &ast.FuncType{Func: p,
			Params:  &ast.FieldList{Opening: p, List: []*ast.Field{{Names: []*ast.Ident{param}, Type: &ast.Ellipsis{Ellipsis: p, Elt: empty()}}}, Closing: p},
			Results: &ast.FieldList{List: []*ast.Field{{Type: &ast.ArrayType{Lbrack: p, Elt: empty()}}}},
		},
		Body: &ast.BlockStmt{Lbrace: p, List: []ast.Stmt{&ast.ReturnStmt{Return: p, Results: []ast.Expr{&ast.Ident{NamePos: p, Name: param.Name}}}}, Rbrace: p},
	}
	call.Args[0] = &ast.CallExpr{Fun: lit, Lparen: p, Args: []ast.Expr{inner}, Rparen: end}
	call.Ellipsis = end
}

func isCallExpr(x ast.Expr) bool {
	_, ok := unparen(x).(*ast.CallExpr)
	return ok
}

// declaresAny reports whether f declares one of names anywhere (as a
// variable, constant, type, function, parameter or label), hiding the
// package of that name somewhere.
func declaresAny(f *ast.File, names map[string]bool) bool {
	found := false
	check := func(id *ast.Ident) {
		if id != nil && names[id.Name] {
			found = true
		}
	}
	fields := func(fl *ast.FieldList) {
		if fl == nil {
			return
		}
		for _, fd := range fl.List {
			for _, id := range fd.Names {
				check(id)
			}
		}
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if found {
			return false
		}
		switch x := n.(type) {
		case *ast.FuncDecl:
			check(x.Name)
			fields(x.Recv)
		case *ast.FuncType:
			fields(x.TypeParams)
			fields(x.Params)
			fields(x.Results)
		case *ast.ValueSpec:
			for _, id := range x.Names {
				check(id)
			}
		case *ast.TypeSpec:
			check(x.Name)
		case *ast.AssignStmt:
			if x.Tok == token.DEFINE {
				for _, l := range x.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						check(id)
					}
				}
			}
		case *ast.RangeStmt:
			if x.Tok == token.DEFINE {
				if id, ok := x.Key.(*ast.Ident); ok {
					check(id)
				}
				if id, ok := x.Value.(*ast.Ident); ok {
					check(id)
				}
			}
		case *ast.TypeSwitchStmt:
			if a, ok := x.Assign.(*ast.AssignStmt); ok {
				for _, l := range a.Lhs {
					if id, ok := l.(*ast.Ident); ok {
						check(id)
					}
				}
			}
		case *ast.LabeledStmt:
			check(x.Label)
		}
		return true
	})
	return found
}
