package symbolic

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strconv"
	"strings"
)

// variableUse is a variable name met in an expression and where.
type variableUse struct {
	name string
	pos  token.Pos
}

// collectVariables lists the variable names in e in order of first
// appearance: identifiers that are not a function or a package, and x[k].
func collectVariables(e ast.Expr, uses *[]variableUse) {
	switch e := e.(type) {
	case *ast.Ident:
		if e.Name != "math" {
			*uses = append(*uses, variableUse{e.Name, e.Pos()})
		}
	case *ast.IndexExpr:
		if name, ok := indexedName(e); ok {
			*uses = append(*uses, variableUse{name, e.Pos()})
		}
	case *ast.ParenExpr:
		collectVariables(e.X, uses)
	case *ast.UnaryExpr:
		collectVariables(e.X, uses)
	case *ast.StarExpr:
		collectVariables(e.X, uses)
	case *ast.BinaryExpr:
		collectVariables(e.X, uses)
		collectVariables(e.Y, uses)
	case *ast.CallExpr:
		for _, a := range e.Args {
			collectVariables(a, uses)
		}
	}
}

// splitIndexed splits "x[3]" into ("x", 3, true).
func splitIndexed(name string) (string, int, bool) {
	base, rest, ok := strings.Cut(name, "[")
	if !ok || !strings.HasSuffix(rest, "]") {
		return name, 0, false
	}
	k, err := strconv.Atoi(strings.TrimSuffix(rest, "]"))
	if err != nil || k < 0 {
		return name, 0, false
	}
	return base, k, true
}

// chooseVariables picks the variables of an expression given without a
// variable list: the names in natural order (a, b, x, x2, x10, y), where an
// indexed name x[k] stands for the whole vector x[0], …, x[n-1] with n one
// more than the largest index used.
func (p *exprParser) chooseVariables(tree ast.Expr) ([]string, error) {
	var uses []variableUse
	collectVariables(tree, &uses)
	plain := map[string]token.Pos{}
	largest := map[string]int{}
	for _, u := range uses {
		base, k, indexed := splitIndexed(u.name)
		if !indexed {
			if base == "true" || base == "false" || base == "nil" {
				return nil, p.syntaxError(u.pos, "%s is not a number", base)
			}
			if _, seen := plain[base]; !seen {
				plain[base] = u.pos
			}
			continue
		}
		if cur, seen := largest[base]; !seen || k > cur {
			largest[base] = k
		}
	}
	var bases []string
	for name, pos := range plain {
		if _, both := largest[name]; both {
			return nil, p.syntaxError(pos, "%s is used both as a number and as a vector %s[k]", name, name)
		}
		bases = append(bases, name)
	}
	for name := range largest {
		bases = append(bases, name)
	}
	slices.SortFunc(bases, naturalCompare)
	var vars []string
	for _, b := range bases {
		n, indexed := largest[b]
		if !indexed {
			vars = append(vars, b)
			continue
		}
		for k := 0; k <= n; k++ {
			vars = append(vars, b+"["+strconv.Itoa(k)+"]")
		}
	}
	return vars, nil
}

// normalizeVariables checks an explicit variable list: each entry is a Go
// identifier or an indexed name such as x[0], and none repeats.
func normalizeVariables(vars []string) ([]string, error) {
	out := make([]string, len(vars))
	seen := map[string]bool{}
	for i, v := range vars {
		v = strings.TrimSpace(v)
		base, k, indexed := splitIndexed(v)
		if !token.IsIdentifier(base) || base == "math" {
			return nil, fmt.Errorf("variable %q is not a Go identifier (or an indexed name such as x[0])", vars[i])
		}
		if indexed {
			v = base + "[" + strconv.Itoa(k) + "]"
		}
		if seen[v] {
			return nil, fmt.Errorf("variable %q is listed twice", v)
		}
		seen[v] = true
		out[i] = v
	}
	return out, nil
}

// naturalCompare orders strings with embedded numbers by their value, so
// that x2 comes before x10.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitPrefix(a), digitPrefix(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if len(na) != len(nb) {
				return len(na) - len(nb)
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b)
}

// digitPrefix is the number of leading ASCII digits of s.
func digitPrefix(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}
