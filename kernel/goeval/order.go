package goeval

import "sort"

// chunk is a run of items compiled together: declarations as one file,
// statements (and var declarations) as one block.
type chunk struct {
	decl  bool
	items []*item
}

// orderItems puts a cell's declarations and statements in the order they
// run and groups them into chunks. Items keep their source order, except
// that a declaration something earlier needs moves up to just before the
// statement that needs it (a statement may call a function declared further
// down, as in Go), together with the declarations it needs in turn.
func orderItems(items []*item, refsOf map[*item]*refs) []chunk {
	declOf := map[string][]*item{}
	for _, it := range items {
		if it.kind != itemDecl {
			continue
		}
		for _, n := range refsOf[it].top {
			declOf[n] = append(declOf[n], it)
		}
	}
	done := map[*item]bool{}
	// needed returns the declarations not yet placed that it needs,
	// transitively.
	needed := func(it *item) []*item {
		var out []*item
		seen := map[*item]bool{it: true}
		queue := []*item{it}
		for len(queue) > 0 {
			cur := queue[0]
			queue = queue[1:]
			for _, id := range refsOf[cur].free {
				for _, d := range declOf[id.Name] {
					if !done[d] && !seen[d] {
						seen[d] = true
						out = append(out, d)
						queue = append(queue, d)
					}
				}
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].index < out[j].index })
		return out
	}
	var chunks []chunk
	place := func(it *item) {
		done[it] = true
		decl := !it.runsAsStatement()
		if n := len(chunks); n > 0 && chunks[n-1].decl == decl {
			chunks[n-1].items = append(chunks[n-1].items, it)
			return
		}
		chunks = append(chunks, chunk{decl: decl, items: []*item{it}})
	}
	for _, it := range items {
		if done[it] || (it.kind != itemDecl && it.kind != itemStmt) {
			continue
		}
		for _, d := range needed(it) {
			place(d)
		}
		place(it)
	}
	return chunks
}
