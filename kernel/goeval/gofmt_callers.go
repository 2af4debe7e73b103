package goeval

import (
	"context"
	"fmt"
	"go/ast"
	"reflect"
	"strconv"
	"strings"

	"github.com/traefik/yaegi/interp"
)

// beforeCompile rewrites a file about to be compiled: composite literals
// assigned to interface{} variables (anyliteral.go) and printing calls.
func (e *Evaluator) beforeCompile(f *ast.File) {
	parenAnyLiterals(f)
	if e.fmt == nil || e.fmt.registering {
		return
	}
	e.mu.RLock()
	names, logNames := map[string]bool{}, map[string]bool{}
	for name, p := range e.imports {
		switch {
		case strings.HasPrefix(name, "."):
		case p == "fmt":
			names[name] = true
		case p == "log":
			logNames[name] = true
		}
	}
	e.mu.RUnlock()
	e.fmt.rewriteFmtCalls(f, names, logNames)
}

// afterCompile reads the static types of the print sites of a compiled
// program and makes the callers of the methods fmt calls of the cell types
// that have none yet, before the program runs.
func (e *Evaluator) afterCompile(prog *interp.Program) {
	if e.fmt == nil || e.fmt.registering || prog == nil {
		return
	}
	for id, types := range e.fmt.u.ReadProgram(prog, reflect.ValueOf(e.fmt.At)) {
		e.fmt.setTypes(id, types)
	}
	e.registerCallers()
}

// registerCallers compiles and runs, for each named type whose method set
// gained a method fmt calls, funcs that call it, and registers them:
//
//	_goeval_fmt.Reg("main.T_goeval_v1", "String", false, func(v T) string { return v.String() })
//
// A type whose callers do not compile (a method promoted from two embedded
// fields, say) is recorded as such: printing its values then says so.
func (e *Evaluator) registerCallers() {
	needs := e.fmt.u.Needs(e.in)
	if len(needs) == 0 {
		return
	}
	e.fmt.registering = true
	defer func() { e.fmt.registering = false }()
	for _, n := range needs {
		var b strings.Builder
		b.WriteString(mainPrefix + "\n")
		for _, m := range n.Methods {
			recv := n.Source
			if m.Ptr {
				recv = "*" + recv
			}
			fmt.Fprintf(&b, "%s.Reg(%s, %q, %v, ", fmtSitesImport, strconv.Quote(n.Key), m.Name, m.Ptr)
			switch m.Name {
			case "Format":
				fmt.Fprintf(&b, "func(v %s, f %s.State, c rune) { v.Format(f, c) })\n", recv, fmtSitesImport)
			default:
				fmt.Fprintf(&b, "func(v %s) string { return v.%s() })\n", recv, m.Name)
			}
		}
		b.WriteString("}")
		prog, err := e.compile(b.String(), true)
		if err == nil {
			_, err = e.in.ExecuteWithContext(context.Background(), prog)
		}
		if err != nil {
			err = fmt.Errorf("its methods could not be reached from compiled code (%s)", humanize(err.Error(), e.seq))
		}
		e.fmt.u.Done(n, err)
	}
}
