package engine

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"strings"

	"github.com/dolthub/go-mysql-server/server"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
)

// User is a MySQL account of `credsql serve`.
type User struct {
	Name     string
	Password string
	// ReadOnly users may SELECT and call read-only procedures; every write is refused.
	ReadOnly bool
}

// ServerOptions configure the wire server.
type ServerOptions struct {
	Listen     string       // host:port
	Listener   net.Listener // used instead of Listen when set
	Socket     string       // optional unix socket
	Users      []User       // none: any user and password is accepted (loopback only; cmd enforces)
	TLS        *tls.Config
	RequireTLS bool
	// MaxConnections bounds client connections (default 256).
	MaxConnections uint64
}

// NewServer builds the MySQL wire server; call Start on it to serve.
func (e *Engine) NewServer(o ServerOptions) (*server.Server, error) {
	if len(o.Users) > 0 {
		mdb := e.sql.Analyzer.Catalog.MySQLDb
		mdb.SetPersister(noPersist{})
		ed := mdb.Editor()
		for _, u := range o.Users {
			mdb.AddSuperUser(ed, u.Name, "%", u.Password)
			if u.ReadOnly {
				e.readOnlyUsers.Store(strings.ToLower(u.Name), true)
			}
		}
		ed.Close()
	}
	max := o.MaxConnections
	if max == 0 {
		max = 256
	}
	cfg := server.Config{
		Protocol:               "tcp",
		Address:                o.Listen,
		Listener:               o.Listener,
		Socket:                 o.Socket,
		TLSConfig:              o.TLS,
		RequireSecureTransport: o.RequireTLS,
		MaxConnections:         max,
		Version:                "8.0.33-credsql",
	}
	return server.NewServerWithHandler(cfg, e.sql, e.NewContext, e.sessionBuilder, nil, func(h mysql.Handler) (mysql.Handler, error) {
		return infoFix{h}, nil
	})
}

// infoFix drops short info strings from OK packets. The pinned vitess writes the info
// after a stray '#' byte, which clients that negotiated session tracking read as a length
// of 35: any shorter info ("Statement prepared" after SQL PREPARE) makes the mariadb client
// fail with "ERROR 2027: Received malformed packet". Longer ones ("Rows matched: ...") come
// through.
type infoFix struct{ mysql.Handler }

func (h infoFix) ComQuery(ctx context.Context, c *mysql.Conn, query string, cb mysql.ResultSpoolFn) error {
	return h.Handler.ComQuery(ctx, c, query, fixInfo(cb))
}

func (h infoFix) ComMultiQuery(ctx context.Context, c *mysql.Conn, query string, cb mysql.ResultSpoolFn) (string, error) {
	return h.Handler.ComMultiQuery(ctx, c, query, fixInfo(cb))
}

func fixInfo(cb mysql.ResultSpoolFn) mysql.ResultSpoolFn {
	return func(res *sqltypes.Result, more bool) error {
		if res != nil && res.Info != "" && len(res.Info) < '#' {
			res.Info = ""
		}
		return cb(res, more)
	}
}

func (e *Engine) sessionBuilder(ctx context.Context, conn *mysql.Conn, addr string) (sql.Session, error) {
	host, user := "", ""
	if u, ok := conn.UserData.(sql.MysqlConnectionUser); ok {
		host, user = u.Host, u.User
	}
	s := sql.NewBaseSessionWithClientServer(addr, sql.Client{Address: host, User: user, Capabilities: conn.Capabilities}, conn.ConnectionID)
	e.initSession(sql.NewContext(ctx, sql.WithSession(s)), s)
	return s, nil
}

// userReadOnly reports whether the session's user is a read-only account.
func (e *Engine) userReadOnly(ctx *sql.Context) bool {
	if ctx.Session == nil {
		return false
	}
	_, ok := e.readOnlyUsers.Load(strings.ToLower(ctx.Session.Client().User))
	return ok
}

func readOnlyUserError(ctx *sql.Context, what string) error {
	return mysql.NewSQLError(mysql.EROptionPreventsStatement, "HY000",
		"user %q is read-only, so it cannot execute %s", ctx.Session.Client().User, what)
}

type noPersist struct{}

func (noPersist) Persist(*sql.Context, []byte) error {
	return fmt.Errorf("credsql keeps its users in its configuration; CREATE USER and GRANT are not persisted")
}
