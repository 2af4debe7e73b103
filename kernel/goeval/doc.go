// Package goeval runs notebook cells in the yaegi interpreter (v0.16.1),
// keeping state from cell to cell. It knows nothing of Jupyter: it turns a
// cell's source into interpreter actions and reports a value or a
// *CellError.
//
// # The cell model
//
// A cell may mix imports, declarations (func, method, type, var, const) and
// statements in any order. The cell is cut into top-level items by package
// cellsyntax (go/scanner; the kernel's is_complete uses the same cut) and
// each item is parsed with go/parser. Imports run first,
// minus the packages already loaded; packages used without an import
// (strings.ToUpper, math.Sqrt) are imported automatically, the obvious
// package winning for shared names (rand is math/rand, template is
// text/template). The other items run in source order, as declaration chunks
// and statement chunks, except that a declaration a statement needs moves
// up before it (a statement may call a function declared further down).
// Every piece handed to the interpreter carries line directives, so errors
// point at the line and column of the cell.
//
// Re-running or editing a cell works. A redefined func, var or const takes
// effect everywhere: the evaluator keeps the source of every package-level
// declaration and compiles again, transitively, the functions, constants,
// methods and types that use a redefined name (the interpreter alone would
// keep the old binding). Types are declared under hidden versioned names
// with the written name an alias (type T_goeval_v1 struct{...}; type T =
// T_goeval_v1): a redefined type, or a type with a redefined method, gets
// the next version, and its methods and everything that uses it are compiled
// again. Values created before the change keep the old type. A declaration
// that fails to compile leaves the previous one in force. Generic functions
// and types cannot be redefined (the interpreter caches their instances):
// that is an error that says so.
//
// The value of a cell is decided from the syntax: only a last statement that
// is an expression with a value gives a Result, never a call that returns
// nothing or (n, err) like fmt.Println.
//
// # Go 1.22 on a Go 1.21 interpreter
//
// Ranging over an integer (for i := range n, n evaluated once, i of n's
// type) and per-iteration loop variables (where a loop body holds a closure,
// a go or defer statement or takes a variable's address) are provided by
// rewriting the source with edits that keep every position. The Go 1.21
// builtins min, max and clear and the generic standard packages slices,
// maps and cmp run the evaluator's own source (package stdgen), imported
// under hidden names, with the type arguments Go infers written out
// (stdsource.go); a range over a function (an iterator), and generic type
// inference the evaluator cannot do, give an error saying what to write
// instead.
//
// # Go's semantics where the interpreter differs
//
// The interpreter (yaegi v0.16.1) gets a good part of ordinary Go wrong;
// YAEGI_BUGS.md reproduces each defect. The evaluator works around them by
// rewriting the source before the interpreter sees it, with the help of one
// type inference engine (package typeinfer), and by hooks, compiled
// functions the rewritten code calls:
//
//   - a later cell's x := e of a variable with a value of its type is
//     compiled as x = e, so closures, pointers and goroutines see it
//     (reassign.go); other redefinitions make a new variable, and
//     statements run in units cut at them, so x := x * 2 in a later cell
//     reads the old x (redefine.go);
//   - top-level comma-ok forms and explicit or inferred generic
//     instantiations are given their types (typeddefine.go,
//     genericcall.go);
//   - deferred calls and go statements into compiled code copy their
//     arguments at the statement, and a deferred method call in a loop or
//     a go statement's method call binds its receiver there
//     (deferargs.go); method expressions and
//     method values become the literals they stand for (methodexpr.go,
//     binmethodvalue.go for compiled types' pointer methods);
//   - fmt's and log's print functions, and the cell's value, print as Go
//     prints: each call is compiled as a numbered call site whose
//     operands' static types are read from the interpreter after
//     compiling, and printed with them (gofmt_*.go, packages interptype and
//     goprint): names of cells' types, field names, method sets, String,
//     Error, GoString and Format methods of elements and interface values;
//   - type switches, type assertions, ==, conversions to error and
//     errors.Is, As and Unwrap, and reflect.DeepEqual understand the
//     cells' types (typeswitch.go, dynamic.go, equality.go,
//     conversions.go, deepequal.go);
//   - recover() returns Go's values and runtime.Error messages (panics.go);
//   - a shift by a negative count panics as in Go (shift.go);
//   - assignments of several values assign them all, in parallel
//     (parallelassign.go);
//   - loops and branches: a range over a string gives byte offsets
//     (stringrange.go), a range over a slice, array or map of channels
//     ranges over its elements (loopvar.go), break, continue and goto in
//     select cases go where Go sends them (selectbranch.go);
//   - function literals handed to compiled code in a loop keep their
//     iteration's variables (compiledclosure.go), a cell's value reaches a
//     compiled variadic interface parameter converted (variadiciface.go),
//     and a cell variable defined from a rune constant is a rune
//     (runeconst.go).
//
// Values of the cells' types keep their type in interfaces: every
// defined type gets hidden methods so that the interpreter boxes its
// values, and the conversions where it would not are rewritten
// (tracked.go, boxing.go); == between interface values, switches on them
// and interface{} map keys compare dynamic types (equality.go); compiled
// code gets the values out of their boxes (compiledargs.go). What remains
// out of reach: a value handed bare to compiled code that gives it back,
// a value of a type declared inside a function or of a generic type, and
// a value of an unnamed type holding a cell's type ([]Weekday) are held
// as their representation. A type switch, an assertion, a comparison or
// printing whose answer depends on which type such a value has refuses
// (untracked.go).
//
// # What still ends the process
//
// Some failures of interpreted code cannot be caught in the process and kill
// it; the worker that owns the process must restart it:
//
//   - a panic inside a goroutine started by a cell (go func() { panic(...) }()):
//     the interpreter re-panics in the goroutine, which has no recover;
//   - infinite or very deep recursion: a fatal "goroutine stack exceeds"
//     error, which recover cannot catch;
//   - concurrent map writes from goroutines of a cell: a fatal runtime error;
//   - running out of memory.
//
// One interpreter defect remains visible to cells: a function literal
// deferred inside a loop that also calls recover sees the loop variables
// as they are when the function returns (pass them as arguments instead).
// Deferred calls otherwise evaluate their arguments when the defer
// statement runs, as in Go (see deferargs.go).
//
// A cell cancelled while it is inside compiled code (time.Sleep, a long
// optimlib run, a blocking read) keeps running there: Eval returns at once,
// and Settle reports false until that goroutine ends; the worker should
// restart the process rather than wait. Goroutines started by earlier cells
// keep running until a later cell is cancelled: an interrupt stops the
// interpreted code running at that moment (a goroutine then blocked in a
// compiled call goes on once the call returns).
//
// # Callbacks
//
// Call runs compiled code that calls interpreted functions a cell handed
// over (a widget's callbacks) the way Eval runs a cell: one at a time with
// cells, interruptible, with panics returned as a *CellError. Interpreted
// functions held by compiled code keep working after an interrupt, which
// the interpreter alone does not ensure (see revive.go).
package goeval
