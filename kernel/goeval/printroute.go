package goeval

import (
	"fmt"
	"io"
	"reflect"

	"github.com/traefik/yaegi/interp"
	"github.com/traefik/yaegi/stdlib"
)

// The interpreter writes the print and println builtins to its Stdout, and
// gives fmt.Print, Printf and Println the same writer. Go writes the
// builtins to standard error, so the interpreter is built with Stdout set
// to the cell's stderr and the fmt functions are then pointed back at the
// cell's stdout.

// fmtPrintKey is an export key whose package is fmt: symbols under it are
// merged into the fmt package the standard library loaded. The key must not
// be "fmt/fmt", which would make the interpreter reset the fmt functions to
// its Stdout again.
const fmtPrintKey = "fmt/" + hiddenPrefix + "print"

// routeFmtToStdout makes interpreted fmt.Print, Printf and Println write to
// stdout. It must run after the standard library is loaded.
func routeFmtToStdout(in *interp.Interpreter, stdout io.Writer) error {
	print := reflect.ValueOf(func(a ...any) (int, error) { return fmt.Fprint(stdout, a...) })
	printf := reflect.ValueOf(func(format string, a ...any) (int, error) { return fmt.Fprintf(stdout, format, a...) })
	println := reflect.ValueOf(func(a ...any) (int, error) { return fmt.Fprintln(stdout, a...) })
	// The wrappers take `any` like the originals and must, like them, see
	// the String and Error methods of values of types declared in cells.
	wrappers := stdlib.MapTypes[reflect.ValueOf(fmt.Println)]
	err := in.Use(interp.Exports{
		fmtPrintKey: {"Print": print, "Printf": printf, "Println": println},
		".": {"MapTypes": reflect.ValueOf(map[reflect.Value][]reflect.Type{
			print: wrappers, printf: wrappers, println: wrappers,
		})},
	})
	if err != nil {
		return fmt.Errorf("goeval: routing fmt.Print to stdout: %w", err)
	}
	return nil
}
