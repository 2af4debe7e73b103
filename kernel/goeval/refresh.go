package goeval

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// registerDefines records the variables the chunk's top-level := statements
// declared, and compiles again what used earlier variables of those names.
func (run *cellRun) registerDefines(items []*item) error {
	e := run.e
	changed := map[string]bool{}
	e.mu.Lock()
	for _, it := range items {
		ra := run.reassignOf(it)
		for _, name := range run.refs[it].top {
			if e.reg.units[name] != nil && (ra == nil || !ra.assigned[name]) {
				changed[name] = true
			}
			e.reg.add(&unit{kind: unitVar, names: []string{name}, cell: run.cell, start: it.start, end: it.end,
				text: run.cell.text[it.start:it.end], node: it.node()})
		}
	}
	e.mu.Unlock()
	return run.refresh(changed, nil)
}

// refresh compiles again the declarations of earlier cells that depend,
// transitively, on the names in changed. done holds units just compiled.
func (run *cellRun) refresh(changed map[string]bool, done map[*unit]bool) error {
	if len(changed) == 0 {
		return nil
	}
	e := run.e
	stale := run.staleClosures(changed)
	plan := e.reg.planRefresh(changed, done)
	if !plan.empty() {
		var w emitter
		plan.write(&w, "")
		old := e.oldFuncs(plan.funcKeys())
		prog, err := e.compile(w.String(), false)
		if err != nil {
			run.restore(plan)
			return run.refreshError(err, plan, changed)
		}
		if _, err := e.in.ExecuteWithContext(context.Background(), prog); err != nil {
			return run.refreshError(err, plan, changed)
		}
		e.mu.Lock()
		e.reg.commit(plan)
		e.replaceFuncs(old)
		e.mu.Unlock()
		run.registerTypes(plan.typeNames())
	}
	if len(plan.stale) > 0 {
		return &CellError{Kind: KindUnsupported, Message: fmt.Sprintf(
			"%s changed, but %s (generic, declared earlier) still use the old definition: "+
				"the interpreter cannot redefine generic code; run %%reset and re-run the cells",
			sortedNames(changed), strings.Join(plan.stale, ", "))}
	}
	if stale != nil {
		return stale
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

// restore undoes what a failed compilation of plan left behind: the
// interpreter declares the names of a file before it finds its errors, so
// the failed functions, constants and type aliases replaced the good ones.
// Functions and constants are compiled again from the registry, aliases
// point back at the last good version, a type whose method list received a
// failed method gets a fresh version, and names with no good declaration
// are marked broken.
func (run *cellRun) restore(plan *declPlan) {
	e := run.e
	r := e.reg
	var aliases strings.Builder
	fix := newDeclPlan()
	inTypes := map[string]bool{}
	reversion := map[string]*unit{}
	var broken []string
	for _, t := range plan.types {
		name := t.u.names[0]
		inTypes[name] = true
		if v := r.version[name]; v > 0 && t.version != "" {
			aliases.WriteString("type " + name + " = " + versionName(name, v) + "\n")
		} else if v == 0 {
			broken = append(broken, name)
		}
	}
	for _, u := range plan.others {
		switch u.kind {
		case unitMethod:
			if t := r.units[u.recv]; !inTypes[u.recv] && t != nil && t.kind == unitType && !t.generic {
				reversion[u.recv] = t
			}
		case unitFunc, unitConst:
			for _, name := range u.names {
				if old := r.units[name]; old != nil && old != u && old.kind == u.kind && !old.generic {
					fix.addOther(old)
				} else {
					broken = append(broken, name)
				}
			}
		}
	}
	r.addVersions(fix, reversion, nil)
	if !fix.empty() || aliases.Len() > 0 {
		var w emitter
		fix.write(&w, aliases.String())
		if prog, err := e.compile(w.String(), false); err == nil {
			if _, err := e.in.ExecuteWithContext(context.Background(), prog); err == nil {
				e.mu.Lock()
				r.commit(fix)
				e.mu.Unlock()
				_ = run.refresh(fix.changed, fix.emitted)
			}
		}
	}
	for _, name := range broken {
		r.broken[name] = true
	}
}
