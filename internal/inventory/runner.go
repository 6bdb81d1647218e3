package inventory

import (
	"context"
	"slices"

	"github.com/credsql/credsql/internal/engine"
)

// Handler is told about each step of a Runner. Every field is optional. An error a handler
// returns stops the run (the output could not be written); anything else that fails is
// reported to the handler and the run goes on.
type Handler struct {
	// ConnectionFailed: a connection was found unusable (missing secret, unreachable,
	// credential rejected). Called once per connection, before the step that found it.
	ConnectionFailed func(ConnFailure) error
	// Skipped: q reads vendors without any configured connection; it does not run.
	Skipped func(q Query, missing []string)
	// Executed: q ran (failed or not); called before Result or QueryFailed.
	Executed func(r *Result)
	// Result: q ran without error. An error returned fails the query (QueryFailed follows)
	// without stopping the run.
	Result func(r *Result) error
	// QueryFailed: q failed (r.Err), or its Result handler did.
	QueryFailed func(r *Result) error
	// Listing: a credential listing ran, failed or not.
	Listing func(r ListingResult) error
}

// Runner runs saved queries and credential listings in one session, the way run, report and
// the metrics output all do: each failed connection is named once (Tracker) and is not called
// again, a query reading only unconfigured vendors is skipped, and Summary keeps the count of
// what was found and what failed.
type Runner struct {
	Tracker *Tracker
	Session *engine.Session
	Summary Summary
	// FirstErr is the first failure of the run: a connection's, a query's or a listing's.
	FirstErr error
	// Ran is every query that ran, in order, and how it ended.
	Ran []Outcome
	h   Handler
}

// Outcome is how a query of a run ended.
type Outcome struct {
	Query Query
	Rows  int
	OK    bool
}

// NewRunner returns a runner over e's connections; the connections already known to be
// unusable (a missing secret) are reported to h at once.
func NewRunner(ctx context.Context, e *engine.Engine, session string, h Handler) (*Runner, error) {
	r := &Runner{Tracker: NewTracker(ctx, e), Session: e.NewSession(session), h: h}
	return r, r.connectionFailures()
}

// Context is the context the runner's statements run in.
func (r *Runner) Context() context.Context { return r.Tracker.Context() }

func (r *Runner) connectionFailures() error {
	for _, cf := range r.Tracker.New() {
		r.Summary.Connections = append(r.Summary.Connections, cf.Connection)
		r.fail(cf.Err)
		if r.h.ConnectionFailed != nil {
			if err := r.h.ConnectionFailed(cf); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *Runner) fail(err error) {
	if r.FirstErr == nil {
		r.FirstErr = err
	}
}

// Run runs the queries in order. It stops early only when a handler fails or the context is
// done (after the query it cancelled).
func (r *Runner) Run(queries []Query) error {
	for _, q := range queries {
		if missing := q.Missing(r.Tracker.Configured); len(missing) > 0 {
			if r.h.Skipped != nil {
				r.h.Skipped(q, missing)
			}
			continue
		}
		r.Summary.Queries++
		res := r.Tracker.Exec(r.Session, q)
		if err := r.connectionFailures(); err != nil {
			return err
		}
		if r.h.Executed != nil {
			r.h.Executed(&res)
		}
		if res.Err == nil {
			r.Summary.Count(q.Severity, len(res.Rows))
			if r.h.Result != nil {
				res.Err = r.h.Result(&res)
			}
		}
		r.Ran = append(r.Ran, Outcome{Query: q, Rows: len(res.Rows), OK: res.Err == nil})
		if res.Err == nil {
			continue
		}
		r.Summary.Failed = append(r.Summary.Failed, q.Name)
		r.fail(res.Err)
		if r.h.QueryFailed != nil {
			if err := r.h.QueryFailed(&res); err != nil {
				return err
			}
		}
		if r.Context().Err() != nil {
			break
		}
	}
	return nil
}

// ListingFailure is the Summary.Other entry of a failed credential listing.
const ListingFailure = "the credential listing"

// List lists the dated credentials of every configured vendor. A listing that fails is a
// failure of the run (Summary.Other) and leaves its credentials out.
func (r *Runner) List() ([]Credential, error) {
	var out []Credential
	for _, l := range Listings(r.Tracker.Configured) {
		res := r.Tracker.List(r.Session, l)
		if err := r.connectionFailures(); err != nil {
			return out, err
		}
		if r.h.Listing != nil {
			if err := r.h.Listing(res); err != nil {
				return out, err
			}
		}
		if res.Err != nil {
			if !slices.Contains(r.Summary.Other, ListingFailure) {
				r.Summary.Other = append(r.Summary.Other, ListingFailure)
			}
			r.fail(res.Err)
			continue
		}
		out = append(out, res.Credentials...)
	}
	return out, nil
}
