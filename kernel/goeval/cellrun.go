package goeval

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/traefik/yaegi/interp"
)

// Names the evaluator gives to what it adds.
const (
	mainName   = hiddenPrefix + "main" // a cell's func main, run once by its cell
	gidVar     = hiddenPrefix + "gid"  // initialized by Enter in declaration chunks that run code
	mainPrefix = "package main; func main() {"
)

// cellRun is the evaluation of one cell.
type cellRun struct {
	e    *Evaluator
	ctx  context.Context
	cell *cellSource

	items       []*item // declarations and statements, in source order
	refs        map[*item]*refs
	cellTop     map[string]bool   // names the cell declares at its top level
	cellImports map[string]string // package names bound for this cell
	lk          *lookup
	globals     map[string]reflect.Value

	counter   int  // numbers hidden names
	assumeInt bool // retrying with unknown ranges taken as integer ranges
	hasMain   bool
	result    Result
}

func (run *cellRun) eval() (Result, error) {
	all, err := splitCell(run.cell)
	if err != nil {
		return Result{}, err
	}
	var importItems []*item
	for _, it := range all {
		if it.kind == itemImport {
			importItems = append(importItems, it)
		} else {
			run.items = append(run.items, it)
		}
	}
	if err := run.analyze(); err != nil {
		return Result{}, err
	}
	free := map[*ast.Ident]bool{}
	selectorBases := map[*ast.Ident]bool{}
	for _, it := range run.items {
		for _, id := range run.refs[it].free {
			if !run.cellTop[id.Name] {
				free[id] = true
			}
		}
	}
	for _, it := range run.items {
		ast.Inspect(it.node(), func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				if id, ok := sel.X.(*ast.Ident); ok && free[id] {
					selectorBases[id] = true
				}
			}
			return true
		})
	}
	reqs, err := run.planImports(importItems, selectorBases)
	if err != nil {
		return Result{}, err
	}
	predeclared := map[*ast.Ident]bool{}
	for id := range free {
		if _, user := run.e.reg.units[id.Name]; !user {
			predeclared[id] = true
		}
	}
	if err := checkUnsupported(run.cell, run.items, predeclared, run.pkgPath); err != nil {
		return Result{}, err
	}
	if err := run.loadImports(reqs); err != nil {
		return Result{}, err
	}
	var last *item
	if n := len(run.items); n > 0 {
		last = run.items[n-1]
	}
	for _, ch := range orderItems(run.items, run.refs) {
		if ch.decl {
			err = run.declChunk(ch)
		} else {
			err = run.stmtChunk(ch, last)
		}
		if err != nil {
			return Result{}, err
		}
	}
	if run.hasMain {
		if err := run.runMain(); err != nil {
			return Result{}, err
		}
	}
	return run.result, nil
}

// analyze resolves the names of every item and builds the lookup tables.
func (run *cellRun) analyze() error {
	run.refs = map[*item]*refs{}
	run.cellTop = map[string]bool{}
	run.lk = &lookup{
		cellFuncs: map[string]*ast.FuncDecl{},
		cellTypes: map[string]*ast.TypeSpec{},
		cellVals:  map[string][]valueSource{},
		reg:       run.e.reg,
		pkgs:      run.e.pkgs,
		pkgPath:   run.pkgPath,
		globals:   run.globalValues,
	}
	declared := map[string]bool{}
	for _, it := range run.items {
		r := resolve(it.node())
		run.refs[it] = r
		for _, n := range r.top {
			run.cellTop[n] = true
		}
		switch d := it.node().(type) {
		case *ast.FuncDecl:
			if d.Recv == nil {
				run.lk.cellFuncs[d.Name.Name] = d
				if d.Name.Name == "main" && d.Type.TypeParams == nil {
					run.hasMain = true
				}
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					run.lk.cellTypes[s.Name.Name] = s
				case *ast.ValueSpec:
					addValueSpec(run.lk.cellVals, s)
				}
			}
		case *ast.AssignStmt:
			if d.Tok == token.DEFINE {
				addDefine(run.lk.cellVals, d)
			}
		}
		if it.kind == itemDecl {
			for _, n := range r.top {
				if declared[n] {
					return errorAt(run.cell, it, it.node(), KindCompile, n+" redeclared in this cell")
				}
				declared[n] = true
			}
		}
	}
	return nil
}

func addValueSpec(m map[string][]valueSource, s *ast.ValueSpec) {
	for i, id := range s.Names {
		switch {
		case s.Type != nil:
			m[id.Name] = append(m[id.Name], valueSource{typ: s.Type})
		case len(s.Values) == len(s.Names):
			m[id.Name] = append(m[id.Name], valueSource{val: s.Values[i]})
		default:
			m[id.Name] = append(m[id.Name], valueSource{multi: true})
		}
	}
}

func addDefine(m map[string][]valueSource, a *ast.AssignStmt) {
	for i, l := range a.Lhs {
		id, ok := l.(*ast.Ident)
		if !ok || id.Name == "_" {
			continue
		}
		if len(a.Rhs) == len(a.Lhs) {
			m[id.Name] = append(m[id.Name], valueSource{val: a.Rhs[i]})
		} else {
			m[id.Name] = append(m[id.Name], valueSource{multi: true})
		}
	}
}

// globalValues returns the interpreter's package-level variables and
// constants, read once per cell.
func (run *cellRun) globalValues() map[string]reflect.Value {
	if run.globals == nil {
		run.globals = run.e.in.Globals()
	}
	return run.globals
}

func (run *cellRun) newRewriter(it *item) *rewriter {
	return &rewriter{it: it, cell: run.cell, infer: run.lk.inferer(it.node()), counter: &run.counter, assumeInt: run.assumeInt}
}

// unitsOf turns declaration items into registry units, with their loops
// rewritten. It also returns how many ranges had an unknown type.
func (run *cellRun) unitsOf(items []*item) ([]*unit, int) {
	var out []*unit
	unknownRanges := 0
	for _, it := range items {
		switch d := it.decl.(type) {
		case *ast.FuncDecl:
			rw := run.newRewriter(it)
			edits := rw.rewrite(d, false)
			unknownRanges += rw.unknown
			u := &unit{kind: unitFunc, cell: run.cell, start: it.off(d.Pos()), end: it.off(d.End()), node: d,
				uses: run.refs[it].freeNames(), generic: d.Type.TypeParams != nil}
			u.text = run.cell.text[u.start:u.end]
			switch {
			case d.Recv != nil:
				var gen bool
				u.kind, u.names = unitMethod, []string{d.Name.Name}
				u.recv, gen = receiverBase(d.Recv)
				u.generic = u.generic || gen
			case d.Name.Name == "main" && d.Type.TypeParams == nil:
				u.names = []string{mainName}
				edits = append(edits, edit{start: it.off(d.Name.Pos()), end: it.off(d.Name.End()), text: mainName, rank: rankReplace})
				sortEdits(edits)
			case d.Name.Name != "init" && d.Name.Name != "_":
				u.names = []string{d.Name.Name}
			}
			u.edits = edits
			out = append(out, u)
		case *ast.GenDecl:
			switch d.Tok {
			case token.TYPE:
				for _, spec := range d.Specs {
					ts := spec.(*ast.TypeSpec)
					if ts.Name.Name == "_" {
						continue
					}
					u := &unit{kind: unitType, names: []string{ts.Name.Name}, cell: run.cell, node: ts,
						start: it.off(ts.Pos()), end: it.off(ts.End()), generic: ts.TypeParams != nil,
						nameStart: it.off(ts.Name.Pos()), nameEnd: it.off(ts.Name.End()), uses: map[string]bool{}}
					u.text = run.cell.text[u.start:u.end]
					for _, id := range typeSpecRefs(ts) {
						u.uses[id.Name] = true
						u.refs = append(u.refs, identRef{start: it.off(id.Pos()), end: it.off(id.End()), name: id.Name})
					}
					out = append(out, u)
				}
			case token.CONST:
				rw := run.newRewriter(it)
				edits := rw.rewrite(d, false)
				unknownRanges += rw.unknown
				u := &unit{kind: unitConst, names: run.refs[it].top, cell: run.cell, node: d,
					start: it.off(d.Pos()), end: it.off(d.End()), uses: run.refs[it].freeNames(), edits: edits}
				u.text = run.cell.text[u.start:u.end]
				out = append(out, u)
			}
		}
	}
	return out, unknownRanges
}

// receiverBase returns the type name of a method's receiver and whether
// that type is generic.
func receiverBase(recv *ast.FieldList) (string, bool) {
	if recv == nil || len(recv.List) == 0 {
		return "", false
	}
	t := recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	generic := false
	switch x := t.(type) {
	case *ast.IndexExpr:
		t, generic = x.X, true
	case *ast.IndexListExpr:
		t, generic = x.X, true
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name, generic
	}
	return "", generic
}

// declChunk compiles and runs a chunk of the cell's declarations, then
// compiles again what depended on the names it redefined.
func (run *cellRun) declChunk(ch chunk) error {
	e := run.e
	run.assumeInt = false
	for attempt := 0; ; attempt++ {
		units, unknownRanges := run.unitsOf(ch.items)
		plan, err := e.reg.planCell(units)
		if err != nil {
			return err
		}
		if plan.empty() {
			return nil
		}
		prologue := ""
		if plan.hasVars() {
			prologue = "var " + gidVar + " = " + hooksImport + ".Enter()\n"
		}
		var w emitter
		plan.write(&w, prologue)
		prog, err := e.compile(w.String(), false)
		if err != nil {
			if attempt == 0 && unknownRanges > 0 && isNilType(err) {
				run.assumeInt = true
				continue
			}
			return run.compileError(err, ch.items)
		}
		execErr := run.execute(prog)
		e.mu.Lock()
		e.reg.commit(plan)
		e.mu.Unlock()
		refreshErr := run.refresh(plan.changed, plan.emitted)
		if execErr != nil {
			return execErr
		}
		return refreshErr
	}
}

// stmtChunk compiles and runs a chunk of statements. When it holds the
// cell's last item and that is an expression with a value, the value is
// captured for the Result.
func (run *cellRun) stmtChunk(ch chunk, last *item) error {
	e := run.e
	run.assumeInt = false
	capture, shape := false, resultShape{}
	if ch.items[len(ch.items)-1] == last && !run.hasMain && last.stmt != nil {
		var kind valueKind
		kind, shape = lastValue(last.stmt, run.lk.inferer(last.stmt))
		capture = kind != noValue
	}
	for attempt := 0; ; attempt++ {
		src, unknownRanges := run.stmtSource(ch, last, capture)
		prog, err := e.compile(src, true)
		if err != nil && capture {
			// The call may return nothing: then it is a plain statement.
			plain, _ := run.stmtSource(ch, last, false)
			if p2, err2 := e.compile(plain, true); err2 == nil {
				prog, err, capture = p2, nil, false
			}
		}
		if err != nil {
			if attempt == 0 && unknownRanges > 0 && isNilType(err) {
				run.assumeInt = true
				continue
			}
			return run.compileError(err, ch.items)
		}
		execErr := run.execute(prog)
		refreshErr := run.registerDefines(ch.items)
		if execErr != nil {
			return execErr
		}
		if refreshErr != nil {
			return refreshErr
		}
		if capture {
			if values, got, _, _ := e.hooks.snapshot(); got {
				run.result = resultFrom(values, shape)
			}
		}
		return nil
	}
}

// stmtSource renders a statement chunk as the body of a function main
// whose body the interpreter runs at the top level.
func (run *cellRun) stmtSource(ch chunk, last *item, capture bool) (string, int) {
	var w emitter
	w.raw(mainPrefix + hooksImport + ".Enter()\n")
	unknownRanges := 0
	for _, it := range ch.items {
		rw := run.newRewriter(it)
		edits := rw.rewrite(it.node(), it.stmt != nil)
		unknownRanges += rw.unknown
		if capture && it == last {
			x := it.stmt.(*ast.ExprStmt).X
			start, end := it.off(x.Pos()), it.off(x.End())
			edits = append(edits,
				edit{start: start, end: start, text: hooksImport + ".V(", rank: openRank(-2)},
				edit{start: end, end: end, text: ")", rank: closeRank(-2)})
			sortEdits(edits)
		}
		line, _ := run.cell.lineCol(it.start)
		w.raw(";" + hooksImport + ".At(" + strconv.Itoa(line) + ");")
		w.piece(run.cell, it.start, it.end, edits)
	}
	w.raw("\n}")
	return w.String(), unknownRanges
}

// registerDefines records the variables the chunk's top-level := statements
// declared, and compiles again what used earlier variables of those names.
func (run *cellRun) registerDefines(items []*item) error {
	e := run.e
	changed := map[string]bool{}
	e.mu.Lock()
	for _, it := range items {
		for _, name := range run.refs[it].top {
			if e.reg.units[name] != nil {
				changed[name] = true
			}
			e.reg.add(&unit{kind: unitVar, names: []string{name}, cell: run.cell, start: it.start, end: it.end,
				text: run.cell.text[it.start:it.end]})
		}
	}
	e.mu.Unlock()
	return run.refresh(changed, nil)
}

// runMain runs the func main the cell declared.
func (run *cellRun) runMain() error {
	prog, err := run.e.compile(mainPrefix+hooksImport+".Enter(); "+mainName+"()\n}", true)
	if err != nil {
		return run.compileError(err, nil)
	}
	return run.execute(prog)
}

// refresh compiles again the declarations of earlier cells that depend,
// transitively, on the names in changed. done holds units just compiled.
func (run *cellRun) refresh(changed map[string]bool, done map[*unit]bool) error {
	if len(changed) == 0 {
		return nil
	}
	e := run.e
	plan := e.reg.planRefresh(changed, done)
	if !plan.empty() {
		var w emitter
		plan.write(&w, "")
		prog, err := e.compile(w.String(), false)
		if err == nil {
			_, err = e.in.ExecuteWithContext(context.Background(), prog)
		}
		if err != nil {
			return run.refreshError(err, plan, changed)
		}
		e.mu.Lock()
		e.reg.commit(plan)
		e.mu.Unlock()
	}
	if len(plan.stale) > 0 {
		return &CellError{Kind: KindUnsupported, Message: fmt.Sprintf(
			"%s changed, but %s (generic, declared earlier) still use the old definition: "+
				"the interpreter cannot redefine generic code; run %%reset and re-run the cells",
			sortedNames(changed), strings.Join(plan.stale, ", "))}
	}
	return nil
}

func sortedNames(m map[string]bool) string {
	var out []string
	for n := range m {
		out = append(out, n)
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// refreshError explains that a redefinition broke declarations that depend
// on it.
func (run *cellRun) refreshError(err error, plan *declPlan, changed map[string]bool) error {
	ce := run.compileError(err, nil)
	var names []string
	for _, u := range plan.others {
		names = append(names, u.names...)
	}
	for _, t := range plan.types {
		names = append(names, t.u.names[0])
	}
	for i, n := range names {
		if n == mainName {
			names[i] = "main"
		}
	}
	ce.Message = fmt.Sprintf("redefining %s breaks code declared earlier that uses it (%s): %s",
		sortedNames(changed), strings.Join(names, ", "), ce.Message)
	return ce
}

// execute runs a compiled chunk and turns what goes wrong into a CellError.
func (run *cellRun) execute(prog *interp.Program) error {
	e := run.e
	e.hooks.reset()
	e.trace.take()
	if err := run.ctx.Err(); err != nil {
		return &CellError{Kind: KindInterrupted, Message: "interrupted before it started"}
	}
	_, err := e.in.ExecuteWithContext(run.ctx, prog)
	if err == nil {
		return nil
	}
	if cerr := run.ctx.Err(); cerr != nil && errors.Is(err, cerr) {
		_, _, gid, line := e.hooks.snapshot()
		e.setPending(gid)
		ce := &CellError{Kind: KindInterrupted, Message: "interrupted: the cell was stopped; variables of earlier cells are kept", Line: line}
		if line > 0 {
			ce.SourceLine = run.cell.line(line)
		}
		return ce
	}
	return run.execError(err)
}

// execError converts an execution error (mostly a panic).
func (run *cellRun) execError(err error) *CellError {
	e := run.e
	frames := e.trace.take()
	_, _, _, line := e.hooks.snapshot()
	seq := run.cell.seq
	var p interp.Panic
	if errors.As(err, &p) {
		kind, msg := panicMessage(p.Value)
		ce := &CellError{Kind: kind, Message: humanize(msg, seq), Traceback: describeFrames(frames, seq)}
		if line == 0 {
			for _, f := range frames {
				if f.hasPos && f.pos.seq == seq {
					line = f.pos.line
				}
			}
		}
		if line > 0 {
			ce.Line, ce.SourceLine = line, run.cell.line(line)
		}
		return ce
	}
	pos, msg, ok := splitPosition(err.Error())
	ce := &CellError{Kind: KindRuntime, Message: humanize(msg, seq)}
	if ok && pos.seq == seq {
		ce.Line, ce.Col = pos.line, pos.col
	} else if line > 0 {
		ce.Line = line
	}
	if ce.Line > 0 {
		ce.SourceLine = run.cell.line(ce.Line)
	}
	return ce
}

// panicMessage classifies a panic value: the Go runtime's errors (and the
// reflect errors the interpreter raises for them) are KindRuntime.
func panicMessage(v any) (ErrorKind, string) {
	switch x := v.(type) {
	case interface{ RuntimeError() }:
		return KindRuntime, strings.TrimPrefix(fmt.Sprint(x), "runtime error: ")
	case string:
		if strings.HasPrefix(x, "reflect: ") || strings.HasPrefix(x, "reflect.") {
			return KindRuntime, reflectMessage(x)
		}
	case error:
		if m := x.Error(); strings.HasPrefix(m, "reflect: ") || strings.HasPrefix(m, "reflect.") {
			return KindRuntime, reflectMessage(m)
		}
	}
	return KindPanic, fmt.Sprint(v)
}

// reflectMessage words the reflect panics the interpreter raises for
// run-time errors the way Go does.
func reflectMessage(m string) string {
	switch {
	case strings.Contains(m, "index out of range"):
		return "index out of range"
	case strings.Contains(m, "on zero Value"), strings.Contains(m, "nil pointer"):
		return "invalid memory address or nil pointer dereference"
	}
	return m
}

// compileError converts a compile error, locating it in the cell.
func (run *cellRun) compileError(err error, items []*item) *CellError {
	seq := run.cell.seq
	var (
		pos    position
		hasPos bool
		msg    string
	)
	var list interface{ Len() int }
	switch x := err.(type) {
	case compilePanic:
		msg = x.Error()
	default:
		if el, ok := err.(interface{ Len() int }); ok {
			list = el
		}
		msg = err.Error()
		pos, msg, hasPos = splitPosition(msg)
		if list != nil {
			// A parse error of generated code: "cell.go:L:C: msg (and N more errors)".
			if i := strings.Index(msg, " (and "); i > 0 {
				msg = msg[:i]
			}
		}
	}
	kind, msg := interpretMessage(msg)
	msg = genericHint(humanize(msg, seq))
	ce := &CellError{Kind: kind, Message: msg}
	undefItem, undef := (*item)(nil), (*ast.Ident)(nil)
	if strings.Contains(msg, "definition loop") {
		// What the interpreter says for a top-level := or var whose value
		// uses an undefined name.
		undefItem, undef = run.undefinedIdent(items)
	}
	switch {
	case undef != nil:
		ce.Message = "undefined: " + undef.Name
		ce.Line, ce.Col = run.cell.lineCol(undefItem.off(undef.Pos()))
	case hasPos && pos.seq == seq:
		ce.Line, ce.Col = pos.line, pos.col
	case hasPos && pos.seq > 0:
		ce.Message += fmt.Sprintf(" (at line %d:%d of an earlier cell)", pos.line, pos.col)
	default:
		if it, n := run.guessNode(items, msg); n != nil {
			ce.Line, ce.Col = run.cell.lineCol(it.off(n.Pos()))
		}
	}
	if ce.Line > 0 {
		ce.SourceLine = run.cell.line(ce.Line)
	}
	return ce
}

// guessNode finds the node an error without position is about: the first
// generic call for a type-inference failure, the first range loop for a
// range the interpreter could not type, or the only item of the chunk.
func (run *cellRun) guessNode(items []*item, msg string) (*item, ast.Node) {
	var want func(ast.Node) bool
	switch {
	case strings.Contains(msg, "type arguments"):
		want = func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			return ok && run.isGenericCallee(call.Fun)
		}
	case strings.Contains(msg, "for ... range"):
		want = func(n ast.Node) bool { _, ok := n.(*ast.RangeStmt); return ok }
	}
	if want != nil {
		for _, it := range items {
			var found ast.Node
			ast.Inspect(it.node(), func(n ast.Node) bool {
				if found == nil && n != nil && want(n) {
					found = n
				}
				return found == nil
			})
			if found != nil {
				return it, found
			}
		}
	}
	if len(items) == 1 {
		return items[0], items[0].node()
	}
	return nil, nil
}

// isGenericCallee reports whether fun names a generic function: one of the
// cells' or of the generic standard packages.
func (run *cellRun) isGenericCallee(fun ast.Expr) bool {
	switch f := fun.(type) {
	case *ast.Ident:
		if fd := run.lk.cellFuncs[f.Name]; fd != nil {
			return fd.Type.TypeParams != nil
		}
		if u := run.e.reg.units[f.Name]; u != nil {
			return u.generic
		}
	case *ast.SelectorExpr:
		if id, ok := f.X.(*ast.Ident); ok {
			p, _ := run.pkgPath(id.Name)
			return p == "slices" || p == "maps" || p == "cmp"
		}
	}
	return false
}

func isNilType(err error) bool {
	var cp compilePanic
	return errors.As(err, &cp) && fmt.Sprint(cp.value) == "nil type"
}

// undefinedIdent finds the first identifier of items that nothing declares:
// not the cell, an earlier cell, a package, a builtin nor a dot import.
func (run *cellRun) undefinedIdent(items []*item) (*item, *ast.Ident) {
	for name := range run.e.imports {
		if strings.HasPrefix(name, ".") {
			return nil, nil // a dot import can declare anything
		}
	}
	universe := map[string]bool{"min": true, "max": true, "clear": true}
	for _, n := range goPredeclared {
		universe[n] = true
	}
	for _, it := range items {
		for _, id := range run.refs[it].free {
			n := id.Name
			if run.cellTop[n] || universe[n] || strings.HasPrefix(n, hiddenPrefix) {
				continue
			}
			if _, ok := run.e.reg.units[n]; ok {
				continue
			}
			if _, ok := run.pkgPath(n); ok {
				continue
			}
			return it, id
		}
	}
	return nil, nil
}
