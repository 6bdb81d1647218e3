package inventory

import (
	"context"
	"errors"
	"time"

	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/render"
)

// Result is what one run of a saved query returned: every row is a finding.
type Result struct {
	Query   Query
	Columns []render.Column
	Rows    [][]any // plain values (engine.Plain)
	// Warnings are the statement's warnings, oldest first: with --partial, a connection that
	// failed and whose rows are missing.
	Warnings []string
	Calls    int64 // API calls made
	Elapsed  time.Duration
	Err      error
}

// Partial reports whether rows may be missing (a connection failed and --partial let the
// query go on).
func (r *Result) Partial() bool { return len(r.Warnings) > 0 }

// Exec runs q in s and collects its rows. Findings are few, so holding them is fine, and the
// differential log and the report need all of them anyway.
func Exec(ctx context.Context, s *engine.Session, q Query) (r Result) {
	start := time.Now()
	r.Query = q
	defer func() { r.Elapsed = time.Since(start) }()
	res, err := s.Query(ctx, q.SQL)
	if err != nil {
		r.Err = err
		return r
	}
	defer res.Close()
	if res.IsOK() {
		r.Err = errors.New("the statement returned no rows: a saved query must be a SELECT")
		return r
	}
	r.Columns = res.Columns()
	for row, err := range res.Rows() {
		if err != nil {
			r.Err = err
			break
		}
		r.Rows = append(r.Rows, engine.PlainRow(row))
	}
	// Each statement starts with no warnings; Warnings lists the newest first.
	ws := res.Context().Session.Warnings()
	for i := len(ws) - 1; i >= 0; i-- {
		r.Warnings = append(r.Warnings, ws[i].Message)
	}
	if res.Stats != nil {
		r.Calls = res.Stats.Calls.Load()
	}
	return r
}
