// Package course is "descent run": it executes lesson notebooks headless,
// each on a kernel of its own, and writes a course directory with the
// executed notebooks, one HTML page per lesson and an index.
package course
