package fetch

import (
	"net/http"
	"strconv"
	"time"
)

// Adaptive concurrency. A vendor may cap the calls it processes at once: Okta answers 429 to a
// call over its org's concurrency limit (35 to 75 depending on the plan, shared by every
// client of the org), with X-Rate-Limit-Limit and -Remaining both 0 and X-Rate-Limit-Reset "an
// estimated time when the concurrent rate limit may be resolved" (developer.okta.com,
// rl2-concurrency and rl2-monitor). credsql cannot know the cap in advance, so each rate-limit
// bucket of a connection learns it, AIMD style: its in-flight limit starts at StartConcurrency,
// grows additively while calls come back without a concurrency 429, halves on one, and never
// exceeds the connection's ceiling (Tuning.Concurrency, DefaultConcurrency when unset). After a
// decrease it grows back quickly to just under the number of calls found too many, and goes
// past that only probeAfter after the last 429: the vendor's limit is found with a 429 or two,
// not one per probe.
//
// This is a separate controller from the rate pacing of schedule.go, which spends the calls
// per window the rate-limit headers allow: one decides how many calls run at once, the other
// how many start per minute.

// Limits of the adaptive controller.
const (
	// StartConcurrency is where the in-flight limit of every bucket starts: the fixed limit
	// credsql used before it adapted, well under any Okta plan's concurrency limit.
	StartConcurrency = 8
	// aimdIncrease is how much a limit grows per round of answers without a concurrency 429
	// (a round being as many answers as the limit): by one every limit/2 answers.
	aimdIncrease = 2
	// probeAfter is how long a limit at which the vendor refused calls is not tried again.
	// The vendor's limit is shared with other clients and may have room again later.
	probeAfter = 30 * time.Second
)

// outcome is what an answer says about the vendor's concurrency.
type outcome int

const (
	// neutral answers say nothing: a transport error, a 5xx, a rate 429.
	neutral outcome = iota
	// served answers (2xx, 4xx other than 429) mean the vendor processed the call.
	served
	// overloaded is a concurrency 429: too many calls at once.
	overloaded
)

// limiter is the adaptive in-flight limit of one bucket. Its methods take the time from the
// caller, so that tests drive it with a clock of their own; the scheduler's mutex guards it.
type limiter struct {
	ceiling  int
	limit    int
	credit   int // answers since the last growth, times aimdIncrease
	inflight int
	served   int // the most calls in flight when a call was sent that the vendor served
	// gen counts decreases: a call remembers the generation it was sent in, and only a 429
	// to a call sent since the last decrease decreases the limit again, so a burst of
	// refusals to calls sent together halves the limit once.
	gen uint64
	// bad is the least number of calls in flight found to be too many: the limit a refused
	// call was sent under, less the calls sent before it and refused after it was sent (they
	// counted under the limit, but the vendor never took them). It is remembered until
	// badAt+probeAfter (0 when none is): the limit grows back to just under it, not past it.
	bad   int
	badAt time.Time
	// sent numbers the calls; refused holds the last maxRefused refusals since bad was
	// last forgotten, refusals counts them all.
	sent     uint64
	refused  []refusal
	refusals int
	// queue holds the calls waiting for room, first come first served; woken counts the
	// calls woken but not yet back to take their turn.
	queue []chan struct{}
	woken int
}

// ticket is what a call remembers of its admission.
type ticket struct {
	gen      uint64
	at       int    // the limit when it was sent
	pos      int    // the calls in flight when it was sent, itself included
	seq      uint64 // its number
	refusals int    // refusals received before it was sent
}

// refusal is a refused call: its ticket, and how many refusals had come before its own.
type refusal struct {
	ticket
	n int
}

// maxRefused bounds the refusals remembered for the estimate of bad.
const maxRefused = 64

func newLimiter(ceiling int) *limiter {
	return &limiter{ceiling: ceiling, limit: max(1, min(StartConcurrency, ceiling))}
}

// current is the number of calls that may be in flight.
func (l *limiter) current() int { return l.limit }

// take admits a call if fewer than the limit are in flight. Calls wait their turn: a new
// call is not admitted while others wait, so that a fan-out's first inputs, whose results
// come out first, are not overtaken for ever. A woken call has its turn; a call tried again
// (first) had its turn already, and goes before the others.
func (l *limiter) take(woken, first bool) (ticket, bool) {
	if woken {
		l.woken--
	} else if !first && (len(l.queue) > 0 || l.woken > 0) {
		return ticket{}, false
	}
	n := l.current()
	if l.inflight >= n {
		return ticket{}, false
	}
	l.inflight++
	l.sent++
	return ticket{gen: l.gen, at: n, pos: l.inflight, seq: l.sent, refusals: l.refusals}, true
}

// wait queues a call that found no room, at the head of the queue when it had been woken
// already; its channel is closed when there may be room, and the call then comes back to take
// (woken) or gives its turn up (back).
func (l *limiter) wait(head bool) chan struct{} {
	ch := make(chan struct{})
	if head {
		l.queue = append([]chan struct{}{ch}, l.queue...)
	} else {
		l.queue = append(l.queue, ch)
	}
	// A call turned away only because others were woken before it may find room once they
	// have taken theirs: wake it now rather than at the next answer.
	l.notify()
	return ch
}

// back gives up the turn of a woken call that will not take it now.
func (l *limiter) back() {
	l.woken--
	l.notify()
}

// leave drops a waiting call that gives up: still queued, or woken meanwhile.
func (l *limiter) leave(ch chan struct{}) {
	for i, q := range l.queue {
		if q == ch {
			l.queue = append(l.queue[:i], l.queue[i+1:]...)
			return
		}
	}
	l.back()
}

// notify wakes as many waiting calls as there is room for.
func (l *limiter) notify() {
	for len(l.queue) > 0 && l.inflight+l.woken < l.current() {
		close(l.queue[0])
		l.queue = l.queue[1:]
		l.woken++
	}
}

// done records the answer to a call admitted with t. It returns true for a concurrency 429
// while the limit was already 1: the vendor refuses even one call at a time, and halving is
// no remedy any more.
func (l *limiter) done(t ticket, o outcome, now time.Time) (floor bool) {
	// The limit was in use when the call ended: all the room taken, or calls waiting for it.
	// Answers of a call that had room to spare say nothing about a larger limit.
	inUse := l.inflight >= l.current() || len(l.queue) > 0 || l.woken > 0
	l.inflight--
	if l.bad > 0 && now.Sub(l.badAt) >= probeAfter {
		l.bad, l.refused = 0, nil
	}
	switch o {
	case served:
		l.served = max(l.served, t.pos)
		switch {
		case !inUse || l.limit >= l.top():
		case l.bad > 0:
			// Under the number found too many (top is just under it): the vendor serves
			// that many, as the answers to the calls in flight at the decrease show, so the
			// limit grows back by one per answer served rather than additively over rounds.
			l.limit++
		case t.gen != l.gen:
		default:
			// Never more than aimdIncrease past the most calls seen served at once: the
			// calls sent over the vendor's limit before the first 429 comes back are few.
			l.credit += aimdIncrease
			if l.credit >= l.limit && l.limit < l.served+aimdIncrease {
				l.credit -= l.limit
				l.limit++
			}
		}
	case overloaded:
		l.refused = append(l.refused, refusal{t, l.refusals})
		if len(l.refused) > maxRefused {
			l.refused = l.refused[1:]
		}
		l.refusals++
		l.learn()
		l.badAt = now
		floor = l.current() == 1
		if t.gen == l.gen {
			l.gen++
			l.limit, l.credit = max(1, l.limit/2), 0
		}
		// Never more than found too many, whatever the halving left.
		l.limit = min(l.limit, l.top())
		l.served = min(l.served, l.top())
	}
	l.notify()
	return floor
}

// learn sets bad from the refusals. Answers do not come back in the order the calls were
// sent, so each refusal's estimate is made again as later refusals come in.
func (l *limiter) learn() {
	for _, r := range l.refused {
		over := 0 // calls sent before r and refused after r was sent
		for _, o := range l.refused {
			if o.seq < r.seq && o.n >= r.refusals {
				over++
			}
		}
		if too := max(1, r.at-over); l.bad == 0 || too < l.bad {
			l.bad = too
		}
	}
}

// top is the most the limit may grow to now.
func (l *limiter) top() int {
	top := l.ceiling
	if l.bad > 0 {
		top = min(top, l.bad-1)
	}
	return max(1, top)
}

// isConcurrency429 tells Okta's concurrency 429 from a rate 429: "The first two header
// values are always 0 for concurrent rate limit errors."
func (s *scheduler) isConcurrency429(status int, h http.Header) bool {
	return s.style == RateOkta && status == http.StatusTooManyRequests &&
		h.Get("X-Rate-Limit-Limit") == "0" && h.Get("X-Rate-Limit-Remaining") == "0"
}

// suggestedRetry is when a concurrency 429 suggests trying again: X-Rate-Limit-Reset against
// the response's Date, without the second Okta's SDK adds for a rate window, since the value
// "is only a suggested value" and the condition "resolves itself when there's another
// concurrent thread available". Date and the reset have a resolution of one second, so a
// reset in the current second is read as now.
func suggestedRetry(h http.Header, now time.Time) time.Time {
	epoch, err := strconv.ParseInt(h.Get("X-Rate-Limit-Reset"), 10, 64)
	if err != nil {
		return now
	}
	reset := time.Unix(epoch, 0)
	if d, err := http.ParseTime(h.Get("Date")); err == nil {
		if delta := reset.Sub(d); delta > 0 {
			return now.Add(delta)
		}
		return now
	}
	if reset.After(now) {
		return reset
	}
	return now
}

// LimitState is the adaptive in-flight limit of one rate-limit bucket of a connection.
type LimitState struct {
	Bucket   string // the bucket's route family, "" for a vendor with one bucket
	Limit    int    // calls that may be in flight now
	InFlight int
	Ceiling  int
}

// Limits returns the in-flight limit of every bucket the connection has called, in bucket
// order. Progress output and metrics read it.
func (c *Client) Limits() []LimitState { return c.sched.limits() }

// Limit is the connection's current in-flight limit: that of the bucket that last sent a
// call, or StartConcurrency (capped by the ceiling) before the first call.
func (c *Client) Limit() int { return c.sched.limitNow() }

// Ceiling is the most calls the connection ever has in flight.
func (c *Client) Ceiling() int { return cap(c.sched.slots) }
