package sim

import (
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// rateState counts calls per rate-limit bucket in fixed windows, as Okta does ("counters
// typically reset every 60 seconds", docs/vendors/okta.md §2.4).
type rateState struct {
	mu      sync.Mutex
	buckets map[string]*bucket
	// limited counts the 429s answered for rate or concurrency (not fault injection),
	// concurrent those for concurrency.
	limited    int
	concurrent int
	// busy is the Okta calls admitted and not yet answered.
	busy int
}

type bucket struct {
	start time.Time
	used  int
}

func newRateState() *rateState { return &rateState{buckets: map[string]*bucket{}} }

// oktaBucket names Okta's own bucket of a call (okta.md §2.4), from the bucket its catalog
// entry declares: a get, update or delete of one app by id has a bucket of its own; every
// other call on apps shares one; IdPs are assumed to share one; every other call counts in
// "most other API actions" (/api/v1). Each bucket gets the configured limit.
func oktaBucket(e routes.Route) string {
	switch e.Bucket {
	case oktaroutes.AppBucket, oktaroutes.AppsBucket, oktaroutes.IdPsBucket:
		return "okta:" + e.Bucket
	case oktaroutes.IdPBucket:
		return "okta:" + oktaroutes.IdPsBucket
	}
	return "okta:most other API actions"
}

// take counts a call against a bucket. It returns the limit, what remains and when the
// window resets, and whether the call is allowed.
func (rs *rateState) take(name string, limit int, window time.Duration, enforce bool) (remaining int, reset time.Time, ok bool) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	now := time.Now()
	b := rs.buckets[name]
	if b == nil || now.Sub(b.start) >= window {
		b = &bucket{start: now}
		rs.buckets[name] = b
	}
	reset = b.start.Add(window)
	if enforce && b.used >= limit {
		rs.limited++
		return 0, reset, false
	}
	b.used++
	remaining = limit - b.used
	if remaining < 0 {
		remaining = 0
	}
	return remaining, reset, true
}

// admit counts an Okta call against the concurrency limit on arrival ("how many requests
// your org can have processing at the same time", Okta's rl2-concurrency page): it is refused
// when limit calls are already being processed; an admitted call leaves when it is answered.
func (rs *rateState) admit(limit int) bool {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if limit > 0 && rs.busy >= limit {
		return false
	}
	rs.busy++
	return true
}

func (rs *rateState) leave() {
	rs.mu.Lock()
	rs.busy--
	rs.mu.Unlock()
}

// RateLimited returns how many requests were refused with 429 for exceeding a rate or
// concurrency limit (not counting injected faults).
func (s *Server) RateLimited() int {
	s.limits.mu.Lock()
	defer s.limits.mu.Unlock()
	return s.limits.limited
}

// ConcurrencyLimited returns how many of those were refused for the concurrency limit.
func (s *Server) ConcurrencyLimited() int {
	s.limits.mu.Lock()
	defer s.limits.mu.Unlock()
	return s.limits.concurrent
}

func (s *Server) concurrencyLimit() int {
	s.omu.Lock()
	defer s.omu.Unlock()
	return s.opts.ConcurrencyLimit
}

// SetRateLimit changes the Okta limit per window and whether it is enforced.
func (s *Server) SetRateLimit(limit int, window time.Duration, enforce bool) {
	s.omu.Lock()
	s.opts.RateLimit, s.opts.RateWindow, s.opts.EnforceRateLimit = limit, window, enforce
	s.omu.Unlock()
	s.limits.mu.Lock()
	s.limits.buckets = map[string]*bucket{}
	s.limits.mu.Unlock()
}

// epochCeil is t in epoch seconds, rounded up so that a client waiting until then never
// starts early.
func epochCeil(t time.Time) string {
	sec := t.Unix()
	if t.Nanosecond() > 0 {
		sec++
	}
	return strconv.FormatInt(sec, 10)
}

// oktaRateCheck applies the Okta rate limit, or answers a call refused for the concurrency
// limit, and sets the rate-limit headers. It answers 429 and returns false when the call is
// refused.
func (s *Server) oktaRateCheck(w http.ResponseWriter, e routes.Route, refused bool) bool {
	s.omu.Lock()
	limit, window, enforce := s.opts.RateLimit, s.opts.RateWindow, s.opts.EnforceRateLimit
	s.omu.Unlock()
	h := w.Header()
	if refused {
		s.limits.mu.Lock()
		s.limits.limited++
		s.limits.concurrent++
		s.limits.mu.Unlock()
		// "The first two header values are always 0 for concurrent rate limit errors. The
		// third header reports an estimated time interval when the concurrent rate limit may
		// be resolved." The calls processed when this one arrived have been answered by now
		// (each takes the latency, and this answer came after it): the estimate is this
		// second, in epoch seconds like the rate window's reset.
		h.Set("X-Rate-Limit-Limit", "0")
		h.Set("X-Rate-Limit-Remaining", "0")
		h.Set("X-Rate-Limit-Reset", strconv.FormatInt(time.Now().Unix(), 10))
		oktaError(w, http.StatusTooManyRequests, "E0000047", "API call exceeded rate limit due to too many requests.")
		return false
	}
	remaining, reset, ok := s.limits.take(oktaBucket(e), limit, window, enforce)
	h.Set("X-Rate-Limit-Limit", strconv.Itoa(limit))
	h.Set("X-Rate-Limit-Remaining", strconv.Itoa(remaining))
	h.Set("X-Rate-Limit-Reset", epochCeil(reset))
	if !ok {
		oktaError(w, http.StatusTooManyRequests, "E0000047", "API call exceeded rate limit due to too many requests.")
		return false
	}
	return true
}

// opaRateCheck does the same for OPA's X-RateLimit-* headers.
func (s *Server) opaRateCheck(w http.ResponseWriter) bool {
	s.omu.Lock()
	limit, window := s.opts.OPARateLimit, s.opts.RateWindow
	s.omu.Unlock()
	enforce := limit > 0
	if limit == 0 {
		limit = 10000
	}
	remaining, reset, ok := s.limits.take("opa", limit, window, enforce)
	h := w.Header()
	h.Set("X-RateLimit-Limit", strconv.Itoa(limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-RateLimit-Reset", epochCeil(reset))
	if !ok {
		h.Set("X-RateLimit-Retry-At", epochCeil(reset))
		opaError(w, http.StatusTooManyRequests, "too_many_requests", "Too Many Requests")
		return false
	}
	return true
}

// writeRateLimited answers an injected 429 in the vendor's format.
func (s *Server) writeRateLimited(w http.ResponseWriter, vendor string, until time.Time) {
	h := w.Header()
	switch vendor {
	case "opa":
		h.Set("X-RateLimit-Limit", "10000")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset", epochCeil(until))
		h.Set("X-RateLimit-Retry-At", epochCeil(until))
		opaError(w, http.StatusTooManyRequests, "too_many_requests", "Too Many Requests")
	case "ziti":
		zitiError(w, http.StatusTooManyRequests, "RATE_LIMITED", nil)
	default:
		h.Set("X-Rate-Limit-Limit", "600")
		h.Set("X-Rate-Limit-Remaining", "0")
		h.Set("X-Rate-Limit-Reset", epochCeil(until))
		oktaError(w, http.StatusTooManyRequests, "E0000047", "API call exceeded rate limit due to too many requests.")
	}
}
