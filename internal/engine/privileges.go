package engine

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/mysql_db"
	"github.com/dolthub/vitess/go/mysql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"

	"github.com/credsql/credsql/internal/tables"
)

// What a wire user may do is in two places that must agree: the grants go-mysql-server keeps
// in its mysql database (they decide SELECT, INSERT, UPDATE, DELETE and CALL, the mysql.*
// tables, SHOW PROCESSLIST and KILL, and they are what SHOW GRANTS and
// information_schema.*_PRIVILEGES show), and credsql's own record of each account (access),
// which decides what grants cannot say: which connections the user sees, and whether it may
// reveal secrets. credsql's own checks repeat the grants' decisions where they matter (a
// write, a reveal), so that neither layer alone decides what a user may do.
//
//	account                  grants                                          credsql
//	every user               SELECT ON credsql.*                             its connections only
//	writer (not read_only)   + INSERT, UPDATE, DELETE, EXECUTE ON credsql.*
//	reveal_secrets           + CREDSQL_REVEAL_SECRETS ON *.*                 may reveal
//	admin                    + SELECT, PROCESS, SUPER ON *.*                 mysql.*, every session
//	owner (--user)           ALL PRIVILEGES ON *.* and CREDSQL_REVEAL_SECRETS, every connection
//
// No wire client reaches the server's files, and nobody changes accounts or grants at run
// time (checkStatement).

// PrivRevealSecrets is the dynamic privilege (shown by SHOW GRANTS) of a user who may SET
// credsql_reveal_secrets = ON.
const PrivRevealSecrets = "CREDSQL_REVEAL_SECRETS"

// MySQL error numbers of access refusals.
const (
	// erDBAccessDenied (ER_DBACCESS_DENIED_ERROR) refuses a database, and a connection the
	// user does not have.
	erDBAccessDenied = mysql.ERDBAccessDenied // 1044
	// erSpecificAccessDenied (ER_SPECIFIC_ACCESS_DENIED_ERROR) refuses what needs a global
	// privilege: SET credsql_reveal_secrets = ON, SET GLOBAL, KILL, SHOW PROCESSLIST.
	erSpecificAccessDenied = mysql.ERSpecifiedAccessDenied // 1227
	// erTableAccessDenied (ER_TABLEACCESS_DENIED_ERROR) refuses a statement on a table.
	erTableAccessDenied = 1142
	// erProcAccessDenied (ER_PROCACCESS_DENIED_ERROR) refuses a CALL.
	erProcAccessDenied = 1370
)

// access is what one account may do, as credsql enforces it.
type access struct {
	write, reveal, admin bool
	// conns are the connections the user sees; nil means every connection.
	conns map[string]bool
}

// ownerAccess is the access of the owner (--user), and of every session, in-process ones
// included, when no account is configured (the shell, `credsql query`, a loopback server that
// accepts any login).
var ownerAccess = access{write: true, reveal: true, admin: true}

// users holds the accounts of the wire server, by exact name (MySQL user names are case
// sensitive).
type users struct {
	mu sync.RWMutex
	m  map[string]access
	// serving: the engine serves the wire, whose clients never reach the server's files.
	serving bool
}

// Owner is the account of --user/--password: it may read, write and reveal on every
// connection, and administer the server.
func Owner(name, password string) User {
	return User{Name: name, Password: password, RevealSecrets: true, Admin: true, owner: true}
}

// access returns the rights of the statement's user. With no account configured every
// session is the owner's; with accounts, a user that is not one of them may do nothing
// (go-mysql-server refuses it first).
func (e *Engine) access(ctx *sql.Context) access {
	e.users.mu.RLock()
	defer e.users.mu.RUnlock()
	if len(e.users.m) == 0 {
		return ownerAccess
	}
	none := access{conns: map[string]bool{}}
	if ctx == nil || ctx.Session == nil {
		return none
	}
	if a, ok := e.users.m[ctx.Session.Client().User]; ok {
		return a
	}
	return none
}

// userReadOnly reports whether the session's user may not write.
func (e *Engine) userReadOnly(ctx *sql.Context) bool { return !e.access(ctx).write }

// addUsers records the accounts and puts them, with their grants, into go-mysql-server's
// mysql database. Each account's connections must be configured ones.
func (e *Engine) addUsers(list []User) error {
	known := map[string]bool{}
	var names []string
	for _, cs := range e.conns {
		for _, c := range cs {
			if !known[c.Name] {
				known[c.Name] = true
				names = append(names, c.Name)
			}
		}
	}
	sort.Strings(names)
	for _, u := range list {
		for _, c := range u.Connections {
			if !known[c] {
				return fmt.Errorf("server user %q: connection %q is not configured (configured: %s)", u.Name, c, strings.Join(names, ", "))
			}
		}
	}
	mdb := e.sql.Analyzer.Catalog.MySQLDb
	mdb.SetPersister(noPersist{})
	ed := mdb.Editor()
	defer ed.Close()
	e.users.mu.Lock()
	defer e.users.mu.Unlock()
	if e.users.m == nil {
		e.users.m = map[string]access{}
	}
	for _, u := range list {
		a := access{write: !u.ReadOnly, reveal: u.RevealSecrets, admin: u.Admin}
		if u.Connections != nil {
			a.conns = map[string]bool{}
			for _, c := range u.Connections {
				a.conns[c] = true
			}
		}
		e.users.m[u.Name] = a
		privs := e.grants(u)
		ed.PutUser(&mysql_db.User{
			User: u.Name, Host: "%", PrivilegeSet: privs, Plugin: "mysql_native_password",
			AuthString: nativePassword(u.Password), PasswordLastChanged: time.Unix(1, 0).UTC(), IsSuperUser: u.owner,
		})
	}
	mdb.SetEnabled(true)
	return nil
}

// grants are the privileges go-mysql-server holds for an account (see the table above).
// Database-level grants on credsql, never global ones, give the data; a read-only account
// may still CALL the procedures that change nothing.
func (e *Engine) grants(u User) mysql_db.PrivilegeSet {
	if u.owner {
		ps := mysql_db.NewPrivilegeSetWithAllPrivileges()
		ps.AddGlobalDynamic(false, PrivRevealSecrets)
		return ps
	}
	ps := mysql_db.NewPrivilegeSet()
	if u.ReadOnly {
		ps.AddDatabase(DatabaseName, sql.PrivilegeType_Select)
		for _, p := range e.procs {
			if !p.Mutating {
				ps.AddRoutine(DatabaseName, p.FullName, true, sql.PrivilegeType_Execute)
			}
		}
	} else {
		ps.AddDatabase(DatabaseName, sql.PrivilegeType_Select, sql.PrivilegeType_Insert, sql.PrivilegeType_Update,
			sql.PrivilegeType_Delete, sql.PrivilegeType_Execute)
	}
	if u.Admin {
		ps.AddGlobalStatic(sql.PrivilegeType_Select, sql.PrivilegeType_Process, sql.PrivilegeType_Super)
	}
	if u.RevealSecrets {
		ps.AddGlobalDynamic(false, PrivRevealSecrets)
	}
	return ps
}

// account is the user as MySQL names it in errors: 'name'@'host'.
func account(ctx *sql.Context) string {
	if ctx == nil || ctx.Session == nil {
		return "''@''"
	}
	c := ctx.Session.Client()
	host := c.Address
	if host == "" {
		host = "%"
	}
	return "'" + c.User + "'@'" + host + "'"
}

func userName(ctx *sql.Context) string {
	if ctx == nil || ctx.Session == nil {
		return ""
	}
	return ctx.Session.Client().User
}

// readOnlyUserError refuses a write of a read-only user as go-mysql-server's grants do:
// 1142 for a statement on a table, 1370 for a CALL.
func readOnlyUserError(ctx *sql.Context, op, object string) error {
	why := fmt.Sprintf("user %q is read-only", userName(ctx))
	if op == "CALL" {
		return mysql.NewSQLError(erProcAccessDenied, "42000", "execute command denied to user %s for routine '%s.%s' (%s)",
			account(ctx), DatabaseName, object, why)
	}
	return mysql.NewSQLError(erTableAccessDenied, "42000", "%s command denied to user %s for table '%s.%s' (%s)",
		op, account(ctx), DatabaseName, object, why)
}

// needPrivilege is MySQL's refusal of what needs a global privilege.
func needPrivilege(ctx *sql.Context, privs, why string) error {
	return mysql.NewSQLError(erSpecificAccessDenied, "42000",
		"Access denied; you need (at least one of) the %s privilege(s) for this operation (user %q %s)", privs, userName(ctx), why)
}

// connDenied refuses a connection the user does not have, naming it and the user's own.
func connDenied(ctx *sql.Context, a access, name string) error {
	var mine []string
	for c := range a.conns {
		mine = append(mine, c)
	}
	sort.Strings(mine)
	return mysql.NewSQLError(erDBAccessDenied, "42000", "Access denied for user %s to connection '%s' (its connections: %s)",
		account(ctx), name, strings.Join(mine, ", "))
}

// userConns is selectConns for the statement's user: the connections the plan pins or the
// vendor has, but only the user's own. A plan that names another connection is refused
// before any API call.
func (e *Engine) userConns(ctx *sql.Context, v tables.Vendor, lp *lookupPlan) ([]*tables.Conn, error) {
	a := e.access(ctx)
	if a.conns != nil && lp != nil {
		for _, name := range lp.conns {
			// "" is a join's NULL connection: it matches no connection, as before.
			if name != "" && !a.conns[name] {
				return nil, connDenied(ctx, a, name)
			}
		}
	}
	conns, err := e.selectConns(v, lp)
	if err != nil || a.conns == nil {
		return conns, err
	}
	var out []*tables.Conn
	for _, c := range conns {
		if a.conns[c.Name] {
			out = append(out, c)
		}
	}
	return out, nil
}

// userConnFor is connFor for the statement's user: a named connection must be the user's,
// and without a name the user's only connection of the vendor is used.
func (e *Engine) userConnFor(ctx *sql.Context, v tables.Vendor, name string) (*tables.Conn, error) {
	a := e.access(ctx)
	if a.conns == nil {
		return e.connFor(v, name)
	}
	if name != "" {
		if !a.conns[name] {
			return nil, connDenied(ctx, a, name)
		}
		return e.connFor(v, name)
	}
	var mine []*tables.Conn
	for _, c := range e.conns[v] {
		if a.conns[c.Name] {
			mine = append(mine, c)
		}
	}
	switch len(mine) {
	case 0:
		return nil, mysql.NewSQLError(erDBAccessDenied, "42000", "Access denied for user %s to every %s connection", account(ctx), v.Title())
	case 1:
		return e.connFor(v, mine[0].Name)
	}
	var names []string
	for _, c := range mine {
		names = append(names, c.Name)
	}
	return nil, fmt.Errorf("several %s connections are configured (%s): say which with the connection column or parameter", v.Title(), strings.Join(names, ", "))
}

// connVisible reports whether the user sees a connection (credsql_connections).
func (e *Engine) connVisible(ctx *sql.Context, name string) bool {
	a := e.access(ctx)
	return a.conns == nil || a.conns[name]
}

// engineKey carries the engine in a statement's context, for the checks go-mysql-server
// calls without it (a system variable's NotifyChanged).
type engineKey struct{}

func withEngine(ctx context.Context, e *Engine) context.Context {
	return context.WithValue(ctx, engineKey{}, e)
}

// checkReveal refuses SET credsql_reveal_secrets = ON to a user without reveal_secrets, in
// every form (SET, SET SESSION, SET @@..., a prepared SET): go-mysql-server calls it for
// every change of the variable.
func checkReveal(ctx *sql.Context, _ sql.SystemVariableScope, v sql.SystemVarValue) error {
	e, ok := ctx.Value(engineKey{}).(*Engine)
	if !ok || !truthy(v.Val) || e.access(ctx).reveal {
		return nil
	}
	return needPrivilege(ctx, PrivRevealSecrets, "may not reveal secrets: reveal_secrets is not set for it")
}

func truthy(v any) bool {
	switch x := v.(type) {
	case int8:
		return x != 0
	case int64:
		return x != 0
	case int:
		return x != 0
	case bool:
		return x
	}
	return false
}

// checkStatement guards a parsed statement by who runs it: accounts and grants come from the
// configuration (no CREATE USER, GRANT, ...); SHOW GRANTS of one's own account needs no
// privilege (as in MySQL); SET GLOBAL and SET PERSIST need an admin; credsql_reveal_secrets
// has no global value; a wire client reads and writes no file of the server.
func (e *Engine) checkStatement(ctx *sql.Context, stmt ast.Statement) error {
	e.users.mu.RLock()
	serving := e.users.serving
	e.users.mu.RUnlock()
	if serving {
		if err := ast.Walk(serverFiles, stmt); err != nil {
			return err
		}
	}
	if n, ok := stmt.(ast.AuthNode); ok {
		switch n.GetAuthInformation().AuthType {
		case ast.AuthType_CREATE_USER, ast.AuthType_ALTER_USER, ast.AuthType_CREATE_ROLE, ast.AuthType_DROP_ROLE,
			ast.AuthType_GRANT_PRIVILEGE, ast.AuthType_GRANT_PROXY, ast.AuthType_GRANT_ROLE,
			ast.AuthType_REVOKE_ALL, ast.AuthType_REVOKE_PRIVILEGE, ast.AuthType_REVOKE_PROXY, ast.AuthType_REVOKE_ROLE:
			return accountsFromConfig()
		}
	}
	switch s := stmt.(type) {
	case *ast.ShowGrants:
		if s.For == nil || s.CurrentUser || s.For.Name == userName(ctx) && (s.For.AnyHost || s.For.Host == "" || s.For.Host == "%") {
			s.SetAuthType(ast.AuthType_IGNORE)
		}
	case *ast.Set:
		for _, x := range s.Exprs {
			name := ""
			if x.Name != nil {
				name = strings.ToLower(x.Name.String())
			}
			global := x.Scope == ast.SetScope_Global || x.Scope == ast.SetScope_Persist || x.Scope == ast.SetScope_PersistOnly ||
				strings.HasPrefix(name, "@@global.") || strings.HasPrefix(name, "@@persist")
			if !global {
				continue
			}
			if strings.HasSuffix(name, VarRevealSecrets) {
				return mysql.NewSQLError(mysql.ERLocalVariable, "HY000",
					"Variable '%s' is a SESSION variable and can't be used with SET GLOBAL: one session's choice never reveals secrets to another", VarRevealSecrets)
			}
			if !e.access(ctx).admin {
				return needPrivilege(ctx, "SUPER or SYSTEM_VARIABLES_ADMIN", "is not an admin, so it cannot execute SET GLOBAL")
			}
		}
	}
	return nil
}

// serverFiles refuses what reads or writes a file of the server: LOAD_FILE(), SELECT ... INTO
// OUTFILE or DUMPFILE, LOAD DATA INFILE (LOAD DATA LOCAL reads the client's file). go-mysql-server
// checks no privilege for them; the server's secure_file_priv (noFileAccess) stops them too.
func serverFiles(n ast.SQLNode) (bool, error) {
	refuse := false
	switch x := n.(type) {
	case *ast.FuncExpr:
		refuse = x.Name.Lowered() == "load_file"
	case *ast.Into:
		refuse = x != nil && (x.Outfile != "" || x.Dumpfile != "")
	case *ast.Load:
		refuse = !bool(x.Local)
	}
	if refuse {
		return false, mysql.NewSQLError(mysql.EROptionPreventsStatement, "HY000",
			"The MySQL server is running with the --secure-file-priv option so it cannot execute this statement: credsql serve reads and writes no file of its host")
	}
	return true, nil
}

func accountsFromConfig() error {
	return mysql.NewSQLError(mysql.EROptionPreventsStatement, "HY000",
		"credsql takes its accounts and their privileges from its configuration (the server section's users), so it cannot execute this statement")
}
