package fetch

import (
	"fmt"
	"testing"
	"time"
)

// fanOut drives l as a fan-out of calls against a vendor that processes at most vendorCap
// calls at once and refuses the calls arriving over it with a concurrency 429 (sent again).
// Every call takes one round trip; answers come back in the order the calls were sent, and
// each answer makes room for the next call at once, as in the engine's fan-out, whose other
// calls wait for room meanwhile. The clock advances a round trip per round. It returns the
// most calls sent in each round and the refusals.
func fanOut(t *testing.T, l *limiter, calls, vendorCap int, clock *time.Time) (sent []int, refused int) {
	t.Helper()
	type call struct {
		tk       ticket
		round    int // when it is answered
		admitted bool
	}
	var flight []call
	pending, busy, round := calls, 0, 0
	fill := func() {
		for pending > 0 {
			tk, ok := l.take(false, false)
			if !ok {
				return
			}
			admitted := busy < vendorCap
			if admitted {
				busy++
			}
			flight = append(flight, call{tk: tk, round: round + 1, admitted: admitted})
			pending--
			sent[len(sent)-1]++
		}
	}
	sent = append(sent, 0)
	fill()
	for len(flight) > 0 {
		if len(flight) == 0 {
			t.Fatalf("round %d: no call in flight (limit %d)", round, l.current())
		}
		round = flight[0].round
		*clock = clock.Add(20 * time.Millisecond)
		sent = append(sent, 0)
		for len(flight) > 0 && flight[0].round == round {
			c := flight[0]
			flight = flight[1:]
			var waiting chan struct{}
			if pending > 0 {
				waiting = l.wait(false) // the rest of the fan-out waits for room
			}
			o := served
			if c.admitted {
				busy--
			} else {
				o, refused, pending = overloaded, refused+1, pending+1
			}
			l.done(c.tk, o, *clock)
			if waiting != nil {
				l.leave(waiting)
			}
			fill()
		}
	}
	return sent[:len(sent)-1], refused
}

// rounds is the fewest rounds a fan-out of calls needs at a concurrency.
func rounds(calls, concurrency int) int { return (calls + concurrency - 1) / concurrency }

func TestLimiterGrowsAdditivelyToTheCeiling(t *testing.T) {
	clock := time.Unix(1_700_000_000, 0)
	l := newLimiter(32)
	limits, refused := fanOut(t, l, 1000, 1000, &clock)
	if refused != 0 {
		t.Fatalf("%d refusals from a vendor without a limit", refused)
	}
	if limits[0] != StartConcurrency {
		t.Errorf("first round sent %d calls, want %d", limits[0], StartConcurrency)
	}
	for i := 1; i < len(limits)-1; i++ { // the last round sends what is left
		step := limits[i] - limits[i-1]
		switch {
		case limits[i] > 32:
			t.Fatalf("round %d sent %d calls, over the ceiling of 32", i+1, limits[i])
		case limits[i-1] < 32 && (step < 1 || step > aimdIncrease):
			t.Fatalf("round %d: the limit went from %d to %d, want additive growth of 1 to %d", i+1, limits[i-1], limits[i], aimdIncrease)
		}
	}
	if l.current() != 32 {
		t.Errorf("limit %d after 1000 calls, want the ceiling 32", l.current())
	}
}

// A call that had room to spare says nothing about a larger limit: a sequential pager does not
// raise it.
func TestLimiterDoesNotGrowWhenUnused(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	l := newLimiter(32)
	for range 100 {
		tk, ok := l.take(false, false)
		if !ok {
			t.Fatal("no room for one call")
		}
		l.done(tk, served, now)
	}
	if l.current() != StartConcurrency {
		t.Errorf("limit %d after 100 calls one at a time, want %d", l.current(), StartConcurrency)
	}
}

func TestLimiterStartsUnderASmallCeiling(t *testing.T) {
	if got := newLimiter(3).current(); got != 3 {
		t.Errorf("limit %d under a ceiling of 3", got)
	}
}

// The scenarios, as rounds: the limit must learn the vendor's cap with few 429s and
// finish near the lower bound.
func TestLimiterLearnsTheVendorsCap(t *testing.T) {
	tests := []struct {
		cap, calls, maxRefused int
		maxRatio               float64 // rounds over the fewest at the cap
	}{
		{cap: 16, calls: 200, maxRefused: 3, maxRatio: 1.3},
		{cap: 4, calls: 200, maxRefused: 10, maxRatio: 1.5},
		// From 8 to 1: 7 refused, then 3 at 4 and 1 at 2.
		{cap: 1, calls: 200, maxRefused: 11, maxRatio: 1.1},
		{cap: 24, calls: 1000, maxRefused: 3, maxRatio: 1.3},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("cap %d", tt.cap), func(t *testing.T) {
			clock := time.Unix(1_700_000_000, 0)
			l := newLimiter(32)
			limits, refused := fanOut(t, l, tt.calls, tt.cap, &clock)
			ratio := float64(len(limits)) / float64(rounds(tt.calls, tt.cap))
			t.Logf("%d rounds (%.2f × the fewest), %d refused", len(limits), ratio, refused)
			if refused > tt.maxRefused {
				t.Errorf("%d refusals, want at most %d", refused, tt.maxRefused)
			}
			if ratio > tt.maxRatio {
				t.Errorf("%d rounds, %.2f × the fewest (%d), want at most %.1f ×", len(limits), ratio, rounds(tt.calls, tt.cap), tt.maxRatio)
			}
			if l.current() != tt.cap {
				t.Errorf("limit %d at the end, want the vendor's cap %d", l.current(), tt.cap)
			}
		})
	}
}

// Refusals of calls sent together halve the limit once, not once each.
func TestLimiterHalvesOncePerBurst(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	l := newLimiter(32)
	var sent []ticket
	for range 8 {
		tk, _ := l.take(false, false)
		sent = append(sent, tk)
	}
	for _, tk := range sent[:4] {
		l.done(tk, served, now)
	}
	for _, tk := range sent[4:] {
		l.done(tk, overloaded, now)
	}
	if l.current() != 4 {
		t.Errorf("limit %d after 4 refusals of 8 calls sent at once, want 8/2 = 4", l.current())
	}
	// The vendor took 4 of the 8: 5 at once are too many, and the limit grows back to 4 only.
	if l.bad != 5 || l.top() != 4 {
		t.Errorf("found %d too many (growth up to %d), want 5 (4)", l.bad, l.top())
	}
	// A refusal of a call sent after the decrease halves again.
	tk, _ := l.take(false, false)
	l.done(tk, overloaded, now)
	if l.current() != 2 {
		t.Errorf("limit %d after a refusal at 4, want 2", l.current())
	}
}

// After a decrease the limit grows back to just under the number found too many as the
// vendor serves the calls in flight (one per answer), not additively over rounds.
func TestLimiterRecoversQuickly(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	l := newLimiter(32)
	l.limit = 17
	var sent []ticket
	for range 17 {
		tk, _ := l.take(false, false)
		sent = append(sent, tk)
	}
	waiting := l.wait(false) // the rest of the fan-out
	l.done(sent[16], overloaded, now)
	if l.current() != 8 || l.top() != 16 {
		t.Fatalf("after a refusal at 17: limit %d, growing up to %d; want 8/2 = 8 and 16", l.current(), l.top())
	}
	for _, tk := range sent[:16] {
		l.done(tk, served, now)
	}
	l.leave(waiting)
	if l.current() != 16 {
		t.Errorf("limit %d once the 16 calls in flight were served, want 16", l.current())
	}
	limits, refused := fanOut(t, l, 64, 16, &now)
	if refused != 0 || limits[0] != 16 {
		t.Errorf("calls per round %v, %d refused; want 16 a round, none refused", limits, refused)
	}
}

// A rate 429, a 5xx or a transport error says nothing about concurrency.
func TestLimiterNeutralAnswers(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	l := newLimiter(32)
	var sent []ticket
	for range 8 {
		tk, _ := l.take(false, false)
		sent = append(sent, tk)
	}
	ch := l.wait(false)
	for _, tk := range sent {
		l.done(tk, neutral, now)
	}
	l.leave(ch)
	if l.current() != StartConcurrency {
		t.Errorf("limit %d after neutral answers, want %d", l.current(), StartConcurrency)
	}
}

// A cap learned is kept for probeAfter: the limit does not go past it, then tries again, and
// finds a vendor that has room again (other clients of the org finished).
func TestLimiterProbesAgainAfterAQuietPeriod(t *testing.T) {
	clock := time.Unix(1_700_000_000, 0)
	l := newLimiter(32)
	if _, refused := fanOut(t, l, 200, 16, &clock); refused == 0 {
		t.Fatal("no refusal: the vendor's cap was never reached")
	}
	learned := clock
	limits, refused := fanOut(t, l, 400, 24, &clock)
	if refused != 0 || maxOf(limits) != 16 {
		t.Fatalf("within %s of the last refusal: %d refused, most %d in flight, want 0 and 16", probeAfter, refused, maxOf(limits))
	}
	clock = learned.Add(probeAfter)
	limits, refused = fanOut(t, l, 400, 24, &clock)
	if maxOf(limits) <= 16 || l.current() != 24 {
		t.Errorf("after %s: most %d in flight, limit %d, want the vendor's new cap 24 (%d refused)", probeAfter, maxOf(limits), l.current(), refused)
	}
	if refused > 3 {
		t.Errorf("%d refusals while probing, want at most 3", refused)
	}
}

// At a limit of 1 a refusal cannot be answered by halving: done says so, and the caller
// backs off.
func TestLimiterFloor(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	l := newLimiter(1)
	tk, _ := l.take(false, false)
	if !l.done(tk, overloaded, now) {
		t.Error("a refusal at a limit of 1 is not reported as the floor")
	}
	l = newLimiter(32)
	tk, _ = l.take(false, false)
	if l.done(tk, overloaded, now) {
		t.Error("a refusal at a limit of 8 is reported as the floor")
	}
}

// Calls waiting for room are woken first come first served, as many as there is room for, and
// a new call does not overtake them.
func TestLimiterQueue(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	l := newLimiter(1)
	first, ok := l.take(false, false)
	if !ok {
		t.Fatal("no room for the first call")
	}
	if _, ok := l.take(false, false); ok {
		t.Fatal("a second call admitted under a limit of 1")
	}
	a, b := l.wait(false), l.wait(false)
	l.done(first, served, now)
	if !closed(a) || closed(b) {
		t.Fatalf("after one answer: first waiter woken %v, second %v; want only the first", closed(a), closed(b))
	}
	if _, ok := l.take(false, false); ok {
		t.Fatal("a new call overtook a woken one")
	}
	second, ok := l.take(true, false)
	if !ok {
		t.Fatal("the woken call found no room")
	}
	// The second waiter gives up: its place goes to nobody, and the queue is empty again.
	l.leave(b)
	l.done(second, served, now)
	if _, ok := l.take(false, false); !ok || l.woken != 0 || len(l.queue) != 0 {
		t.Errorf("after the queue emptied: woken %d, queued %d", l.woken, len(l.queue))
	}
}

func closed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

func maxOf(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// A call tried again goes before the calls waiting for room: at the head of the queue, or
// straight in when there is room although others wait.
func TestLimiterRetryGoesFirst(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	l := newLimiter(1)
	held, _ := l.take(false, false)
	waiting := l.wait(false)
	if _, ok := l.take(false, true); ok {
		t.Fatal("a retry admitted over the limit")
	}
	retry := l.wait(true)
	l.done(held, served, now)
	if !closed(retry) || closed(waiting) {
		t.Fatalf("after an answer: retry woken %v, the call queued before it %v; want the retry only", closed(retry), closed(waiting))
	}
	if _, ok := l.take(true, true); !ok {
		t.Fatal("the woken retry found no room")
	}
}

// The number found too many does not depend on the order the refusals come back in, and
// counts only the refused calls that were in flight beside a refused call.
func TestLimiterEstimate(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	l := newLimiter(32)
	var sent []ticket
	for range 8 {
		tk, _ := l.take(false, false)
		sent = append(sent, tk)
	}
	// The vendor took calls 1, 2, 4 and 5; its answers come back out of order.
	for _, i := range []int{7, 0, 2, 1, 5, 3, 4, 6} {
		o := served
		if i == 2 || i >= 5 {
			o = overloaded
		}
		l.done(sent[i], o, now)
	}
	if l.bad != 5 {
		t.Errorf("8 sent at once, 4 refused: %d found too many, want 5", l.bad)
	}

	// One at a time: a call refused after another refusal came back is not discounted by it.
	l = newLimiter(32)
	l.limit = 17
	for range 16 {
		l.take(false, false)
	}
	a, _ := l.take(false, false)
	l.done(a, overloaded, now)
	l.limit = 17 // as if it had grown back
	b, _ := l.take(false, false)
	l.done(b, overloaded, now)
	if l.bad != 17 {
		t.Errorf("two refusals at 17 one after the other: %d found too many, want 17", l.bad)
	}
}

// Whatever the vendor's limit between the start and the ceiling, it is found with a
// refusal or two: the limit grows by aimdIncrease a round, and never runs more than that past
// the most calls seen served at once.
func TestLimiterOvershootIsSmall(t *testing.T) {
	for vendorCap := StartConcurrency + 1; vendorCap < 32; vendorCap++ {
		clock := time.Unix(1_700_000_000, 0)
		l := newLimiter(32)
		_, refused := fanOut(t, l, 1000, vendorCap, &clock)
		if refused > aimdIncrease || l.current() != vendorCap {
			t.Errorf("vendor limit %d: %d refused, limit %d at the end; want at most %d refused and the vendor's limit", vendorCap, refused, l.current(), aimdIncrease)
		}
	}
}
