package fetch

import (
	"context"
	"sync/atomic"
	"time"
)

// Stats counts what one query cost: calls sent (retries included), 429s received and time
// spent waiting for rate limits. The REPL's progress line and the benchmarks read it.
type Stats struct {
	Calls       atomic.Int64
	RateLimited atomic.Int64
	Waits       atomic.Int64
	WaitNanos   atomic.Int64
	Rows        atomic.Int64 // rows produced by credsql tables, counted by the engine
	// OnWait, when set before the query starts, is told each time a call starts waiting for
	// a rate-limit window, before it waits: a progress display says what it waits for.
	OnWait func(Wait)
}

// Wait is a call about to wait for a vendor's rate limit.
type Wait struct {
	Vendor     Vendor
	Connection string
	Bucket     string        // the rate-limit bucket, e.g. "/api/v1/apps" ("" when the vendor has one)
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

func (s *Stats) addCall() {
	if s != nil {
		s.Calls.Add(1)
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
