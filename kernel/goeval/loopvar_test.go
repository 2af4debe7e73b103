package goeval

import "testing"

// Item 6: Go 1.22 range over integers and per-iteration loop variables.
func TestRangeOverInt(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
	}{
		{"literal", []step{{"n := 0\nfor i := range 10 { n += i }\nn", "45"}}},
		{"no variable", []step{{"c := 0\nfor range 3 { c++ }\nc", "3"}}},
		{"int64 variable gives int64", []step{{"var m int64 = 4\ns := \"\"\nfor i := range m { s += fmt.Sprintf(\"%T \", i) }\ns",
			"int64 int64 int64 int64 "}}},
		{"untyped constant gives int", []step{{"k := \"\"\nfor i := range 2 { k = fmt.Sprintf(\"%T\", i) }\nk", "int"}}},
		{"evaluated once", []step{
			{"calls := 0\nfunc limit() int { calls++; return 3 }", ""},
			{"sum := 0\nfor i := range limit() { sum += i }\nfmt.Sprint(sum, \" \", calls)", "3 1"},
		}},
		{"inside a function", []step{{"func tri(n int) int {\n\ts := 0\n\tfor i := range n {\n\t\ts += i\n\t}\n\treturn s\n}\ntri(5)", "10"}}},
		{"global of an earlier cell", []step{{"steps := 4", ""}, {"t := 0\nfor i := range steps { t += i }\nt", "6"}}},
		{"compiled constant", []step{{"u := 0\nfor i := range demo.Steps { u += i }\nu", "3"}}},
		{"len", []step{{"xs := []string{\"a\", \"b\"}\nv := 0\nfor i := range len(xs) { v += i + 1 }\nv", "3"}}},
		{"unknown type falls back", []step{{"type box struct{ n int }\nb := box{5}\nw := 0\nfor i := range b.n { w += i }\nw", "10"}}},
		{"unknown type that is a slice", []step{{"type bag struct{ xs []int }\nbg := bag{[]int{4, 5, 6}}\nz := 0\nfor i := range bg.xs { z += i }\nz", "3"}}},
		{"empty and negative", []step{{"e := 0\nfor range 0 { e++ }\nfor range -2 { e++ }\ne", "0"}}},
		{"break and labeled continue", []step{{"out := \"\"\nrow:\nfor i := range 3 {\n\tfor j := range 3 {\n\t\tif j > i {\n\t\t\tcontinue row\n\t\t}\n\t\tif i == 2 {\n\t\t\tbreak row\n\t\t}\n\t\tout += fmt.Sprintf(\"%d%d \", i, j)\n\t}\n}\nout",
			"00 10 11 "}}},
		{"slice ranges untouched", []step{{"q := 0\nfor i, v := range []int{5, 6} { q += i * v }\nq", "6"}}},
		{"assignment form", []step{{"var i int\nfor i = range 4 {}\ni", "3"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			newSession(t, Options{}).script(tc.steps)
		})
	}
}

func TestPerIterationLoopVariables(t *testing.T) {
	tests := []struct {
		name  string
		steps []step
	}{
		{"3-clause closures at top level", []step{{
			"var fs []func() int\nfor i := 0; i < 3; i++ { fs = append(fs, func() int { return i }) }\ns := 0\nfor _, f := range fs { s += f() }\ns", "3"}}},
		{"3-clause closures in a function", []step{{
			"func sumClosures() int {\n\tvar fs []func() int\n\tfor i := 0; i < 3; i++ {\n\t\tfs = append(fs, func() int { return i })\n\t}\n\ts := 0\n\tfor _, f := range fs {\n\t\ts += f()\n\t}\n\treturn s\n}\nsumClosures()", "3"}}},
		{"range closures", []step{{
			"var gs []func() int\nfor _, v := range []int{0, 1, 2} { gs = append(gs, func() int { return v }) }\nt := 0\nfor _, g := range gs { t += g() }\nt", "3"}}},
		{"range key closures", []step{{
			"var ks []func() int\nfor k := range []string{\"a\", \"b\", \"c\"} { ks = append(ks, func() int { return k }) }\nu := 0\nfor _, g := range ks { u += g() }\nu", "3"}}},
		{"range over int closures", []step{{
			"var hs []func() int\nfor i := range 3 { hs = append(hs, func() int { return i }) }\nw := 0\nfor _, h := range hs { w += h() }\nw", "3"}}},
		{"addresses", []step{{
			"var ps []*int\nfor i := 0; i < 3; i++ { ps = append(ps, &i) }\n*ps[0] + *ps[1] + *ps[2]", "3"}}},
		{"body changes the variable", []step{{
			"out := \"\"\nfor i := 0; i < 10; i++ {\n\tf := func() {}\n\tf()\n\tout += fmt.Sprint(i)\n\ti += 2\n}\nout", "0369"}}},
		{"continue runs the post statement", []step{{
			"out2 := \"\"\nfor i := 0; i < 6; i++ {\n\tg := func() int { return i }\n\tif g()%2 == 0 {\n\t\tcontinue\n\t}\n\tout2 += fmt.Sprint(i)\n}\nout2", "135"}}},
		{"continue after changing the variable", []step{{
			"out3 := \"\"\nfor i := 0; i < 10; i++ {\n\th := func() {}\n\th()\n\tif i == 2 {\n\t\ti = 6\n\t\tcontinue\n\t}\n\tout3 += fmt.Sprint(i)\n}\nout3", "01789"}}},
		{"labeled continue of the outer loop", []step{{
			"var fs2 []func() int\nouter:\nfor i := 0; i < 3; i++ {\n\tfor j := 0; j < 3; j++ {\n\t\tfs2 = append(fs2, func() int { return i*10 + j })\n\t\tif j == 1 {\n\t\t\tcontinue outer\n\t\t}\n\t}\n}\ns2 := 0\nfor _, f := range fs2 { s2 += f() }\ns2", "63"}}},
		// A deferred closure is built when the function returns (see
		// loopvar.go); arguments are evaluated at the defer statement.
		{"defer in a loop", []step{{
			"func deferred() (s string) {\n\tfor i := 0; i < 3; i++ {\n\t\tdefer func(k int) { s += fmt.Sprint(k) }(i)\n\t}\n\treturn\n}\ndeferred()", "210"}}},
		{"goroutines", []step{{
			"var wg sync.WaitGroup\nres := make([]int, 3)\nfor i := 0; i < 3; i++ {\n\twg.Add(1)\n\tgo func() {\n\t\tdefer wg.Done()\n\t\tres[i] = i * i\n\t}()\n}\nwg.Wait()\nres", "[0 1 4]"}}},
		{"two variables", []step{{
			"var ps2 []func() int\nfor i, j := 0, 10; i < 3; i, j = i+1, j-1 { ps2 = append(ps2, func() int { return i + j }) }\ns3 := 0\nfor _, f := range ps2 { s3 += f() }\ns3", "30"}}},
		{"loop without closures keeps the shared variable", []step{{
			"last := 0\nfor i := 0; i < 4; i++ { last = i }\nlast", "3"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			newSession(t, Options{}).script(tc.steps)
		})
	}
}
