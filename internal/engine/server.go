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

	"github.com/dolthub/go-mysql-server/server"
	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"
	"github.com/dolthub/vitess/go/sqltypes"
	querypb "github.com/dolthub/vitess/go/vt/proto/query"
)

// User is a MySQL account of `credsql serve`. It gets exactly the rights its fields give
// (privileges.go): every account may read its connections; the owner (Owner) may do
// everything.
type User struct {
	Name     string
	Password string
	// ReadOnly users may SELECT and call the procedures that change nothing; every write is
	// refused.
	ReadOnly bool
	// RevealSecrets allows SET credsql_reveal_secrets = ON.
	RevealSecrets bool
	// Connections are the connections the user sees and uses; nil means every one.
	Connections []string
	// Admin allows reading the mysql.* grant tables, SHOW PROCESSLIST of every session, KILL
	// and SET GLOBAL.
	Admin bool
	owner bool
}

// noFileAccess is secure_file_priv of the wire server: a directory that cannot exist.
const noFileAccess = "/dev/null/credsql-serves-no-files"

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
	// Logins tunes how failed logins are logged and slowed down.
	Logins LoginOptions
}

// NewServer builds the MySQL wire server; call Start on it to serve.
func (e *Engine) NewServer(o ServerOptions) (*server.Server, error) {
	if len(o.Users) > 0 {
		if err := e.addUsers(o.Users); err != nil {
			return nil, err
		}
	}
	// go-mysql-server checks no privilege for LOAD_FILE(), SELECT ... INTO OUTFILE and LOAD
	// DATA INFILE: only secure_file_priv limits them, and its default allows every file the
	// server may read or write (the vendor tokens among them). A directory inside /dev/null
	// cannot exist, so no client reaches the server's files.
	if err := sql.SystemVariables.AssignValues(map[string]any{"secure_file_priv": noFileAccess}); err != nil {
		return nil, fmt.Errorf("turn off server file access: %w", err)
	}
	e.users.mu.Lock()
	e.users.serving = true
	e.users.mu.Unlock()
	cat := e.sql.Analyzer.Catalog
	if _, ok := cat.AuthHandler.(authHandler); !ok {
		cat.AuthHandler = authHandler{AuthorizationHandler: cat.AuthHandler, e: e}
		cat.InfoSchema = infoSchema{Database: cat.InfoSchema, e: e}
	}
	if _, ok := e.sql.ProcessList.(queryEnd); !ok {
		e.sql.ProcessList = queryEnd{e.sql.ProcessList}
	}
	logins := newLoginGuard(o.Logins, e.opts.Audit, e.opts.Logger)
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
		ProtocolListenerFactory: func(cfg server.Config, lc mysql.ListenerConfig, sel server.ServerEventListener) (server.ProtocolListener, error) {
			lc.AuthServer = logins.wrap(lc.AuthServer)
			return server.MySQLProtocolListenerFactory(cfg, lc, sel)
		},
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
	if err = run(ctx); err != nil {
		return sqlError(err)
	}
	return nil
}

func (h wireHandler) ComPrepare(ctx context.Context, c *mysql.Conn, query string, prepare *mysql.PrepareData) (fields []*querypb.Field, err error) {
	err = h.statement(ctx, c, func(ctx context.Context) error {
		fields, err = h.Handler.ComPrepare(ctx, c, query, prepare)
		h.fieldDefs(fields)
		return err
	})
	return fields, err
}

func (h wireHandler) ComQuery(ctx context.Context, c *mysql.Conn, query string, cb mysql.ResultSpoolFn) error {
	return h.statement(ctx, c, func(ctx context.Context) error {
		return h.Handler.ComQuery(ctx, c, query, h.fixInfo(cb))
	})
}

func (h wireHandler) ComMultiQuery(ctx context.Context, c *mysql.Conn, query string, cb mysql.ResultSpoolFn) (rest string, err error) {
	err = h.statement(ctx, c, func(ctx context.Context) error {
		rest, err = h.Handler.ComMultiQuery(ctx, c, query, h.fixInfo(cb))
		return err
	})
	return rest, err
}

func (h wireHandler) ComStmtExecute(ctx context.Context, c *mysql.Conn, prepare *mysql.PrepareData, cb func(*sqltypes.Result) error) error {
	return h.statement(withBindings(ctx, prepare.BindVars), c, func(ctx context.Context) error {
		return h.Handler.ComStmtExecute(ctx, c, prepare, func(res *sqltypes.Result) error {
			if res != nil {
				h.fieldDefs(res.Fields)
			}
			return cb(res)
		})
	})
}

func (h wireHandler) ConnectionClosed(c *mysql.Conn) {
	h.e.clients.Delete(c.ConnectionID)
	h.Handler.ConnectionClosed(c)
}

// fieldDefs completes the column definitions of a result set as MySQL sends them:
//   - a BOOLEAN column has the display width of its type, TINYINT(1): go-mysql-server sends
//     TINYINT's width 4, and drivers read only TINYINT(1) as a boolean (Connector/J's
//     tinyInt1isBit, Ruby mysql2's cast_booleans, ...). go-mysql-server types every credsql
//     TINYINT column, and every expression of TINYINT type (comparisons, TRUE), as BOOLEAN;
//     a TINYINT of another database (information_schema, mysql) keeps its width;
//   - a key column of a credsql table has PRI_KEY_FLAG, as DESCRIBE shows it (go-mysql-server
//     drops the flag in projections). A column of a table referred to by an alias, or renamed
//     with AS, cannot be traced to its table here and goes without;
//   - a JSON value is sent as MariaDB sends it, as LONGTEXT in utf8mb4 (jsonAsLongText), to
//     every client.
func (h wireHandler) fieldDefs(fields []*querypb.Field) {
	for _, f := range fields {
		jsonAsLongText(f)
		if f.Type == sqltypes.Int8 && (f.Database == DatabaseName || f.Database == "" && f.Table == "") {
			f.ColumnLength = 1
		}
		if f.Database == DatabaseName {
			if t, ok := h.e.tables[f.OrgTable]; ok && t.meta.IsKey(f.OrgName) {
				f.Flags |= uint32(querypb.MySqlFlag_PRI_KEY_FLAG)
			}
		}
	}
}

// jsonAsLongText turns the column definition of a JSON value into MariaDB's: LONGTEXT (type
// 252, BLOB_FLAG, no BINARY_FLAG) in utf8mb4, of length 4294967295. MySQL 8 sends its own JSON
// type (245) in the binary character set, which MariaDB Connector/ODBC 3.1 reports as SQL type
// 0 and pyodbc cannot read; every MySQL and MariaDB client reads a LONGTEXT. The value is the
// same JSON text either way.
func jsonAsLongText(f *querypb.Field) {
	if f.Type != sqltypes.TypeJSON {
		return
	}
	f.Type = sqltypes.Text
	f.Charset = utf8mb4Charset
	f.ColumnLength = 4294967295
	f.Flags = f.Flags&^uint32(querypb.MySqlFlag_BINARY_FLAG) | uint32(querypb.MySqlFlag_BLOB_FLAG)
}

// utf8mb4Charset is utf8mb4_0900_ai_ci, the collation id go-mysql-server sends for its text
// columns.
const utf8mb4Charset = 255

func (h wireHandler) fixInfo(cb mysql.ResultSpoolFn) mysql.ResultSpoolFn {
	return func(res *sqltypes.Result, more bool) error {
		if res != nil && res.Info != "" && len(res.Info) < '#' {
			res.Info = ""
		}
		if res != nil {
			h.fieldDefs(res.Fields)
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
	sctx := sql.NewContext(withEngine(ctx, e), sql.WithSession(s))
	e.initSession(sctx, s)
	if tc, ok := conn.Conn.(*tls.Conn); ok {
		st := tc.ConnectionState()
		_ = s.SetStatusVariable(sctx, "Ssl_version", tlsVersionName(st.Version))
		_ = s.SetStatusVariable(sctx, "Ssl_cipher", tls.CipherSuiteName(st.CipherSuite))
	}
	return session{s}, nil
}

// tlsVersionName is a TLS version as MySQL's Ssl_version names it.
func tlsVersionName(v uint16) string {
	switch v {
	case tls.VersionTLS10:
		return "TLSv1"
	case tls.VersionTLS11:
		return "TLSv1.1"
	case tls.VersionTLS12:
		return "TLSv1.2"
	case tls.VersionTLS13:
		return "TLSv1.3"
	}
	return tls.VersionName(v)
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

type noPersist struct{}

func (noPersist) Persist(*sql.Context, []byte) error {
	return fmt.Errorf("credsql keeps its users in its configuration; CREATE USER and GRANT are not persisted")
}
