package testenv

import (
	"context"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// AttemptHeader carries an attempt's number from credsql's client to the simulator.
const AttemptHeader = "X-Test-Attempt"

type attemptKey struct{}

// StallTimeouts times out credsql's API attempts on an event instead of the wall clock: an
// attempt ends, as its timeout would end it, when the simulator starts holding it (a timeout
// fault). A fault-free call is never timed out, however loaded the machine; the configured
// timeout is then only what the error message says.
//
// Wire it with tables.Settings{AttemptTimeout: st.Timeout, WrapTransport: st.Tag} and
// sim.Faults{OnStall: st.Expire}.
type StallTimeouts struct {
	mu   sync.Mutex
	next int
	open map[string]context.CancelFunc
}

// NewStallTimeouts returns attempt timeouts that wait for the simulator's stalls.
func NewStallTimeouts() *StallTimeouts {
	return &StallTimeouts{open: map[string]context.CancelFunc{}}
}

// Timeout is the per-attempt timeout (tables.Settings.AttemptTimeout).
func (a *StallTimeouts) Timeout(ctx context.Context, _ time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(ctx)
	a.mu.Lock()
	a.next++
	id := strconv.Itoa(a.next)
	a.open[id] = cancel
	a.mu.Unlock()
	return context.WithValue(ctx, attemptKey{}, id), func() {
		a.mu.Lock()
		delete(a.open, id)
		a.mu.Unlock()
		cancel()
	}
}

// Tag names the attempt in its request, for Expire (tables.Settings.WrapTransport).
func (a *StallTimeouts) Tag(next http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if id, ok := r.Context().Value(attemptKey{}).(string); ok {
			r = r.Clone(r.Context())
			r.Header.Set(AttemptHeader, id)
		}
		return next.RoundTrip(r)
	})
}

// Expire ends the attempt of a request the simulator holds (sim.Faults.OnStall).
func (a *StallTimeouts) Expire(r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if cancel, ok := a.open[r.Header.Get(AttemptHeader)]; ok {
		cancel()
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
