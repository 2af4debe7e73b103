package goeval

import "fmt"

// interpreterGoVersion is the last Go release whose standard library the
// interpreter (yaegi v0.16.1) offers.
const interpreterGoVersion = "1.22"

// withheld says why a standard package is not offered to cells.
var withheld = map[string]string{
	"syscall": "raw system calls are withheld from cells: one could close or replace the pipes between the worker and the kernel, " +
		"or get around the worker's limits. Package os has what a notebook needs (files, the environment, os.Getpid)",
	"unsafe": "the interpreter does not offer unsafe: a wrong pointer would crash the worker process instead of failing the cell",
	"os/exec": "cells cannot start other programs: a program started from a cell would outlive an interrupt and run " +
		"outside the worker's memory limit",
	"plugin":           "plugins are built by the Go compiler and loaded by compiled programs; cells are interpreted",
	"runtime/cgo":      "cgo needs the Go compiler and a C compiler; cells are interpreted",
	"embed":            "//go:embed is done by the Go compiler; cells are interpreted: read the file with os.ReadFile",
	"runtime/race":     "the race detector is compiled into a program; cells are interpreted",
	"runtime/coverage": "coverage is compiled into a program; cells are interpreted",
	"time/tzdata":      "it is only needed where the system has no time zone database; time.LoadLocation uses the system's",
}

// newerPackages are standard packages added after interpreterGoVersion.
var newerPackages = map[string]string{
	"iter": "1.23", "structs": "1.23", "unique": "1.23",
	"weak": "1.24", "crypto/hkdf": "1.24", "crypto/mlkem": "1.24", "crypto/pbkdf2": "1.24", "crypto/sha3": "1.24",
	"crypto/fips140": "1.24", "testing/synctest": "1.24", "crypto/hpke": "1.26", "testing/cryptotest": "1.26",
	"crypto/mlkem/mlkemtest": "1.26",
}

// unavailableMessage says that importPath cannot be imported, and why.
func unavailableMessage(importPath string) string {
	if why, ok := withheld[importPath]; ok {
		return fmt.Sprintf("package %q is not available: %s", importPath, why)
	}
	if v, ok := newerPackages[importPath]; ok {
		return fmt.Sprintf("package %q is not available: it came with Go %s, and the interpreter knows the standard library up to Go %s",
			importPath, v, interpreterGoVersion)
	}
	return fmt.Sprintf("package %q is not available: cells can import the standard library and the packages the kernel provides", importPath)
}
