package engine_test

import (
	"errors"
	"strings"
	"testing"

	vmysql "github.com/dolthub/vitess/go/mysql"
	mysqldriver "github.com/go-sql-driver/mysql"

	"github.com/credsql/credsql/internal/testenv"
)

// Mistakes in a CALL, an EXEC or the SQL itself reach a MySQL client with MySQL's own error
// numbers and a message that says what the procedure takes, without an API call; the shell
// and query commands (the session path) see the same numbers.
func TestStatementMistakesHaveMySQLCodes(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{})
	params := "parameters: app_id, secret_id, connection (optional)"
	for _, c := range []struct {
		sql  string
		num  uint16
		want string
	}{
		{"CALL apps_secrets_activate('a')", 1318,
			"Incorrect number of arguments for PROCEDURE apps_secrets_activate; expected 2, or 3 with the connection, got 1; " + params},
		{"CALL apps_secrets_activate('a', 'b', 'demo', 'x')", 1318,
			"Incorrect number of arguments for PROCEDURE apps_secrets_activate; expected 2, or 3 with the connection, got 4; " + params},
		{"EXEC apps_secrets.activate @app_id = 'a'", 1318,
			"EXEC apps_secrets.activate: missing parameter @secret_id; " + params},
		{"EXEC apps_secrets.activate @app_id = 'a', @secret_id = 'b', @colour = 'red'", 1318,
			"EXEC apps_secrets.activate: unknown parameter @colour; " + params},
		{"EXEC apps_secrets.nothing @app_id = 'a'", 1305, "EXEC: no procedure apps_secrets.nothing; apps_secrets has: "},
		{"SELEC id FROM apps", 1064, "syntax error at position 6 near 'SELEC'"},
	} {
		e.Sim.ResetCalls()
		_, err := e.WireQuery(c.sql)
		var me *mysqldriver.MySQLError
		if !errors.As(err, &me) || me.Number != c.num || !strings.HasPrefix(me.Message, c.want) {
			t.Errorf("wire %s: %v, want error %d %q", c.sql, err, c.num, c.want)
		}
		_, err = e.Query(c.sql)
		var se *vmysql.SQLError
		if !errors.As(err, &se) || se.Num != int(c.num) || !strings.HasPrefix(se.Message, c.want) {
			t.Errorf("session %s: %v, want error %d %q", c.sql, err, c.num, c.want)
		}
		if n := len(e.Sim.Calls()); n != 0 {
			t.Errorf("%s made %d API calls, want 0", c.sql, n)
		}
	}
}
