package goeval

import (
	"fmt"
	"io"
	"os"
	"path"
	"reflect"
	"sort"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// Interpreted os.Stdout and os.Stderr stay the process's files, so that
// os.Stdout.WriteString compiles. A cell that writes to them through a
// function of a compiled package (fmt.Fprintln(os.Stderr, ...),
// bufio.NewWriter(os.Stdout), log.New(os.Stderr, ...), io.Copy) would then
// bypass Options.Stdout and Options.Stderr, and its text could come out of
// order with what the cell prints with fmt.Println. So every function of
// the compiled packages that takes an io.Writer is replaced, for
// interpreted code, by one that passes Options.Stdout for os.Stdout and
// Options.Stderr for os.Stderr. Methods of compiled types cannot be
// replaced: os.Stdout.WriteString and template.Execute(os.Stdout, ...)
// still write to the file itself.

var writerType = reflect.TypeOf((*io.Writer)(nil)).Elem()

// stdioKey is the export key, under a package's import path, of the
// replacements: merged into the package the interpreter already has.
const stdioKey = hiddenPrefix + "stdio"

// stdioRoute returns the function that gives, for a writer a cell passes
// to compiled code, the writer to use: stdout for os.Stdout, stderr for
// os.Stderr (the files at the time of the call), w itself otherwise.
func stdioRoute(stdout, stderr io.Writer) func(io.Writer) io.Writer {
	return func(w io.Writer) io.Writer {
		switch {
		case w == nil:
			return w
		case w == io.Writer(os.Stdout):
			return stdout
		case w == io.Writer(os.Stderr):
			return stderr
		}
		return w
	}
}

// routeStdioWriters replaces, in the compiled packages of tables (export
// tables already loaded into in), the functions with an io.Writer
// parameter.
func routeStdioWriters(in *interp.Interpreter, tables []interp.Exports, route func(io.Writer) io.Writer) error {
	exports := interp.Exports{}
	mapTypes := map[reflect.Value][]reflect.Type{}
	for _, table := range tables {
		keys := make([]string, 0, len(table))
		for k := range table {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, key := range keys {
			importPath := path.Dir(key)
			if importPath == "." {
				continue // the MapTypes entry, not a package
			}
			symbols := table[key]
			if importPath == "log" {
				// The interpreter gave log its own logger (log.SetOutput
				// sets the interpreter's logger, not the process's).
				symbols = in.Symbols("log")["log"]
			}
			replaced := map[string]reflect.Value{}
			for name, v := range symbols {
				if !v.IsValid() || v.Kind() != reflect.Func || v.CanAddr() || v.IsNil() || !takesWriter(v.Type()) {
					continue // not a function (variables are addressable), or no writer
				}
				w := writerRoute(importPath, name, v, route)
				replaced[name] = w
				if mt, ok := stdlib.MapTypes[v]; ok {
					mapTypes[w] = mt
				}
			}
			if len(replaced) > 0 {
				exports[importPath+"/"+stdioKey] = replaced
			}
		}
	}
	exports["."] = map[string]reflect.Value{"MapTypes": reflect.ValueOf(mapTypes)}
	if err := in.Use(exports); err != nil {
		return fmt.Errorf("goeval: routing writes to os.Stdout and os.Stderr: %w", err)
	}
	return nil
}

// takesWriter reports whether a function type has an io.Writer parameter
// (or a variadic ...io.Writer).
func takesWriter(t reflect.Type) bool {
	for i := range t.NumIn() {
		in := t.In(i)
		if in == writerType || t.IsVariadic() && i == t.NumIn()-1 && in.Elem() == writerType {
			return true
		}
	}
	return false
}

// writerRoute returns f with its io.Writer arguments passed through route.
// The functions cells call most often are wrapped directly; the others
// through reflection.
func writerRoute(importPath, name string, f reflect.Value, route func(io.Writer) io.Writer) reflect.Value {
	switch importPath + "." + name {
	case "fmt.Fprint":
		return reflect.ValueOf(func(w io.Writer, a ...any) (int, error) { return fmt.Fprint(route(w), a...) })
	case "fmt.Fprintf":
		return reflect.ValueOf(func(w io.Writer, format string, a ...any) (int, error) {
			return fmt.Fprintf(route(w), format, a...)
		})
	case "fmt.Fprintln":
		return reflect.ValueOf(func(w io.Writer, a ...any) (int, error) { return fmt.Fprintln(route(w), a...) })
	case "io.WriteString":
		return reflect.ValueOf(func(w io.Writer, s string) (int, error) { return io.WriteString(route(w), s) })
	}
	t := f.Type()
	return reflect.MakeFunc(t, func(args []reflect.Value) []reflect.Value {
		for i, a := range args {
			switch {
			case t.In(i) == writerType:
				args[i] = routedWriter(a, route)
			case t.IsVariadic() && i == len(args)-1 && t.In(i).Elem() == writerType:
				ws := reflect.MakeSlice(a.Type(), a.Len(), a.Len())
				for j := range a.Len() {
					ws.Index(j).Set(routedWriter(a.Index(j), route))
				}
				args[i] = ws
			}
		}
		if t.IsVariadic() {
			return f.CallSlice(args)
		}
		return f.Call(args)
	})
}

// routedWriter passes the io.Writer value a through route.
func routedWriter(a reflect.Value, route func(io.Writer) io.Writer) reflect.Value {
	if a.IsNil() {
		return a
	}
	w, ok := a.Interface().(io.Writer)
	if !ok {
		return a
	}
	out := reflect.New(writerType).Elem()
	out.Set(reflect.ValueOf(route(w)))
	return out
}
