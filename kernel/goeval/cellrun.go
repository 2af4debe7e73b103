package goeval

import (
	"context"
	"errors"
	"go/ast"
	"reflect"
	"strconv"

	"github.com/descentlab/descent/kernel/goeval/typeinfer"
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
	scope       *typeinfer.Scope  // what the cell declares at its top level
	globals     map[string]reflect.Value
	// underlying caches interpretedUnderlying: 0 not yet known, 1 no, 2 yes.
	underlying int
	gotos      map[string]bool // labels that top-level gotos jump to
	// predeclared holds the identifiers of the cell that refer to
	// predeclared names or packages.
	predeclared map[*ast.Ident]bool

	// reassigned holds the definitions compiled as assignments (see
	// reassign.go); keepDefinition those the interpreter made fail so.
	reassigned     map[*item]*reassignment
	keepDefinition map[*item]bool

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
	for _, it := range run.items {
		for _, id := range run.refs[it].free {
			if free[id] && run.e.reg.broken[id.Name] {
				return Result{}, errorAt(run.cell, it, id, KindCompile, id.Name+
					" is not usable: its declaration did not compile (or no longer compiles after a redefinition); fix it and run its cell again")
			}
		}
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
	run.predeclared = predeclared
	if err := run.checkUnsupported(predeclared); err != nil {
		return Result{}, err
	}
	reqs = append(reqs, run.sourceImports(predeclared)...)
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

// analyze resolves the names of every item and records what the cell
// declares.
func (run *cellRun) analyze() error {
	run.refs = map[*item]*refs{}
	run.cellTop = map[string]bool{}
	run.scope = typeinfer.NewScope()
	declared := map[string]bool{}
	for _, it := range run.items {
		r := resolve(it.node())
		run.refs[it] = r
		for _, n := range r.top {
			run.cellTop[n] = true
		}
		run.scope.Declare(it.node())
		if d, ok := it.node().(*ast.FuncDecl); ok && d.Recv == nil && d.Name.Name == "main" && d.Type.TypeParams == nil {
			run.hasMain = true
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

// globalValues returns the interpreter's package-level variables and
// constants, read once per cell.
// The interpreter cannot always list them (after some failed compilations
// its variable table is behind its symbols): the list is then empty.
func (run *cellRun) globalValues() map[string]reflect.Value {
	if run.globals == nil {
		run.globals = map[string]reflect.Value{}
		func() {
			defer func() { _ = recover() }()
			run.globals = run.e.in.Globals()
		}()
	}
	return run.globals
}

func (run *cellRun) newRewriter(it *item) *rewriter {
	if run.gotos == nil {
		run.gotos = gotoTargets(run.items)
	}
	in := run.types(it.node())
	return &rewriter{it: it, cell: run.cell, infer: in, counter: &run.counter,
		assumeInt: run.assumeInt, gotoTargets: run.gotos, show: run.e.show, native: run.nativeVarEdits(it),
		predeclared: run.predeclared,
		spell:       func(t typeinfer.Type) (string, bool) { return run.spell(in, t) }}
}

// declChunk compiles and runs a chunk of the cell's declarations, then
// compiles again what depended on the names it redefined.
func (run *cellRun) declChunk(ch chunk) error {
	e := run.e
	// Ranges over expressions of unknown type are first taken as integer
	// ranges (rewriting a range over anything else does not compile), then
	// left alone: asking the interpreter first would make it log "nil type".
	run.assumeInt = true
	for {
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
		old := e.oldFuncs(plan.funcKeys())
		prog, err := e.compile(w.String(), false)
		if err != nil {
			run.restore(plan)
			if run.assumeInt && unknownRanges > 0 {
				run.assumeInt = false
				continue
			}
			return run.compileError(err, ch.items)
		}
		execErr := run.execute(prog)
		e.mu.Lock()
		e.reg.commit(plan)
		e.replaceFuncs(old)
		e.mu.Unlock()
		refreshErr := run.refresh(plan.changed, plan.emitted)
		run.registerTypes(plan.typeNames())
		if execErr != nil {
			return execErr
		}
		return refreshErr
	}
}

// stmtChunk compiles and runs a chunk of statements, as one or more units
// (see stmtUnits). When it holds the cell's last item and that is an
// expression with a value, the value is captured for the Result.
func (run *cellRun) stmtChunk(ch chunk, last *item) error {
	items := ch.items
	for len(items) > 0 {
		units := run.stmtUnits(items)
		items = nil
		for i, u := range units {
			err := run.stmtUnit(u, last, i == len(units)-1)
			if err == errKeepDefinitions {
				// Nothing of the unit ran: its items and those after
				// it are cut again, with definitions kept as such.
				items = itemsFrom(ch.items, u[0].it)
				break
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}

// stmtUnit compiles and runs statements as one piece of code.
func (run *cellRun) stmtUnit(parts []stmtPart, last *item, lastUnit bool) error {
	e := run.e
	run.assumeInt = true // see declChunk
	capture, shape := false, resultShape{}
	if lastUnit && parts[len(parts)-1].it == last && !run.hasMain && last.stmt != nil {
		var kind valueKind
		kind, shape = lastValue(last.stmt, run.types(last.stmt))
		capture = kind != noValue
	}
	items := make([]*item, 0, len(parts))
	var defined []*item
	for _, p := range parts {
		items = append(items, p.it)
		if p.temps == nil || p.bind {
			defined = append(defined, p.it)
		}
	}
	for {
		src, unknownRanges := run.stmtSource(parts, last, capture)
		prog, err := e.compile(src, true)
		if err != nil && capture {
			// The call may return nothing: then it is a plain statement.
			plain, _ := run.stmtSource(parts, last, false)
			p2, err2 := e.compile(plain, true)
			prog, err = p2, err2
			if err2 == nil {
				capture = false
			}
		}
		if err != nil {
			if run.assumeInt && unknownRanges > 0 {
				run.assumeInt = false
				continue
			}
			if run.dropReassignments(parts) {
				return errKeepDefinitions
			}
			return run.compileError(err, items)
		}
		execErr := run.execute(prog)
		refreshErr := run.registerDefines(defined)
		if execErr != nil {
			return execErr
		}
		if refreshErr != nil {
			return refreshErr
		}
		if capture {
			if values, got, _, _ := e.hooks.snapshot(); got {
				run.result = resultFrom(values, shape)
				if v := run.result.Value; v.IsValid() && v.CanInterface() {
					if d, ok := e.show.withDisplayMethods(v.Interface()); ok {
						run.result.Value = reflect.ValueOf(d)
					}
				}
			}
		}
		return nil
	}
}

// stmtSource renders statements as the body of a function main whose body
// the interpreter runs at the top level.
func (run *cellRun) stmtSource(parts []stmtPart, last *item, capture bool) (string, int) {
	var w emitter
	w.raw(mainPrefix + "\n")
	unknownRanges := 0
	for _, p := range parts {
		it := p.it
		line, _ := run.cell.lineCol(it.start)
		w.raw(";" + hooksImport + ".At(" + strconv.Itoa(line) + ");")
		if p.bind {
			w.directive(run.cell, it.start)
			w.raw(p.bindText())
			continue
		}
		rw := run.newRewriter(it)
		edits := rw.rewrite(it.node(), it.stmt != nil)
		unknownRanges += rw.unknown
		if ra := run.reassignOf(it); ra != nil {
			edits = append(edits, run.reassignEdits(it, ra)...)
		} else if p.temps != nil {
			edits = append(edits, run.tempEdits(p, rw.infer)...)
		} else if typed := run.typedDefineEdits(it, rw.infer); len(typed) > 0 {
			edits = append(edits, typed...)
		}
		if capture && it == last {
			x := it.stmt.(*ast.ExprStmt).X
			start, end := it.off(x.Pos()), it.off(x.End())
			edits = append(edits,
				edit{start: start, end: start, text: hooksImport + ".V(", rank: openRank(-2)},
				edit{start: end, end: end, text: ")", rank: closeRank(-2)})
		}
		sortEdits(edits)
		w.piece(run.cell, it.start, it.end, edits)
	}
	w.raw("\n}")
	return w.String(), unknownRanges
}

// runMain runs the func main the cell declared.
func (run *cellRun) runMain() error {
	prog, err := run.e.compile(mainPrefix+hooksImport+".Enter(); "+mainName+"()\n}", true)
	if err != nil {
		return run.compileError(err, nil)
	}
	return run.execute(prog)
}

// execute runs a compiled chunk and turns what goes wrong into a CellError.
func (run *cellRun) execute(prog *interp.Program) error {
	e := run.e
	e.hooks.reset()
	e.trace.take()
	if err := run.ctx.Err(); err != nil {
		return &CellError{Kind: KindInterrupted, Message: "interrupted before it started"}
	}
	before := e.runIDs.current()
	_, err := e.in.ExecuteWithContext(run.ctx, prog)
	if err == nil {
		return nil
	}
	var p interp.Panic
	if cerr := run.ctx.Err(); cerr != nil && (errors.Is(err, cerr) || errors.As(err, &p) && isInputInterrupted(p.Value)) {
		e.runIDs.cancelled(before)
		_, _, gid, line := e.hooks.snapshot()
		e.setPending(gid)
		msg := "interrupted: the cell was stopped; variables of earlier cells are kept"
		if e.input.waitedWhenInterrupted() {
			msg = "interrupted while waiting for input: the cell was stopped; variables of earlier cells are kept"
		}
		ce := &CellError{Kind: KindInterrupted, Message: msg, Line: line}
		if line > 0 {
			ce.SourceLine = run.cell.line(line)
		}
		return ce
	}
	return run.execError(err)
}
