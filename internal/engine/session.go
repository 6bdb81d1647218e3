package engine

import (
	"context"
	"io"
	"iter"

	"github.com/dolthub/go-mysql-server/sql"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/sqltext"
)

// inProcess is the server address of in-process sessions.
const inProcess = "in-process"

// Session runs queries in-process, for the REPL and `credsql query`: one MySQL session whose
// variables (SET credsql_reveal_secrets = ON, ...) persist across statements.
type Session struct {
	e    *Engine
	sess *sql.BaseSession
}

// NewSession opens an in-process session.
func (e *Engine) NewSession(user string) *Session {
	id := uint32(e.pids.Add(1))
	sess := sql.NewBaseSessionWithClientServer(inProcess, sql.Client{User: user, Address: "localhost"}, id)
	s := &Session{e: e, sess: sess}
	e.initSession(sql.NewContext(withEngine(context.Background(), e), sql.WithSession(sess)), sess)
	return s
}

// Result is a running statement.
type Result struct {
	Schema sql.Schema
	Stats  *fetch.Stats
	ctx    *sql.Context
	iter   sql.RowIter
	cancel context.CancelFunc
}

// Query starts one statement. Its rows are produced while iterating (writes and procedure
// calls happen then too); cancelling ctx stops it, in-flight API calls included.
func (s *Session) Query(ctx context.Context, query string) (*Result, error) {
	ctx, cancel := context.WithCancel(ctx)
	stats := fetch.StatsFrom(ctx)
	if stats == nil {
		stats = &fetch.Stats{}
		ctx = fetch.WithStats(ctx, stats)
	}
	sctx := s.e.NewContext(ctx, sql.WithSession(session{s.sess}), sql.WithPid(s.e.pids.Add(1)), sql.WithQuery(query))
	sctx.SetCurrentDatabase(DatabaseName)
	schema, iter, _, err := s.e.sql.Query(sctx, query)
	if err != nil {
		cancel()
		return nil, sqlError(err)
	}
	return &Result{Schema: schema, Stats: stats, ctx: sctx, iter: iter, cancel: cancel}, nil
}

// Next returns the next row, or io.EOF.
func (r *Result) Next() (sql.Row, error) {
	row, err := r.iter.Next(r.ctx)
	if err != nil && err != io.EOF {
		return nil, sqlError(err)
	}
	return row, err
}

// Rows iterates over the remaining rows; an error ends it. It does not close the result.
func (r *Result) Rows() iter.Seq2[sql.Row, error] {
	return func(yield func(sql.Row, error) bool) {
		for {
			row, err := r.Next()
			if err == io.EOF {
				return
			}
			if !yield(row, err) || err != nil {
				return
			}
		}
	}
}

// Close ends the statement, writing its reveal records (reveal.go).
func (r *Result) Close() error {
	err := r.iter.Close(r.ctx)
	revealFlush(r.ctx)
	r.cancel()
	return err
}

// Context is the statement's SQL context.
func (r *Result) Context() *sql.Context { return r.ctx }

// SplitStatements splits a script into statements on semicolons outside quotes and
// comments; empty statements are dropped.
func SplitStatements(script string) []string { return sqltext.Statements(script) }
