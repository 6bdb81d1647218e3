package fetch

import (
	"context"
	"net/http"
	"sync"
)

// Breaker makes a run fail fast per connection: the first call that finds a connection
// unreachable (no HTTP response: refused, reset, DNS, TLS, timeout) or its credential rejected
// (a 401 that a renewed credential did not cure, or a login refused) marks the connection
// down, and every later call of the connection within the run fails at once with the same
// error. A connection is probed once: until it has answered, its calls wait for the first
// one's outcome instead of all trying a dead host together. Under a breaker a call that
// finds no response is not retried: a scheduled run with one vendor down costs one failed
// attempt, not a retry sequence per query.
//
// A breaker is per run (credsql run, report, query); servers and the shell have none, so
// that a vendor that comes back is used again. It travels in the context (WithBreaker).
type Breaker struct {
	mu    sync.Mutex
	conns map[string]*connState
	down  []Failure
	stops int
}

// Failure is a connection a breaker marked down.
type Failure struct {
	Vendor     Vendor
	Connection string
	Err        *APIError
}

type connState struct {
	answered bool          // an HTTP response arrived: the connection is reachable
	probe    chan struct{} // closed when the probing call has an outcome; nil when none is out
	down     *APIError
}

// NewBreaker returns a breaker with every connection up.
func NewBreaker() *Breaker { return &Breaker{conns: map[string]*connState{}} }

type breakerKey struct{}

// WithBreaker returns a context whose calls go through b.
func WithBreaker(ctx context.Context, b *Breaker) context.Context {
	return context.WithValue(ctx, breakerKey{}, b)
}

func breakerFrom(ctx context.Context) *Breaker {
	b, _ := ctx.Value(breakerKey{}).(*Breaker)
	return b
}

// Down returns the connections marked down, in the order they failed.
func (b *Breaker) Down() []Failure {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Failure(nil), b.down...)
}

// Stops counts the calls the breaker failed: the call that marked a connection down and every
// call refused after it. A query during which it grew failed because of a down connection.
func (b *Breaker) Stops() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.stops
}

func breakerName(v Vendor, conn string) string { return string(v) + "/" + conn }

// check fails a call of a connection that is down before it does anything (a login
// included).
func (b *Breaker) check(name string) error {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if s := b.conns[name]; s != nil && s.down != nil {
		b.stops++
		return s.down
	}
	return nil
}

// admit lets a call attempt go out, or fails it with the connection's down error. While the
// connection has never answered and another attempt is out, it waits for that one's outcome.
// probing is true when this attempt is the probe: it must call settle.
func (b *Breaker) admit(ctx context.Context, name string) (probing bool, err error) {
	for {
		b.mu.Lock()
		s := b.conns[name]
		if s == nil {
			s = &connState{}
			b.conns[name] = s
		}
		if s.down != nil {
			b.stops++
			b.mu.Unlock()
			return false, s.down
		}
		if s.answered {
			b.mu.Unlock()
			return false, nil
		}
		if s.probe == nil {
			s.probe = make(chan struct{})
			b.mu.Unlock()
			return true, nil
		}
		wait := s.probe
		b.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return false, context.Cause(ctx)
		}
	}
}

// answered records that the connection gave an HTTP response, and ends its probe.
func (b *Breaker) answered(name string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.conns[name]
	s.answered = true
	s.endProbe()
}

// abandon ends a probe without an outcome (its query was cancelled): the next call probes.
func (b *Breaker) abandon(name string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.conns[name].endProbe()
}

// markDown records that a connection is down, with the error its calls fail with from now on.
func (b *Breaker) markDown(name string, e *APIError) {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.conns[name]
	if s.down == nil {
		s.down = e
		b.down = append(b.down, Failure{Vendor: e.Vendor, Connection: e.Connection, Err: e})
		b.stops++
	}
	s.endProbe()
}

func (s *connState) endProbe() {
	if s.probe != nil {
		close(s.probe)
		s.probe = nil
	}
}

// downs reports whether a call's final error marks its connection down: no response at all,
// or the credential rejected. A 403 of an ordinary call is a missing permission for one API
// family, not a connection-wide failure; a refused login is.
func downs(e *APIError, login bool) bool {
	switch {
	case e.Status == 0:
		return e.Err != nil
	case e.Status == http.StatusUnauthorized:
		return true
	case e.Status == http.StatusForbidden:
		return login
	}
	return false
}
