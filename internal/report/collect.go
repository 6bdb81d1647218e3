// Package report renders the credential inventory as one self-contained HTML page: a timeline
// of credential expiries across vendors, the findings of the saved queries grouped by
// severity, and a summary per connection. The page loads nothing from anywhere (inline CSS,
// JS and SVG under a hash-based Content-Security-Policy) and escapes every vendor value.
package report

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/inventory"
	"github.com/credsql/credsql/internal/plan"
	"github.com/credsql/credsql/internal/tables"
)

// Credential is a credential with an expiry date: a point of the timeline.
type Credential = inventory.Credential

// Connection is a configured connection of the report.
type Connection struct {
	Vendor   string
	Name     string
	ReadOnly bool
}

// FailedConnection is a connection that could not be checked: unreachable, its credential
// rejected, or a secret missing from the configuration.
type FailedConnection struct {
	Vendor, Name string
	What         string // "is unreachable", "rejected the credential", ...
	Reason       string
	Rejected     bool // the vendor rejected the credential
}

// Inventory is everything a report shows.
type Inventory struct {
	Generated   time.Time
	Host        string
	Version     string
	Connections []Connection
	Credentials []Credential
	// Results are the saved queries that ran, in order; Skipped those that read a vendor
	// without a connection.
	Results []inventory.Result
	Skipped []inventory.Query
	// Problems are failures and warnings of the credential listings, for the page: the
	// timeline misses what they name. Errors are the failures alone.
	Problems []string
	Errors   []error
	// Failed are the connections that could not be checked: what the page opens with.
	Failed []FailedConnection
	// Listings are the credential listings that ran, and whether each did.
	Listings []ListingOutcome
	// Plan rotates the credentials in use that expire soon; a finding about one of them shows
	// its block as the action (plan.go).
	Plan []plan.Block
}

// ListingOutcome is whether a table's credentials could be listed.
type ListingOutcome struct {
	Vendor, Table string
	OK            bool
}

// Complete reports whether everything was checked.
func (inv *Inventory) Complete() bool {
	if len(inv.Failed) > 0 || len(inv.Errors) > 0 {
		return false
	}
	for _, r := range inv.Results {
		if r.Err != nil {
			return false
		}
	}
	return true
}

// Collect lists the credentials of every configured vendor and runs the saved queries, all in
// one session of e. A failing listing or query does not stop the report: it is shown in it. A
// connection found unreachable or rejected is not called again (fetch.Breaker): its failure
// is recorded once, in Failed.
func Collect(ctx context.Context, e *engine.Engine, queries []inventory.Query) *Inventory {
	inv := &Inventory{Generated: time.Now().UTC()}
	for _, v := range tables.Vendors() {
		for _, c := range e.Conns(v) {
			if !errors.Is(c.Err, tables.ErrUnconfigured) {
				inv.Connections = append(inv.Connections, Connection{Vendor: string(v), Name: c.Name, ReadOnly: c.ReadOnly})
			}
		}
	}
	keep := func(r *inventory.Result) error {
		inv.Results = append(inv.Results, *r)
		return nil
	}
	run, _ := inventory.NewRunner(ctx, e, "credsql-report", inventory.Handler{ // the handlers never fail
		Skipped: func(q inventory.Query, _ []string) { inv.Skipped = append(inv.Skipped, q) },
		Listing: func(r inventory.ListingResult) error {
			title := r.Vendor.Title() + " " + r.Kind + "s"
			for _, w := range r.Warnings {
				inv.Problems = append(inv.Problems, fmt.Sprintf("%s: %s", title, w))
			}
			inv.Listings = append(inv.Listings, ListingOutcome{Vendor: string(r.Vendor), Table: r.Table, OK: r.Err == nil})
			if r.Err != nil {
				err := fmt.Errorf("list %s: %w", title, r.Err)
				if r.Blocked {
					inv.Problems = append(inv.Problems, fmt.Sprintf("%s: %s", title, r.Why))
				} else {
					inv.Problems = append(inv.Problems, inventory.ErrorText(err))
				}
				inv.Errors = append(inv.Errors, err)
			}
			return nil
		},
		Result:      keep,
		QueryFailed: keep,
	})
	ctx = run.Context()
	inv.Credentials, _ = run.List()
	_ = run.Run(queries)
	for _, f := range run.Tracker.All() {
		inv.Failed = append(inv.Failed, FailedConnection{Vendor: f.Vendor, Name: f.Connection, What: f.What(), Reason: inventory.ErrorText(f.Err), Rejected: f.Rejected()})
	}
	s := run.Session
	inv.plan(ctx, s)
	return inv
}

func str(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	return fmt.Sprint(v)
}
