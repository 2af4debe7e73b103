// Command gendocs writes the documentation table of the compiled packages
// that notebook cells use, so that inspection shows their doc comments
// without their sources:
//
//	go run ./internal/gendocs -o table.go [importpath...]
//
// Without import paths it documents preload.Packages.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/descentlab/descent/kernel/preload"
	"github.com/descentlab/descent/kernel/preload/docs/internal/godoc"
)

func main() {
	out := flag.String("o", "table.go", "the file to write")
	pkg := flag.String("package", "docs", "the package of the written file")
	flag.Parse()
	pkgs := flag.Args()
	if len(pkgs) == 0 {
		pkgs = preload.Packages
	}
	src, err := godoc.Generate(".", *pkg, pkgs)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
