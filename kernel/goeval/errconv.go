package goeval

import (
	"errors"
	"fmt"
	"github.com/descentlab/descent/kernel/goeval/goprint"
	"go/ast"
	"strings"

	"github.com/traefik/yaegi/interp"
)

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
	case *refusal:
		return KindUnsupported, x.msg
	case *goprint.Unsupported:
		return KindUnsupported, x.Message
	case goexitCalled:
		return KindGoexit, "runtime.Goexit stopped the cell: the statements after it did not run (the variables are kept)"
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
	case strings.Contains(m, "on zero Value"), strings.Contains(m, "nil pointer"), strings.Contains(m, "nil interface value"):
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
	msg = humanize(msg, seq)
	if hinted, ok := genericHint(msg); ok && run.hasGenericCall(items) {
		kind, msg = KindUnsupported, hinted
	}
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
		if fd := run.scope.Funcs[f.Name]; fd != nil {
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

// hasGenericCall reports whether items call a generic function without
// explicit type arguments.
func (run *cellRun) hasGenericCall(items []*item) bool {
	found := false
	for _, it := range items {
		ast.Inspect(it.node(), func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok && run.isGenericCallee(call.Fun) {
				found = true
			}
			return !found
		})
	}
	return found
}
