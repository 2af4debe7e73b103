// Command gendocs writes the documentation table of the compiled packages
// that notebook cells use, so that inspection shows their doc comments
// without their sources:
//
//	go run ./internal/gendocs -o table.go importpath...
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/descentlab/descent/kernel/preload/docs/internal/godoc"
)

func main() {
	out := flag.String("o", "table.go", "the file to write")
	pkg := flag.String("package", "docs", "the package of the written file")
	flag.Parse()
	src, err := godoc.Generate(".", *pkg, flag.Args())
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
