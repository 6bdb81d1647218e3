package inventory

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/tables"
)

// ConnFailure is a connection a run could not use: unreachable, its credential rejected, or
// a secret missing from the configuration.
type ConnFailure struct {
	Vendor, Connection string
	Err                error
}

// Tracker runs a pack's statements so that each connection fails once: it puts a
// fetch.Breaker in their context, so that the first call finding a connection unreachable or
// rejected marks it down and later calls stop at once, and it tells which query failed
// because of such a connection (Result.Blocked), so that callers name each failed connection
// once rather than in every query's error.
type Tracker struct {
	brk      *fetch.Breaker
	ctx      context.Context
	unusable []ConnFailure // configured with a missing secret
	reported int           // failures handed out by New
	// Configured are the vendors with a configured connection (usable or not).
	Configured []string
}

// NewTracker returns a tracker over e's connections and the context to run statements in.
func NewTracker(ctx context.Context, e *engine.Engine) *Tracker {
	t := &Tracker{brk: fetch.NewBreaker()}
	t.ctx = fetch.WithBreaker(ctx, t.brk)
	for _, v := range tables.Vendors() {
		for _, c := range e.Conns(v) {
			if errors.Is(c.Err, tables.ErrUnconfigured) {
				continue
			}
			if !slices.Contains(t.Configured, string(v)) {
				t.Configured = append(t.Configured, string(v))
			}
			if c.Err != nil {
				t.unusable = append(t.unusable, ConnFailure{Vendor: string(v), Connection: c.Name, Err: c.Err})
			}
		}
	}
	return t
}

// Context is the context statements run in.
func (t *Tracker) Context() context.Context { return t.ctx }

// Exec runs q like Exec, and marks the result Blocked when it failed because of a failed
// connection of a vendor it reads. Its warnings leave out those of failed connections
// (--partial), which the connection's own failure reports, to Dropped.
func (t *Tracker) Exec(s *engine.Session, q Query) Result {
	before := t.brk.Stops()
	r := Exec(t.ctx, s, q)
	stopped := t.brk.Stops() > before
	if r.Err != nil && (stopped || t.readsUnusable(q)) {
		r.Blocked, r.BlockedWhy = true, t.why(q.Vendors)
	}
	r.Warnings, r.Dropped = t.dropFailedWarnings(r.Warnings)
	return r
}

// List runs a credential listing like List, marking it Blocked as Exec does.
func (t *Tracker) List(s *engine.Session, l Listing) ListingResult {
	before := t.brk.Stops()
	r := List(t.ctx, s, l)
	if r.Err != nil && (t.brk.Stops() > before || t.readsUnusable(Query{Vendors: []string{string(l.Vendor)}})) {
		r.Blocked, r.Why = true, t.why([]string{string(l.Vendor)})
	}
	r.Warnings, _ = t.dropFailedWarnings(r.Warnings)
	return r
}

// why says which of the vendors' connections failed, without naming them (their own line
// does): "not checked: a connection it reads failed (Okta unreachable)".
func (t *Tracker) why(vendors []string) string {
	var what []string
	for _, f := range t.All() {
		if slices.Contains(vendors, f.Vendor) {
			w := tables.Vendor(f.Vendor).Title() + " " + f.Short()
			if !slices.Contains(what, w) {
				what = append(what, w)
			}
		}
	}
	if len(what) == 0 {
		return BlockedReason
	}
	return BlockedReason + " (" + strings.Join(what, "; ") + ")"
}

func (t *Tracker) readsUnusable(q Query) bool {
	for _, f := range t.unusable {
		if slices.Contains(q.Vendors, f.Vendor) {
			return true
		}
	}
	return false
}

// dropFailedWarnings removes the --partial warnings of connections that failed: the engine
// words them "connection %q failed, its %s rows are missing: ...".
func (t *Tracker) dropFailedWarnings(ws []string) (kept, dropped []string) {
	for _, w := range ws {
		drop := false
		for _, f := range t.All() {
			if strings.HasPrefix(w, fmt.Sprintf("connection %q failed", f.Connection)) {
				drop = true
			}
		}
		if drop {
			dropped = append(dropped, w)
		} else {
			kept = append(kept, w)
		}
	}
	return kept, dropped
}

// All returns every failed connection: those with a missing secret, then those the breaker
// marked down, in the order they failed.
func (t *Tracker) All() []ConnFailure {
	out := append([]ConnFailure(nil), t.unusable...)
	for _, f := range t.brk.Down() {
		out = append(out, ConnFailure{Vendor: string(f.Vendor), Connection: f.Connection, Err: f.Err})
	}
	return out
}

// New returns the failed connections not returned before.
func (t *Tracker) New() []ConnFailure {
	all := t.All()
	out := all[t.reported:]
	t.reported = len(all)
	return out
}

// BlockedReason is the reason given for a query that failed because of a failed connection:
// the connection itself is named once, where it failed.
const BlockedReason = "not checked: a connection it reads failed"

// What says what went wrong, after the connection's name: "is unreachable", "rejected the
// credential", "misses a secret in the configuration", or "failed".
func (f ConnFailure) What() string {
	switch f.kind() {
	case "unreachable":
		return "is unreachable"
	case "rejected":
		return "rejected the credential"
	case "missing":
		return "misses a secret in the configuration"
	}
	return "failed"
}

// Short is What in a word or two: "unreachable", "credential rejected", "secret missing",
// "failed".
func (f ConnFailure) Short() string {
	switch f.kind() {
	case "unreachable":
		return "unreachable"
	case "rejected":
		return "credential rejected"
	case "missing":
		return "secret missing"
	}
	return "failed"
}

// Rejected reports whether the vendor rejected the credential.
func (f ConnFailure) Rejected() bool { return f.kind() == "rejected" }

func (f ConnFailure) kind() string {
	var ae *fetch.APIError
	switch {
	case errors.Is(f.Err, config.ErrMissingSecret):
		return "missing"
	case errors.As(f.Err, &ae) && ae.Status == 0:
		return "unreachable"
	case errors.As(f.Err, &ae) && (ae.Status == http.StatusUnauthorized || ae.Status == http.StatusForbidden):
		return "rejected"
	}
	return ""
}
