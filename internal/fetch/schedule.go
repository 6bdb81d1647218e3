package fetch

import (
	"context"
	"math/rand/v2"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// scheduler spends one connection's rate budget: it bounds concurrent calls (the connection's
// ceiling, and each bucket's adaptive limit, adaptive.go), paces calls to a configured rate,
// and reads the vendor's rate-limit headers so that a window that is about to run out is
// waited out instead of answered with a 429.
//
// Vendors count calls per bucket: Okta has one per endpoint family (okta.md §2.4: the apps
// family and the larger get of one app by id are different buckets), OPA one per
// team. Each bucket's window is tracked on its own, from the headers of its own responses.
type scheduler struct {
	slots chan struct{}
	style RateStyle
	skew  time.Duration // added to a 429's reset time
	now   func() time.Time

	mu      sync.Mutex
	windows map[string]*window
	last    string // the bucket that last sent a call
	// Configured pacing (rate_per_minute): the earliest time the next call may start.
	interval time.Duration
	next     time.Time
	burst    int
}

// window is what the last responses of a bucket said: calls left and when the window resets;
// and the bucket's adaptive in-flight limit, whose calls in flight the vendor has not counted
// yet.
type window struct {
	lim       *limiter
	known     bool
	limit     int // calls per window, 0 when the vendor did not say
	remaining int
	reset     time.Time
	// hold is when a 429 said calls may start again. Responses never move it: an answer
	// to a call sent before the 429 carries the window's full reset, not the vendor's
	// earlier Retry-At.
	hold time.Time
}

// RateStyle names the rate-limit header family a vendor sends.
type RateStyle int

// Rate-limit header families.
const (
	RateNone RateStyle = iota
	RateOkta           // X-Rate-Limit-Limit / -Remaining / -Reset (epoch seconds)
	RateOPA            // X-RateLimit-Limit / -Remaining / -Reset, X-RateLimit-Retry-At on 429
)

func newScheduler(concurrency, perMinute int, style RateStyle, skew time.Duration) *scheduler {
	if concurrency <= 0 {
		concurrency = DefaultConcurrency
	}
	s := &scheduler{slots: make(chan struct{}, concurrency), style: style, now: time.Now, burst: concurrency, windows: map[string]*window{}, skew: skew}
	if perMinute > 0 {
		s.interval = time.Minute / time.Duration(perMinute)
	}
	return s
}

// bucket names the rate-limit bucket of a call: for Okta the bucket its catalog route
// declares (routes.Route.Bucket), or, for a request built without one, the family of its
// route template (its first three segments), with a get of one object by id a bucket of its
// own; OPA counts a team's calls together.
func (s *scheduler) bucket(req *Request) string {
	if s.style != RateOkta {
		return ""
	}
	if req.Bucket != "" {
		return req.Bucket
	}
	return familyBucket(req.Op)
}

// familyBucket is the bucket of a route template: its first three segments, or four when
// the fourth is an object id.
func familyBucket(op string) string {
	_, path, _ := strings.Cut(op, " ")
	segs := strings.Split(strings.Trim(path, "/"), "/")
	if len(segs) < 3 {
		return path
	}
	family := "/" + strings.Join(segs[:3], "/")
	if len(segs) == 4 && strings.HasPrefix(segs[3], "{") {
		return family + "/{id}"
	}
	return family
}

func (s *scheduler) window(bucket string) *window {
	w := s.windows[bucket]
	if w == nil {
		w = &window{lim: newLimiter(cap(s.slots))}
		s.windows[bucket] = w
	}
	return w
}

// reserve is how many calls of a window are left unspent, so that calls already in flight
// never overrun it.
const reserve = 1

// acquire waits for a slot, for room under the bucket's in-flight limit and for the
// bucket's budget. A call tried again (retry) goes before the calls waiting for room: in a
// fan-out whose results come out in order, a refused call must not wait behind the calls
// started after it. It returns the call's ticket for release, and the time spent waiting for
// the budget (not for room), which counts against the caller's max wait. The slot is given
// back while waiting, so that calls to other buckets can run. onWait, when not nil, is told
// before each wait for the budget how long it will be and whether a 429 holds the bucket
// (else the window is spent, or the configured pace says so).
func (s *scheduler) acquire(ctx context.Context, bucket string, budget time.Duration, retry bool, onWait func(d time.Duration, held bool)) (t ticket, waited time.Duration, err error) {
	woken := false // the limiter woke this call: its turn is kept until it takes it or gives it up
	giveUp := func() {
		if woken {
			s.mu.Lock()
			s.window(bucket).lim.back()
			s.mu.Unlock()
		}
	}
	for {
		select {
		case s.slots <- struct{}{}:
		case <-ctx.Done():
			giveUp()
			return t, waited, context.Cause(ctx)
		}
		s.mu.Lock()
		now := s.now()
		w := s.window(bucket)
		var until time.Time
		held := false
		switch {
		case now.Before(w.hold):
			held = true
			until = w.hold.Add(jitter(250 * time.Millisecond))
		case !w.hold.IsZero():
			// The 429's wait is over: the budget is unknown until the next response.
			w.hold, w.known = time.Time{}, false
		case w.known && now.Before(w.reset) && w.remaining-w.lim.inflight <= reserve:
			until = w.reset.Add(jitter(250 * time.Millisecond))
		}
		if s.interval > 0 {
			earliest := s.next.Add(-time.Duration(s.burst-1) * s.interval)
			if now.Before(earliest) && earliest.After(until) {
				until = earliest
			}
		}
		if until.IsZero() || !now.Before(until) {
			var ok bool
			if t, ok = w.lim.take(woken, retry); !ok {
				room := w.lim.wait(woken || retry)
				s.mu.Unlock()
				<-s.slots
				select {
				case <-room:
					woken = true
					continue
				case <-ctx.Done():
					s.mu.Lock()
					w.lim.leave(room)
					s.mu.Unlock()
					return t, waited, context.Cause(ctx)
				}
			}
			s.last = bucket
			if w.known && !now.Before(w.reset) {
				// The window has reset. Until a response says more, assume the full limit
				// and a window of a minute (Okta's and OPA's usual one).
				if w.limit > 0 {
					w.remaining, w.reset = w.limit, now.Add(time.Minute)
				} else {
					w.known = false
				}
			}
			if s.interval > 0 {
				if s.next.Before(now) {
					s.next = now
				}
				s.next = s.next.Add(s.interval)
			}
			s.mu.Unlock()
			return t, waited, nil
		}
		if woken {
			w.lim.back()
			woken = false
		}
		s.mu.Unlock()
		<-s.slots
		d := until.Sub(now)
		if waited+d > budget {
			return t, waited, &waitError{need: d, budget: budget - waited}
		}
		if onWait != nil {
			onWait(d, held)
		}
		timer := time.NewTimer(d)
		select {
		case <-timer.C:
			waited += d
		case <-ctx.Done():
			timer.Stop()
			return t, waited, context.Cause(ctx)
		}
	}
}

// release returns the slot, tells the bucket's limiter how the call went, and learns the
// bucket's window from the response headers. concurrency reports a concurrency 429, and
// floor one while the bucket's limit was already 1.
func (s *scheduler) release(bucket string, t ticket, resp *Response) (concurrency, floor bool) {
	var h http.Header
	status := 0
	if resp != nil {
		h, status = resp.Header, resp.Status
	}
	s.mu.Lock()
	w := s.window(bucket)
	o := neutral
	switch {
	case s.isConcurrency429(status, h):
		// Its limit and remaining headers are 0 and say nothing about the window.
		o, concurrency = overloaded, true
	case status >= 200 && status < 500 && status != http.StatusTooManyRequests:
		o = served
	}
	floor = w.lim.done(t, o, s.now())
	if rem, reset, limit, ok := s.parse(h); ok && !concurrency {
		if limit > 0 {
			w.limit = limit
		}
		switch {
		case !w.known || reset.After(w.reset.Add(time.Second)):
			// A new window.
			w.remaining, w.reset = rem, reset
		case reset.Before(w.reset.Add(-time.Second)):
			// An earlier reset than the window we knew: a late answer from a window that has
			// ended (ignore it), or the vendor shortened the window (believe it).
			if reset.After(s.now()) {
				w.remaining, w.reset = rem, reset
			}
		default:
			// The same window: answers arrive out of order, keep the lowest count.
			w.remaining = min(w.remaining, rem)
			if reset.After(w.reset) {
				w.reset = reset
			}
		}
		w.known = true
	}
	s.mu.Unlock()
	<-s.slots
	return concurrency, floor
}

// limits reports every bucket's limiter.
func (s *scheduler) limits() []LimitState {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]LimitState, 0, len(s.windows))
	for b, w := range s.windows {
		out = append(out, LimitState{Bucket: b, Limit: w.lim.current(), InFlight: w.lim.inflight, Ceiling: w.lim.ceiling})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Bucket < out[j].Bucket })
	return out
}

// limitNow is the limit of the bucket that last sent a call.
func (s *scheduler) limitNow() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if w := s.windows[s.last]; w != nil {
		return w.lim.current()
	}
	return min(StartConcurrency, cap(s.slots))
}

// exhausted records a 429: no call of the bucket starts before until, the time the vendor
// gave, and then calls start again whatever the window's reset said: OPA's
// X-RateLimit-Retry-At (a partial replenish) comes before X-RateLimit-Reset (the full one),
// and waiting for the latter would stall every call for the rest of the window.
func (s *scheduler) exhausted(bucket string, until time.Time) {
	s.mu.Lock()
	w := s.window(bucket)
	if until.After(w.hold) {
		w.hold = until
	}
	s.mu.Unlock()
}

func (s *scheduler) parse(h http.Header) (remaining int, reset time.Time, limit int, ok bool) {
	if h == nil {
		return 0, time.Time{}, 0, false
	}
	prefix := ""
	switch s.style {
	case RateOkta:
		prefix = "X-Rate-Limit-"
	case RateOPA:
		prefix = "X-RateLimit-"
	default:
		return 0, time.Time{}, 0, false
	}
	rem, err1 := strconv.Atoi(h.Get(prefix + "Remaining"))
	epoch, err2 := strconv.ParseInt(h.Get(prefix+"Reset"), 10, 64)
	if err1 != nil || err2 != nil {
		return 0, time.Time{}, 0, false
	}
	limit, _ = strconv.Atoi(h.Get(prefix + "Limit"))
	return rem, serverTime(h, epoch), limit, true
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
	return serverTime(h, epoch).Add(s.skew), true
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
