package engine_test

import (
	"database/sql"
	"os"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"

	"github.com/credsql/credsql/internal/testenv"
)

// go-mysql-server logs statements it cannot prepare or run, with their text: a secret typed
// as a literal must not reach the log.
func TestServerLogHasNoStatementText(t *testing.T) {
	// Not parallel: it redirects logrus's global output.
	buf := &testenv.Buffer{}
	logrus.SetOutput(buf)
	defer logrus.SetOutput(os.Stderr)
	e := testenv.New(t, testenv.Options{})
	db, err := sql.Open("mysql", e.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const secret = "Client-Secret-Value-123"
	// A prepared statement that fails to prepare (unknown column) and one that fails to run.
	if _, err := db.Exec("INSERT INTO apps_secrets (app_id, client_secret, nosuch) VALUES (?, '"+secret+"', 1)", "0oa1"); err == nil {
		t.Fatal("the statement should fail")
	}
	if _, err := db.Exec("SELECT '"+secret+"' FROM nosuchtable WHERE x = ?", 1); err == nil {
		t.Fatal("the statement should fail")
	}
	if strings.Contains(buf.String(), secret) {
		t.Errorf("the server log holds the statement's secret:\n%s", buf.String())
	}
	if !strings.Contains(buf.String(), "level=error") {
		t.Errorf("expected go-mysql-server to log the failures (so the test checks something):\n%s", buf.String())
	}
}
