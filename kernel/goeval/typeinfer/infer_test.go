package typeinfer

import (
	"errors"
	"fmt"
	"go/ast"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The truth for these tests is go/types: each case is an "earlier cell"
// (package-level declarations the Session serves) and a "cell" (the body
// of a function, whose names are the Scope), type-checked together; every
// expression statement _ = x of the cell is a probe whose type typeinfer
// must find and match.

// testSymbols is a small compiled package table.
var testSymbols = map[string]map[string]reflect.Value{
	"math": {
		"Sqrt": reflect.ValueOf(math.Sqrt), "Abs": reflect.ValueOf(math.Abs),
		"Pi": reflect.ValueOf(constant.MakeFloat64(math.Pi)), "MaxInt8": reflect.ValueOf(constant.MakeInt64(math.MaxInt8)),
	},
	"strings": {
		"Split": reflect.ValueOf(strings.Split), "Fields": reflect.ValueOf(strings.Fields),
		"Builder": reflect.ValueOf((*strings.Builder)(nil)), "NewReader": reflect.ValueOf(strings.NewReader),
	},
	"strconv": {"Atoi": reflect.ValueOf(strconv.Atoi), "Itoa": reflect.ValueOf(strconv.Itoa)},
	"time": {
		"Duration": reflect.ValueOf((*time.Duration)(nil)), "Second": reflect.ValueOf(time.Second),
		"Now": reflect.ValueOf(time.Now), "Time": reflect.ValueOf((*time.Time)(nil)),
	},
	"errors": {"New": reflect.ValueOf(errors.New)},
	"fmt":    {"Sprint": reflect.ValueOf(fmt.Sprint), "Println": reflect.ValueOf(fmt.Println)},
}

// fakeSession serves the declarations of a parsed earlier cell.
type fakeSession struct {
	decls   map[string]ast.Node
	kinds   map[string]DeclKind
	methods map[string]map[string]*ast.FuncDecl
}

func newFakeSession(f *ast.File) *fakeSession {
	s := &fakeSession{decls: map[string]ast.Node{}, kinds: map[string]DeclKind{}, methods: map[string]map[string]*ast.FuncDecl{}}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			if d.Recv != nil {
				base, _ := ReceiverBase(d.Recv)
				if s.methods[base] == nil {
					s.methods[base] = map[string]*ast.FuncDecl{}
				}
				s.methods[base][d.Name.Name] = d
				continue
			}
			s.decls[d.Name.Name], s.kinds[d.Name.Name] = d, DeclFunc
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch sp := spec.(type) {
				case *ast.TypeSpec:
					s.decls[sp.Name.Name], s.kinds[sp.Name.Name] = sp, DeclType
				case *ast.ValueSpec:
					for _, id := range sp.Names {
						k := DeclVar
						if d.Tok == token.CONST {
							k = DeclConst
						}
						s.decls[id.Name], s.kinds[id.Name] = d, k
					}
				}
			}
		}
	}
	return s
}

func (s *fakeSession) Decl(name string) (ast.Node, DeclKind) { return s.decls[name], s.kinds[name] }
func (s *fakeSession) Method(t, name string) *ast.FuncDecl   { return s.methods[t][name] }
func (s *fakeSession) MethodNames(t string) []string {
	var out []string
	for n := range s.methods[t] {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
func (s *fakeSession) Package(name string) (string, bool) {
	_, ok := testSymbols[name]
	return name, ok
}
func (s *fakeSession) Symbol(path, name string) (reflect.Value, bool) {
	v, ok := testSymbols[path][name]
	return v, ok
}
func (s *fakeSession) Global(string) (reflect.Type, bool) { return nil, false }

func (s *fakeSession) SourceFunc(string, string) *ast.FuncDecl { return nil }

// probe is one expression of a case, with its type per go/types.
type probe struct {
	x    ast.Expr
	want types.Type
	src  string
}

// checkCase type-checks earlier + cell and returns the Inferer for the
// cell and its probes.
func checkCase(t *testing.T, earlier, cell string) (*Inferer, []probe) {
	t.Helper()
	imports := "import (\"math\"; \"strings\"; \"strconv\"; \"time\"; \"errors\"; \"fmt\")\n" +
		"var _, _, _, _, _, _ = math.Pi, strings.Split, strconv.Itoa, time.Second, errors.New, fmt.Sprint\n"
	src := "package main\n" + imports + earlier + "\nfunc cell() {\n" + cell + "\n}\n"
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "case.go", src, parser.SkipObjectResolution)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, src)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	conf := types.Config{Importer: importer.Default()}
	if _, err := conf.Check("main", fset, []*ast.File{f}, info); err != nil {
		t.Fatalf("the case does not compile: %v\n%s", err, src)
	}
	var body *ast.BlockStmt
	for _, d := range f.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Name == "cell" {
			body = fd.Body
		}
	}
	cellScope := NewScope()
	for _, st := range body.List {
		cellScope.Declare(st)
	}
	locals := NewScope()
	locals.Collect(body)
	var probes []probe
	ast.Inspect(body, func(n ast.Node) bool {
		as, ok := n.(*ast.AssignStmt)
		if !ok || len(as.Lhs) != 1 || len(as.Rhs) != 1 {
			return true
		}
		if id, ok := as.Lhs[0].(*ast.Ident); ok && id.Name == "_" {
			x := as.Rhs[0]
			probes = append(probes, probe{x: x, want: info.Types[x].Type, src: types.ExprString(x)})
		}
		return true
	})
	return New(newFakeSession(f), locals, cellScope), probes
}

// goString writes a go/types type the way typeString writes a Type.
func goString(t types.Type) string {
	switch t := t.(type) {
	case *types.Basic:
		if t.Info()&types.IsUntyped != 0 {
			return t.String()
		}
		switch t.Kind() {
		case types.Uint8:
			return "uint8"
		case types.Int32:
			return "int32"
		}
		return t.Name()
	case *types.Alias:
		return goString(types.Unalias(t))
	case *types.Named:
		obj := t.Obj()
		name := obj.Name()
		if obj.Pkg() != nil && obj.Pkg().Name() != "main" {
			name = obj.Pkg().Name() + "." + name
		}
		if args := t.TypeArgs(); args != nil && args.Len() > 0 {
			var as []string
			for i := range args.Len() {
				as = append(as, goString(args.At(i)))
			}
			name += "[" + strings.Join(as, ",") + "]"
		}
		return name
	case *types.Pointer:
		return "*" + goString(t.Elem())
	case *types.Slice:
		return "[]" + goString(t.Elem())
	case *types.Array:
		return "[" + strconv.FormatInt(t.Len(), 10) + "]" + goString(t.Elem())
	case *types.Map:
		return "map[" + goString(t.Key()) + "]" + goString(t.Elem())
	case *types.Chan:
		switch t.Dir() {
		case types.SendOnly:
			return "chan<- " + goString(t.Elem())
		case types.RecvOnly:
			return "<-chan " + goString(t.Elem())
		}
		return "chan " + goString(t.Elem())
	case *types.Signature:
		var ins, outs []string
		for i := range t.Params().Len() {
			s := goString(t.Params().At(i).Type())
			if t.Variadic() && i == t.Params().Len()-1 {
				s = "..." + strings.TrimPrefix(s, "[]")
			}
			ins = append(ins, s)
		}
		for i := range t.Results().Len() {
			outs = append(outs, goString(t.Results().At(i).Type()))
		}
		return "func(" + strings.Join(ins, ",") + ")" + resultsString(outs)
	case *types.Interface:
		if t.Empty() {
			return "interface{}"
		}
	case *types.Tuple:
		var parts []string
		for i := range t.Len() {
			parts = append(parts, goString(t.At(i).Type()))
		}
		return "(" + strings.Join(parts, ",") + ")"
	}
	return "?" + t.String()
}

func resultsString(outs []string) string {
	switch len(outs) {
	case 0:
		return ""
	case 1:
		return " " + outs[0]
	}
	return " (" + strings.Join(outs, ",") + ")"
}

// typeString writes what typeinfer found, in goString's spelling.
func typeString(in *Inferer, t Type) string {
	s := ""
	switch {
	case t.RT != nil:
		s = rtString(t.RT)
	case t.AST != nil:
		s = astString(in, t.AST)
	default:
		return ""
	}
	// go/types records the type an untyped constant takes in _ = x: its
	// default type, which is RT.
	return s
}

func rtString(rt reflect.Type) string {
	if rt.Name() != "" {
		if rt.PkgPath() != "" {
			return rt.String()
		}
		return rt.Name()
	}
	switch rt.Kind() {
	case reflect.Pointer:
		return "*" + rtString(rt.Elem())
	case reflect.Slice:
		return "[]" + rtString(rt.Elem())
	case reflect.Array:
		return "[" + strconv.Itoa(rt.Len()) + "]" + rtString(rt.Elem())
	case reflect.Map:
		return "map[" + rtString(rt.Key()) + "]" + rtString(rt.Elem())
	case reflect.Chan:
		switch rt.ChanDir() {
		case reflect.SendDir:
			return "chan<- " + rtString(rt.Elem())
		case reflect.RecvDir:
			return "<-chan " + rtString(rt.Elem())
		}
		return "chan " + rtString(rt.Elem())
	case reflect.Func:
		var ins, outs []string
		for i := range rt.NumIn() {
			s := rtString(rt.In(i))
			if rt.IsVariadic() && i == rt.NumIn()-1 {
				s = "..." + strings.TrimPrefix(s, "[]")
			}
			ins = append(ins, s)
		}
		for i := range rt.NumOut() {
			outs = append(outs, rtString(rt.Out(i)))
		}
		return "func(" + strings.Join(ins, ",") + ")" + resultsString(outs)
	case reflect.Interface:
		if rt.NumMethod() == 0 {
			return "interface{}"
		}
	}
	return "?" + rt.String()
}

func astString(in *Inferer, x ast.Expr) string {
	switch x := x.(type) {
	case *ast.Ident:
		switch x.Name {
		case "byte":
			return "uint8"
		case "rune":
			return "int32"
		case "any":
			return "interface{}"
		}
		return x.Name
	case *ast.ParenExpr:
		return astString(in, x.X)
	case *ast.SelectorExpr:
		return types.ExprString(x)
	case *ast.StarExpr:
		return "*" + astString(in, x.X)
	case *ast.ArrayType:
		if x.Len == nil {
			return "[]" + astString(in, x.Elt)
		}
		return "[" + types.ExprString(x.Len) + "]" + astString(in, x.Elt)
	case *ast.Ellipsis:
		return "[]" + astString(in, x.Elt)
	case *ast.MapType:
		return "map[" + astString(in, x.Key) + "]" + astString(in, x.Value)
	case *ast.IndexExpr:
		return astString(in, x.X) + "[" + astString(in, x.Index) + "]"
	case *ast.IndexListExpr:
		var parts []string
		for _, ix := range x.Indices {
			parts = append(parts, astString(in, ix))
		}
		return astString(in, x.X) + "[" + strings.Join(parts, ",") + "]"
	case *ast.FuncType:
		var ins, outs []string
		if x.Params != nil {
			for _, f := range x.Params.List {
				for range max(len(f.Names), 1) {
					s := astString(in, f.Type)
					if e, ok := f.Type.(*ast.Ellipsis); ok {
						s = "..." + astString(in, e.Elt)
					}
					ins = append(ins, s)
				}
			}
		}
		if x.Results != nil {
			for _, f := range x.Results.List {
				for range max(len(f.Names), 1) {
					outs = append(outs, astString(in, f.Type))
				}
			}
		}
		return "func(" + strings.Join(ins, ",") + ")" + resultsString(outs)
	}
	return "?" + types.ExprString(x)
}

const earlierDecls = `
type P struct{ Name string; Age int }
func (p P) Greet() string { return "hi " + p.Name }
func (p *P) Birthday() { p.Age++ }
type Celsius float64
type Weekday int
const (
	Sunday Weekday = iota
	Monday
)
const Answer = 42
var people []P
var ages = map[string]int{}
var grid [3][4]float64
func load() ([]P, error) { return nil, nil }
func half(x float64) float64 { return x / 2 }
type Stack[T any] struct{ items []T }
func (s *Stack[T]) Push(x T) { s.items = append(s.items, x) }
func (s *Stack[T]) Pop() T { var z T; return z }
func Filter[T any](xs []T, f func(T) bool) []T { return nil }
func Map[T, U any](xs []T, f func(T) U) []U { return nil }
func Scale[T int | float32 | float64](k T, xs []T) []T { return nil }
type Set[T comparable] map[T]struct{}
func NewSet[T comparable](vs ...T) Set[T] { return nil }
type Pair[K comparable, V any] struct { Key K; Val V }
func Entries[K comparable, V any](m map[K]V, keys []K) []Pair[K, V] { return nil }
type Shape interface{ Area() float64 }
type Sq struct{ S float64 }
func (s Sq) Area() float64 { return s.S * s.S }
type Team struct{ P; Members []*P; Lead *P }
var counter = 0
`

func TestTypeOfMatchesGoTypes(t *testing.T) {
	cases := []struct{ name, cell string }{
		{"literals and arithmetic", `
x := 3
y := 2.5
_ = x
_ = y
_ = x * 2
_ = y * 2
_ = 1 << 3
_ = 'a'
_ = "s" + "t"
_ = 2.0 * 3
_ = x > 2
_ = !true
_ = -y
_ = float64(x) + y
_ = complex(1, 2)`},
		{"collections", `
xs := []float64{1, 2}
m := map[string][]int{}
_ = xs[0]
_ = xs[1:]
_ = m["a"]
_ = m["a"][0]
_ = len(xs)
_ = append(xs, 3)
_ = make(map[int]string)
_ = new(int)
_ = ages
_ = ages["x"]
_ = grid[1]
_ = grid[1][2]
_ = "abc"[1]
_ = "abc"[1:]
arr := [3]int{}
_ = arr[:]
ch := make(chan string, 1)
_ = <-ch
v, ok := m["a"]
_ = v
_ = ok`},
		{"cell types", `
p := P{Name: "Al"}
_ = p
_ = &p
_ = p.Name
_ = p.Age
_ = p.Greet()
_ = people
_ = people[0]
_ = people[0].Name
t := Team{}
_ = t.Name
_ = t.Members[0]
_ = t.Lead.Age
_ = t.Greet()
c := Celsius(3)
_ = c
_ = c * 2
_ = Sunday
_ = Monday
_ = Monday + 1
_ = Answer
var s Shape = Sq{2}
_ = s
_ = s.Area()
_ = s.(Sq)
_ = s.(Sq).S`},
		{"calls", `
_ = half(3)
ps, err := load()
_ = ps
_ = err
_ = strconv.Itoa(3)
n, err2 := strconv.Atoi("3")
_ = n
_ = err2
_ = strings.Split("a b", " ")
_ = math.Sqrt(2)
_ = math.Pi
_ = math.Pi * 2
_ = math.MaxInt8
_ = time.Second
_ = time.Second * 3
_ = time.Now()
_ = errors.New("x")
_ = fmt.Sprint(1)
f := func(x int) string { return "" }
_ = f(1)
_ = func() float64 { return 1 }()`},
		{"generics", `
xs := []int{1, 2}
_ = Filter[int](xs, func(x int) bool { return true })
_ = Map[int, string](xs, func(x int) string { return "" })
ys := Filter[int](xs, nil)
_ = ys
_ = ys[0]
st := &Stack[float64]{}
_ = st.Pop()
_ = st.items
_ = Filter(xs, func(x int) bool { return true })
_ = Map(xs, func(x int) string { return "" })
_ = Map(people, func(p P) *P { return &p })
_ = Scale(0.5, []float32{1})
_ = Scale(2, xs)
_ = NewSet("a", "b")
_ = Entries(ages, []string{"a"})`},
		{"redefinition from itself", `
counter := counter + 1
_ = counter
people := append(people, P{})
_ = people`},
		{"type parameters", `
keys := func(m map[string]int) []string { return nil }
_ = keys
for k := range ages {
	_ = k
}`},
		{"method expressions", `
_ = P.Greet
_ = (*P).Birthday
_ = Sq.Area`},
		{"range", `
for i, p := range people {
	_ = i
	_ = p
}
for k, v := range ages {
	_ = k
	_ = v
}
for i, r := range "héllo" {
	_ = i
	_ = r
}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in, probes := checkCase(t, earlierDecls, tc.cell)
			for _, p := range probes {
				want := goString(p.want)
				got := typeString(in, in.TypeOf(p.x))
				if got != want {
					t.Errorf("%s: typeinfer says %q, go/types %q", p.src, got, want)
				}
				isInt := No
				if b, ok := p.want.Underlying().(*types.Basic); ok && b.Info()&types.IsInteger != 0 {
					isInt = Yes
				}
				if got := in.IsInt(p.x); got != isInt {
					t.Errorf("IsInt(%s) = %d, want %d", p.src, got, isInt)
				}
			}
		})
	}
}

func TestResultsMatchGoTypes(t *testing.T) {
	cell := `
load()
half(2)
fmt.Println("x")
strconv.Atoi("1")
strings.Fields("a")
func() (int, string, error) { return 0, "", nil }()
println("x")
Filter[int](nil, nil)
(&Stack[int]{}).Push(1)
P{}.Greet()`
	in, _ := checkCase(t, earlierDecls, cell)
	src := "package main\nimport (\"math\"; \"strings\"; \"strconv\"; \"time\"; \"errors\"; \"fmt\")\n" +
		"var _, _, _, _, _, _ = math.Pi, strings.Split, strconv.Itoa, time.Second, errors.New, fmt.Sprint\n" +
		earlierDecls + "\nfunc cell() {\n" + cell + "\n}\n"
	fset := token.NewFileSet()
	f, _ := parser.ParseFile(fset, "case.go", src, parser.SkipObjectResolution)
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
	if _, err := (&types.Config{Importer: importer.Default()}).Check("main", fset, []*ast.File{f}, info); err != nil {
		t.Fatal(err)
	}
	ast.Inspect(f, func(n ast.Node) bool {
		es, ok := n.(*ast.ExprStmt)
		if !ok {
			return true
		}
		call := es.X.(*ast.CallExpr)
		var want []string
		switch tt := info.Types[call].Type.(type) {
		case *types.Tuple:
			for i := range tt.Len() {
				want = append(want, goString(tt.At(i).Type()))
			}
		default:
			want = []string{goString(tt)}
		}
		got, known := in.Results(call)
		if !known {
			t.Errorf("Results(%s): unknown", types.ExprString(call))
			return true
		}
		var gs []string
		for _, g := range got {
			gs = append(gs, typeString(in, g))
		}
		if strings.Join(gs, ";") != strings.Join(want, ";") {
			t.Errorf("Results(%s) = %q, want %q", types.ExprString(call), gs, want)
		}
		return true
	})
}

func TestAmbiguousNamesAreUnknown(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "a.go", `package main
func a() { x := 1; _ = x }
func b() { x := "s"; _ = x }`, 0)
	if err != nil {
		t.Fatal(err)
	}
	sc := NewScope()
	sc.Collect(f)
	in := New(nil, sc)
	if got := in.TypeOf(ast.NewIdent("x")); got.Known() {
		t.Errorf("x has two types in two functions: got %v, want unknown", got)
	}
	in.Last = true
	if got := in.TypeOf(ast.NewIdent("x")); got.RT != reflect.TypeFor[string]() {
		t.Errorf("with Last, x is the last binding's: got %v, want string", got)
	}
}

func TestTypeParametersKeepTheirKind(t *testing.T) {
	src := `package main
func Keys[K comparable, V any](m map[K]V, xs []K, p *V, c chan V) {
	for k := range m { _ = k }
}`
	f, err := parser.ParseFile(token.NewFileSet(), "a.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	sc := NewScope()
	sc.Collect(f)
	in := New(nil, sc)
	for name, kind := range map[string]reflect.Kind{"m": reflect.Map, "xs": reflect.Slice, "p": reflect.Pointer, "c": reflect.Chan} {
		if got := in.Kind(in.TypeOf(ast.NewIdent(name))); got != kind {
			t.Errorf("kind of %s = %v, want %v", name, got, kind)
		}
		if got := in.IsInt(ast.NewIdent(name)); got != No {
			t.Errorf("IsInt(%s) = %d, want No", name, got)
		}
	}
	if got := in.IsInt(ast.NewIdent("k")); got != Unknown {
		t.Errorf("IsInt(k), a key of type K = %d, want Unknown", got)
	}
}
