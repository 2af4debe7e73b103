package goeval

import (
	"go/ast"
	"sort"
	"strconv"
)

// The interpreter binds a name when it compiles the code that uses it: a
// function compiled before a redefinition keeps calling the old function or
// reading the old variable, and a redefined type or method is ignored. The
// registry keeps the source of every package-level declaration so that
// what depends on a redefined name can be compiled again. Every
// (non-generic) type is declared under a hidden versioned name with its own
// name an alias of it (type T_goeval_v1 struct{...}; type T = T_goeval_v1):
// a redefinition declares the next version, and a failed one points the
// alias back at the last good version.

// unitKind says what a declaration unit declares.
type unitKind int

const (
	unitFunc unitKind = iota
	unitMethod
	unitType
	unitConst
	unitVar
)

// unit is one package-level declaration as the registry keeps it: a func, a
// method, one type spec, or a whole var or const declaration.
type unit struct {
	kind    unitKind
	names   []string // the names it declares; a method's own name
	recv    string   // receiver base type, for a method
	text    string   // the source as written, to detect a change
	uses    map[string]bool
	generic bool
	order   int
	node    ast.Node // *ast.FuncDecl, *ast.TypeSpec or *ast.GenDecl

	// How to compile it again: the cell bytes [start, end) with edits.
	cell       *cellSource
	start, end int
	edits      []edit
	// refs are the free identifiers of a type spec, which a versioned
	// emission renames when they name a type being versioned with it.
	refs []identRef
	// nameStart, nameEnd locate a type spec's name.
	nameStart, nameEnd int
	// embeds lists the types a struct type embeds.
	embeds []string
}

// identRef is an identifier in a cell.
type identRef struct {
	start, end int
	name       string
}

// dependsOn reports whether u uses one of the names in changed, other than
// the ones it declares itself.
func (u *unit) dependsOn(changed map[string]bool) bool {
	for n := range u.uses {
		if changed[n] && !u.declares(n) {
			return true
		}
	}
	return false
}

func (u *unit) declares(name string) bool {
	if u.kind == unitMethod {
		return false
	}
	for _, n := range u.names {
		if n == name {
			return true
		}
	}
	return false
}

// emit writes the unit. For a type, version is the hidden name to declare
// it under (empty: its own name) and renames maps type names to the hidden
// names they get in the same emission.
func (u *unit) emit(w *emitter, version string, renames map[string]string) {
	if u.kind != unitType {
		w.piece(u.cell, u.start, u.end, u.edits)
		w.raw("\n")
		return
	}
	edits := append([]edit(nil), u.edits...) // the tags of unexported fields (fieldtags.go)
	if version != "" {
		edits = append(edits, edit{start: u.nameStart, end: u.nameEnd, text: version, rank: rankReplace})
	}
	for _, r := range u.refs {
		if nv, ok := renames[r.name]; ok {
			edits = append(edits, edit{start: r.start, end: r.end, text: nv, rank: rankReplace})
		}
	}
	sortEdits(edits)
	w.raw("type ")
	w.piece(u.cell, u.start, u.end, edits)
	w.raw("\n")
	if version != "" {
		w.raw("type " + u.names[0] + " = " + version + "\n")
	}
}

// registry holds the current declaration of every package-level name.
type registry struct {
	units   map[string]*unit            // funcs, types, consts, vars by name
	methods map[string]map[string]*unit // receiver type -> method name -> unit
	version map[string]int              // type -> number of its current hidden version
	// lastVersion is the last version number handed out for a type, used
	// or not: a failed compilation still declares its hidden name, which
	// must not be reused.
	lastVersion map[string]int
	// broken holds names whose declaration failed to compile, which the
	// interpreter nevertheless declared: using them is an error.
	broken    map[string]bool
	nextOrder int
	// replaced holds, by function name, the declarations that now run the
	// name's current body (funcreplace.go).
	replaced map[string]*funcHistory
}

func newRegistry() *registry {
	return &registry{units: map[string]*unit{}, methods: map[string]map[string]*unit{},
		version: map[string]int{}, lastVersion: map[string]int{}, broken: map[string]bool{},
		replaced: map[string]*funcHistory{}}
}

// add makes u the current declaration of its names.
func (r *registry) add(u *unit) {
	r.nextOrder++
	u.order = r.nextOrder
	for _, n := range u.names {
		delete(r.broken, n)
	}
	if u.kind == unitMethod {
		m := r.methods[u.recv]
		if m == nil {
			m = map[string]*unit{}
			r.methods[u.recv] = m
		}
		m[u.names[0]] = u
		return
	}
	for _, n := range u.names {
		r.units[n] = u
	}
}

// all returns every current unit once, in the order they were added.
func (r *registry) all() []*unit {
	seen := map[*unit]bool{}
	var out []*unit
	for _, u := range r.units {
		if !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
	for _, ms := range r.methods {
		for _, u := range ms {
			out = append(out, u)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].order < out[j].order })
	return out
}

// versionName is the hidden name of version n of type name.
func versionName(name string, n int) string {
	return name + hiddenPrefix + "v" + strconv.Itoa(n)
}

// typeEmission is a type to emit, under a hidden version name or its own.
type typeEmission struct {
	u       *unit
	version string
}

// declPlan is what one declaration chunk compiles and what it changes.
type declPlan struct {
	types    []typeEmission
	others   []*unit
	register []*unit         // the cell's own units, registered on success
	versions map[string]int  // new type versions, committed on success
	changed  map[string]bool // names whose binding changes
	emitted  map[*unit]bool  // units compiled by this plan
	stale    []string        // generic declarations that cannot follow a change
	// reg, when set, gives the versioned types that may have methods the
	// hidden method that makes the interpreter keep their type (tracked.go).
	reg *registry
}

func newDeclPlan() *declPlan {
	return &declPlan{versions: map[string]int{}, changed: map[string]bool{}, emitted: map[*unit]bool{}}
}

func (p *declPlan) empty() bool { return len(p.types) == 0 && len(p.others) == 0 }

func (p *declPlan) addOther(u *unit) {
	if !p.emitted[u] {
		p.emitted[u] = true
		p.others = append(p.others, u)
	}
}

// hasVars reports whether running the plan runs code (var initializers or
// init functions).
func (p *declPlan) hasVars() bool {
	for _, u := range p.others {
		if u.kind == unitVar || (u.kind == unitFunc && len(u.names) == 0) {
			return true
		}
	}
	return false
}

// typeNames returns the types the plan declares or gives methods.
func (p *declPlan) typeNames() map[string]bool {
	out := map[string]bool{}
	for _, t := range p.types {
		out[t.u.names[0]] = true
	}
	for _, u := range p.others {
		if u.kind == unitMethod {
			out[u.recv] = true
		}
	}
	return out
}

// write renders the plan as one file.
func (p *declPlan) write(w *emitter, prologue string) {
	w.raw(declPrefix + "\n")
	w.raw(prologue)
	renames := map[string]string{}
	for _, t := range p.types {
		if t.version != "" {
			renames[t.u.names[0]] = t.version
		}
	}
	planned := map[string]*unit{}
	for _, t := range p.types {
		planned[t.u.names[0]] = t.u
	}
	for _, t := range embedOrder(p.types) {
		t.u.emit(w, t.version, renames)
		if t.version != "" && p.reg != nil && p.reg.trackable(t.u, planned) {
			w.raw(trackedDecl(t.version))
		}
	}
	for _, u := range p.others {
		u.emit(w, "", nil)
	}
}

// planCell decides how to compile a chunk of the cell's declarations: an
// unchanged type or method is left alone (the interpreter would ignore it),
// a changed one makes its type take a new version, and every method of a
// versioned type is compiled again with it.
func (r *registry) planCell(units []*unit) (*declPlan, error) {
	p := newDeclPlan()
	versioned := map[string]*unit{}
	cellTypes := map[string]*unit{}
	cellMethods := map[string]map[string]*unit{}
	for _, u := range units {
		if u.kind == unitType {
			cellTypes[u.names[0]] = u
		}
	}
	for _, u := range units {
		switch u.kind {
		case unitType:
			name := u.names[0]
			old := r.units[name]
			switch {
			case old == nil && u.generic:
				// Generic types cannot be aliases: declared under their name.
				p.types = append(p.types, typeEmission{u: u})
				p.emitted[u] = true // compiled here: not stale for the refresh
				p.register = append(p.register, u)
			case old == nil:
				versioned[name] = u
				p.register = append(p.register, u)
			case old.kind == unitType && old.text == u.text:
				// Unchanged: the interpreter already has it.
			case u.generic || (old.kind == unitType && old.generic):
				return nil, redefineGenericError(u, "type")
			default:
				versioned[name] = u
				p.register = append(p.register, u)
			}
		case unitMethod:
			name := u.names[0]
			if cellMethods[u.recv] == nil {
				cellMethods[u.recv] = map[string]*unit{}
			}
			cellMethods[u.recv][name] = u
			old := r.methods[u.recv][name]
			switch {
			case old == nil:
				p.addOther(u)
				p.register = append(p.register, u)
			case old.text == u.text:
				// Unchanged, unless its type is versioned (handled below).
			default:
				t := cellTypes[u.recv]
				if t == nil {
					t = r.units[u.recv]
				}
				if t == nil || t.kind != unitType {
					p.addOther(u)
				} else if t.generic {
					return nil, redefineGenericError(u, "method")
				} else if versioned[u.recv] == nil {
					versioned[u.recv] = t
				}
				p.register = append(p.register, u)
			}
		case unitFunc:
			if len(u.names) == 0 { // init
				p.addOther(u)
				continue
			}
			old := r.units[u.names[0]]
			if old != nil && old.text == u.text && old.generic {
				continue // the interpreter keeps generic instances: nothing to do
			}
			if old != nil && old.text != u.text && (old.generic || u.generic) {
				return nil, redefineGenericError(u, "function")
			}
			if old != nil && (old.text != u.text || old.kind != u.kind) {
				p.changed[u.names[0]] = true
			}
			p.addOther(u)
			p.register = append(p.register, u)
		case unitConst, unitVar:
			for _, n := range u.names {
				old := r.units[n]
				if old != nil && (u.kind == unitVar || old.text != u.text || old.kind != u.kind) {
					p.changed[n] = true
				}
			}
			p.addOther(u)
			p.register = append(p.register, u)
		}
	}
	r.addVersions(p, versioned, cellMethods)
	return p, nil
}

// addVersions puts the types of versioned, under new hidden names, and all
// their methods (the cell's when it has them) into p.
func (r *registry) addVersions(p *declPlan, versioned map[string]*unit, cellMethods map[string]map[string]*unit) {
	p.reg = r
	names := make([]string, 0, len(versioned))
	for n := range versioned {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		u := versioned[name]
		r.lastVersion[name]++
		n := r.lastVersion[name]
		p.versions[name] = n
		p.types = append(p.types, typeEmission{u: u, version: versionName(name, n)})
		p.emitted[u] = true
		p.changed[name] = true
		var ms []*unit
		for m, mu := range r.methods[name] {
			if cu := cellMethods[name][m]; cu != nil {
				mu = cu
			}
			ms = append(ms, mu)
		}
		for m, cu := range cellMethods[name] {
			if r.methods[name][m] == nil {
				ms = append(ms, cu)
			}
		}
		sort.Slice(ms, func(i, j int) bool {
			if ms[i].order != ms[j].order {
				return ms[i].order < ms[j].order
			}
			return ms[i].start < ms[j].start
		})
		for _, mu := range ms {
			p.addOther(mu)
		}
	}
}

// planRefresh collects, transitively, the declarations of earlier cells
// that depend on the names in changed, for compiling them again. Units in
// done were just compiled and are left out.
func (r *registry) planRefresh(changed map[string]bool, done map[*unit]bool) *declPlan {
	p := newDeclPlan()
	for u := range done {
		p.emitted[u] = true
	}
	ch := map[string]bool{}
	for n := range changed {
		ch[n] = true
	}
	versioned := map[string]*unit{}
	staleSeen := map[string]bool{}
	all := r.all()
	for progress := true; progress; {
		progress = false
		for _, u := range all {
			if p.emitted[u] || !u.dependsOn(ch) {
				continue
			}
			switch u.kind {
			case unitVar:
				continue
			case unitFunc, unitConst:
				if u.generic {
					if !staleSeen[u.names[0]] {
						staleSeen[u.names[0]] = true
						p.stale = append(p.stale, u.names[0])
					}
					continue
				}
				p.addOther(u)
				for _, n := range u.names {
					ch[n] = true
				}
			case unitType:
				if u.generic {
					if !staleSeen[u.names[0]] {
						staleSeen[u.names[0]] = true
						p.stale = append(p.stale, u.names[0])
					}
					continue
				}
				versioned[u.names[0]] = u
				p.emitted[u] = true
				ch[u.names[0]] = true
			case unitMethod:
				t := r.units[u.recv]
				if t == nil || t.kind != unitType || p.emitted[t] {
					continue
				}
				if t.generic {
					if !staleSeen[u.recv] {
						staleSeen[u.recv] = true
						p.stale = append(p.stale, u.recv)
					}
					continue
				}
				versioned[u.recv] = t
				p.emitted[t] = true
				ch[u.recv] = true
			}
			progress = true
		}
	}
	// Methods already compiled in the cell's chunk are compiled again with
	// their new type version; addVersions must not skip them.
	for _, ms := range r.methods {
		for _, mu := range ms {
			if _, ok := versioned[mu.recv]; ok {
				delete(p.emitted, mu)
			}
		}
	}
	r.addVersions(p, versioned, nil)
	sort.SliceStable(p.others, func(i, j int) bool { return p.others[i].order < p.others[j].order })
	return p
}

// commit records a successful plan.
func (r *registry) commit(p *declPlan) {
	for _, u := range p.register {
		r.add(u)
	}
	for name, n := range p.versions {
		r.version[name] = n
	}
}

// embedOrder sorts type emissions so that a type comes after the types it
// embeds: an embedded type is named by its alias (renaming it would rename
// the field), so the alias must already point at the new version.
func embedOrder(types []typeEmission) []typeEmission {
	out := make([]typeEmission, 0, len(types))
	placed := map[string]bool{}
	inPlan := map[string]bool{}
	for _, t := range types {
		inPlan[t.u.names[0]] = true
	}
	for len(out) < len(types) {
		progress := false
		for _, t := range types {
			name := t.u.names[0]
			if placed[name] {
				continue
			}
			ready := true
			for _, e := range t.u.embeds {
				if inPlan[e] && !placed[e] && e != name {
					ready = false
				}
			}
			if ready {
				placed[name] = true
				out = append(out, t)
				progress = true
			}
		}
		if !progress { // an embedding cycle: invalid Go, left to the interpreter
			for _, t := range types {
				if !placed[t.u.names[0]] {
					placed[t.u.names[0]] = true
					out = append(out, t)
				}
			}
		}
	}
	return out
}
