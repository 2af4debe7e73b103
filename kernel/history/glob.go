package history

// globMatch matches s against pattern as SQLite's GLOB does, which is what
// IPython's history search uses: * any run, ? one character, [...] a class
// ([^...] negated, a-z ranges), everything else literally.
func globMatch(pattern, s string) bool {
	p, t := []rune(pattern), []rune(s)
	// Iterative matching with backtracking to the last star.
	pi, ti := 0, 0
	starP, starT := -1, 0
	for ti < len(t) {
		if pi < len(p) {
			switch p[pi] {
			case '*':
				starP, starT = pi, ti
				pi++
				continue
			case '?':
				pi++
				ti++
				continue
			case '[':
				if end, ok := matchClass(p, pi, t[ti]); ok {
					pi = end
					ti++
					continue
				}
			default:
				if p[pi] == t[ti] {
					pi++
					ti++
					continue
				}
			}
		}
		if starP < 0 {
			return false
		}
		starT++
		pi, ti = starP+1, starT
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// matchClass matches c against the class starting at p[i] == '['. It returns
// the index after the class and whether c is in it; an unterminated class
// matches a literal '['.
func matchClass(p []rune, i int, c rune) (int, bool) {
	j := i + 1
	negate := j < len(p) && p[j] == '^'
	if negate {
		j++
	}
	in := false
	first := true
	for ; j < len(p); j++ {
		if p[j] == ']' && !first {
			if in != negate {
				return j + 1, true
			}
			return j + 1, false
		}
		first = false
		if j+2 < len(p) && p[j+1] == '-' && p[j+2] != ']' {
			if p[j] <= c && c <= p[j+2] {
				in = true
			}
			j += 2
			continue
		}
		if p[j] == c {
			in = true
		}
	}
	return i + 1, c == '['
}
