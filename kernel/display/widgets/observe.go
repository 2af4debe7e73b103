package widgets

import (
	"sync"

	"github.com/descentlab/descent/kernel/display/comm"
)

// observers are the functions a widget calls when its value changes: the
// ones a cell registered with Observe (given the new value) and the ones
// of this package (Interact's redraw), called after them.
type observers[T any] struct {
	mu       sync.Mutex
	typed    []func(T)
	internal []func()
}

// add registers f; a nil f is ignored.
func (o *observers[T]) add(f func(T)) {
	if f == nil {
		return
	}
	o.mu.Lock()
	o.typed = append(o.typed, f)
	o.mu.Unlock()
}

// addInternal registers a function of this package.
func (o *observers[T]) addInternal(f func()) {
	o.mu.Lock()
	o.internal = append(o.internal, f)
	o.mu.Unlock()
}

// call calls every observer with v, in the order they were registered.
func (o *observers[T]) call(v T) {
	o.mu.Lock()
	typed := append(make([]func(T), 0, len(o.typed)), o.typed...)
	internal := append(make([]func(), 0, len(o.internal)), o.internal...)
	o.mu.Unlock()
	for _, f := range typed {
		f(v)
	}
	for _, f := range internal {
		f()
	}
}

// work is the comm work that calls the observers with v, or nil when there
// are none.
func (o *observers[T]) work(v T) comm.Work {
	o.mu.Lock()
	n := len(o.typed) + len(o.internal)
	o.mu.Unlock()
	if n == 0 {
		return nil
	}
	return func() { o.call(v) }
}
