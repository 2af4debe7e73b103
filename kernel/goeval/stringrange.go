package goeval

import (
	"go/ast"
	"go/token"
	"reflect"
	"unicode/utf8"
)

// The interpreter ranges over a string by converting it to []rune and
// gives as the index of the i-th rune the length of the string made of the
// first i runes (for i := range s gives 0, 1, 2, ..., the rune count): an
// invalid byte, which becomes U+FFFD, three bytes long, shifts every later
// index, a loop without a value variable gets rune counts instead of byte
// offsets, and each step re-encodes the whole prefix (YAEGI_BUGS.md, 25).
// A range over a string with an index variable walks the bytes itself:
//
//	for i, r := range s { B }  ->
//	{S := string(s); for K, W := 0, 0; K < len(S); K += W {var R rune; R, W = _goeval_.RuneAt(S, K); i := K; r := R; B }}
//
// A continue runs K += W, as it should. A loop without an index variable
// is right and left alone.

// runeAt is RuneAt: the rune that starts at byte k of s and its width, as
// a range over s gives them.
func runeAt(s string, k int) (rune, int) { return utf8.DecodeRuneInString(s[k:]) }

// rangeString rewrites rs, a range over a string with an index variable
// (see above); label is its label or nil.
func (rw *rewriter) rangeString(rs *ast.RangeStmt, label *ast.LabeledStmt, depth int) {
	s, k, w, r := rw.fresh("s"), rw.fresh("k"), rw.fresh("w"), rw.fresh("r")
	start, labelText := rw.off(rs.For), ""
	if label != nil {
		start, labelText = rw.off(label.Pos()), label.Label.Name+": "
	}
	op := " = "
	if rs.Tok == token.DEFINE {
		op = " := "
	}
	bind := "_, " + w + " = " + hooksImport + ".RuneAt(" + s + ", " + k + "); " + rw.text(rs.Key) + op + k + "; "
	if !isBlank(rs.Value) {
		bind = "var " + r + " rune; " + r + ", " + w + " = " + hooksImport + ".RuneAt(" + s + ", " + k + "); " +
			rw.text(rs.Key) + op + k + "; " + rw.text(rs.Value) + op + r + "; "
	}
	rw.add(edit{start: start, end: rw.off(rs.X.Pos()), text: "{" + s + " := string(", rank: rankReplace})
	rw.add(edit{start: rw.off(rs.X.End()), end: rw.off(rs.Body.Lbrace) + 1,
		text: "); " + labelText + "for " + k + ", " + w + " := 0, 0; " + k + " < len(" + s + "); " + k + " += " + w + " {" + bind,
		rank: rankReplace})
	end := rw.off(rs.Body.Rbrace) + 1
	rw.add(edit{start: end, end: end, text: "}", rank: closeRank(depth)})
}

// rangesStringIndex reports whether rs ranges over a string with an
// index variable.
func (rw *rewriter) rangesStringIndex(rs *ast.RangeStmt) bool {
	if isBlank(rs.Key) {
		return false
	}
	return rw.infer.Kind(rw.infer.TypeOf(rs.X)) == reflect.String
}
