// Package audit writes credsql's audit log: one JSON object per line for every API call that
// changes vendor state, saying who (MySQL connection, user, client address), what (the SQL
// statement, with secrets masked) and how it went (vendor, route template, HTTP status,
// vendor request id, outcome); for every statement that returns secrets unmasked (which
// table, which rows, how many values, never the values); and for failed logins (user name
// and client address, never the password).
//
// The engine builds a Record from what it knows (the session and the statement) and what
// internal/fetch reports after each mutating call (fetch.AuditCall); this package only
// formats, redacts and appends.
package audit

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Actions: what a record is about.
const (
	// ActionWrite is an API call that changes vendor state.
	ActionWrite = "write"
	// ActionReveal is a statement that returned secret values unmasked.
	ActionReveal = "reveal"
	// ActionLoginFailed is a refused login.
	ActionLoginFailed = "login_failed"
)

// Record is one line of the audit log. Which fields a line carries depends on its action
// (see MarshalJSON): a write has the API call's vendor, route, status and outcome; a reveal
// the table, connection, rows and values; a failed login the user name and address.
type Record struct {
	Time time.Time `json:"time"`
	// Action is ActionWrite, ActionReveal or ActionLoginFailed.
	Action string `json:"action"`
	// ConnID is the MySQL connection id (0 for in-process sessions).
	ConnID uint32 `json:"conn_id"`
	User   string `json:"user"`
	// Client is the client's address (host:port), or "in-process".
	Client string `json:"client"`
	// Statement is the SQL statement, its secret literals replaced (see RedactStatement). A
	// statement prepared on the server (COM_STMT_PREPARE) and executed with bound values has
	// the values in place of its ? placeholders (see Bind), masked as literals are.
	Statement string `json:"statement"`
	// Params are the values bound to a prepared statement's placeholders, in order, as SQL
	// literals ('0oa1', 2, NULL), masked as in Statement; nil for a statement sent as text.
	Params []string `json:"params,omitempty"`
	Vendor string   `json:"vendor"`
	// Connection is the credsql connection the call went to (the connection column).
	Connection string `json:"connection"`
	Method     string `json:"method"`
	// Route is the route template ("POST /api/v1/apps/{appId}/credentials/secrets").
	Route     string `json:"route"`
	Status    int    `json:"status"`
	RequestID string `json:"request_id,omitempty"`
	// Outcome is ok, refused, unknown (the change may have been made) or not_sent.
	Outcome  string `json:"outcome"`
	Attempts int    `json:"attempts"`
	Error    string `json:"error,omitempty"`
	// Object is the concrete object the call addressed: each argument of the route
	// template by its name ({"appId": "0oa1", "secretId": "ocs2"}). Absent for a route
	// without path arguments.
	Object map[string]string `json:"object,omitempty"`
	// Created is the id of the object the call created, as the vendor's answer gives it.
	Created string `json:"created,omitempty"`

	// Reveal: the table, the number of rows and of secret values returned unmasked, and the
	// rows' key values (each row's key columns joined by "/"; at most MaxRowIDs of them, the
	// rest counted in RowIDsOmitted).
	Table         string   `json:"table,omitempty"`
	Rows          int      `json:"rows,omitempty"`
	Values        int      `json:"values,omitempty"`
	RowIDs        []string `json:"row_ids,omitempty"`
	RowIDsOmitted int      `json:"row_ids_omitted,omitempty"`

	// Failed login: consecutive failures from the client's address, how many earlier
	// failures from it were left out of the log (rate limit), and how long the answer was
	// held back.
	Failures   int   `json:"failures,omitempty"`
	Suppressed int   `json:"suppressed,omitempty"`
	DelayMS    int64 `json:"delay_ms,omitempty"`
}

// MaxRowIDs bounds the row ids of one reveal record.
const MaxRowIDs = 1000

// MarshalJSON writes the fields of the record's action only, so that a reveal or a failed
// login carries no empty API-call fields.
func (r Record) MarshalJSON() ([]byte, error) {
	switch r.Action {
	case ActionReveal:
		return json.Marshal(struct {
			Time          time.Time `json:"time"`
			Action        string    `json:"action"`
			ConnID        uint32    `json:"conn_id"`
			User          string    `json:"user"`
			Client        string    `json:"client"`
			Statement     string    `json:"statement"`
			Params        []string  `json:"params,omitempty"`
			Vendor        string    `json:"vendor"`
			Connection    string    `json:"connection"`
			Table         string    `json:"table"`
			Rows          int       `json:"rows"`
			Values        int       `json:"values"`
			RowIDs        []string  `json:"row_ids"`
			RowIDsOmitted int       `json:"row_ids_omitted,omitempty"`
		}{r.Time, r.Action, r.ConnID, r.User, r.Client, r.Statement, r.Params, r.Vendor, r.Connection, r.Table, r.Rows, r.Values,
			r.RowIDs, r.RowIDsOmitted})
	case ActionLoginFailed:
		return json.Marshal(struct {
			Time       time.Time `json:"time"`
			Action     string    `json:"action"`
			User       string    `json:"user"`
			Client     string    `json:"client"`
			Error      string    `json:"error,omitempty"`
			Failures   int       `json:"failures"`
			Suppressed int       `json:"suppressed,omitempty"`
			DelayMS    int64     `json:"delay_ms,omitempty"`
		}{r.Time, r.Action, r.User, r.Client, r.Error, r.Failures, r.Suppressed, r.DelayMS})
	}
	type write Record // without the method: the plain encoding
	w := write(r)
	w.Table, w.Rows, w.Values, w.RowIDs, w.RowIDsOmitted = "", 0, 0, nil, 0
	w.Failures, w.Suppressed, w.DelayMS = 0, 0, 0
	return json.Marshal(w)
}

// Sink receives audit records.
type Sink interface {
	Write(Record) error
}

// Log appends records to a file or a stream as JSON lines. It is safe for concurrent use.
type Log struct {
	mu     sync.Mutex
	w      io.Writer
	closer io.Closer
	path   string
}

// New returns a Log writing to w.
func New(w io.Writer) *Log { return &Log{w: w} }

// Open opens the audit log at path for appending, creating it (mode 0600) and its directory
// (0700) when missing. "-" writes to stderr; "" means no audit log (nil, nil).
func Open(path string, stderr io.Writer) (*Log, error) {
	switch path {
	case "":
		return nil, nil
	case "-":
		return &Log{w: stderr, path: "-"}, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open audit log: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open audit log: %w", err)
	}
	return &Log{w: f, closer: f, path: path}, nil
}

// DefaultPath is $XDG_STATE_HOME/credsql/audit.log (~/.local/state/credsql/audit.log when
// XDG_STATE_HOME is not set), or "" when neither is known.
func DefaultPath(getenv func(string) string) string {
	dir := getenv("XDG_STATE_HOME")
	if dir == "" {
		home := getenv("HOME")
		if home == "" {
			return ""
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "credsql", "audit.log")
}

// Path is where the log writes ("-" for stderr).
func (l *Log) Path() string { return l.path }

// Write appends one record as a single line: a record is never split or interleaved with
// another, so that the file stays one JSON object per line.
func (l *Log) Write(r Record) error {
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("encode audit record: %w", err)
	}
	b = append(b, '\n')
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.w == nil {
		return errors.New("write audit record: the log is closed")
	}
	if _, err := l.w.Write(b); err != nil {
		return fmt.Errorf("write audit record: %w", err)
	}
	return nil
}

// Close closes the file.
func (l *Log) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	c := l.closer
	l.w, l.closer = nil, nil
	if c == nil {
		return nil
	}
	return c.Close()
}
