package engine

import (
	"context"
	"crypto/sha1"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"net"
	"runtime/debug"
	"strings"
	"time"

	"github.com/dolthub/go-mysql-server/server"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/mysql_db"
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
			if u.ReadOnly {
				addReadOnlyUser(ed, u.Name, u.Password)
				e.readOnlyUsers.Store(strings.ToLower(u.Name), true)
				continue
			}
			mdb.AddSuperUser(ed, u.Name, "%", u.Password)
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
		return wireHandler{Handler: h, e: e}, nil
	})
}

// wireHandler wraps go-mysql-server's handler of each client connection:
//   - a statement whose client disconnects is cancelled, API calls included (watchClient);
//   - a panic while running a statement becomes that statement's error, instead of a
//     dropped connection;
//   - short info strings are dropped from OK packets. The pinned vitess writes the info
//     after a stray '#' byte, which clients that negotiated session tracking read as a
//     length of 35: any shorter info ("Statement prepared" after SQL PREPARE) makes the
//     mariadb client fail with "ERROR 2027: Received malformed packet". Longer ones
//     ("Rows matched: ...") come through.
type wireHandler struct {
	mysql.Handler
	e *Engine
}

// statement runs one statement of connection c with the client watched and panics recovered.
func (h wireHandler) statement(ctx context.Context, c *mysql.Conn, run func(ctx context.Context) error) (err error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	stop := watchClient(c.Conn, cancel)
	defer stop()
	defer func() {
		if r := recover(); r != nil {
			h.e.opts.Logger.Error(fmt.Sprintf("panic in a statement of connection %d: %v", c.ConnectionID, r), "stack", string(debug.Stack()))
			err = mysql.NewSQLError(mysql.ERUnknownError, "HY000", "internal error: %v (the server goes on; the log has the details)", r)
		}
	}()
	err = run(ctx)
	if se, ok := err.(*mysql.SQLError); ok {
		return parserCode(se)
	}
	return err
}

func (h wireHandler) ComQuery(ctx context.Context, c *mysql.Conn, query string, cb mysql.ResultSpoolFn) error {
	return h.statement(ctx, c, func(ctx context.Context) error {
		return h.Handler.ComQuery(ctx, c, query, fixInfo(cb))
	})
}

func (h wireHandler) ComMultiQuery(ctx context.Context, c *mysql.Conn, query string, cb mysql.ResultSpoolFn) (rest string, err error) {
	err = h.statement(ctx, c, func(ctx context.Context) error {
		rest, err = h.Handler.ComMultiQuery(ctx, c, query, fixInfo(cb))
		return err
	})
	return rest, err
}

func (h wireHandler) ComStmtExecute(ctx context.Context, c *mysql.Conn, prepare *mysql.PrepareData, cb func(*sqltypes.Result) error) error {
	return h.statement(ctx, c, func(ctx context.Context) error {
		return h.Handler.ComStmtExecute(ctx, c, prepare, cb)
	})
}

func (h wireHandler) ConnectionClosed(c *mysql.Conn) {
	h.e.clients.Delete(c.ConnectionID)
	h.Handler.ConnectionClosed(c)
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
	if ra := conn.RemoteAddr(); ra != nil {
		e.clients.Store(conn.ConnectionID, ra.String())
	}
	s := sql.NewBaseSessionWithClientServer(addr, sql.Client{Address: host, User: user, Capabilities: conn.Capabilities}, conn.ConnectionID)
	e.initSession(sql.NewContext(ctx, sql.WithSession(s)), s)
	return s, nil
}

// addReadOnlyUser adds an account with the privileges to read and to be refused politely:
// SELECT, EXECUTE (credsql refuses mutating procedures itself) and the write privileges
// (credsql refuses every write, naming the account) — but no administrative privilege, so no
// KILL of others' queries, no GRANT, no CREATE USER.
func addReadOnlyUser(ed *mysql_db.Editor, name, password string) {
	privs := mysql_db.NewPrivilegeSet()
	privs.AddGlobalStatic(sql.PrivilegeType_Select, sql.PrivilegeType_Insert, sql.PrivilegeType_Update,
		sql.PrivilegeType_Delete, sql.PrivilegeType_Execute, sql.PrivilegeType_ShowView)
	ed.PutUser(&mysql_db.User{
		User: name, Host: "%", PrivilegeSet: privs, Plugin: "mysql_native_password",
		AuthString: nativePassword(password), PasswordLastChanged: time.Unix(1, 0).UTC(),
	})
}

// nativePassword is mysql_native_password's stored form: "*" and the hex of SHA1(SHA1(pw)).
func nativePassword(pw string) string {
	if pw == "" {
		return ""
	}
	s1 := sha1.Sum([]byte(pw))
	s2 := sha1.Sum(s1[:])
	return "*" + strings.ToUpper(hex.EncodeToString(s2[:]))
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
