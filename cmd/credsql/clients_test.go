package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/tables"
	"github.com/credsql/credsql/internal/testenv"
)

// The client tests run the real binary (`credsql serve --demo`) and real MySQL clients.

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds credsql once per test run.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "credsql-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "credsql")
		cmd := exec.Command("go", "build", "-tags", "gms_pure_go", "-o", binPath, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// serveDemo starts `credsql serve --demo` on a free loopback port and returns its address.
func serveDemo(t *testing.T, extra ...string) string {
	t.Helper()
	return serveAs(t, "smoke", "smoke-pw", extra...)
}

// serveAs starts `credsql serve --demo` with owner user and password.
func serveAs(t *testing.T, user, password string, extra ...string) string {
	t.Helper()
	args := append([]string{"serve", "--demo", "--listen", "127.0.0.1:0", "--user", user, "--password", password}, extra...)
	cmd := exec.Command(binary(t), args...)
	ready, started := readyPipe(t, cmd)
	var stderr testenv.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	started()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			t.Errorf("credsql serve did not stop on SIGINT")
		}
		if strings.Contains(stderr.String(), password) {
			t.Errorf("the server logged the password: %s", stderr.String())
		}
	})
	select {
	case addr, ok := <-ready:
		if !ok {
			t.Fatalf("credsql serve exited (%v): %s", <-done, stderr.String())
		}
		return addr
	case <-time.After(20 * time.Second):
		t.Fatalf("credsql serve did not start: %s", stderr.String())
	}
	return ""
}

// need finds a client program, or skips the test saying why; in CI (CI=true, or
// CREDSQL_REQUIRE_CLIENTS=1) a missing client fails instead. install says how to get it.
func need(t *testing.T, prog, install string) string {
	t.Helper()
	p, err := exec.LookPath(prog)
	if err != nil {
		missing(t, prog+" is not installed", install)
	}
	return p
}

func missing(t *testing.T, what, install string) {
	t.Helper()
	testenv.Missing(t, what, install)
}

// The smoke transcript. Every client (smoke.sql through the mariadb client, smoke.js,
// smoke.py, and goSmoke below) prints a "step:NAME" line before each step, then each row of
// the step's results with tab-separated fields and NULL as NULL, and each error as a line
// "ERROR code ...". checkTranscript holds them all to the same expectations.

var smokeSteps = []string{"connected", "show-databases", "show-tables", "describe", "join", "prepared", "call",
	"error", "after-error", "connect-queries", "comments", "full-columns", "done"}

// catalogTables are the tables the engine adds to the registry's.
var catalogTables = []string{"credsql_connections", "credsql_procedures"}

type transcript struct {
	steps []string
	rows  map[string][][]string // step → rows → fields
}

var errorLine = regexp.MustCompile(`(?m)^ERROR (\d+)\b.*$`)

// parseTranscript reads a client's standard output. mariadb --batch escapes tabs,
// newlines and backslashes in values; unescape undoes that.
func parseTranscript(out string, unescape bool) transcript {
	tr := transcript{rows: map[string][][]string{}}
	step := ""
	un := strings.NewReplacer(`\t`, "\t", `\n`, "\n", `\\`, `\`, `\0`, "\x00")
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if name, ok := strings.CutPrefix(line, "step:"); ok {
			step = name
			tr.steps = append(tr.steps, name)
			continue
		}
		fields := strings.Split(line, "\t")
		if unescape {
			for i, f := range fields {
				fields[i] = un.Replace(f)
			}
		}
		tr.rows[step] = append(tr.rows[step], fields)
	}
	return tr
}

// checkTranscript checks one client's run: stdout is its transcript, errText where its
// errors went (stdout too for all but mariadb).
func checkTranscript(t *testing.T, stdout, errText string, unescape bool) {
	t.Helper()
	tr := parseTranscript(stdout, unescape)
	if diff := cmp.Diff(smokeSteps, tr.steps); diff != "" {
		t.Fatalf("steps (-want +got):\n%s\nstdout:\n%s\nerrors:\n%s", diff, stdout, errText)
	}
	rows := func(step string) [][]string { return tr.rows[step] }
	column := func(step string, i int) []string {
		var out []string
		for _, r := range rows(step) {
			if i < len(r) {
				out = append(out, r[i])
			}
		}
		return out
	}

	// Exactly one error, the deliberate one; everything else (the connect queries
	// included) answered.
	errs := errorLine.FindAllStringSubmatch(errText, -1)
	if len(errs) != 1 || errs[0][1] != "1054" || !strings.Contains(errs[0][0], "no_such_column") {
		t.Errorf("want exactly the deliberate error 1054 about no_such_column, got %q", errs)
	}
	if got := rows("connected"); len(got) != 1 || !strings.HasPrefix(got[0][0], "smoke@") {
		t.Errorf("connected: CURRENT_USER() = %q, want smoke@...", got)
	}
	if got := column("show-databases", 0); !slices.Contains(got, "credsql") || !slices.Contains(got, "information_schema") {
		t.Errorf("SHOW DATABASES = %q", got)
	}
	wantTables := append([]string(nil), catalogTables...)
	for _, d := range tables.All() {
		wantTables = append(wantTables, d.Meta().Name)
	}
	slices.Sort(wantTables)
	if diff := cmp.Diff(wantTables, column("show-tables", 0)); diff != "" {
		t.Errorf("SHOW TABLES (-want +got):\n%s", diff)
	}
	appKeys, _ := tables.Lookup("app_keys")
	m := appKeys.Meta()
	if got := rows("describe"); len(got) != len(m.Columns) {
		t.Errorf("DESCRIBE app_keys: %d rows, want %d: %q", len(got), len(m.Columns), got)
	} else {
		for i, c := range m.Columns {
			key := ""
			if c.Key {
				key = "PRI"
			}
			if got[i][0] != c.Name || len(got[i]) < 4 || got[i][3] != key {
				t.Errorf("DESCRIBE app_keys row %d = %q, want %s with key %q", i, got[i], c.Name, key)
			}
		}
	}
	if got := rows("join"); len(got) != 3 || len(got[0]) != 2 || got[0][0] == "" || got[0][1] == "" {
		t.Errorf("join: %q, want 3 rows of label, kid", got)
	}
	prepared := rows("prepared")
	if len(prepared) != 2 || len(prepared[0]) != 3 || len(prepared[1]) != 3 ||
		prepared[0][2] != "SAML_2_0" || prepared[1][2] != "OPENID_CONNECT" ||
		!strings.HasPrefix(prepared[0][0], "0oa") || prepared[0][0] == prepared[1][0] {
		t.Fatalf("prepared: %q, want the SAML app then the OIDC app (one statement, two bound parameters)", prepared)
	}
	if got := rows("call"); len(got) != 1 || len(got) > 0 && (len(got[0]) < 4 || got[0][0] != "demo" || got[0][1] != prepared[0][0] || got[0][3] != "RSA") {
		t.Errorf("CALL app_keys_generate(%s, 2): %q, want one new RSA key of that app", prepared[0][0], got)
	}
	if got := rows("after-error"); !cmp.Equal(got, [][]string{{"24"}}) {
		t.Errorf("after the error: %q, want 24", got)
	}
	if got := rows("connect-queries"); len(got) < 500 {
		t.Errorf("connect queries returned %d rows; SHOW VARIABLES alone has hundreds", len(got))
	}

	// Comments: every table and column of the registry carries its Doc; catalog tables
	// and their columns have one too.
	tableComment, columnComment := map[string]string{}, map[[2]string]string{}
	for _, r := range rows("comments") {
		switch len(r) {
		case 2:
			tableComment[r[0]] = r[1]
		case 3:
			columnComment[[2]string{r[0], r[1]}] = r[2]
		default:
			t.Errorf("comments: unexpected row %q", r)
		}
	}
	for _, d := range tables.All() {
		m := d.Meta()
		if got := tableComment[m.Name]; got != m.Doc {
			t.Errorf("%s: table comment %q, want %q", m.Name, got, m.Doc)
		}
		for _, c := range m.Columns {
			if got := columnComment[[2]string{m.Name, c.Name}]; !isComment(got, c) {
				t.Errorf("%s.%s: column comment %q, want %q", m.Name, c.Name, got, c.Doc)
			}
		}
	}
	for _, name := range catalogTables {
		if tableComment[name] == "" {
			t.Errorf("%s has no table comment", name)
		}
	}
	for k, v := range columnComment {
		if v == "" {
			t.Errorf("%s.%s has no column comment", k[0], k[1])
		}
	}
	full := rows("full-columns")
	if len(full) != len(m.Columns) {
		t.Fatalf("SHOW FULL COLUMNS FROM app_keys: %d rows, want %d", len(full), len(m.Columns))
	}
	for i, c := range m.Columns {
		if r := full[i]; r[0] != c.Name || !isComment(r[len(r)-1], c) {
			t.Errorf("SHOW FULL COLUMNS FROM app_keys row %d = %q, want %s ... %q", i, r, c.Name, c.Doc)
		}
	}
}

// isComment reports whether a column comment is the column's description; a sensitive
// column's also says it is masked.
func isComment(comment string, c tables.ColumnMeta) bool {
	if c.Sensitive {
		return strings.HasPrefix(comment, c.Doc+" ") && strings.Contains(comment, "masked")
	}
	return comment == c.Doc
}

func TestMariaDBClientSmoke(t *testing.T) {
	t.Parallel()
	mariadb := need(t, "mariadb", "apt-get install mariadb-client")
	addr := serveDemo(t)
	host, port, _ := strings.Cut(addr, ":")
	script, err := os.ReadFile("../../test/clients/smoke.sql")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(mariadb, "-h", host, "-P", port, "-u", "smoke", "-psmoke-pw",
		"--batch", "--skip-column-names", "--force", "credsql")
	cmd.Dir = "../../test/clients" // for `source connect.sql`
	cmd.Stdin = bytes.NewReader(script)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	// --force goes on after the deliberate error (and exits 0 after it).
	if err := cmd.Run(); err != nil {
		t.Errorf("mariadb: %v", err)
	}
	checkTranscript(t, out.String(), errOut.String(), true)
	if !regexp.MustCompile(`ERROR 1054 \(42S22\) at line \d+: column "no_such_column" could not be found`).MatchString(errOut.String()) {
		t.Errorf("stderr lacks the deliberate error:\n%s", errOut.String())
	}
}

func TestNodeMySQL2Smoke(t *testing.T) {
	t.Parallel()
	node := need(t, "node", "apt-get install nodejs; npm ci in test/clients")
	if _, err := os.Stat("../../test/clients/node_modules/mysql2/package.json"); err != nil {
		missing(t, "mysql2 is not installed in test/clients/node_modules", "cd test/clients && npm ci")
	}
	runScriptClient(t, node, "smoke.js")
}

func TestPythonPyMySQLSmoke(t *testing.T) {
	t.Parallel()
	// Debian's python3-pymysql is importable by the system Python only, not by a pyenv
	// python3 earlier on PATH.
	python := "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import pymysql").Run(); err != nil {
		missing(t, python+" cannot import pymysql", "apt-get install python3-pymysql")
	}
	runScriptClient(t, python, "smoke.py")
}

// runScriptClient runs test/clients/<script> with interpreter against a fresh server.
func runScriptClient(t *testing.T, interpreter, script string) {
	t.Helper()
	addr := serveDemo(t)
	host, port, _ := strings.Cut(addr, ":")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, interpreter, script)
	cmd.Dir = "../../test/clients"
	cmd.Env = append(os.Environ(), "SMOKE_HOST="+host, "SMOKE_PORT="+port, "SMOKE_USER=smoke", "SMOKE_PASSWORD=smoke-pw")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\nstderr:\n%s\nstdout:\n%s", interpreter, script, err, errOut.String(), out.String())
	}
	checkTranscript(t, out.String(), out.String(), false)
}

func TestGoDriverSmoke(t *testing.T) {
	t.Parallel()
	addr := serveDemo(t)
	var out bytes.Buffer
	if err := goSmoke(context.Background(), addr, &out); err != nil {
		t.Fatalf("%v\ntranscript so far:\n%s", err, out.String())
	}
	checkTranscript(t, out.String(), out.String(), false)
}

// goSmoke is the smoke script for go-sql-driver/mysql through database/sql: a real
// prepared statement (COM_STMT_PREPARE, interpolateParams off), executed twice.
func goSmoke(ctx context.Context, addr string, w *bytes.Buffer) error {
	db, err := sql.Open("mysql", "smoke:smoke-pw@tcp("+addr+")/credsql")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one session, as the other clients have
	step := func(name string) { fmt.Fprintf(w, "step:%s\n", name) }
	run := func(q string, args ...any) error {
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		return printRows(w, rows)
	}
	runAll := func(qs ...string) error {
		for _, q := range qs {
			if err := run(q); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		return nil
	}
	if err := db.PingContext(ctx); err != nil {
		return err
	}
	step("connected")
	if err := run("SELECT CURRENT_USER()"); err != nil {
		return err
	}
	for _, s := range []struct{ step, q string }{
		{"show-databases", "SHOW DATABASES"},
		{"show-tables", "SHOW TABLES"},
		{"describe", "DESCRIBE app_keys"},
		{"join", "SELECT a.label, k.kid FROM apps a JOIN app_keys k ON k.app_id = a.id WHERE a.sign_on_mode = 'SAML_2_0' ORDER BY a.label, k.kid LIMIT 3"},
	} {
		step(s.step)
		if err := runAll(s.q); err != nil {
			return err
		}
	}

	step("prepared")
	var saml, oidc string
	first := "SELECT id FROM apps WHERE sign_on_mode = ? ORDER BY id LIMIT 1"
	if err := db.QueryRowContext(ctx, first, "SAML_2_0").Scan(&saml); err != nil {
		return err
	}
	if err := db.QueryRowContext(ctx, first, "OPENID_CONNECT").Scan(&oidc); err != nil {
		return err
	}
	stmt, err := db.PrepareContext(ctx, "SELECT id, label, sign_on_mode FROM apps WHERE id = ?")
	if err != nil {
		return err
	}
	for _, id := range []string{saml, oidc} {
		rows, err := stmt.QueryContext(ctx, id)
		if err != nil {
			return err
		}
		if err := printRows(w, rows); err != nil {
			return err
		}
	}
	stmt.Close()

	step("call")
	if err := run("CALL app_keys_generate(?, 2)", saml); err != nil {
		return err
	}
	step("error")
	if err := run("SELECT no_such_column FROM apps"); err != nil {
		printError(w, err)
	}
	step("after-error")
	if err := run("SELECT COUNT(*) FROM apps"); err != nil {
		return err
	}

	step("connect-queries")
	qs, err := connectQueries()
	if err != nil {
		return err
	}
	for _, q := range qs {
		if _, isUse := strings.CutPrefix(q, "USE "); isUse || strings.HasPrefix(q, "SET ") || q == "START TRANSACTION" || q == "COMMIT" || q == "ROLLBACK" {
			_, err = db.ExecContext(ctx, q)
		} else {
			err = run(q)
		}
		if err != nil {
			printError(w, err)
		}
	}

	step("comments")
	if err := runAll(
		"SELECT table_name, table_comment FROM information_schema.tables WHERE table_schema = 'credsql' ORDER BY table_name",
		"SELECT table_name, column_name, column_comment FROM information_schema.columns WHERE table_schema = 'credsql' ORDER BY table_name, ordinal_position",
	); err != nil {
		return err
	}
	step("full-columns")
	if err := runAll("SHOW FULL COLUMNS FROM app_keys"); err != nil {
		return err
	}
	step("done")
	return nil
}

// connectQueries reads test/clients/connect.sql: one statement per line.
func connectQueries() ([]string, error) {
	b, err := os.ReadFile("../../test/clients/connect.sql")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "--") {
			out = append(out, strings.TrimSuffix(l, ";"))
		}
	}
	return out, nil
}

func printRows(w *bytes.Buffer, rows *sql.Rows) error {
	defer rows.Close()
	for {
		cols, err := rows.Columns()
		if err != nil {
			return err
		}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				return err
			}
			cells := make([]string, len(vals))
			for i, v := range vals {
				switch x := v.(type) {
				case nil:
					cells[i] = "NULL"
				case []byte:
					cells[i] = string(x)
				default:
					cells[i] = fmt.Sprint(x)
				}
			}
			w.WriteString(strings.Join(cells, "\t") + "\n")
		}
		if !rows.NextResultSet() {
			return rows.Err()
		}
	}
}

func printError(w *bytes.Buffer, err error) {
	var me *mysql.MySQLError
	if errors.As(err, &me) {
		fmt.Fprintf(w, "ERROR %d (%s): %s\n", me.Number, me.SQLState, me.Message)
		return
	}
	fmt.Fprintf(w, "ERROR 0: %v\n", err)
}

// A wrong password is refused with MySQL's error 1045, and the right one still works.
func TestServeRejectsAWrongPassword(t *testing.T) {
	t.Parallel()
	addr := serveDemo(t)
	db, err := sql.Open("mysql", "smoke:not-the-password@tcp("+addr+")/credsql")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Ping()
	var me *mysql.MySQLError
	if !errors.As(err, &me) || me.Number != 1045 {
		t.Errorf("wrong password: %v, want MySQL error 1045 (access denied)", err)
	}
}

// knownBroken lists tables whose DESCRIBE / SHOW FULL COLUMNS fails today, with why.
var knownBroken = map[string]string{}

// DESCRIBE and SHOW FULL COLUMNS work for every table, and SHOW FULL COLUMNS shows each
// column's description as its comment.
func TestShowColumnsEveryTable(t *testing.T) {
	t.Parallel()
	addr := serveDemo(t)
	db, err := sql.Open("mysql", "smoke:smoke-pw@tcp("+addr+")/credsql")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, d := range tables.All() {
		m := d.Meta()
		t.Run(m.Name, func(t *testing.T) {
			var out bytes.Buffer
			err := func() error {
				for _, q := range []string{"DESCRIBE " + m.Name, "SHOW FULL COLUMNS FROM " + m.Name} {
					out.Reset()
					rows, err := db.Query(q)
					if err != nil {
						return fmt.Errorf("%s: %w", q, err)
					}
					if err := printRows(&out, rows); err != nil {
						return fmt.Errorf("%s: %w", q, err)
					}
				}
				return nil
			}()
			if why, ok := knownBroken[m.Name]; ok {
				if err == nil {
					t.Fatalf("works now (%s was known broken: %s): remove it from knownBroken", m.Name, why)
				}
				t.Skipf("known broken: %s: %v", why, err)
			}
			if err != nil {
				t.Fatal(err)
			}
			got := parseTranscript(out.String(), false).rows[""]
			if len(got) != len(m.Columns) {
				t.Fatalf("%d rows, want %d:\n%s", len(got), len(m.Columns), out.String())
			}
			for i, c := range m.Columns {
				if r := got[i]; r[0] != c.Name || !isComment(r[len(r)-1], c) {
					t.Errorf("row %d = %q, want %s ... %q", i, r, c.Name, c.Doc)
				}
			}
		})
	}
}
