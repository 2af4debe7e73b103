// Package runner is the worker process (descent-worker serve): it reads
// requests from the supervisor on its pipes, runs each cell in the yaegi
// interpreter, with the standard library, optimlib, display, gonum/plot and
// gonum preloaded, and reports the cell's outputs and end (see package
// supervisor for the pipes and the ordering rules). Other Go packages and
// %%compile cells are built into plugins and loaded (native.go, package
// native).
//
// Complete and Inspect requests are answered in a goroutine of their own, so
// they work while a cell runs. When the evaluator cannot inspect, the runner
// describes compiled package symbols (fmt.Println, optimlib.Objective) from
// the export tables: their Go type and a link to their documentation.
package runner
