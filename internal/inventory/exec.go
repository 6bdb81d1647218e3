package inventory

import (
	"context"
	"errors"
	"regexp"
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
	// Dropped are warnings left out because they repeat a failed connection's own report
	// (Tracker): the rows are as incomplete.
	Dropped []string
	Calls   int64 // API calls made
	Elapsed time.Duration
	Err     error
	// Blocked: the query failed because a connection it reads had failed (Tracker); BlockedWhy
	// says so without naming the connection, which its own report does.
	Blocked    bool
	BlockedWhy string
}

// Reason is why the query failed, as a failure record or a page gives it.
func (r *Result) Reason() string {
	if r.Blocked {
		if r.BlockedWhy != "" {
			return r.BlockedWhy
		}
		return BlockedReason
	}
	if r.Err == nil {
		return ""
	}
	return ErrorText(r.Err)
}

// mysqlSuffix is how a MySQL error renders its number: "msg (errno 1105) (sqlstate HY000)".
var mysqlSuffix = regexp.MustCompile(`\s*\(errno \d+\) \(sqlstate \w+\)$`)

// ErrorText is an error as people read it: without the MySQL error number, which means
// something to MySQL clients, not to a person reading a terminal or a report.
func ErrorText(err error) string { return mysqlSuffix.ReplaceAllString(err.Error(), "") }

// Partial reports whether rows may be missing (a connection failed and --partial let the
// query go on).
func (r *Result) Partial() bool { return len(r.Warnings)+len(r.Dropped) > 0 }

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
	r.Columns = render.Columns(res.Columns())
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
