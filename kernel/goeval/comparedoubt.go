package goeval

// A comparison of values that went into interfaces (==, reflect.DeepEqual)
// needs their dynamic types; when the interpreter did not keep one, the
// comparison is refused rather than answered wrongly (untracked.go).

// certainPair returns the one possible dynamic type and value each of a
// and b has, refusing the construct (a comparison) when either may be
// one of several.
func (s *dynTypes) certainPair(construct string, a, b dynValue) (possibility, possibility) {
	pa, pb := s.possible(a), s.possible(b)
	if len(pa) != 1 || len(pb) != 1 {
		refuseDoubt(construct, append(pa, pb...), compareEarlier)
	}
	return pa[0], pb[0]
}

// compareEarlier is what to write instead of a comparison whose outcome
// depends on a type the interpreter did not keep.
const compareEarlier = "compare the values before they go into interfaces or through compiled code"
