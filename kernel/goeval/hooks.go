package goeval

import (
	"bytes"
	"fmt"
	"reflect"
	"runtime"
	"strconv"
	"sync"

	"github.com/traefik/yaegi/interp"
)

// hiddenPrefix starts every name the evaluator adds to the code it runs, so
// that completion and messages can leave them out.
const hiddenPrefix = "_goeval_"

// The compiled package through which interpreted code reports back to the
// evaluator. Cells never see it: it is imported under a hidden name.
const (
	hooksPath   = "descent.goeval/hooks"
	hooksImport = hiddenPrefix // the name the package is imported under
)

// hooks receives the calls the evaluator inserts into the code it runs. The
// interpreter calls them from the goroutine that executes the cell.
type hooks struct {
	cells *cellTypes // the cells' types, which Type registers
	show  *dynTypes  // the static types of type switches, assertions and errors

	mu     sync.Mutex
	values []any // arguments of the last V call
	gotV   bool
	gid    int64  // goroutine executing the current piece
	line   int    // cell line of the top-level statement being run
	fn     func() // what the Call hook runs (Evaluator.Call)
}

// reset forgets what the previous piece reported.
func (h *hooks) reset() {
	h.mu.Lock()
	h.values, h.gotV, h.gid, h.line = nil, false, 0, 0
	h.mu.Unlock()
}

// capture is V: it receives the value(s) of the cell's last expression.
func (h *hooks) capture(xs ...any) {
	h.mu.Lock()
	h.values, h.gotV = xs, true
	h.mu.Unlock()
}

// enter is Enter: it records the goroutine that executes the piece, so that
// Settle can tell when that goroutine is gone.
func (h *hooks) enter() int {
	id := currentGoroutineID()
	h.mu.Lock()
	h.gid = id
	h.mu.Unlock()
	return 0
}

// at is At: it records the top-level statement being run and, on the
// first call of a piece, the goroutine that executes it (as enter does).
func (h *hooks) at(line int) {
	h.mu.Lock()
	known := h.gid != 0
	h.line = line
	h.mu.Unlock()
	if !known {
		id := currentGoroutineID()
		h.mu.Lock()
		h.gid = id
		h.mu.Unlock()
	}
}

// call is Call: it records the goroutine that executes it (as enter does)
// and runs the function Evaluator.Call was given.
func (h *hooks) call() {
	id := currentGoroutineID()
	h.mu.Lock()
	h.gid = id
	fn := h.fn
	h.mu.Unlock()
	if fn != nil {
		fn()
	}
}

// setCall sets the function the Call hook runs next.
func (h *hooks) setCall(fn func()) {
	h.mu.Lock()
	h.fn = fn
	h.mu.Unlock()
}

func (h *hooks) snapshot() (values []any, gotV bool, gid int64, line int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.values, h.gotV, h.gid, h.line
}

// exports returns the hooks as a package for the interpreter. The capture
// function is registered with the interfaces that interpreted values should
// keep when they cross into compiled code, so that a value whose type has a
// String or Error method still shows it.
func (h *hooks) exports() []interp.Exports {
	v := reflect.ValueOf(h.capture)
	return []interp.Exports{
		{".": {"MapTypes": reflect.ValueOf(map[reflect.Value][]reflect.Type{
			v: {reflect.TypeOf((*error)(nil)).Elem(), reflect.TypeOf((*fmt.Stringer)(nil)).Elem()},
		})}},
		{hooksPath + "/hooks": {
			"V":                     v,
			"Enter":                 reflect.ValueOf(h.enter),
			"At":                    reflect.ValueOf(h.at),
			"Type":                  reflect.ValueOf(h.cells.register),
			"Case":                  reflect.ValueOf(h.show.caseIndex),
			"Assert":                reflect.ValueOf(h.show.assert),
			"AssertType":            reflect.ValueOf(h.show.assertChecked),
			"AssertTo":              reflect.ValueOf(h.show.assertTo),
			"Equal":                 reflect.ValueOf(h.show.equal),
			"Key":                   reflect.ValueOf(h.show.key),
			"Out":                   reflect.ValueOf(h.show.outValue),
			"OutFields":             reflect.ValueOf(h.show.outFields),
			"DeepEqual":             reflect.ValueOf(h.show.deepEqual),
			"AsError":               reflect.ValueOf(h.show.asError),
			"AsErrorOK":             reflect.ValueOf(h.show.asErrorOK),
			"ErrorsIs":              reflect.ValueOf(h.show.errorsIs),
			"ErrorsAs":              reflect.ValueOf(h.show.errorsAs),
			"ErrorsAsType":          reflect.ValueOf(h.show.errorsAsType),
			"ErrorsAsFind":          reflect.ValueOf(h.show.errorsAsFind),
			"ErrorsUnwrap":          reflect.ValueOf(h.show.errorsUnwrap),
			"ToError":               reflect.ValueOf(h.show.toError),
			"ToStringer":            reflect.ValueOf(h.show.toStringer),
			"Bare":                  reflect.ValueOf(h.show.bare),
			"Recovered":             reflect.ValueOf(recovered),
			"Bounds":                reflect.ValueOf(bounds),
			"SliceBounds":           reflect.ValueOf(sliceBounds),
			"NotImplemented":        reflect.ValueOf(h.show.notImplemented),
			"CompiledIntoCellIface": reflect.ValueOf(h.show.compiledIntoCellIface),
			"ImplementsOK":          reflect.ValueOf(h.show.implementsOK),
			"Call":                  reflect.ValueOf(h.call),
			"MinFloat64":            reflect.ValueOf(minFloat64),
			"MaxFloat64":            reflect.ValueOf(maxFloat64),
			"MinFloat32":            reflect.ValueOf(minFloat32),
			"MaxFloat32":            reflect.ValueOf(maxFloat32),
			"RuneAt":                reflect.ValueOf(runeAt),
			"Shift":                 reflect.ValueOf(shiftCount),
			"NegativeShift":         reflect.ValueOf(negativeShiftPanic),
		}},
		{"runtime/runtime": {"Goexit": reflect.ValueOf(h.goexit)}},
	}
}

// goexitCalled is the panic that stands for runtime.Goexit on the
// goroutine running the cell. The interpreter runs a cell in a goroutine of
// its own and takes that goroutine's end, Goexit included, for a normal
// return: the cell would end "ok" with the rest of it silently skipped.
type goexitCalled struct{}

// goexit is runtime.Goexit as cells see it: on the goroutine running the
// cell it unwinds the cell (deferred calls run, as with Goexit) and makes
// it fail with KindGoexit; on any other goroutine it is runtime.Goexit.
func (h *hooks) goexit() {
	h.mu.Lock()
	gid := h.gid
	h.mu.Unlock()
	if gid != 0 && currentGoroutineID() == gid {
		panic(goexitCalled{})
	}
	runtime.Goexit()
}

// currentGoroutineID parses the calling goroutine's id from its stack header
// ("goroutine 42 [running]:").
func currentGoroutineID() int64 {
	var buf [64]byte
	n := runtime.Stack(buf[:], false)
	f := bytes.Fields(buf[:n])
	if len(f) < 2 {
		return 0
	}
	id, _ := strconv.ParseInt(string(f[1]), 10, 64)
	return id
}

// goroutineAlive reports whether goroutine id exists. With id 0 (unknown)
// it reports whether any goroutine is inside the interpreter's Execute.
func goroutineAlive(id int64) bool {
	buf := make([]byte, 1<<16)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	if id == 0 {
		return bytes.Contains(buf, []byte("interp.(*Interpreter).Execute("))
	}
	header := []byte("goroutine " + strconv.FormatInt(id, 10) + " [")
	return bytes.HasPrefix(buf, header) || bytes.Contains(buf, append([]byte("\n"), header...))
}
