// Package version reports the versions built into a descent binary.
package version

import (
	"runtime/debug"
)

// Descent is the module version of this build, or "devel" for a build from
// a source checkout.
func Descent() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// Module is the version of the module at path linked into this build
// (with its replacement, if any), or "not linked".
func Module(path string) string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, d := range bi.Deps {
		if d.Path == path {
			if d.Replace != nil {
				return d.Replace.Path + " " + d.Replace.Version
			}
			return d.Version
		}
	}
	return "not linked"
}
