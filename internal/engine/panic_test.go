package engine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net"
	"strings"
	"testing"

	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
	_ "github.com/go-sql-driver/mysql"

	"github.com/credsql/credsql/internal/demo"
	"github.com/credsql/credsql/internal/routes"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
)

// boom is a table whose every code path panics, as a bug meeting unexpected vendor data
// would: its list after one row, its get (run concurrently by a key lookup's fan-out), and
// its procedure.
var boom = &tables.Table[string]{
	Name: "zz_boom", Doc: "A table that panics.", Vendor: tables.Okta, Route: routes.Route{Vendor: tables.Okta, Method: "GET", Path: "/boom"}, Keys: []string{"id"},
	List: func(ctx context.Context, c *tables.Conn, k tables.Values) iter.Seq2[string, error] {
		return func(yield func(string, error) bool) {
			if !yield("first", nil) {
				return
			}
			panic("boom in list")
		}
	},
	Get: func(ctx context.Context, c *tables.Conn, k tables.Values) (string, error) {
		if k.Str("id") == "b" {
			panic("boom in get")
		}
		return k.Str("id"), nil
	},
	Columns: []tables.Column[string]{{Name: "id", Type: tables.String, Doc: "Id.", Get: func(s string) any { return s }}},
	Procedures: []tables.Procedure[string]{{Name: "explode", Doc: "Panics.", Mutating: false,
		Run: func(ctx context.Context, c *tables.Conn, a tables.Values) (string, []any, error) {
			panic("boom in procedure")
		}}},
}

// boomChild is a child of zz_boom: listing it without its parent key lists zz_boom in a
// fan-out goroutine.
var boomChild = &tables.Table[string]{
	Name: "zz_boom_child", Doc: "A child of the table that panics.", Vendor: tables.Okta, Route: routes.Route{Vendor: tables.Okta, Method: "GET", Path: "/boom/{id}/child"},
	Keys: []string{"boom_id"}, Parent: &tables.Parent{Table: "zz_boom", Column: "boom_id", Key: "id"},
	List: func(ctx context.Context, c *tables.Conn, k tables.Values) iter.Seq2[string, error] {
		return func(yield func(string, error) bool) { yield(k.Str("boom_id"), nil) }
	},
	Columns: []tables.Column[string]{{Name: "boom_id", Type: tables.String, Doc: "Parent id.", Get: func(s string) any { return s }}},
}

// withBoom starts an engine over the demo simulator with zz_boom added, and its wire server.
func withBoom(t *testing.T) (*Engine, string) {
	t.Helper()
	s, cfg := demo.Start(sim.Options{})
	t.Cleanup(s.Close)
	var conns []*tables.Conn
	for _, cc := range cfg.Connections {
		c, err := tables.Open(cc, tables.Settings{})
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	e, err := New(Options{Conns: conns})
	if err != nil {
		t.Fatal(err)
	}
	tb := newTable(e, guard(boom, e.opts.Logger))
	e.tables[tb.meta.Name] = tb
	child := newTable(e, guard(boomChild, e.opts.Logger))
	e.tables[child.meta.Name] = child
	p := e.sql.Analyzer.Catalog.DbProvider.(*provider)
	for _, pm := range tb.meta.Procedures {
		for _, withConn := range []bool{false, true} {
			d, err := e.procedure(pm, len(pm.Params), withConn)
			if err != nil {
				t.Fatal(err)
			}
			p.procs.Register(d)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := e.NewServer(ServerOptions{Listener: ln, Users: []User{{Name: "u", Password: "pw"}}})
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Start() }()
	t.Cleanup(func() { _ = srv.Close() })
	return e, ln.Addr().String()
}

// A panic inside a query is that query's error: the connection and the server go on.
func TestPanicIsTheQuerysError(t *testing.T) {
	t.Parallel()
	e, addr := withBoom(t)
	db, err := sql.Open("mysql", "u:pw@tcp("+addr+")/credsql")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: it must survive every panic
	for _, tc := range []struct{ sql, want string }{
		{"SELECT * FROM zz_boom", "internal error in the scan of table zz_boom: boom in list"},
		{"SELECT * FROM zz_boom WHERE id IN ('a', 'b', 'c', 'd')", "internal error in a lookup of table zz_boom: boom in get"},
		{"CALL zz_boom_explode()", "internal error in procedure explode of table zz_boom: boom in procedure"},
		{"SELECT * FROM zz_boom_child", "internal error in the scan of table zz_boom: boom in list"},
	} {
		rows, err := db.Query(tc.sql)
		if err == nil {
			for rows.Next() {
			}
			err = rows.Err()
			rows.Close()
		}
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error containing %q", tc.sql, err, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "goroutine ") {
			t.Errorf("%s: the error carries a stack trace: %v", tc.sql, err)
		}
		var n int
		if err := db.QueryRow("SELECT COUNT(*) FROM apps").Scan(&n); err != nil || n == 0 {
			t.Fatalf("after %s: %d, %v: the connection or the server did not survive", tc.sql, n, err)
		}
	}
	// In-process too (the REPL and `credsql query` have no server to protect them).
	s := e.NewSession("u")
	res, err := s.Query(context.Background(), "SELECT * FROM zz_boom WHERE id IN ('a', 'b')")
	if err == nil {
		for {
			if _, err = res.Next(); err != nil {
				break
			}
		}
		res.Close()
	}
	if err == nil || !strings.Contains(err.Error(), "boom in get") {
		t.Errorf("in-process: %v", err)
	}
}

// panicky is a wire handler whose statements panic, as a bug inside go-mysql-server would.
type panicky struct{ mysql.Handler }

func (panicky) ComQuery(context.Context, *mysql.Conn, string, mysql.ResultSpoolFn) error {
	panic(fmt.Sprintf("boom in %s", "the handler"))
}

func TestWireHandlerRecoversPanics(t *testing.T) {
	t.Parallel()
	e := &Engine{opts: Options{Logger: slog.New(slog.DiscardHandler)}}
	h := wireHandler{Handler: panicky{}, e: e}
	err := h.ComQuery(context.Background(), &mysql.Conn{ConnectionID: 7}, "SELECT 1", func(*sqltypes.Result, bool) error { return nil })
	var se *mysql.SQLError
	if err == nil || !errors.As(err, &se) || se.Num != mysql.ERUnknownError || !strings.Contains(se.Message, "internal error: boom in the handler") {
		t.Errorf("error %v, want a MySQL error saying what panicked", err)
	}
}
