package supervisor

import (
	"archive/zip"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/descentlab/descent/kernel/native"
	"github.com/descentlab/descent/kernel/worker"
)

// Native Go through the real worker: %%compile cells, %go get and imports
// built into plugins. The worker gets a cache directory of its own
// (XDG_CACHE_HOME) but the Go build cache of the tests, so the packages
// compiled in plugin mode are compiled once.

var (
	nativeOnce sync.Once
	nativeDir  string
	nativeErr  error
)

// nativeEnv returns the environment of a worker that builds plugins in a
// cache shared by this package's tests and fetches example.com modules
// from a local module proxy.
func nativeEnv(t *testing.T) []string {
	t.Helper()
	nativeOnce.Do(func() {
		nativeDir, nativeErr = os.MkdirTemp("", "descent-native-")
		if nativeErr == nil {
			nativeErr = writeProxy(filepath.Join(nativeDir, "proxy"))
		}
	})
	if nativeErr != nil {
		t.Fatal(nativeErr)
	}
	gocache, err := exec.Command(goTool(), "env", "GOCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	return append(os.Environ(),
		"XDG_CACHE_HOME="+filepath.Join(nativeDir, "cache"),
		"GOCACHE="+strings.TrimSpace(string(gocache)),
		"GOPROXY=file://"+filepath.Join(nativeDir, "proxy")+",https://proxy.golang.org,direct",
		"GONOSUMDB=example.com", "GOFLAGS=")
}

// startNative starts the test worker with nativeEnv, or skips the test
// where Go plugins cannot work (no C compiler, ...), unless
// DESCENT_REQUIRE_PLUGINS=1 makes that a failure.
func startNative(t *testing.T) *Supervisor {
	t.Helper()
	if _, err := native.DetectToolchain(context.Background()); err != nil {
		if os.Getenv("DESCENT_REQUIRE_PLUGINS") == "1" {
			t.Fatal(err)
		}
		t.Skipf("Go plugins cannot work here: %v", err)
	}
	return startTest(t, Options{Env: nativeEnv(t)})
}

// greetModule is a small pure-Go module served by the local proxy.
var greetModule = map[string]string{
	"go.mod": "module example.com/greet\n\ngo 1.21\n",
	"greet.go": `// Package greet says hello.
package greet

import "strings"

// Polite is how many exclamation marks Hello adds.
const Polite = 1

// Greeter greets with a word.
type Greeter struct{ Word string }

// Greet greets name.
func (g Greeter) Greet(name string) string { return g.Word + ", " + name + strings.Repeat("!", Polite) }

// Hello greets name in English.
func Hello(name string) string { return Greeter{"Hello"}.Greet(name) }
`,
	"loud/loud.go": "// Package loud shouts.\npackage loud\n\nimport \"strings\"\n\n// Shout upper-cases s.\nfunc Shout(s string) string { return strings.ToUpper(s) }\n",
}

// newTextModule needs a newer golang.org/x/text than the worker links.
var newTextModule = map[string]string{
	"go.mod":  "module example.com/newtext\n\ngo 1.21\n\nrequire golang.org/x/text v0.29.0\n",
	"text.go": "// Package newtext needs a newer x/text.\npackage newtext\n\n// N is one.\nconst N = 1\n",
}

// writeProxy writes a module proxy (GOPROXY=file://dir) serving
// example.com/greet and example.com/newtext, v1.0.0 each.
func writeProxy(dir string) error {
	for path, files := range map[string]map[string]string{"example.com/greet": greetModule, "example.com/newtext": newTextModule} {
		if err := writeProxyModule(dir, path, files); err != nil {
			return err
		}
	}
	return nil
}

// writeProxyModule writes version v1.0.0 of a module into a proxy.
func writeProxyModule(dir, path string, module map[string]string) error {
	v := filepath.Join(dir, filepath.FromSlash(path), "@v")
	if err := os.MkdirAll(v, 0o755); err != nil {
		return err
	}
	files := map[string]string{
		"list":        "v1.0.0\n",
		"v1.0.0.info": `{"Version":"v1.0.0","Time":"2024-01-02T03:04:05Z"}`,
		"v1.0.0.mod":  module["go.mod"],
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(v, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	f, err := os.Create(filepath.Join(v, "v1.0.0.zip"))
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	for name, text := range module {
		w, err := zw.Create(path + "@v1.0.0/" + name)
		if err != nil {
			return err
		}
		if _, err := w.Write([]byte(text)); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

// mustRun runs a cell that must succeed and returns its stdout.
func mustRun(t *testing.T, s *Supervisor, code string) (string, []worker.Event) {
	t.Helper()
	o, events := run(t, s, code)
	if o.Status != "ok" {
		t.Fatalf("cell %q: %s: %s\n%s", code, o.EName, o.EValue, strings.Join(o.Traceback, "\n"))
	}
	return streamText(events, "stdout"), events
}

// result returns the text/plain result of the last event.
func result(events []worker.Event) string {
	if len(events) == 0 || events[len(events)-1].Kind != worker.Result {
		return "<no result>"
	}
	s, _ := events[len(events)-1].Data["text/plain"].(string)
	return s
}

func TestCompiledCellIsUsedFromInterpretedCells(t *testing.T) {
	s := startNative(t)
	mustRun(t, s, `%%compile
// rosen is Rosenbrock's function.
func rosen(x []float64) float64 { return (1-x[0])*(1-x[0]) + 100*math.Pow(x[1]-x[0]*x[0], 2) }

func grad(g, x []float64) {
	g[0] = -2*(1-x[0]) - 400*x[0]*(x[1]-x[0]*x[0])
	g[1] = 200 * (x[1] - x[0]*x[0])
}

// gd runs steps of gradient descent from x.
func gd(x []float64, lr float64, steps int) []float64 {
	g := make([]float64, len(x))
	for range steps {
		grad(g, x)
		for i := range x {
			x[i] -= lr * g[i]
		}
		evals++
	}
	return x
}

type point struct{ X, Y float64 }

func (p point) String() string { return fmt.Sprintf("(%.2f, %.2f)", p.X, p.Y) }

type stepError struct{ Step int }

func (e *stepError) Error() string { return fmt.Sprintf("diverged at step %d", e.Step) }

func fail(n int) error { return fmt.Errorf("run: %w", &stepError{n}) }

func counts(words []string) map[string]int {
	m := map[string]int{}
	for _, w := range words {
		m[w]++
	}
	return m
}

func landscapeAt(l *optimlib.Landscape, x []float64) float64 { return l.Func(x) }

var evals int

const lr = 0.001
`)
	out, _ := mustRun(t, s, `x := gd([]float64{-1.5, 2}, lr, 200000)
fmt.Printf("%.4f %.4f %d\n", x[0], x[1], evals)
fmt.Println(point{1, 2}, fmt.Sprintf("%T", point{}))
var se *stepError
err := fail(3)
fmt.Println(errors.As(err, &se), se.Step, err)
fmt.Println(counts([]string{"a", "b", "a"})["a"], rosen([]float64{1, 1}))
fmt.Println(landscapeAt(optimlib.Rosenbrock(2), []float64{0, 0}))
evals = 5
gd(x, lr, 1)
fmt.Println(evals)`)
	// 200000 steps of lr 0.001 from (-1.5, 2) reach (1, 1) to 4 places
	// (the same loop compiled by Go, see TestCompiledMatchesGo).
	want := "1.0000 1.0000 200000\n(1.00, 2.00) main.point\ntrue 3 run: diverged at step 3\n2 0\n1\n6\n"
	if out != want {
		t.Errorf("stdout\n%s\nwant\n%s", out, want)
	}
	// A compiled function passed to compiled code stays compiled.
	_, events := mustRun(t, s, `r := optimlib.Minimize(optimlib.FromFuncGrad(rosen, grad), optimlib.NewGD(lr), []float64{-1.5, 2}, 1000)
r.Steps`)
	if got := result(events); got != "1000" {
		t.Errorf("optimlib with compiled funcs: %s", got)
	}
}

func TestCompiledCellRerunReplacesDefinitions(t *testing.T) {
	s := startNative(t)
	mustRun(t, s, "%%compile\nfunc f(x int) int { return x + 1 }\nvar state = \"first\"\n")
	mustRun(t, s, "func g() int { return f(10) }\nfunc st() string { return state }")
	if _, ev := mustRun(t, s, "fmt.Sprintf(\"%d %s\", g(), st())"); result(ev) != "11 first" {
		t.Fatalf("before: %s", result(ev))
	}
	mustRun(t, s, "%%compile\nfunc f(x int) int { return x * 100 }\nvar state = \"second\"\n")
	if _, ev := mustRun(t, s, "fmt.Sprintf(\"%d %s\", g(), st())"); result(ev) != "1000 second" {
		t.Errorf("after re-running the compiled cell: %s, want the new definitions", result(ev))
	}
	out, _ := mustRun(t, s, "%who")
	if !strings.Contains(out, "state") {
		t.Errorf("%%who does not list the compiled variable:\n%s", out)
	}
}

func TestCompiledCellErrors(t *testing.T) {
	s := startNative(t)
	o, _ := run(t, s, "%%compile\nfunc f() int {\n\treturn 1 + \"a\"\n}\n")
	if o.Status != "error" || o.EName != "CompileError" || !strings.HasPrefix(strings.Join(o.Traceback, "\n"), "3:") {
		t.Errorf("type error: %+v", o)
	}
	o, _ = run(t, s, "%%compile\nx := 1\n")
	if o.Status != "error" || !strings.Contains(o.EValue, "declarations only") || !strings.HasPrefix(o.Traceback[0], "2:") {
		t.Errorf("statement in a compiled cell: %+v", o)
	}
	// A panic in compiled code is the cell's error; the kernel goes on
	// with its variables.
	mustRun(t, s, "%%compile\nfunc boom(xs []int) int { return xs[5] }\n")
	mustRun(t, s, "keep := 42")
	o, _ = run(t, s, "boom([]int{1})")
	if o.Status != "error" || !strings.Contains(o.EValue, "index out of range") {
		t.Errorf("panic in compiled code: %+v", o)
	}
	if _, ev := mustRun(t, s, "keep"); result(ev) != "42" {
		t.Errorf("after the panic: %s", result(ev))
	}
}

func TestCompiledLoopIsStoppedByRestartingTheWorker(t *testing.T) {
	s := startNative(t)
	mustRun(t, s, "%%compile\nfunc spin() int {\n\tfmt.Println(\"spinning\")\n\tn := 1\n\tfor n > 0 {\n\t\tn++\n\t}\n\treturn n\n}\n")
	r, started := notifier() // the first event is spin's line
	done := make(chan worker.Outcome, 1)
	go func() { done <- s.Execute(context.Background(), worker.ExecRequest{Code: "spin()"}, r) }()
	<-started
	s.Interrupt()
	o := <-done
	if o.Status != "error" || !strings.Contains(strings.Join(o.Traceback, " "), "restarted") {
		t.Errorf("interrupted compiled loop: %+v", o)
	}
	if _, ev := mustRun(t, s, "1 + 1"); result(ev) != "2" {
		t.Errorf("after the restart: %s", result(ev))
	}
}

func TestGoGetAndImport(t *testing.T) {
	s := startNative(t)
	out, _ := mustRun(t, s, "%go get example.com/greet@v1.0.0")
	if !strings.Contains(out, "added example.com/greet v1.0.0") {
		t.Errorf("%%go get said %q", out)
	}
	// The root package is importable by its name, its other packages by
	// their paths.
	if _, ev := mustRun(t, s, `greet.Hello("Ada")`); result(ev) != "Hello, Ada!" {
		t.Errorf("greet.Hello: %s", result(ev))
	}
	if _, ev := mustRun(t, s, `g := greet.Greeter{Word: "Hi"}
g.Greet("Bo") + strings.Repeat("?", greet.Polite)`); result(ev) != "Hi, Bo!?" {
		t.Errorf("Greeter: %s", result(ev))
	}
	code := "greet.Hel"
	if c, err := s.Complete(code, len(code)); err != nil || !slices.Contains(c.Matches, "Hello") {
		t.Errorf("completion of %q: %+v %v", code, c, err)
	}
	if _, ev := mustRun(t, s, "import \"example.com/greet/loud\"\nloud.Shout(\"hey\")"); result(ev) != "HEY" {
		t.Errorf("loud.Shout: %s", result(ev))
	}
	// A compiled cell can use the fetched module too.
	mustRun(t, s, "%%compile\nimport \"example.com/greet\"\nfunc welcome() string { return greet.Hello(\"all\") }\n")
	if _, ev := mustRun(t, s, "welcome()"); result(ev) != "Hello, all!" {
		t.Errorf("welcome: %s", result(ev))
	}
	// A new worker (a kernel restart) imports the fetched module without
	// fetching it again.
	s2 := startNative(t)
	if _, ev := mustRun(t, s2, "import \"example.com/greet\"\ngreet.Hello(\"again\")"); result(ev) != "Hello, again!" {
		t.Errorf("in a new worker: %s", result(ev))
	}
}

func TestGoGetErrors(t *testing.T) {
	s := startNative(t)
	for _, tt := range []struct{ code, want string }{
		{"%go get github.com/traefik/yaegi@v0.15.0", "linked into descent-worker at v0.16.1"},
		{"%go get -u example.com/greet", "takes modules, not flags"},
		{"%go install x", "the only %go command is get"},
		{"%go get example.com/greet\nfmt.Println()", "no code after it"},
		{"import \"example.com/nothing/here\"", "%go get"},
		{"%go get example.com/newtext@v1.0.0", "golang.org/x/text v0.29.0 (descent-worker links v0.28.0)"},
	} {
		o, _ := run(t, s, tt.code)
		if o.Status != "error" || !strings.Contains(o.EValue, tt.want) {
			t.Errorf("%q: %+v, want an error saying %q", tt.code, o, tt.want)
		}
	}
}

func TestNativeUnavailableSaysWhatIsMissing(t *testing.T) {
	// A PATH with the go command but no C compiler.
	bin := t.TempDir()
	if err := os.Symlink(goTool(), filepath.Join(bin, "go")); err != nil {
		t.Fatal(err)
	}
	env := []string{}
	for _, kv := range nativeEnv(t) {
		if !strings.HasPrefix(kv, "PATH=") && !strings.HasPrefix(kv, "CC=") {
			env = append(env, kv)
		}
	}
	s := startTest(t, Options{Env: append(env, "PATH="+bin)})
	for _, code := range []string{"%%compile\nfunc f() {}", "%go get example.com/greet", "import \"example.com/greet\""} {
		o, _ := run(t, s, code)
		if o.Status != "error" || !strings.Contains(o.EValue, "C compiler") || !strings.Contains(o.EValue, "install") {
			t.Errorf("%q without a C compiler: %+v", code, o)
		}
	}
	if _, ev := mustRun(t, s, "optimlib.NewAdam(0.1).Beta1"); result(ev) != "0.9" {
		t.Errorf("interpreted cells without a C compiler: %s", result(ev))
	}
}

func TestInterpretedValuesCrossIntoCompiledCode(t *testing.T) {
	s := startNative(t)
	mustRun(t, s, `%%compile
type shape interface {
	Area() float64
	fmt.Stringer
}

func total(ss []shape) float64 {
	t := 0.0
	for _, s := range ss {
		t += s.Area()
	}
	return t
}

func describe(s shape) string { return "a shape: " + s.String() }

func apply(f func(float64) float64, xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func sumValues(m map[string][]float64) float64 {
	t := 0.0
	for _, xs := range m {
		for _, x := range xs {
			t += x
		}
	}
	return t
}
`)
	out, _ := mustRun(t, s, `type sq struct{ s float64 }
func (q sq) Area() float64 { return q.s * q.s }
func (q sq) String() string { return fmt.Sprintf("square %g", q.s) }
fmt.Println(total([]shape{sq{2}, sq{3}}), describe(sq{1.5}))
fmt.Println(apply(func(x float64) float64 { return x + 1 }, []float64{1, 2}))
fmt.Println(sumValues(map[string][]float64{"a": {1, 2}, "b": {3.5}}))`)
	if want := "13 a shape: square 1.5\n[2 3]\n6.5\n"; out != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
}

func TestCompiledInitThatNeverReturnsIsStoppedByRestartingTheWorker(t *testing.T) {
	s := startNative(t)
	r := &recorder{}
	spinning := make(chan struct{})
	var once sync.Once
	r.onEvent = func() {
		if strings.Contains(streamText(r.snapshot(), "stdout"), "spinning") {
			once.Do(func() { close(spinning) })
		}
	}
	done := make(chan worker.Outcome, 1)
	go func() {
		done <- s.Execute(context.Background(), worker.ExecRequest{Code: "%%compile\nvar ready = spin()\n\nfunc spin() bool {\n\tfmt.Println(\"spinning\")\n\tfor n := 1; n > 0; n++ {\n\t}\n\treturn true\n}\n"}, r)
	}()
	select {
	case <-spinning:
	case <-time.After(3 * time.Minute):
		t.Fatal("the plugin's init never printed")
	}
	s.Interrupt()
	o := <-done
	if o.Status != "error" || !strings.Contains(strings.Join(o.Traceback, " "), "restarted") {
		t.Errorf("interrupted init: %+v", o)
	}
	mustRun(t, s, "%%compile\nfunc ok() int { return 7 }\n")
	if _, ev := mustRun(t, s, "ok()"); result(ev) != "7" {
		t.Errorf("after the restart: %s", result(ev))
	}
}
