package main

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"database/sql"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-sql-driver/mysql"

	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/testenv"
)

// The serve tests run the real binary, as an operator would, with the environment they give
// it and nothing from the machine running the tests (no config file, no state directory).

// isolatedEnv is the environment of a credsql process under test: the test's PATH and HOME,
// config and state directories of its own, plus extra.
func isolatedEnv(t *testing.T, extra ...string) []string {
	t.Helper()
	home := t.TempDir()
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"), "XDG_STATE_HOME=" + filepath.Join(home, "state")}
	return append(env, extra...)
}

// startServe runs `credsql serve` with args and env and returns its address and its standard
// error, stopping it (SIGINT) when the test ends.
func startServe(t *testing.T, env []string, args ...string) (string, *testenv.Buffer) {
	t.Helper()
	addr, stderr, _ := startServeStop(t, env, args...)
	return addr, stderr
}

// startServeStop is startServe that also returns the function stopping the server (SIGINT)
// and waiting for it to exit: after it, the server's standard error is complete.
func startServeStop(t *testing.T, env []string, args ...string) (string, *testenv.Buffer, func()) {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"serve"}, args...)...)
	cmd.Env = env
	ready, started := readyPipe(t, cmd)
	stderr := &testenv.Buffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	started()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var once sync.Once
	stop := func() {
		once.Do(func() {
			_ = cmd.Process.Signal(os.Interrupt)
			select {
			case err := <-done:
				// Stopping is not a failure: the closed listener ends serve with status 0.
				if err != nil {
					t.Errorf("credsql serve stopped on SIGINT with %v: %s", err, stderr.String())
				}
			case <-time.After(10 * time.Second):
				_ = cmd.Process.Kill()
				t.Errorf("credsql serve did not stop on SIGINT")
			}
		})
	}
	t.Cleanup(stop)
	select {
	case addr, ok := <-ready:
		if !ok {
			t.Fatalf("credsql serve exited (%v): %s", <-done, stderr.String())
		}
		// Standard error is copied from the child in the background: wait for the line
		// serve writes once it listens, so that it and the warnings before it are there.
		// (Lines written after it, such as "audit log:" or "metrics on", are waited for by
		// the tests that read them.)
		if !stderr.WaitFor(" serving on "+addr, 10*time.Second) {
			t.Fatalf("credsql serve listens on %s but did not say so: %s", addr, stderr.String())
		}
		return addr, stderr, stop
	case <-time.After(30 * time.Second):
		t.Fatalf("credsql serve did not start: %s", stderr.String())
	}
	return "", nil, nil
}

// readyPipe makes a child serve's readiness an event: cmd gets the write end of a pipe as its
// CREDSQL_READY_FILE (/dev/fd/3), serve writes its address there once it listens, and the
// pipe ends if the process exits first. Call started right after cmd.Start; ready then
// delivers the address, or is closed without one when the process exited before listening.
func readyPipe(t *testing.T, cmd *exec.Cmd) (ready <-chan string, started func()) {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, "CREDSQL_READY_FILE=/dev/fd/3")
	cmd.ExtraFiles = []*os.File{w}
	ch := make(chan string, 1)
	return ch, func() {
		w.Close() // the child holds its own copy: the pipe ends when the child exits
		go func() {
			defer r.Close()
			line, err := bufio.NewReader(r).ReadString('\n')
			if err == nil {
				ch <- strings.TrimSpace(line)
			}
			close(ch)
		}()
	}
}

// runApp runs credsql in-process with env as its whole environment.
func runApp(t *testing.T, env map[string]string, args ...string) (stderr string, code int) {
	t.Helper()
	var out, errw bytes.Buffer
	a := newApp(strings.NewReader(""), &out, &errw)
	a.getenv = func(k string) string { return env[k] }
	code = a.main(args)
	return errw.String(), code
}

func TestServeRefusesNonLoopbackWithoutPassword(t *testing.T) {
	t.Parallel()
	for _, listen := range []string{"0.0.0.0:3306", "[::]:3306", "192.0.2.1:3306", "example.com:3306"} {
		stderr, code := runApp(t, nil, "serve", "--demo", "--listen", listen)
		if code != exitUsage || !strings.Contains(stderr, "is not a loopback address") {
			t.Errorf("--listen %s without a password: exit %d, %q; want exit %d refusing", listen, code, stderr, exitUsage)
		}
	}
	// With a password (flag, environment or config file) the check passes, and the server
	// gets as far as listening: an invalid port, so that nothing binds a public address.
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	writeFile(t, cfg, "server:\n  users:\n    - name: admin\n      password_env: ADMIN_PW\n")
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
	}{
		{"flag", nil, []string{"--password", "pw-from-flag"}},
		{"environment", map[string]string{"CREDSQL_PASSWORD": "pw-from-env"}, nil},
		{"config file", map[string]string{"ADMIN_PW": "pw-from-config"}, []string{"--config", cfg}},
	} {
		args := append([]string{"serve", "--demo", "--listen", "0.0.0.0:99999"}, tc.args...)
		stderr, code := runApp(t, tc.env, args...)
		if code != exitError || !strings.Contains(stderr, "invalid port") {
			t.Errorf("%s: exit %d, %q; want the listener's own error", tc.name, code, stderr)
		}
		for _, pw := range []string{"pw-from-flag", "pw-from-env", "pw-from-config"} {
			if strings.Contains(stderr, pw) {
				t.Errorf("%s: the password is in the output: %q", tc.name, stderr)
			}
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// selfSigned writes a certificate for 127.0.0.1 and localhost and its key, and returns their
// paths and a pool trusting the certificate.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "credsql test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "tls.crt"), filepath.Join(dir, "tls.key")
	writeFile(t, certFile, string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})))
	writeFile(t, keyFile, string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder})))
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

// tlsConfigs numbers the go driver TLS configurations registered: each run of a test has
// its own certificate authority (go test -count=N).
var tlsConfigs atomic.Int64

// goConnect connects with go-sql-driver/mysql and runs SELECT 1; tlsMode is "false" or
// "credsql-test" (TLS verified against the test certificate).
func goConnect(addr, user, password, tlsMode string) error {
	cfg := mysql.NewConfig()
	cfg.User, cfg.Passwd, cfg.Net, cfg.Addr, cfg.DBName = user, password, "tcp", addr, "credsql"
	cfg.TLSConfig = tlsMode
	if err := cfg.Apply(); err != nil {
		return err
	}
	connector, err := mysql.NewConnector(cfg)
	if err != nil {
		return err
	}
	db := sql.OpenDB(connector)
	defer db.Close()
	var one int
	return db.QueryRow("SELECT 1").Scan(&one)
}

func TestServeTLS(t *testing.T) {
	t.Parallel()
	mariadb := need(t, "mariadb", "apt-get install mariadb-client")
	certFile, keyFile, pool := selfSigned(t)
	verified := fmt.Sprintf("credsql-test-%d", tlsConfigs.Add(1))
	if err := mysql.RegisterTLSConfig(verified, &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}); err != nil {
		t.Fatal(err)
	}
	client := func(addr string, tlsArgs ...string) (string, error) {
		host, port, _ := net.SplitHostPort(addr)
		args := append([]string{"-h", host, "-P", port, "-u", "tls-user", "-ptls-pw", "--batch", "-e", "status"}, tlsArgs...)
		out, err := exec.Command(mariadb, args...).CombinedOutput()
		return string(out), err
	}
	withTLS := []string{"--ssl", "--ssl-ca=" + certFile, "--ssl-verify-server-cert"}
	base := []string{"--demo", "--listen", "127.0.0.1:0", "--user", "tls-user", "--password", "tls-pw", "--tls-cert", certFile, "--tls-key", keyFile}

	t.Run("optional", func(t *testing.T) {
		addr, _ := startServe(t, isolatedEnv(t), base...)
		out, err := client(addr, withTLS...)
		if err != nil || !strings.Contains(out, "Cipher in use") {
			t.Errorf("mariadb --ssl with the server's CA: %v\n%s", err, out)
		}
		if err := goConnect(addr, "tls-user", "tls-pw", verified); err != nil {
			t.Errorf("go driver over verified TLS: %v", err)
		}
		if err := goConnect(addr, "tls-user", "tls-pw", "false"); err != nil {
			t.Errorf("go driver without TLS, TLS not required: %v", err)
		}
	})
	t.Run("required", func(t *testing.T) {
		addr, _ := startServe(t, isolatedEnv(t), append(base, "--require-tls")...)
		out, err := client(addr, withTLS...)
		if err != nil || !strings.Contains(out, "Cipher in use") {
			t.Errorf("mariadb --ssl: %v\n%s", err, out)
		}
		out, err = client(addr, "--skip-ssl")
		if err == nil || strings.Contains(out, "Cipher in use") || !strings.Contains(out, "does not allow insecure connections") {
			t.Errorf("mariadb --skip-ssl against --require-tls: %v\n%s\nwant a refusal", err, out)
		}
		if err := goConnect(addr, "tls-user", "tls-pw", "false"); err == nil || !strings.Contains(err.Error(), "does not allow insecure connections") {
			t.Errorf("go driver without TLS against --require-tls: %v, want a refusal", err)
		}
		if err := goConnect(addr, "tls-user", "tls-pw", verified); err != nil {
			t.Errorf("go driver over TLS: %v", err)
		}
	})
	t.Run("from the config file", func(t *testing.T) {
		cfg := filepath.Join(t.TempDir(), "config.yaml")
		writeFile(t, cfg, "server:\n  tls_cert: "+certFile+"\n  tls_key: "+keyFile+"\n  require_tls: true\n  users:\n    - name: tls-user\n      password_env: TLS_PW\n")
		addr, _ := startServe(t, isolatedEnv(t, "TLS_PW=tls-pw"), "--demo", "--listen", "127.0.0.1:0", "--config", cfg)
		if err := goConnect(addr, "tls-user", "tls-pw", "false"); err == nil {
			t.Errorf("a plain connection was accepted: require_tls in the config file is ignored")
		}
		if err := goConnect(addr, "tls-user", "tls-pw", verified); err != nil {
			t.Errorf("go driver over TLS: %v", err)
		}
	})
}

// Accounts from flags, the environment and the config file (password_env, password_file),
// read-only accounts, and wrong passwords; no password ever appears in the server's output,
// not even at --log-level debug.
func TestServeAccounts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	writeFile(t, filepath.Join(dir, "reader.password"), "reader-pw-from-file\n")
	writeFile(t, cfg, `server:
  users:
    - name: admin
      password_env: ADMIN_PW
    - name: reader
      password_file: reader.password
      read_only: true
`)
	env := isolatedEnv(t, "ADMIN_PW=admin-pw-from-env", "CREDSQL_PASSWORD=ops-pw-from-env", "CREDSQL_READ_ONLY_PASSWORD=ro-pw-from-env")
	addr, stderr, stop := startServeStop(t, env, "--demo", "--listen", "127.0.0.1:0", "--config", cfg, "--log-level", "debug",
		"--user", "ops", "--read-only-user", "auditor", "--audit-log", "-")
	passwords := []string{"admin-pw-from-env", "reader-pw-from-file", "ops-pw-from-env", "ro-pw-from-env"}

	open := func(user, pw string) *sql.DB {
		db, err := sql.Open("mysql", user+":"+pw+"@tcp("+addr+")/credsql")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = db.Close() })
		return db
	}
	var app string
	if err := open("admin", "admin-pw-from-env").QueryRow("SELECT id FROM apps WHERE sign_on_mode = 'SAML_2_0' ORDER BY id LIMIT 1").Scan(&app); err != nil {
		t.Fatalf("admin (config, password_env): %v", err)
	}
	write := "CALL app_keys_generate('" + app + "', 2)"
	for _, u := range []struct {
		user, pw string
		writer   bool
	}{
		{"admin", "admin-pw-from-env", true},
		{"reader", "reader-pw-from-file", false},
		{"ops", "ops-pw-from-env", true},
		{"auditor", "ro-pw-from-env", false},
	} {
		db := open(u.user, u.pw)
		var n int
		if err := db.QueryRow("SELECT COUNT(*) FROM apps").Scan(&n); err != nil || n == 0 {
			t.Errorf("%s reads: %d rows, %v", u.user, n, err)
		}
		rows, err := db.Query(write)
		if err == nil {
			rows.Close()
		}
		switch {
		case u.writer && err != nil:
			t.Errorf("%s writes: %v", u.user, err)
		case !u.writer && (err == nil || !strings.Contains(err.Error(), `user "`+u.user+`" is read-only`)):
			t.Errorf("read-only %s writes: %v, want a refusal naming the user", u.user, err)
		}
		if _, err := db.Exec("INSERT INTO apps_secrets (app_id) VALUES ('" + app + "')"); !u.writer && (err == nil || !strings.Contains(err.Error(), "is read-only")) {
			t.Errorf("read-only %s inserts: %v, want a refusal", u.user, err)
		}
		wrong := open(u.user, u.pw+"-wrong")
		var me *mysql.MySQLError
		if err := wrong.Ping(); !errors.As(err, &me) || me.Number != 1045 {
			t.Errorf("%s with a wrong password: %v, want error 1045", u.user, err)
		}
	}
	var me *mysql.MySQLError
	if err := open("nobody", "admin-pw-from-env").Ping(); !errors.As(err, &me) || me.Number != 1045 {
		t.Errorf("unknown user: %v, want error 1045", err)
	}
	stop() // the server's output is complete once it has exited
	out := stderr.String()
	for _, pw := range passwords {
		if strings.Contains(out, pw) {
			t.Errorf("the server's output holds the password %q:\n%s", pw, out)
		}
	}
	if !strings.Contains(out, `"route":"POST /api/v1/apps/{appId}/credentials/keys/generate"`) {
		t.Errorf("no audit record of the writes on stderr (--audit-log -):\n%s", out)
	}
}

// The audit log is on by default for serve: $XDG_STATE_HOME/credsql/audit.log, mode 0600,
// one JSON object per mutating call; an empty --audit-log turns it off.
func TestServeAuditLogByDefault(t *testing.T) {
	t.Parallel()
	s := sim.New(sim.Options{})
	u := s.Start()
	t.Cleanup(s.Close)
	env := isolatedEnv(t, "OKTA_ORG_URL="+u, "OKTA_API_TOKEN="+s.Options().OktaToken)
	state := ""
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "XDG_STATE_HOME="); ok {
			state = v
		}
	}
	addr, stderr := startServe(t, env, "--listen", "127.0.0.1:0", "--password", "pw")
	db, err := sql.Open("mysql", "credsql:pw@tcp("+addr+")/credsql")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var app string
	if err := db.QueryRow("SELECT id FROM apps ORDER BY id LIMIT 1").Scan(&app); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query("CALL app_keys_generate(?, 2)", app)
	if err != nil {
		t.Fatal(err)
	}
	rows.Close()
	path := filepath.Join(state, "credsql", "audit.log")
	if !stderr.WaitFor("audit log: "+path, 10*time.Second) {
		t.Errorf("serve does not say where the audit log is:\n%s", stderr.String())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no audit log at the default path: %v", err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Errorf("audit log mode %v, want 0600", st.Mode().Perm())
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 1 {
		t.Fatalf("%d audit lines, want 1 (the one write; reads are not audited):\n%s", len(lines), b)
	}
	var rec map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &rec); err != nil {
		t.Fatalf("audit line is not JSON: %v\n%s", err, lines[0])
	}
	for k, want := range map[string]any{"user": "credsql", "vendor": "okta", "connection": "default", "method": "POST",
		"route": "POST /api/v1/apps/{appId}/credentials/keys/generate", "outcome": "ok",
		// The prepared statement with its bound values, and the app the call addressed.
		"statement": "CALL app_keys_generate('" + app + "', 2)"} {
		if rec[k] != want {
			t.Errorf("audit %s = %v, want %v", k, rec[k], want)
		}
	}
	if fmt.Sprint(rec["params"]) != fmt.Sprint([]any{"'" + app + "'"}) || fmt.Sprint(rec["object"]) != fmt.Sprint(map[string]any{"appId": app}) {
		t.Errorf("audit params %v object %v, want the bound app id, and the app", rec["params"], rec["object"])
	}
	if c, _ := rec["client"].(string); !strings.HasPrefix(c, "127.0.0.1:") {
		t.Errorf("audit client %v, want the client's address", rec["client"])
	}
	if rec["request_id"] == "" || rec["conn_id"] == float64(0) {
		t.Errorf("audit record lacks the request id or the connection id: %v", rec)
	}

	// Off: no file.
	env2 := isolatedEnv(t, "OKTA_ORG_URL="+u, "OKTA_API_TOKEN="+s.Options().OktaToken)
	addr2, _ := startServe(t, env2, "--listen", "127.0.0.1:0", "--password", "pw", "--audit-log", "")
	db2, _ := sql.Open("mysql", "credsql:pw@tcp("+addr2+")/credsql")
	defer db2.Close()
	rows, err = db2.Query("CALL app_keys_generate(?, 2)", app)
	if err != nil {
		t.Fatal(err)
	}
	rows.Close()
	for _, kv := range env2 {
		if v, ok := strings.CutPrefix(kv, "XDG_STATE_HOME="); ok {
			if _, err := os.Stat(filepath.Join(v, "credsql", "audit.log")); err == nil {
				t.Errorf("--audit-log '' still wrote the default audit log")
			}
		}
	}
}

// Accounts get exactly the rights their config entry gives, and SHOW GRANTS says so: the
// --user owner everything, a config reader its connection and SELECT, a config admin with
// reveal_secrets the grant tables and secrets (audited), --read-only-user a reader; the
// global --reveal-secrets reveals only for those who may; failed logins are audited without
// the password.
func TestServeUserPrivileges(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	writeFile(t, cfg, `server:
  users:
    - name: reader
      password_env: READER_PW
      read_only: true
      connections: [demo]
    - name: auditor
      password_env: AUDITOR_PW
      read_only: true
      reveal_secrets: true
      admin: true
`)
	auditPath := filepath.Join(dir, "audit.log")
	env := isolatedEnv(t, "READER_PW=reader-pw", "AUDITOR_PW=auditor-pw", "CREDSQL_PASSWORD=owner-pw", "CREDSQL_READ_ONLY_PASSWORD=ro-pw")
	addr, _ := startServe(t, env, "--demo", "--listen", "127.0.0.1:0", "--config", cfg, "--user", "owner",
		"--read-only-user", "ro", "--reveal-secrets", "--audit-log", auditPath)
	open := func(user, pw string) *sql.DB {
		db, err := sql.Open("mysql", user+":"+pw+"@tcp("+addr+")/credsql")
		if err != nil {
			t.Fatal(err)
		}
		db.SetMaxOpenConns(1)
		t.Cleanup(func() { _ = db.Close() })
		return db
	}
	number := func(err error) uint16 {
		var me *mysql.MySQLError
		if errors.As(err, &me) {
			return me.Number
		}
		return 0
	}
	for _, u := range []struct {
		user, pw string
		grants   []string
		reveal   bool
		admin    bool
	}{
		{"reader", "reader-pw", []string{"GRANT USAGE ON *.* TO `reader`@`%`", "GRANT SELECT ON `credsql`.* TO `reader`@`%`"}, false, false},
		{"ro", "ro-pw", []string{"GRANT USAGE ON *.* TO `ro`@`%`", "GRANT SELECT ON `credsql`.* TO `ro`@`%`"}, false, false},
		{"auditor", "auditor-pw", []string{"GRANT SELECT, PROCESS, SUPER ON *.* TO `auditor`@`%`", "GRANT SELECT ON `credsql`.* TO `auditor`@`%`",
			"GRANT CREDSQL_REVEAL_SECRETS ON *.* TO `auditor`@`%`"}, true, true},
		{"owner", "owner-pw", nil, true, true},
	} {
		db := open(u.user, u.pw)
		rows, err := db.Query("SHOW GRANTS")
		if err != nil {
			t.Fatalf("%s: SHOW GRANTS: %v", u.user, err)
		}
		var grants []string
		for rows.Next() {
			var g string
			_ = rows.Scan(&g)
			grants = append(grants, g)
		}
		rows.Close()
		if u.grants != nil && strings.Join(grants, "\n") != strings.Join(u.grants, "\n") {
			t.Errorf("%s: SHOW GRANTS:\n%s\nwant:\n%s", u.user, strings.Join(grants, "\n"), strings.Join(u.grants, "\n"))
		}
		if u.user == "owner" && (len(grants) != 2 || !strings.Contains(grants[0], "INSERT") || !strings.Contains(grants[0], "SUPER") ||
			grants[1] != "GRANT CREDSQL_REVEAL_SECRETS ON *.* TO `owner`@`%`") {
			t.Errorf("owner: SHOW GRANTS: %q", grants)
		}
		var on int
		var secret string
		if err := db.QueryRow("SELECT @@credsql_reveal_secrets, client_secret FROM apps_secrets WHERE client_secret IS NOT NULL LIMIT 1").Scan(&on, &secret); err != nil {
			t.Fatalf("%s: %v", u.user, err)
		}
		if revealed := on == 1 && !strings.HasPrefix(secret, "****"); revealed != u.reveal {
			t.Errorf("%s with --reveal-secrets: @@credsql_reveal_secrets %d, secret %q; want revealing %v", u.user, on, secret, u.reveal)
		}
		if _, err := db.Exec("SET credsql_reveal_secrets = ON"); u.reveal != (err == nil) || !u.reveal && number(err) != 1227 {
			t.Errorf("%s: SET credsql_reveal_secrets = ON: %v (may reveal: %v; refusal is 1227)", u.user, err, u.reveal)
		}
		var n int
		if err := db.QueryRow("SELECT COUNT(*) FROM mysql.user").Scan(&n); u.admin != (err == nil) || !u.admin && number(err) != 1142 {
			t.Errorf("%s: SELECT FROM mysql.user: %v (admin: %v; refusal is 1142)", u.user, err, u.admin)
		}
	}
	var me *mysql.MySQLError
	if err := open("reader", "not-the-reader-pw").Ping(); !errors.As(err, &me) || me.Number != 1045 {
		t.Errorf("wrong password: %v, want 1045", err)
	}
	b, err := os.ReadFile(auditPath)
	if err != nil {
		t.Fatal(err)
	}
	var reveals, failed int
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("audit line is not JSON: %v\n%s", err, line)
		}
		switch rec["action"] {
		case "reveal":
			reveals++
			if rec["user"] != "auditor" && rec["user"] != "owner" || rec["table"] != "apps_secrets" || rec["values"] != float64(1) {
				t.Errorf("reveal record %v", rec)
			}
		case "login_failed":
			failed++
			if rec["user"] != "reader" || !strings.HasPrefix(rec["client"].(string), "127.0.0.1:") {
				t.Errorf("failed-login record %v", rec)
			}
		}
	}
	if reveals != 2 || failed != 1 {
		t.Errorf("%d reveal and %d failed-login records, want 2 (auditor, owner) and 1:\n%s", reveals, failed, b)
	}
	for _, pw := range []string{"reader-pw", "auditor-pw", "owner-pw", "ro-pw", "not-the-reader-pw"} {
		if strings.Contains(string(b), pw) {
			t.Errorf("the audit log holds the password %q", pw)
		}
	}
}
