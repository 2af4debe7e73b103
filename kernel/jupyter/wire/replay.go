package wire

import "sync"

// DefaultReplayMemory is how many signatures a ReplayFilter remembers, as
// jupyter_client's Session does (digest_history_size, 2^16).
const DefaultReplayMemory = 1 << 16

// ReplayFilter remembers the signatures of the messages accepted in a
// session and recognizes a message sent again: a captured signed message
// replayed by someone without the key would otherwise run again. When it
// is full it forgets the oldest signature. It is safe for concurrent use.
type ReplayFilter struct {
	mu    sync.Mutex
	seen  map[string]struct{}
	order []string // ring of the remembered signatures, oldest at next
	next  int
}

// NewReplayFilter returns a filter that remembers up to memory signatures
// (DefaultReplayMemory when memory <= 0).
func NewReplayFilter(memory int) *ReplayFilter {
	if memory <= 0 {
		memory = DefaultReplayMemory
	}
	return &ReplayFilter{seen: make(map[string]struct{}, memory), order: make([]string, 0, memory)}
}

// Replayed records signature and reports whether it was recorded before.
// An empty signature (an unsigned session) is never a replay.
func (f *ReplayFilter) Replayed(signature []byte) bool {
	if len(signature) == 0 {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.seen[string(signature)]; ok {
		return true
	}
	s := string(signature)
	if len(f.order) < cap(f.order) {
		f.order = append(f.order, s)
	} else {
		delete(f.seen, f.order[f.next])
		f.order[f.next] = s
		f.next = (f.next + 1) % len(f.order)
	}
	f.seen[s] = struct{}{}
	return false
}

// Signature returns the signature frame of a message's frames (the one
// after the delimiter), or nil.
func Signature(frames [][]byte) []byte {
	for i, f := range frames {
		if string(f) == Delimiter {
			if i+1 < len(frames) {
				return frames[i+1]
			}
			return nil
		}
	}
	return nil
}
