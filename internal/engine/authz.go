package engine

import (
	"fmt"
	"io"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/go-mysql-server/sql/information_schema"
	"github.com/dolthub/vitess/go/mysql"
	ast "github.com/dolthub/vitess/go/vt/sqlparser"
)

// authHandler is go-mysql-server's authorization with MySQL's answers: its refusals all
// carry error 1105 and "command denied to user 'x'@'%'"; a client gets instead the number
// and text MySQL gives (1142 naming the command and the table, 1044 the database, 1370 the
// routine, 1227 the global privilege), with why (read-only, not an admin). The mysql database
// is read-only for everyone: accounts and grants come from the configuration.
type authHandler struct {
	sql.AuthorizationHandler
	e *Engine
}

func (h authHandler) HandleAuth(ctx *sql.Context, state sql.AuthorizationQueryState, auth ast.AuthInformation) error {
	if writesGrantTables(ctx, auth) {
		return accountsFromConfig()
	}
	err := h.AuthorizationHandler.HandleAuth(ctx, state, auth)
	if err == nil || !accessDenied(err) {
		return err
	}
	return h.denied(ctx, state, auth, err)
}

func (h authHandler) HandleAuthNode(ctx *sql.Context, state sql.AuthorizationQueryState, node sql.AuthorizationCheckerNode) error {
	err := h.AuthorizationHandler.HandleAuthNode(ctx, state, node)
	if err == nil || !accessDenied(err) {
		return err
	}
	return mysql.NewSQLError(erSpecificAccessDenied, "42000", "%s", err.Error())
}

func (h authHandler) CheckDatabase(ctx *sql.Context, state sql.AuthorizationQueryState, db string) error {
	return mysqlAccessError(h.AuthorizationHandler.CheckDatabase(ctx, state, db))
}

func (h authHandler) CheckSchema(ctx *sql.Context, state sql.AuthorizationQueryState, db, schema string) error {
	return mysqlAccessError(h.AuthorizationHandler.CheckSchema(ctx, state, db, schema))
}

func (h authHandler) CheckTable(ctx *sql.Context, state sql.AuthorizationQueryState, db, schema, table string) error {
	return mysqlAccessError(h.AuthorizationHandler.CheckTable(ctx, state, db, schema, table))
}

func accessDenied(err error) bool {
	return sql.ErrPrivilegeCheckFailed.Is(err) || sql.ErrDatabaseAccessDeniedForUser.Is(err) || sql.ErrTableAccessDeniedForUser.Is(err)
}

// mysqlAccessError gives go-mysql-server's database and table refusals their MySQL numbers.
func mysqlAccessError(err error) error {
	switch {
	case err == nil:
		return nil
	case sql.ErrDatabaseAccessDeniedForUser.Is(err):
		return mysql.NewSQLError(erDBAccessDenied, "42000", "%s", err.Error())
	case sql.ErrTableAccessDeniedForUser.Is(err):
		return mysql.NewSQLError(erTableAccessDenied, "42000", "%s", err.Error())
	}
	return err
}

// denied builds MySQL's refusal of a statement go-mysql-server refused.
func (h authHandler) denied(ctx *sql.Context, state sql.AuthorizationQueryState, auth ast.AuthInformation, cause error) error {
	a := h.e.access(ctx)
	why := func(db string) string {
		switch {
		case strings.EqualFold(db, "mysql"):
			return fmt.Sprintf(" (user %q is not an admin: only admins read the grant tables)", userName(ctx))
		case !a.write && strings.EqualFold(db, DatabaseName):
			return fmt.Sprintf(" (user %q is read-only)", userName(ctx))
		}
		return ""
	}
	dbName := func(db string) string {
		if db == "" {
			return ctx.GetCurrentDatabase()
		}
		return db
	}
	switch auth.TargetType {
	case ast.AuthTargetType_SingleTableIdentifier, ast.AuthTargetType_MultipleTableIdentifiers, ast.AuthTargetType_TableColumn:
		// Name the first table refused.
		step := 2
		if auth.TargetType == ast.AuthTargetType_TableColumn {
			step = 3
		}
		for i := 0; i+1 < len(auth.TargetNames); i += step {
			one := ast.AuthInformation{AuthType: auth.AuthType, TargetType: ast.AuthTargetType_SingleTableIdentifier,
				TargetNames: auth.TargetNames[i : i+2]}
			if h.AuthorizationHandler.HandleAuth(ctx, state, one) == nil {
				continue
			}
			db := dbName(auth.TargetNames[i])
			return mysql.NewSQLError(erTableAccessDenied, "42000", "%s command denied to user %s for table '%s.%s'%s",
				command(auth.AuthType), account(ctx), db, auth.TargetNames[i+1], why(db))
		}
	case ast.AuthTargetType_DatabaseIdentifiers:
		for _, db := range auth.TargetNames {
			db = dbName(db)
			one := ast.AuthInformation{AuthType: auth.AuthType, TargetType: auth.TargetType, TargetNames: []string{db}}
			if h.AuthorizationHandler.HandleAuth(ctx, state, one) != nil {
				return mysql.NewSQLError(erDBAccessDenied, "42000", "Access denied for user %s to database '%s'%s", account(ctx), db, why(db))
			}
		}
	case ast.AuthTargetType_Global:
		return needPrivilege(ctx, command(auth.AuthType), "is not an admin")
	}
	if auth.AuthType == ast.AuthType_CALL && len(auth.TargetNames) >= 2 {
		db := dbName(auth.TargetNames[0])
		return mysql.NewSQLError(erProcAccessDenied, "42000", "execute command denied to user %s for routine '%s.%s'%s",
			account(ctx), db, auth.TargetNames[1], why(db))
	}
	return mysql.NewSQLError(erTableAccessDenied, "42000", "%s", cause.Error())
}

// command names an auth type as MySQL names the command or privilege.
func command(authType string) string { return strings.ReplaceAll(authType, "_", " ") }

// writesGrantTables reports whether a statement would change a table of the mysql database.
func writesGrantTables(ctx *sql.Context, auth ast.AuthInformation) bool {
	switch auth.AuthType {
	case ast.AuthType_SELECT, ast.AuthType_SHOW, ast.AuthType_VISIBLE, ast.AuthType_IGNORE, ast.AuthType_LOCK,
		ast.AuthType_SHOW_CREATE_PROCEDURE, ast.AuthType_CALL:
		return false
	}
	var dbs []string
	switch auth.TargetType {
	case ast.AuthTargetType_DatabaseIdentifiers:
		dbs = auth.TargetNames
	case ast.AuthTargetType_SingleTableIdentifier, ast.AuthTargetType_MultipleTableIdentifiers:
		for i := 0; i < len(auth.TargetNames); i += 2 {
			dbs = append(dbs, auth.TargetNames[i])
		}
	case ast.AuthTargetType_TableColumn:
		if len(auth.TargetNames) > 0 {
			dbs = append(dbs, auth.TargetNames[0])
		}
	}
	for _, db := range dbs {
		if db == "" {
			db = ctx.GetCurrentDatabase()
		}
		if strings.EqualFold(db, "mysql") {
			return true
		}
	}
	return false
}

// infoSchema is information_schema with PROCESSLIST limited to the user's own sessions
// unless it is an admin (go-mysql-server lists every session's statement to anyone, and a
// statement may carry a secret another user is setting).
type infoSchema struct {
	sql.Database
	e *Engine
}

func (d infoSchema) GetTableInsensitive(ctx *sql.Context, name string) (sql.Table, bool, error) {
	t, ok, err := d.Database.GetTableInsensitive(ctx, name)
	if err != nil || !ok {
		return t, ok, err
	}
	if !strings.EqualFold(name, information_schema.ProcessListTableName) {
		return d.e.routinesTable(ctx, t), true, nil
	}
	ist, isIS := t.(*information_schema.InformationSchemaTable)
	if !isIS {
		return t, ok, err
	}
	own := *ist
	read := ist.Reader
	own.Reader = func(ctx *sql.Context, c sql.Catalog) (sql.RowIter, error) {
		iter, err := read(ctx, c)
		if err != nil || d.e.access(ctx).admin {
			return iter, err
		}
		defer iter.Close(ctx)
		var rows []sql.Row
		for {
			row, err := iter.Next(ctx)
			if err == io.EOF {
				return sql.RowsToRowIter(rows...), nil
			}
			if err != nil {
				return nil, err
			}
			if len(row) > 1 && row[1] == userName(ctx) {
				rows = append(rows, row)
			}
		}
	}
	return &own, true, nil
}
