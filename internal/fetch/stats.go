package fetch

import (
	"context"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Stats counts what one query cost: calls sent (retries included), 429s received and time
// spent waiting for rate limits; and it knows the connections the query called, whose
// in-flight limits Limits reports. The REPL's progress line and the benchmarks read it.
type Stats struct {
	Calls       atomic.Int64
	RateLimited atomic.Int64 // 429s of either kind
	// ConcurrencyLimited counts the 429s that said too many calls were in flight at once.
	ConcurrencyLimited atomic.Int64
	Waits              atomic.Int64
	WaitNanos          atomic.Int64
	Rows               atomic.Int64 // rows produced by credsql tables, counted by the engine

	// OnWait, when set before the query starts, is told each time a call starts waiting for
	// a rate-limit window, before it waits: a progress display says what it waits for.
	OnWait func(Wait)

	clients sync.Map // *Client → struct{}
}

// ConnLimit is a connection's in-flight limit (see Client.Limit) and its ceiling.
type ConnLimit struct {
	Vendor     Vendor
	Connection string
	Limit      int
	Ceiling    int
}

// Limits returns the current in-flight limit of every connection the query has called, by
// vendor and connection name.
func (s *Stats) Limits() []ConnLimit {
	if s == nil {
		return nil
	}
	var out []ConnLimit
	s.clients.Range(func(k, _ any) bool {
		c := k.(*Client)
		out = append(out, ConnLimit{Vendor: c.cfg.Vendor, Connection: c.cfg.Connection, Limit: c.Limit(), Ceiling: c.Ceiling()})
		return true
	})
	sort.Slice(out, func(i, j int) bool {
		if out[i].Vendor != out[j].Vendor {
			return out[i].Vendor < out[j].Vendor
		}
		return out[i].Connection < out[j].Connection
	})
	return out
}

// Wait is a call about to wait for a vendor's rate limit.
type Wait struct {
	Vendor     Vendor
	Connection string
	Bucket     string        // the rate-limit bucket (routes.Route.Bucket; "" when the vendor has one)
	For        time.Duration // how long
	After429   bool          // a 429 holds the bucket (else the window's budget is spent)
}

func (s *Stats) waiting(w Wait) {
	if s != nil && s.OnWait != nil {
		s.OnWait(w)
	}
}

type statsKey struct{}

// WithStats returns a context whose calls are counted in s.
func WithStats(ctx context.Context, s *Stats) context.Context {
	return context.WithValue(ctx, statsKey{}, s)
}

// StatsFrom returns the context's Stats, or nil. All methods accept a nil receiver.
func StatsFrom(ctx context.Context) *Stats {
	s, _ := ctx.Value(statsKey{}).(*Stats)
	return s
}

func (s *Stats) addCall(c *Client) {
	if s != nil {
		s.Calls.Add(1)
		if _, ok := s.clients.Load(c); !ok {
			s.clients.Store(c, struct{}{})
		}
	}
}

func (s *Stats) addConcurrencyLimited() {
	if s != nil {
		s.ConcurrencyLimited.Add(1)
	}
}

func (s *Stats) addRateLimited() {
	if s != nil {
		s.RateLimited.Add(1)
	}
}

func (s *Stats) addWait(d time.Duration) {
	if s != nil && d > 0 {
		s.Waits.Add(1)
		s.WaitNanos.Add(int64(d))
	}
}

// AddRows counts rows produced.
func (s *Stats) AddRows(n int64) {
	if s != nil {
		s.Rows.Add(n)
	}
}
