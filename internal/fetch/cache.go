package fetch

import (
	"context"
	"strings"
	"sync"
	"time"
)

// Cache keeps read responses across queries for a short time (--cache-ttl). Entries are
// keyed by connection and URL; any write on a connection drops that connection's entries.
// Responses holding secrets are never stored (Request.NoStore). A nil *Cache is a no-op.
type Cache struct {
	ttl     time.Duration
	max     int
	mu      sync.Mutex
	entries map[string]cacheEntry
	// gens counts each connection's clears: a read that was in flight across a write does
	// not store its answer, which may predate the write.
	gens map[string]uint64
}

type cacheEntry struct {
	resp    *Response
	expires time.Time
}

// NewCache returns a cache whose entries live ttl, or nil when ttl is zero.
func NewCache(ttl time.Duration) *Cache {
	if ttl <= 0 {
		return nil
	}
	return &Cache{ttl: ttl, max: 10000, entries: map[string]cacheEntry{}, gens: map[string]uint64{}}
}

func (c *Cache) get(key string) (*Response, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	if time.Now().After(e.expires) {
		delete(c.entries, key)
		return nil, false
	}
	return e.resp, true
}

// generation is taken before a read is sent and given back to put.
func (c *Cache) generation(connection string) uint64 {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gens[connection]
}

// put stores resp unless the connection's cache was cleared since gen was taken.
func (c *Cache) put(connection string, gen uint64, key string, resp *Response) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gens[connection] != gen {
		return
	}
	if len(c.entries) >= c.max {
		now := time.Now()
		for k, e := range c.entries {
			if now.After(e.expires) {
				delete(c.entries, k)
			}
		}
		if len(c.entries) >= c.max {
			c.entries = map[string]cacheEntry{}
		}
	}
	c.entries[key] = cacheEntry{resp: resp, expires: time.Now().Add(c.ttl)}
}

func (c *Cache) clear(connection string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gens[connection]++
	prefix := connection + " "
	for k := range c.entries {
		if strings.HasPrefix(k, prefix) {
			delete(c.entries, k)
		}
	}
}

// Len returns the number of live entries.
func (c *Cache) Len() int {
	if c == nil {
		return 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

type bypassKey struct{}

// BypassCache returns a context whose reads skip the cross-query cache (a statement that
// writes must see the vendor's current state).
func BypassCache(ctx context.Context) context.Context {
	return context.WithValue(ctx, bypassKey{}, true)
}

func bypassCache(ctx context.Context) bool {
	b, _ := ctx.Value(bypassKey{}).(bool)
	return b
}

// Memo makes identical reads within one query a single call: concurrent callers of the same
// URL wait for the first one's response, and later callers reuse it. Finished responses are
// kept up to a byte budget (oldest dropped first), so memory does not grow with the result.
type Memo struct {
	mu     sync.Mutex
	calls  map[string]*memoCall
	order  []string
	bytes  int
	budget int
}

type memoCall struct {
	done chan struct{}
	resp *Response
	err  error
	size int
}

// MemoBudget is the most response bytes one query's memo keeps.
const MemoBudget = 16 << 20

type memoKey struct{}

// WithMemo returns a context whose identical reads are sent once.
func WithMemo(ctx context.Context) context.Context {
	return context.WithValue(ctx, memoKey{}, &Memo{calls: map[string]*memoCall{}, budget: MemoBudget})
}

func memoFrom(ctx context.Context) *Memo {
	m, _ := ctx.Value(memoKey{}).(*Memo)
	return m
}

func (m *Memo) do(key string, fn func() (*Response, error)) (resp *Response, leader bool, err error) {
	m.mu.Lock()
	if c, ok := m.calls[key]; ok {
		m.mu.Unlock()
		<-c.done
		if c.err == nil {
			return c.resp, false, nil
		}
		// The first caller failed (perhaps it was cancelled): try on our own.
		resp, err := fn()
		return resp, true, err
	}
	c := &memoCall{done: make(chan struct{})}
	m.calls[key] = c
	m.mu.Unlock()
	c.resp, c.err = fn()
	m.mu.Lock()
	if c.err != nil || m.calls[key] != c {
		if m.calls[key] == c {
			delete(m.calls, key)
		}
	} else {
		c.size = len(c.resp.Body)
		m.order = append(m.order, key)
		m.bytes += c.size
		for m.bytes > m.budget && len(m.order) > 0 {
			old := m.order[0]
			m.order = m.order[1:]
			if oc, ok := m.calls[old]; ok {
				m.bytes -= oc.size
				delete(m.calls, old)
			}
		}
	}
	m.mu.Unlock()
	close(c.done)
	return c.resp, true, c.err
}

func (m *Memo) clear() {
	m.mu.Lock()
	m.calls = map[string]*memoCall{}
	m.order, m.bytes = nil, 0
	m.mu.Unlock()
}
