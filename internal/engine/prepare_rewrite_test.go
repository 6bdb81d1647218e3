package engine_test

import (
	"testing"

	"github.com/credsql/credsql/internal/testenv"
)

// Statements prepared on the server (COM_STMT_PREPARE, go-sql-driver with interpolateParams
// off) get the same rewrite as text before vitess parses them: EXEC with bound parameters
// named in any order, `@v := expr` (MariaDB Connector/ODBC's catalog queries) and
// DESCRIBE t 'pattern' (DBD::MariaDB's column_info). The expected values come from the same
// statements sent as text with the values written in.
func TestPreparedRewrites(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{})
	db := e.DB()

	// EXEC, parameters given out of the procedure's order: each bound value goes to its name.
	r := e.MustQuery("SELECT app_id, id FROM apps_secrets WHERE status = 'ACTIVE' ORDER BY app_id, id LIMIT 1")[0]
	app, secret := r[0].(string), r[1].(string)
	rows, err := db.Query("EXEC apps_secrets.activate @secret_id = ?, @app_id = ?", secret, app)
	if err != nil {
		t.Fatalf("EXEC with bound parameters named out of order: %v (the values went to the wrong parameters?)", err)
	}
	rows.Close()
	if _, err := db.Exec("EXEC apps_secrets.activate @secret_id = ?, @app_id = ?", app, secret); err == nil {
		t.Error("EXEC with the two values swapped succeeded: the names are not what binds them")
	}

	// @v := expr, prepared, with bound parameters: a later @v in the row reads the value.
	kid := e.MustQuery("SELECT kid FROM app_keys ORDER BY kid LIMIT 1")[0][0].(string)
	var k, more string
	if err := db.QueryRow("SELECT @k := kid AS k, CONCAT(@k, ?) AS more FROM app_keys WHERE kid = ?", "-x", kid).Scan(&k, &more); err != nil {
		t.Fatalf("prepared @v := expr: %v", err)
	}
	if k != kid || more != kid+"-x" {
		t.Errorf("prepared @v := expr: %q, %q; want %q, %q", k, more, kid, kid+"-x")
	}

	// DESCRIBE t 'pattern', prepared: the rows of the same statement as text.
	want := e.MustQuery("DESCRIBE app_keys 'cert%'")
	prows, err := db.Query("DESCRIBE app_keys 'cert%'")
	if err != nil {
		t.Fatalf("prepared DESCRIBE t 'pattern': %v", err)
	}
	defer prows.Close()
	count := 0
	for prows.Next() {
		count++
	}
	if count == 0 || count != len(want) {
		t.Errorf("prepared DESCRIBE app_keys 'cert%%': %d rows, as text %d", count, len(want))
	}
}
