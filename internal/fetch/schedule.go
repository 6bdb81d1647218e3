package fetch

import (
	"context"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// scheduler spends one connection's rate budget: it bounds concurrent calls, paces calls to
// a configured rate, and reads the vendor's rate-limit headers so that a window that is
// about to run out is waited out instead of answered with a 429.
type scheduler struct {
	slots chan struct{}
	style RateStyle

	mu       sync.Mutex
	inflight int
	// From the last response's headers: calls left in the window and when it resets.
	known     bool
	remaining int
	reset     time.Time
	// Configured pacing: the earliest time the next call may start.
	interval time.Duration
	next     time.Time
	burst    int
}

// RateStyle names the rate-limit header family a vendor sends.
type RateStyle int

// Rate-limit header families.
const (
	RateNone RateStyle = iota
	RateOkta           // X-Rate-Limit-Limit / -Remaining / -Reset (epoch seconds)
	RateOPA            // X-RateLimit-Limit / -Remaining / -Reset, X-RateLimit-Retry-At on 429
)

func newScheduler(concurrency, perMinute int, style RateStyle) *scheduler {
	if concurrency <= 0 {
		concurrency = DefaultConcurrency
	}
	s := &scheduler{slots: make(chan struct{}, concurrency), style: style, burst: concurrency}
	if perMinute > 0 {
		s.interval = time.Minute / time.Duration(perMinute)
	}
	return s
}

// reserve is how many calls of a window are left unspent for other clients of the same
// token, so that concurrent calls already in flight never overrun the window.
const reserve = 1

// acquire waits for a slot and for the rate budget. It returns the time spent waiting for
// the budget (not for a slot), which counts against the caller's max wait.
func (s *scheduler) acquire(ctx context.Context, budget time.Duration) (waited time.Duration, err error) {
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		return 0, context.Cause(ctx)
	}
	for {
		s.mu.Lock()
		now := time.Now()
		var until time.Time
		if s.known && now.Before(s.reset) && s.remaining-s.inflight <= reserve {
			until = s.reset.Add(jitter(250 * time.Millisecond))
		}
		if s.interval > 0 {
			earliest := s.next.Add(-time.Duration(s.burst-1) * s.interval)
			if now.Before(earliest) && earliest.After(until) {
				until = earliest
			}
		}
		if until.IsZero() || !now.Before(until) {
			s.inflight++
			if s.interval > 0 {
				if s.next.Before(now) {
					s.next = now
				}
				s.next = s.next.Add(s.interval)
			}
			s.mu.Unlock()
			return waited, nil
		}
		s.mu.Unlock()
		d := time.Until(until)
		if waited+d > budget {
			<-s.slots
			return waited, &waitError{need: d, budget: budget - waited}
		}
		t := time.NewTimer(d)
		select {
		case <-t.C:
			waited += d
		case <-ctx.Done():
			t.Stop()
			<-s.slots
			return waited, context.Cause(ctx)
		}
	}
}

// release returns the slot and learns the window from the response headers.
func (s *scheduler) release(h http.Header) {
	s.mu.Lock()
	s.inflight--
	if rem, reset, ok := s.parse(h); ok {
		// Responses arrive out of order; within one window keep the lowest count seen.
		if !s.known || reset.After(s.reset.Add(time.Second)) || rem < s.remaining {
			s.remaining = rem
		}
		if !s.known || reset.After(s.reset) {
			s.reset = reset
		}
		s.known = true
	}
	s.mu.Unlock()
	<-s.slots
}

// exhausted records a 429: no call starts before until, the time the vendor gave. It
// replaces a later window reset: OPA's X-RateLimit-Retry-At (a partial replenish) comes before
// X-RateLimit-Reset (the full one), and keeping the latter would stall every call of the
// connection for the rest of the window.
func (s *scheduler) exhausted(until time.Time) {
	s.mu.Lock()
	s.known = true
	s.remaining = 0
	s.reset = until
	s.mu.Unlock()
}

func (s *scheduler) parse(h http.Header) (remaining int, reset time.Time, ok bool) {
	if h == nil {
		return 0, time.Time{}, false
	}
	var remKey, resetKey string
	switch s.style {
	case RateOkta:
		remKey, resetKey = "X-Rate-Limit-Remaining", "X-Rate-Limit-Reset"
	case RateOPA:
		remKey, resetKey = "X-RateLimit-Remaining", "X-RateLimit-Reset"
	default:
		return 0, time.Time{}, false
	}
	rem, err1 := strconv.Atoi(h.Get(remKey))
	epoch, err2 := strconv.ParseInt(h.Get(resetKey), 10, 64)
	if err1 != nil || err2 != nil {
		return 0, time.Time{}, false
	}
	return rem, serverTime(h, epoch), true
}

// retryAt is when a 429 says calls may start again.
func (s *scheduler) retryAt(h http.Header) (time.Time, bool) {
	key := "X-Rate-Limit-Reset"
	if s.style == RateOPA {
		key = "X-RateLimit-Retry-At"
		if h.Get(key) == "" {
			key = "X-RateLimit-Reset"
		}
	}
	epoch, err := strconv.ParseInt(h.Get(key), 10, 64)
	if err != nil {
		if secs, err := strconv.Atoi(h.Get("Retry-After")); err == nil {
			return time.Now().Add(time.Duration(secs) * time.Second), true
		}
		return time.Time{}, false
	}
	// Okta's SDK adds one second for clock skew: reset - Date + 1s.
	return serverTime(h, epoch).Add(time.Second), true
}

// serverTime converts a reset epoch into local time, measured against the response's Date
// header when there is one, as the vendors' own SDKs do, so that a skewed local clock does
// not shorten or stretch the wait.
func serverTime(h http.Header, epoch int64) time.Time {
	reset := time.Unix(epoch, 0)
	if d, err := http.ParseTime(h.Get("Date")); err == nil {
		delta := reset.Sub(d)
		if delta < 0 {
			delta = 0
		}
		return time.Now().Add(delta)
	}
	return reset
}

type waitError struct{ need, budget time.Duration }

func (e *waitError) Error() string {
	return "rate limit resets in " + e.need.Round(time.Second).String() +
		", more than the remaining --max-wait of " + e.budget.Round(time.Second).String()
}

func jitter(max time.Duration) time.Duration {
	if max <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(max)))
}
