package goeval

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/constant"
	"go/parser"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/descentlab/descent/kernel/goeval/stdgen"
	"github.com/descentlab/descent/kernel/preload/docs"
	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// Options configure an Evaluator.
type Options struct {
	// Stdout receives what interpreted code prints with fmt.Print*, Stderr
	// what it prints with the print and println builtins (as Go does) and
	// logs with the log package. They default to os.Stdout and os.Stderr.
	// Interpreted os.Stdout and os.Stderr stay the process's files (so that
	// os.Stdout.WriteString compiles), but what a cell writes to them
	// through a compiled function (fmt.Fprintln(os.Stderr, ...), io.Copy,
	// bufio.NewWriter(os.Stdout), log.New) goes to Stdout and Stderr too,
	// in order with the rest; only methods called on the files themselves
	// and compiled code write to the descriptors, which the worker catches.
	Stdout, Stderr io.Writer
	// Stdin is what interpreted os.Stdin, bufio readers on it and fmt.Scan*
	// read. It defaults to an empty reader (never the process's stdin).
	Stdin io.Reader
	// Exports are compiled packages cells may import, besides the standard
	// library (yaegi extract tables: optimlib, display, ...).
	Exports []interp.Exports
	// Preload lists import paths imported before the first cell, so that
	// cells can use them with no import.
	Preload []string
	// Docs documents the packages for Inspect; nil means
	// docs.NewLibrary(), created on first use.
	Docs *docs.Library
}

// Evaluator runs notebook cells in a yaegi interpreter, keeping state from
// cell to cell. One cell runs at a time; Complete may be called while a
// cell runs.
type Evaluator struct {
	// sawSource, when set (by tests), receives the source of every chunk
	// compiled.
	sawSource func(src string)
	opts      Options
	pkgs      *packageIndex

	running sync.Mutex // held by Eval and Reset

	in    *interp.Interpreter
	hooks *hooks
	fmt   *fmtSites // the printing calls of cells (gofmt_runtime.go)
	trace *traceFilter
	stdin io.Reader    // the variable behind interpreted os.Stdin
	input *stdinReader // Options.Stdin, read for the running cell
	seq   int          // numbers the positions of each cell, cycling through 1..maxSeq
	// typeNames holds the compiled types exported to the interpreter under
	// hidden names of the hooks package (see hiddenTypeName).
	typeNames map[reflect.Type]string
	// cells holds the types of the cells as compiled code knows them.
	cells *cellTypes
	// show prints values of the cells' types as Go would.
	show *dynTypes

	mu      sync.RWMutex      // guards reg, imports and globalTypes, which Complete reads
	reg     *registry         // the declarations of all cells
	imports map[string]string // package name (".path" for a dot import) -> path
	// sourceLoaded holds the source packages imported under hidden names
	// (stdsource.go), by standard path.
	sourceLoaded map[string]bool
	// globalTypes holds the type of every package-level variable the
	// interpreter had when the last cell ended (the dynamic type for an
	// interface value).
	globalTypes map[string]reflect.Type

	docs     *docs.Library // see docsLibrary
	docsOnce sync.Once

	native nativeState // natively compiled code (native.go)

	pendMu     sync.Mutex
	pending    bool  // the last cell was interrupted
	pendingGID int64 // the goroutine that ran it (0: unknown)

	runIDs   *runIDs         // see revive.go
	callProg *interp.Program // runs the Call hook (see Call), compiled on first use

	// spent is the last statement chunk compiled, when it is disposable:
	// its file and frame slots are released at the next compilation.
	spent *spentChunk
	// compiling counts the compilations under way (one inside another
	// when afterCompile registers print callers); nested records that one
	// ran inside the outermost.
	compiling int
	nested    bool
}

// New creates an Evaluator: an interpreter with the standard library,
// opts.Exports and the packages of opts.Preload imported.
func New(opts Options) (*Evaluator, error) {
	e := &Evaluator{opts: opts, pkgs: newPackageIndex(append([]interp.Exports{stdlib.Symbols}, opts.Exports...)...)}
	if err := e.start(); err != nil {
		return nil, err
	}
	return e, nil
}

// Reset gives the Evaluator a fresh interpreter with the same options, as
// if it were new: every variable, function, type and import is forgotten.
func (e *Evaluator) Reset() error {
	if !e.running.TryLock() {
		return errors.New("goeval: Reset called while a cell is running")
	}
	defer e.running.Unlock()
	return e.start()
}

// start builds the interpreter.
func (e *Evaluator) start() error {
	stdout, stderr, stdin := e.opts.Stdout, e.opts.Stderr, e.opts.Stdin
	if stdout == nil {
		stdout = os.Stdout
	}
	if stderr == nil {
		stderr = os.Stderr
	}
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	e.trace = newTraceFilter(stderr)
	e.cells = newCellTypes()
	e.show = newDynTypes(e, e.cells)
	e.hooks = &hooks{cells: e.cells, show: e.show}
	e.typeNames = map[reflect.Type]string{}
	e.input = &stdinReader{r: stdin, hooks: e.hooks}
	e.stdin = e.input
	// The interpreter's Stdout receives print and println, which Go writes
	// to stderr; fmt's printing functions then go back to stdout.
	in := interp.New(interp.Options{Stdin: e.input, Stdout: stderr, Stderr: e.trace,
		GoPath: stdgen.GoPath, SourcecodeFilesystem: stdgen.FS()})
	if err := in.Use(stdlib.Symbols); err != nil {
		return fmt.Errorf("goeval: loading the standard library: %w", err)
	}
	if err := routeFmtToStdout(in, stdout); err != nil {
		return err
	}
	route := stdioRoute(stdout, stderr)
	e.fmt = newFmtSites(stdout, route)
	if err := in.Use(e.fmt.exports()); err != nil {
		return fmt.Errorf("goeval: loading the printing sites: %w", err)
	}
	// os.Stdin becomes an io.Reader reading Options.Stdin; the interpreter
	// would otherwise keep the process's *os.File.
	if err := in.Use(interp.Exports{"os/os": {"Stdin": reflect.ValueOf(&e.stdin).Elem()}}); err != nil {
		return fmt.Errorf("goeval: redirecting os.Stdin: %w", err)
	}
	for _, ex := range e.opts.Exports {
		if err := in.Use(ex); err != nil {
			return fmt.Errorf("goeval: loading exported packages: %w", err)
		}
	}
	for _, ex := range e.hooks.exports() {
		if err := in.Use(ex); err != nil {
			return fmt.Errorf("goeval: loading hooks: %w", err)
		}
	}
	if err := routeStdioWriters(in, append([]interp.Exports{stdlib.Symbols}, e.opts.Exports...), route); err != nil {
		return err
	}
	e.in = in
	e.runIDs = newRunIDs(in)
	e.callProg = nil
	e.mu.Lock()
	e.reg = newRegistry()
	e.imports = map[string]string{}
	e.sourceLoaded = map[string]bool{}
	e.globalTypes = map[string]reflect.Type{}
	e.mu.Unlock()

	var w emitter
	w.raw(declPrefix + "\nimport " + hooksImport + " " + strconv.Quote(hooksPath) + "\n")
	w.raw("import " + fmtSitesImport + " " + strconv.Quote(fmtSitesPath) + "\n")
	names := map[string]string{}
	for _, p := range e.opts.Preload {
		name, ok := e.pkgs.name(p)
		if !ok {
			return fmt.Errorf("goeval: preload %q: no such package among the standard library and Options.Exports", p)
		}
		if other, dup := names[name]; dup && other != p {
			return fmt.Errorf("goeval: preload %q and %q: both are named %s", other, p, name)
		}
		names[name] = p
		w.raw("import " + strconv.Quote(p) + "\n")
	}
	if err := e.runFile(context.Background(), w.String()); err != nil {
		return fmt.Errorf("goeval: preloading packages: %w", err)
	}
	e.mu.Lock()
	for n, p := range names {
		e.imports[n] = p
	}
	e.mu.Unlock()
	return nil
}

// Eval runs one cell. The returned error is a *CellError for anything that
// went wrong in the cell (syntax, types, panics, interruption); the
// Evaluator stays usable with all earlier state. When ctx is cancelled,
// Eval returns promptly with KindInterrupted, even if the cell is blocked in
// compiled code; Settle then tells whether the cell really stopped.
func (e *Evaluator) Eval(ctx context.Context, cell string) (Result, error) {
	if !e.running.TryLock() {
		return Result{}, errors.New("goeval: Eval called while another cell is running")
	}
	defer e.running.Unlock()
	if err := e.checkPending(); err != nil {
		return Result{}, err
	}
	e.runIDs.revive()
	e.seq = e.seq%maxSeq + 1
	run := &cellRun{e: e, ctx: ctx, cell: newCellSource(e.seq, cell)}
	e.input.startCell(ctx)
	defer e.input.startCell(nil)
	defer e.recordGlobalTypes()
	return run.eval()
}

// recordGlobalTypes notes the types of the interpreter's variables for the
// completer, which must not read the interpreter while a cell runs. The
// interpreter cannot always list them (after some failed compilations its
// variable table is behind its symbols): the last list then stays.
func (e *Evaluator) recordGlobalTypes() {
	defer func() { _ = recover() }()
	types := map[string]reflect.Type{}
	for name, v := range e.in.Globals() {
		if strings.HasPrefix(name, hiddenPrefix) || strings.Contains(name, hiddenPrefix) || !v.IsValid() {
			continue
		}
		if !v.CanInterface() {
			continue
		}
		if _, isConst := v.Interface().(constant.Value); isConst {
			continue
		}
		t := v.Type()
		if t.Kind() == reflect.Interface && !v.IsNil() {
			t = v.Elem().Type()
		}
		types[name] = t
	}
	e.mu.Lock()
	e.globalTypes = types
	e.mu.Unlock()
}

// Settle waits up to timeout for the execution of an interrupted cell to
// end, and reports whether it did. Interpreted code stops at its next step
// once cancelled, but compiled code (time.Sleep, a long optimlib run)
// cannot be stopped: a false result means the cell is still running there
// and the process should be restarted. Settle returns true at once when the
// last cell was not interrupted.
func (e *Evaluator) Settle(timeout time.Duration) bool {
	e.pendMu.Lock()
	pending, gid := e.pending, e.pendingGID
	e.pendMu.Unlock()
	if !pending {
		return true
	}
	deadline := time.Now().Add(timeout)
	for {
		if !goroutineAlive(gid) {
			e.pendMu.Lock()
			if e.pendingGID == gid {
				e.pending = false
			}
			e.pendMu.Unlock()
			return true
		}
		left := time.Until(deadline)
		if left <= 0 {
			return false
		}
		time.Sleep(min(left, 5*time.Millisecond))
	}
}

// checkPending refuses to run a cell while an interrupted one is still
// executing compiled code.
func (e *Evaluator) checkPending() error {
	if e.Settle(0) {
		return nil
	}
	return &CellError{Kind: KindInterrupted, Message: "the interrupted cell is still running compiled code, which cannot be stopped: restart the kernel to go on"}
}

// setPending records that the cell executed by goroutine gid was interrupted.
func (e *Evaluator) setPending(gid int64) {
	e.pendMu.Lock()
	e.pending, e.pendingGID = true, gid
	e.pendMu.Unlock()
}

// compilePanic is a panic of the interpreter's compiler (it uses log.Panic
// for some errors), turned into an error.
type compilePanic struct{ value any }

func (p compilePanic) Error() string { return fmt.Sprint(p.value) }

// compile parses src with the interpreter's file set and compiles it. When
// stmts is true, src is "package main; func main() { ... }" and its body is
// compiled as top-level statements.
func (e *Evaluator) compile(src string, stmts bool) (prog *interp.Program, err error) {
	defer func() {
		if r := recover(); r != nil {
			prog, err = nil, compilePanic{r}
		}
	}()
	// The print-site machinery compiles and runs code of its own while a
	// chunk is compiled (afterCompile): only the outermost compilation
	// releases the last chunk, and a chunk that had code compiled inside
	// it is kept.
	e.compiling++
	defer func() { e.compiling-- }()
	outer := e.compiling == 1
	var slots int
	if outer {
		e.releaseSpentChunk()
		slots = frameSlots(e.in)
	} else {
		e.nested = true
	}
	if e.sawSource != nil {
		e.sawSource(src)
	}
	f, err := parser.ParseFile(e.in.FileSet(), srcFile, src, parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	e.beforeCompile(f)
	var spent *spentChunk
	if outer && stmts && disposable(f) {
		spent = &spentChunk{file: e.in.FileSet().File(f.Pos()), slots: slots, sites: printSites(f)}
		e.nested = false
	}
	var n ast.Node = f
	if stmts {
		n = f.Decls[0].(*ast.FuncDecl).Body
	}
	defer releaseRoots(e.in)
	defer releaseScopeChildren(e.in)
	prog, err = e.in.CompileAST(n)
	if err == nil {
		growFrame(e.in)
		e.afterCompile(prog)
	}
	if spent != nil && !e.nested {
		e.spent = spent
	}
	return prog, err
}

// runFile compiles and runs generated declarations (imports).
func (e *Evaluator) runFile(ctx context.Context, src string) error {
	prog, err := e.compile(src, false)
	if err != nil {
		return err
	}
	_, err = e.in.ExecuteWithContext(ctx, prog)
	return err
}
