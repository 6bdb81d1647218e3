package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql"
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
	ready := filepath.Join(t.TempDir(), "ready")
	args := append([]string{"serve", "--demo", "--listen", "127.0.0.1:0", "--user", "smoke", "--password", "smoke-pw"}, extra...)
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append(os.Environ(), "CREDSQL_READY_FILE="+ready)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			t.Errorf("credsql serve did not stop on SIGINT")
		}
		if strings.Contains(stderr.String(), "smoke-pw") {
			t.Errorf("the server logged the password: %s", stderr.String())
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(ready); err == nil && len(b) > 0 {
			return strings.TrimSpace(string(b))
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("credsql serve did not start: %s", stderr.String())
	return ""
}

// need finds a client program, or skips the test saying why; CI sets
// CREDSQL_REQUIRE_CLIENTS=1 so a missing client fails instead.
func need(t *testing.T, prog string) string {
	t.Helper()
	p, err := exec.LookPath(prog)
	if err != nil {
		if os.Getenv("CREDSQL_REQUIRE_CLIENTS") != "" {
			t.Fatalf("%s is not installed (CREDSQL_REQUIRE_CLIENTS is set): .ci/run installs it", prog)
		}
		t.Skipf("%s is not installed; .ci/run installs it (apt-get install mariadb-client)", prog)
	}
	return p
}

var smokeMarkers = []string{"step:connected", "step:prepared ", "step:called", "step:usable-after-error 24", "step:done"}

func TestMariaDBClientSmoke(t *testing.T) {
	mariadb := need(t, "mariadb")
	addr := serveDemo(t)
	host, port, _ := strings.Cut(addr, ":")
	script, err := os.ReadFile("../../test/clients/smoke.sql")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(mariadb, "-h", host, "-P", port, "-u", "smoke", "-psmoke-pw", "--force", "--table", "credsql")
	cmd.Stdin = bytes.NewReader(script)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	// --force goes on after the deliberate error.
	if err := cmd.Run(); err != nil {
		t.Errorf("mariadb: %v\n%s", err, errOut.String())
	}
	for _, m := range smokeMarkers {
		if !strings.Contains(out.String(), m) {
			t.Errorf("output lacks %q\nstdout:\n%s\nstderr:\n%s", m, out.String(), errOut.String())
		}
	}
	if !strings.Contains(errOut.String(), `ERROR 1105 (HY000) at line 14: column "no_such_column" could not be found`) {
		t.Errorf("stderr lacks the deliberate error:\n%s", errOut.String())
	}
	if strings.Count(errOut.String(), "ERROR") != 1 {
		t.Errorf("want exactly one error, got:\n%s", errOut.String())
	}
	for _, want := range []string{"credsql", "app_keys", "Key credentials (signing certificates) of Okta applications.", "credsql dev"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

func TestGoDriverSmoke(t *testing.T) {
	addr := serveDemo(t)
	db, err := sql.Open("mysql", "smoke:smoke-pw@tcp("+addr+")/credsql?parseTime=true")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	var one string
	if err := db.QueryRowContext(ctx, "SELECT 'step:connected'").Scan(&one); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"SHOW DATABASES", "SHOW TABLES", "DESCRIBE app_keys",
		"SELECT a.label, k.kid FROM apps a JOIN app_keys k ON k.app_id = a.id WHERE a.sign_on_mode = 'SAML_2_0' LIMIT 3"} {
		rows, err := db.QueryContext(ctx, q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		n := 0
		for rows.Next() {
			n++
		}
		rows.Close()
		if n == 0 {
			t.Errorf("%s: no rows", q)
		}
	}
	var app, label string
	if err := db.QueryRowContext(ctx, "SELECT id FROM apps WHERE sign_on_mode = 'SAML_2_0' ORDER BY id LIMIT 1").Scan(&app); err != nil {
		t.Fatal(err)
	}
	// A server-side prepared statement with a bound parameter.
	stmt, err := db.PrepareContext(ctx, "SELECT label FROM apps WHERE id = ?")
	if err != nil {
		t.Fatal(err)
	}
	if err := stmt.QueryRowContext(ctx, app).Scan(&label); err != nil || label == "" {
		t.Fatalf("prepared: %q %v", label, err)
	}
	stmt.Close()
	rows, err := db.QueryContext(ctx, "CALL app_keys_generate(?, 2)", app)
	if err != nil {
		t.Fatal(err)
	}
	cols, _ := rows.Columns()
	n := 0
	for rows.Next() {
		n++
	}
	rows.Close()
	if n != 1 || cols[0] != "connection" {
		t.Errorf("CALL returned %d rows with columns %v", n, cols)
	}
	if _, err := db.ExecContext(ctx, "SELECT no_such_column FROM apps"); err == nil || !strings.Contains(err.Error(), "Error 1105") {
		t.Errorf("deliberate error: %v", err)
	}
	var count int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM apps").Scan(&count); err != nil || count != 24 {
		t.Errorf("after the error: %d %v", count, err)
	}
}
