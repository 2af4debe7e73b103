package kernel

import (
	"sort"
	"unicode/utf8"
)

// streamChunk is the text of one IOPub stream message.
type streamChunk struct {
	name string
	text string
}

// streamCoalescer batches consecutive text of one stream into few, large
// messages, so that a cell printing many short lines does not flood IOPub.
// It never splits a UTF-8 sequence: the incomplete bytes at the end of a
// stream's text wait for the rest of the sequence (each stream separately),
// and chunks are cut at rune boundaries. It is not safe for concurrent use.
type streamCoalescer struct {
	maxBytes int
	name     string // stream of pending
	pending  []byte // complete UTF-8 text of stream name, not yet emitted
	tails    map[string][]byte
}

func newStreamCoalescer(maxBytes int) *streamCoalescer {
	if maxBytes < utf8.UTFMax {
		maxBytes = utf8.UTFMax
	}
	return &streamCoalescer{maxBytes: maxBytes, tails: map[string][]byte{}}
}

// add appends text to stream name and returns the chunks that are ready: all
// pending text of another stream, and full-size chunks of this one.
func (c *streamCoalescer) add(name, text string) []streamChunk {
	var out []streamChunk
	if name != c.name && len(c.pending) > 0 {
		out = append(out, streamChunk{c.name, string(c.pending)})
		c.pending = c.pending[:0]
	}
	c.name = name
	data := append(c.tails[name], text...)
	complete, tail := splitIncompleteTail(data)
	c.pending = append(c.pending, complete...)
	if len(tail) > 0 {
		c.tails[name] = append([]byte(nil), tail...)
	} else {
		delete(c.tails, name)
	}
	for len(c.pending) >= c.maxBytes {
		cut := runeBoundaryAtOrBefore(c.pending, c.maxBytes)
		out = append(out, streamChunk{c.name, string(c.pending[:cut])})
		c.pending = append(c.pending[:0], c.pending[cut:]...)
	}
	return out
}

// hasPending reports whether complete text waits to be emitted.
func (c *streamCoalescer) hasPending() bool { return len(c.pending) > 0 }

// flush returns the pending text. With final, it also returns the incomplete
// trailing bytes of every stream (they will never be completed), which the
// JSON encoder turns into U+FFFD.
func (c *streamCoalescer) flush(final bool) []streamChunk {
	var out []streamChunk
	if len(c.pending) > 0 {
		out = append(out, streamChunk{c.name, string(c.pending)})
		c.pending = c.pending[:0]
	}
	if final && len(c.tails) > 0 {
		names := make([]string, 0, len(c.tails))
		for n := range c.tails {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			out = append(out, streamChunk{n, string(c.tails[n])})
			delete(c.tails, n)
		}
	}
	return out
}

// splitIncompleteTail splits b before a trailing UTF-8 sequence that is a
// valid but unfinished prefix. Invalid bytes are not held back.
func splitIncompleteTail(b []byte) (complete, tail []byte) {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if !utf8.RuneStart(b[i]) {
			continue
		}
		if utf8.FullRune(b[i:]) {
			return b, nil
		}
		return b[:i], b[i:]
	}
	return b, nil
}

// runeBoundaryAtOrBefore returns the largest n <= limit at which b can be cut
// without splitting a rune (limit itself when no rune starts nearby).
func runeBoundaryAtOrBefore(b []byte, limit int) int {
	if limit >= len(b) {
		return len(b)
	}
	for n := limit; n > 0 && n > limit-utf8.UTFMax; n-- {
		if utf8.RuneStart(b[n]) {
			return n
		}
	}
	return limit
}
