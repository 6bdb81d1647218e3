package engine_test

import (
	"database/sql"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	vmysql "github.com/dolthub/vitess/go/mysql"
	mysqldriver "github.com/go-sql-driver/mysql"

	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// errorCase is a statement and the MySQL error number and SQLSTATE every path must give it
// (MySQL's own, written out from its error list). prepared is the same mistake with a
// placeholder, for the binary protocol and client-side interpolation.
type errorCase struct {
	sql      string
	prepared string
	arg      any
	num      uint16
	state    string
	readOnly bool
}

var errorCases = []errorCase{
	{sql: "SELECT * FROM nosuch", prepared: "SELECT * FROM nosuch WHERE id = ?", arg: "x", num: 1146, state: "42S02"},
	{sql: "SELECT nosuchcol FROM apps", prepared: "SELECT nosuchcol FROM apps WHERE id = ?", arg: "x", num: 1054, state: "42S22"},
	{sql: "CALL nosuch()", prepared: "CALL nosuch(?)", arg: "x", num: 1305, state: "42000"},
	// No prepared form: vitess parses COM_STMT_PREPARE itself and answers a syntax error
	// there with 1105 before credsql sees it (docs/protocol.md).
	{sql: "SELEC id FROM apps", num: 1064, state: "42000"},
	{sql: "CALL apps_secrets_activate('a')", prepared: "CALL apps_secrets_activate(?)", arg: "a", num: 1318, state: "42000"},
	{sql: "INSERT INTO opa_service_users (name) VALUES ('ci-deploy')", prepared: "INSERT INTO opa_service_users (name) VALUES (?)", arg: "ci-deploy", num: 1062, state: "23000"},
	{sql: "CALL apps_secrets_activate('a', 'b')", prepared: "CALL apps_secrets_activate(?, 'b')", arg: "a", num: 1290, state: "HY000", readOnly: true},
}

// Every path gives a mistake the same MySQL number and SQLSTATE: the in-process session
// (shell, query), go-sql-driver with the text protocol, with prepared statements and with
// client-side interpolation, the mariadb command-line client and PyMySQL.
func TestErrorNumbersOnEveryPath(t *testing.T) {
	t.Parallel()
	envs := map[bool]*testenv.Env{
		false: testenv.New(t, testenv.Options{}),
		true:  testenv.New(t, testenv.Options{Settings: tables.Settings{ReadOnly: true}}),
	}
	interpolated := map[bool]*sql.DB{}
	for ro, e := range envs {
		cfg, err := mysqldriver.ParseDSN(e.DSN())
		if err != nil {
			t.Fatal(err)
		}
		cfg.InterpolateParams = true
		db, err := sql.Open("mysql", cfg.FormatDSN())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.Close() })
		interpolated[ro] = db
	}
	for _, c := range errorCases {
		e := envs[c.readOnly]
		want := fmt.Sprintf("%d (%s)", c.num, c.state)
		_, err := e.Query(c.sql)
		var se *vmysql.SQLError
		if !errors.As(err, &se) || fmt.Sprintf("%d (%s)", se.Num, se.State) != want {
			t.Errorf("session: %s: %v, want %s", c.sql, err, want)
		}
		for _, w := range []struct {
			name string
			run  func() error
		}{
			{"text", func() error { _, err := e.DB().Exec(c.sql); return err }},
			{"prepared", func() error { _, err := e.DB().Exec(c.prepared, c.arg); return err }},
			{"interpolated", func() error { _, err := interpolated[c.readOnly].Exec(c.prepared, c.arg); return err }},
		} {
			if c.prepared == "" && w.name != "text" {
				continue
			}
			err := w.run()
			var me *mysqldriver.MySQLError
			if !errors.As(err, &me) || fmt.Sprintf("%d (%s)", me.Number, string(me.SQLState[:])) != want {
				t.Errorf("wire, %s: %s: %v, want %s", w.name, c.sql, err, want)
			}
		}
	}
	// A wrong password is 1045 (28000).
	cfg, _ := mysqldriver.ParseDSN(envs[false].DSN())
	cfg.Passwd = "wrong"
	db, err := sql.Open("mysql", cfg.FormatDSN())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var me *mysqldriver.MySQLError
	if err := db.Ping(); !errors.As(err, &me) || me.Number != 1045 || string(me.SQLState[:]) != "28000" {
		t.Errorf("wrong password: %v, want 1045 (28000)", err)
	}
}

var cliError = regexp.MustCompile(`ERROR (\d+) \(([0-9A-Z]{5})\)`)

func TestErrorNumbersInTheMariaDBClient(t *testing.T) {
	t.Parallel()
	mariadb := testenv.Program(t, "mariadb", "apt-get install mariadb-client")
	envs := map[bool]*testenv.Env{}
	for _, c := range errorCases {
		if envs[c.readOnly] == nil {
			o := testenv.Options{}
			o.Settings.ReadOnly = c.readOnly
			envs[c.readOnly] = testenv.New(t, o)
		}
		host, port, _ := strings.Cut(envs[c.readOnly].Addr(), ":")
		out, _ := exec.Command(mariadb, "-h", host, "-P", port, "-u", "test", "-ptest-password", "--skip-ssl", "credsql", "-e", c.sql).CombinedOutput()
		m := cliError.FindStringSubmatch(string(out))
		if m == nil || m[1] != strconv.Itoa(int(c.num)) || m[2] != c.state {
			t.Errorf("mariadb -e %q: %s, want ERROR %d (%s)", c.sql, out, c.num, c.state)
		}
	}
}

func TestErrorNumbersInPyMySQL(t *testing.T) {
	t.Parallel()
	python := "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import pymysql").Run(); err != nil {
		testenv.Missing(t, python+" cannot import pymysql", "apt-get install python3-pymysql")
	}
	script := `
import sys, pymysql
host, port, q = sys.argv[1], int(sys.argv[2]), sys.argv[3]
c = pymysql.connect(host=host, port=port, user="test", password="test-password", database="credsql")
try:
    c.cursor().execute(q)
    print("no error")
except pymysql.MySQLError as e:
    print(e.args[0])
`
	envs := map[bool]*testenv.Env{}
	for _, c := range errorCases {
		if envs[c.readOnly] == nil {
			o := testenv.Options{}
			o.Settings.ReadOnly = c.readOnly
			envs[c.readOnly] = testenv.New(t, o)
		}
		host, port, _ := strings.Cut(envs[c.readOnly].Addr(), ":")
		out, err := exec.Command(python, "-c", script, host, port, c.sql).CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != strconv.Itoa(int(c.num)) {
			t.Errorf("PyMySQL %q: %v %s, want %d", c.sql, err, out, c.num)
		}
	}
}
