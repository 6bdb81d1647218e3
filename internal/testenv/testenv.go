// Package testenv runs credsql end to end for tests: the simulator on loopback, connections
// to it, the engine, an in-process session and the MySQL wire server with a
// go-sql-driver/mysql client. Query tests are data (Case) and run both ways.
package testenv

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"regexp"
	"strings"
	"testing"
	"time"

	gsql "github.com/dolthub/go-mysql-server/sql"
	"github.com/go-sql-driver/mysql"

	"github.com/credsql/credsql/internal/config"
	"github.com/credsql/credsql/internal/demo"
	"github.com/credsql/credsql/internal/engine"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
)

// Env is a running credsql against a simulator.
type Env struct {
	T       testing.TB
	Sim     *sim.Server
	Config  *config.Config
	Conns   []*tables.Conn
	Engine  *engine.Engine
	Session *engine.Session

	addr string
	db   *sql.DB
}

// Options tune an Env.
type Options struct {
	Sim      sim.Options
	Settings tables.Settings
	Engine   engine.Options
	// Configure edits the connections before they are opened.
	Configure func(*config.Config)
	// ConfigureSim is Configure with the simulator at hand (start its TLS listener, use its
	// client certificate); it runs after Configure.
	ConfigureSim func(*sim.Server, *config.Config)
	// NoWire skips the MySQL server.
	NoWire bool
}

// New starts a simulator (PageSize 2 unless set, so that every multi-page path runs), opens
// one "demo" connection per vendor to it, and builds the engine and the wire server.
func New(t testing.TB, o Options) *Env {
	t.Helper()
	if o.Sim.PageSize == 0 {
		o.Sim.PageSize = 2
	}
	s, cfg := demo.Start(o.Sim)
	t.Cleanup(s.Close)
	if o.Configure != nil {
		o.Configure(cfg)
	}
	if o.ConfigureSim != nil {
		o.ConfigureSim(s, cfg)
	}
	e := &Env{T: t, Sim: s, Config: cfg}
	for _, cc := range cfg.Connections {
		c, err := tables.Open(cc, o.Settings)
		if err != nil {
			t.Fatalf("open connection %s/%s: %v", cc.Vendor, cc.Name, err)
		}
		e.Conns = append(e.Conns, c)
	}
	eo := o.Engine
	eo.Conns = e.Conns
	eng, err := engine.New(eo)
	if err != nil {
		t.Fatalf("engine: %v", err)
	}
	e.Engine = eng
	e.Session = eng.NewSession("test")
	if !o.NoWire {
		e.startWire()
	}
	return e
}

func (e *Env) startWire() {
	t := e.T
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv, err := e.Engine.NewServer(engine.ServerOptions{Listener: ln, Users: []engine.User{engine.Owner("test", "test-password")}})
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Start() }()
	t.Cleanup(func() { _ = srv.Close() })
	e.addr = ln.Addr().String()
}

// Addr is the wire server's address.
func (e *Env) Addr() string { return e.addr }

// DSN is a go-sql-driver/mysql DSN for the wire server.
func (e *Env) DSN() string {
	c := mysql.NewConfig()
	c.User, c.Passwd, c.Net, c.Addr, c.DBName = "test", "test-password", "tcp", e.addr, engine.DatabaseName
	c.ParseTime = true
	c.InterpolateParams = false
	return c.FormatDSN()
}

// DB is a database/sql pool over the wire (one connection, so session variables stick).
func (e *Env) DB() *sql.DB {
	if e.db == nil {
		db, err := sql.Open("mysql", e.DSN())
		if err != nil {
			e.T.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		e.T.Cleanup(func() { _ = db.Close() })
		e.db = db
	}
	return e.db
}

// Query runs a statement in-process and returns its rows as plain values.
func (e *Env) Query(q string) ([][]any, error) {
	return QuerySession(context.Background(), e.Session, q)
}

// MustQuery is Query failing the test on error.
func (e *Env) MustQuery(q string) [][]any {
	e.T.Helper()
	rows, err := e.Query(q)
	if err != nil {
		e.T.Fatalf("%s: %v", q, err)
	}
	return rows
}

// QuerySession runs a statement in a session and collects its rows (for an OK result, one row
// holding the rows affected).
func QuerySession(ctx context.Context, s *engine.Session, q string) ([][]any, error) {
	res, err := s.Query(ctx, q)
	if err != nil {
		return nil, err
	}
	defer res.Close()
	var out [][]any
	for row, err := range res.Rows() {
		if err != nil {
			return out, err
		}
		if n, ok := engine.RowsAffected(row); ok && res.IsOK() {
			out = append(out, []any{int64(n)})
			continue
		}
		out = append(out, plainRow(row))
	}
	return out, nil
}

func plainRow(row gsql.Row) []any {
	out := engine.PlainRow(row)
	for i, v := range out {
		out[i] = normalize(v)
	}
	return out
}

// normalize maps values to the forms both paths agree on: integers as int64, times in UTC,
// everything else as strings.
func normalize(v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case int:
		return int64(x)
	case uint64:
		return int64(x)
	case uint32:
		return int64(x)
	case uint8:
		return int64(x)
	case int64:
		return x
	case time.Time:
		return x.UTC().Truncate(time.Microsecond)
	case []byte:
		return string(x)
	case float64:
		return x
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// WireQuery runs a statement over the MySQL wire protocol with go-sql-driver/mysql. With
// args, the driver prepares the statement on the server and executes it with them (the DSN
// turns client-side interpolation off).
func (e *Env) WireQuery(q string, args ...any) ([][]any, error) {
	db := e.DB()
	if isWrite(q) {
		res, err := db.Exec(q, args...)
		if err != nil {
			return nil, err
		}
		n, err := res.RowsAffected()
		return [][]any{{n}}, err
	}
	rows, err := db.Query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	var out [][]any
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make([]any, len(cols))
		for i, v := range vals {
			row[i] = wireValue(cols[i], v)
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

func wireValue(ct *sql.ColumnType, v any) any {
	b, ok := v.([]byte)
	if !ok {
		return normalize(v)
	}
	s := string(b)
	switch ct.DatabaseTypeName() {
	case "TINYINT", "SMALLINT", "INT", "BIGINT", "MEDIUMINT":
		var n int64
		if _, err := fmt.Sscan(s, &n); err == nil {
			return n
		}
	case "DATETIME", "TIMESTAMP":
		for _, layout := range []string{"2006-01-02 15:04:05.999999", "2006-01-02 15:04:05"} {
			if t, err := time.Parse(layout, s); err == nil {
				return t.UTC()
			}
		}
	}
	return s
}

// isWrite reports whether a statement returns no rows: a write without RETURNING, or SET.
func isWrite(q string) bool {
	w := strings.ToUpper(strings.Fields(strings.TrimSpace(q) + " x")[0])
	switch w {
	case "INSERT", "UPDATE", "DELETE":
		return !returning.MatchString(q)
	case "SET":
		return true
	}
	return false
}

var returning = regexp.MustCompile(`(?is)\bRETURNING\b[^']*$`)
