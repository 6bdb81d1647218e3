package engine

import (
	"fmt"
	"strings"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"

	"github.com/credsql/credsql/internal/sqltext"
)

// The parts of the wire protocol that the Conn's command loop handles, in credsql's patch of
// vitess (third_party/vitess/CREDSQL-PATCHES.md): wireHandler implements the optional
// interfaces through which the patched Conn asks the handler.
var (
	_ mysql.CallHandler         = wireHandler{}
	_ mysql.PrepareErrorHandler = wireHandler{}
	_ mysql.StatisticsHandler   = wireHandler{}
	_ mysql.ChangeUserHandler   = wireHandler{}
	_ mysql.PrepareRewriter     = wireHandler{}
)

// RewritePrepare rewrites a statement at COM_STMT_PREPARE as the text protocol's parser does
// before vitess parses it: an EXEC becomes its CALL, and the MySQL syntax the parser lacks
// (`@v := expr`, DESCRIBE t 'pattern', HELP) becomes what credsql runs for it. MariaDB
// Connector/ODBC prepares its catalog queries on the server, DBD::MariaDB its column_info
// with mariadb_server_prepare=1. go-mysql-server parses the result again: the rewrites leave
// rewritten text unchanged.
func (h wireHandler) RewritePrepare(_ *mysql.Conn, query string) (string, error) {
	if body, rest, ok := splitExec(query); ok {
		call, err := h.e.rewriteExec(body)
		if err != nil {
			return "", sqlError(err)
		}
		if strings.TrimSpace(rest) != "" {
			call += ";" + rest
		}
		query = call
	}
	q, _, _ := rewriteFirst(query)
	return q, nil
}

// IsCall reports whether the first statement of query runs a procedure: a CALL, or credsql's
// EXEC, which becomes one. Its result set is then followed by the final OK packet of the CALL.
func (wireHandler) IsCall(_ *mysql.Conn, query string) bool {
	q := sqltext.SkipComments(query)
	i := 0
	for i < len(q) && sqltext.IsWordByte(q[i]) {
		i++
	}
	return strings.EqualFold(q[:i], "CALL") || strings.EqualFold(q[:i], "EXEC")
}

// PrepareError is the error of a statement that cannot be parsed at COM_STMT_PREPARE: the
// error the same statement gets at COM_QUERY (1064 42000 for a syntax error).
func (wireHandler) PrepareError(_ *mysql.Conn, _ string, err error) error {
	return sqlError(err)
}

// ComStatistics answers COM_STATISTICS with MySQL's line. Uptime and Questions are the
// status variables SHOW GLOBAL STATUS has; Threads is the connected clients; Open tables is
// the number of credsql tables. credsql logs no slow queries and has no table cache to
// open or flush.
func (h wireHandler) ComStatistics(*mysql.Conn) string {
	up := globalStatus("Uptime")
	if up == 0 {
		up = 1
	}
	q := globalStatus("Questions")
	return fmt.Sprintf("Uptime: %d  Threads: %d  Questions: %d  Slow queries: 0  Opens: 0  Flush tables: 0  Open tables: %d  Queries per second avg: %.3f",
		up, globalStatus("Threads_connected"), q, len(h.e.tables), float64(q)/float64(up))
}

// globalStatus is the value of a global status variable (0 when it has none).
func globalStatus(name string) uint64 {
	if sql.StatusVariables == nil {
		return 0
	}
	_, v, ok := sql.StatusVariables.GetGlobal(name)
	if !ok {
		return 0
	}
	switch n := v.(type) {
	case uint64:
		return n
	case int64:
		return uint64(max(n, 0))
	case int:
		return uint64(max(n, 0))
	case uint32:
		return uint64(n)
	case int32:
		return uint64(max(n, 0))
	}
	return 0
}

// ComChangeUser starts the session of the user the connection was just authenticated as
// (COM_CHANGE_USER; PHP's persistent connections and mysqli::change_user send it): the
// old session ends with its user variables, prepared statements, temporary state and
// transaction, as at COM_RESET_CONNECTION, and schemaName becomes the current database
// ("" for none). The status flags are those of a new session: autocommit, no transaction.
func (h wireHandler) ComChangeUser(c *mysql.Conn, schemaName string) error {
	if err := h.Handler.ComResetConnection(c); err != nil {
		return sqlError(err)
	}
	c.StatusFlags = c.StatusFlags&^uint16(mysql.ServerInTransaction) | uint16(mysql.ServerStatusAutocommit)
	if err := h.Handler.ComInitDB(c, schemaName); err != nil {
		return sqlError(err)
	}
	return nil
}
