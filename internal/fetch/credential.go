package fetch

import (
	"context"
	"errors"
	"sync"
	"time"
)

// Credential is a credential that a login call obtains lazily and every call of a connection
// shares: an OpenZiti session token, an OPA bearer token. Get returns the cached value while
// it is fresh and otherwise runs one login for all concurrent callers; Drop forgets a value a
// 401 proved stale, but only while it is still the current one. Together they make N calls
// that fail at once with the same expired value cause exactly one login, never a loop.
type Credential struct {
	mu       sync.Mutex
	value    string
	renewAt  time.Time // zero: valid until dropped
	inflight *login
	// Now is the clock renewal times are read against (time.Now when nil).
	Now func() time.Time
	// onWait, in tests, is called when a caller starts waiting for another's login.
	onWait func()
}

func (c *Credential) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

type login struct {
	done  chan struct{}
	value string
	err   error
}

// LoginFunc obtains a new credential value and the time after which it should be renewed
// (zero: only when a 401 says so).
type LoginFunc func(ctx context.Context) (value string, renewAt time.Time, err error)

// Get returns the current value, running login when there is none or it is due for renewal.
// Callers arriving while a login runs wait for its result instead of starting another.
func (c *Credential) Get(ctx context.Context, fn LoginFunc) (string, error) {
	for {
		c.mu.Lock()
		if c.value != "" && (c.renewAt.IsZero() || c.now().Before(c.renewAt)) {
			v := c.value
			c.mu.Unlock()
			return v, nil
		}
		if l := c.inflight; l != nil {
			wait := c.onWait
			c.mu.Unlock()
			if wait != nil {
				wait()
			}
			select {
			case <-l.done:
			case <-ctx.Done():
				return "", context.Cause(ctx)
			}
			if l.err != nil && ctx.Err() == nil && (errors.Is(l.err, context.Canceled) || errors.Is(l.err, context.DeadlineExceeded)) {
				continue // the leader's query was cancelled, not this one: log in again
			}
			return l.value, l.err
		}
		l := &login{done: make(chan struct{})}
		c.inflight = l
		c.mu.Unlock()
		v, renewAt, err := fn(ctx)
		c.mu.Lock()
		c.inflight = nil
		if err == nil {
			c.value, c.renewAt = v, renewAt
		}
		l.value, l.err = v, err
		c.mu.Unlock()
		close(l.done)
		return v, err
	}
}

// Set stores a value obtained elsewhere (a session token given by the user).
func (c *Credential) Set(value string, renewAt time.Time) {
	c.mu.Lock()
	c.value, c.renewAt = value, renewAt
	c.mu.Unlock()
}

// Slide moves the renewal time of value, if it is still the current value: a session whose
// timeout restarts with every call (OpenZiti's) is renewed only after it has been idle.
func (c *Credential) Slide(value string, renewAt time.Time) {
	c.mu.Lock()
	if c.value == value && !c.renewAt.IsZero() && renewAt.After(c.renewAt) {
		c.renewAt = renewAt
	}
	c.mu.Unlock()
}

// Drop forgets stale if it is still the current value. A value already replaced by another
// caller's login is left alone, so that the caller's retry uses the new one.
func (c *Credential) Drop(stale string) {
	c.mu.Lock()
	if c.value == stale {
		c.value, c.renewAt = "", time.Time{}
	}
	c.mu.Unlock()
}

// Clear forgets the current value, whatever it is (after a logout).
func (c *Credential) Clear() {
	c.mu.Lock()
	c.value, c.renewAt = "", time.Time{}
	c.mu.Unlock()
}

// Current returns the current value without logging in ("" when there is none).
func (c *Credential) Current() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.value
}
