package figure

import (
	"container/list"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"sync"
)

// DefaultCacheBytes is the memory budget of the shared cache: room for a
// few dozen grids and about fifteen rendered 600×400 backgrounds.
const DefaultCacheBytes = 24 << 20

// maxCacheEntries bounds the number of entries whatever their size.
const maxCacheEntries = 512

// Cache keeps what landscape figures compute once and reuse: sampled grids
// (keyed by the surface, window and resolution), contour lines (also keyed
// by the levels) and rendered static backgrounds (also keyed by the image
// size and labels). It is bounded: when the estimated memory exceeds its
// budget, the least recently used entries are dropped. A Cache is safe for
// concurrent use.
//
// A surface is identified by its Name and by a fingerprint, the values of
// F at a few fixed points of the window, so redefining a function in a
// cell, or changing a parameter it reads, is noticed without naming it
// anew.
type Cache struct {
	mu       sync.Mutex
	maxBytes int64
	used     int64
	order    *list.List // front: most recently used; values are *cacheEntry
	entries  map[string]*list.Element
	hits     int64
	misses   int64
}

// cacheEntry is one cached value.
type cacheEntry struct {
	key   string
	value any
	size  int64
}

// CacheStats describes a cache: its entries, their estimated memory, and
// the lookups that found (Hits) or missed (Misses) an entry.
type CacheStats struct {
	Entries      int
	Bytes        int64
	Hits, Misses int64
}

// sharedCache is the cache figures use unless Options.Cache names another.
var sharedCache = NewCache(DefaultCacheBytes)

// SharedCache returns the cache every figure uses by default.
func SharedCache() *Cache { return sharedCache }

// NewCache returns an empty cache with a budget of maxBytes (at least
// 1 MiB; values ≤ 0 give DefaultCacheBytes).
func NewCache(maxBytes int64) *Cache {
	if maxBytes <= 0 {
		maxBytes = DefaultCacheBytes
	}
	maxBytes = max(maxBytes, 1<<20)
	return &Cache{maxBytes: maxBytes, order: list.New(), entries: map[string]*list.Element{}}
}

// Stats returns the current statistics.
func (c *Cache) Stats() CacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return CacheStats{Entries: len(c.entries), Bytes: c.used, Hits: c.hits, Misses: c.misses}
}

// Clear drops every entry and resets the statistics.
func (c *Cache) Clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.order.Init()
	clear(c.entries)
	c.used, c.hits, c.misses = 0, 0, 0
}

// get returns the value stored under key and marks it recently used.
func (c *Cache) get(key string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[key]; ok {
		c.hits++
		c.order.MoveToFront(el)
		return el.Value.(*cacheEntry).value, true
	}
	c.misses++
	return nil, false
}

// put stores value under key unless another value got there first, and
// returns the value now stored. Entries beyond the budget are evicted,
// oldest first; a value larger than the whole budget is returned but not
// kept.
func (c *Cache) put(key string, value any, size int64) any {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[key]; ok {
		c.order.MoveToFront(el)
		return el.Value.(*cacheEntry).value
	}
	if size > c.maxBytes {
		return value
	}
	c.entries[key] = c.order.PushFront(&cacheEntry{key: key, value: value, size: size})
	c.used += size
	for c.used > c.maxBytes || len(c.entries) > maxCacheEntries {
		old := c.order.Back()
		e := old.Value.(*cacheEntry)
		c.order.Remove(old)
		delete(c.entries, e.key)
		c.used -= e.size
	}
	return value
}

// Grid returns s sampled on an nx × ny grid over w, from the cache when the
// same surface (Name and fingerprint), window and resolution were sampled
// before. The returned grid is shared: it must not be modified (its
// methods only read).
func (c *Cache) Grid(s Surface, w Window, nx, ny int) (*SurfaceGrid, error) {
	if s.F == nil {
		return nil, errors.New("grid: surface has no function F")
	}
	if err := w.check(); err != nil {
		return nil, fmt.Errorf("grid of %q: %w", s.Name, err)
	}
	key, err := gridKey(s, w, nx, ny)
	if err != nil {
		return nil, err
	}
	if v, ok := c.get(key); ok {
		return v.(*SurfaceGrid), nil
	}
	g, err := SampleSurface(s.F, w, nx, ny)
	if err != nil {
		return nil, fmt.Errorf("grid of %q: %w", s.Name, err)
	}
	return c.put(key, g, g.bytes()).(*SurfaceGrid), nil
}

// fingerprintAt are the fixed points, as fractions of the window, where a
// surface is evaluated to tell functions with the same name apart.
var fingerprintAt = [...][2]float64{
	{0.137, 0.731}, {0.412, 0.297}, {0.866, 0.553}, {0.251, 0.918},
	{0.608, 0.064}, {0.973, 0.389}, {0.5, 0.5}, {0.029, 0.171},
}

// gridKey is the cache key of a sampled surface.
func gridKey(s Surface, w Window, nx, ny int) (key string, err error) {
	h := fnv.New64a()
	var buf [8]byte
	putFloat := func(v float64) {
		binary.LittleEndian.PutUint64(buf[:], math.Float64bits(v))
		h.Write(buf[:])
	}
	defer func() {
		if r := recover(); r != nil {
			key, err = "", fmt.Errorf("grid of %q: F panicked: %v", s.Name, r)
		}
	}()
	for _, f := range fingerprintAt {
		putFloat(s.F(w.XMin+f[0]*(w.XMax-w.XMin), w.YMin+f[1]*(w.YMax-w.YMin)))
	}
	return fmt.Sprintf("grid|%q|%016x|%v|%d×%d", s.Name, h.Sum64(), floatsKey(w.XMin, w.XMax, w.YMin, w.YMax), nx, ny), nil
}

// floatsKey formats floats exactly (shortest round-trip form).
func floatsKey(vs ...float64) string {
	b := make([]byte, 0, 16*len(vs))
	for i, v := range vs {
		if i > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, "%v", v)
	}
	return string(b)
}
