package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// The client matrix (issue #17): one scenario, test/clients/scenario.json, run by each MySQL
// client that BI tools, notebooks and scripts use, against ONE `credsql --demo serve`. Each
// client script prints one line per check, "CHECK <name> ok" or "CHECK <name> fail <detail>";
// TestClientMatrix holds every client to the checks the scenario gives it, except those
// test/clients/pending.txt lists as failing until the server is fixed: a listed check that
// fails is expected (and logged), a listed check that passes fails the test, so that the list
// shrinks as the server gets fixed.

const clientsDir = "../../test/clients"

// scenario is the part of test/clients/scenario.json the harness reads; the client scripts
// read the rest.
type scenario struct {
	Database string            `json:"database"`
	Owner    scenarioUser      `json:"owner"`
	Reader   scenarioUser      `json:"reader"`
	Checks   []string          `json:"checks"`
	Clients  map[string]client `json:"clients"`
}

type scenarioUser struct {
	User     string `json:"user"`
	Password string `json:"password"`
}

type client struct {
	Omit  map[string]string `json:"omit"`
	Extra []string          `json:"extra"`
}

func loadScenario(t testing.TB) scenario {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(clientsDir, "scenario.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s scenario
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("scenario.json: %v", err)
	}
	return s
}

// checks are the checks client c runs, in the scenario's order.
func (s scenario) checks(c string) []string {
	var out []string
	for _, name := range s.Checks {
		if _, omitted := s.Clients[c].Omit[name]; !omitted {
			out = append(out, name)
		}
	}
	return append(out, s.Clients[c].Extra...)
}

// loadPending reads test/clients/pending.txt: one "client/check" per line, then optionally
// "# why"; blank lines and lines starting with # are skipped.
func loadPending(t testing.TB) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(clientsDir, "pending.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return parsePending(string(b))
}

func parsePending(text string) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, why, _ := strings.Cut(line, "#")
		out[strings.TrimSpace(key)] = strings.TrimSpace(why)
	}
	return out
}

// checkResult is what a client printed for one check.
type checkResult struct {
	ok     bool
	detail string
}

// parseChecks reads the CHECK lines of a client's output. A check printed twice counts as
// failed unless every line says ok.
func parseChecks(out string) map[string]checkResult {
	res := map[string]checkResult{}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "CHECK ")
		if !ok {
			continue
		}
		name, rest, _ := strings.Cut(rest, " ")
		verdict, detail, _ := strings.Cut(rest, " ")
		prev, seen := res[name]
		r := checkResult{ok: verdict == "ok" && (!seen || prev.ok), detail: detail}
		if seen && !prev.ok {
			r.detail = prev.detail
		}
		res[name] = r
	}
	return res
}

// verdict compares a client's results with the checks it must run and the pending list. It
// returns the errors (a failing check not pending, a pending check that passes, a check
// printed that the scenario does not give the client) and the expected failures.
func verdict(clientName string, want []string, got map[string]checkResult, pending map[string]string) (errs, expected []string) {
	for _, name := range want {
		key := clientName + "/" + name
		r, printed := got[name]
		why, isPending := pending[key]
		switch {
		case !printed && isPending:
			expected = append(expected, fmt.Sprintf("%s: not reached (pending: %s)", key, why))
		case !printed:
			errs = append(errs, fmt.Sprintf("%s: the client did not report this check", key))
		case r.ok && isPending:
			errs = append(errs, fmt.Sprintf("%s passes now: remove it from test/clients/pending.txt (it was pending: %s)", key, why))
		case !r.ok && isPending:
			expected = append(expected, fmt.Sprintf("%s: fails as expected (pending: %s): %s", key, why, r.detail))
		case !r.ok:
			errs = append(errs, fmt.Sprintf("%s: %s", key, r.detail))
		}
	}
	var extra []string
	for name := range got {
		if !slices.Contains(want, name) {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	for _, name := range extra {
		errs = append(errs, fmt.Sprintf("%s/%s: reported, but the scenario does not give this check to the client", clientName, name))
	}
	return errs, expected
}

// A matrix client: how to find it and run it. run returns the client's output.
type matrixClient struct {
	name string
	// find looks the client up, calling missing (skip locally, fail in CI) when it is absent,
	// and returns the command to run; nil for an in-process client.
	find func(t *testing.T) *exec.Cmd
	// inProcess runs the client in the test process instead.
	inProcess func(ctx context.Context, host, port string, w *bytes.Buffer) error
}

func python(t *testing.T, modules ...string) string {
	t.Helper()
	// Debian's python3-* packages are importable by the system Python only, not by a pyenv
	// python3 earlier on PATH.
	const py = "/usr/bin/python3"
	for _, m := range modules {
		if err := exec.Command(py, "-c", "import "+m).Run(); err != nil {
			missing(t, py+" cannot import "+m, "apt-get install python3-"+m)
		}
	}
	return py
}

func script(prog string, args ...string) *exec.Cmd {
	return exec.Command(prog, args...)
}

var matrixClients = []matrixClient{
	{name: "go-sql-driver", inProcess: goMatrix},
	{name: "pymysql", find: func(t *testing.T) *exec.Cmd {
		return script(python(t, "pymysql"), "client_pymysql.py")
	}},
	{name: "mariadb-cli", find: func(t *testing.T) *exec.Cmd {
		need(t, "mariadb", "apt-get install mariadb-client")
		return script(python(t), "client_cli.py", "mariadb-cli")
	}},
	{name: "mycli", find: func(t *testing.T) *exec.Cmd {
		need(t, "mycli", "apt-get install mycli")
		return script(python(t), "client_cli.py", "mycli")
	}},
	{name: "mariadb-dump", find: func(t *testing.T) *exec.Cmd {
		need(t, "mariadb-dump", "apt-get install mariadb-client")
		return script(python(t), "client_cli.py", "mariadb-dump")
	}},
	{name: "odbc", find: func(t *testing.T) *exec.Cmd {
		py := python(t, "pyodbc")
		drivers, _ := filepath.Glob(odbcDriver)
		if len(drivers) == 0 {
			missing(t, "the MariaDB ODBC driver "+odbcDriver+" is not installed", "apt-get install odbc-mariadb unixodbc")
		}
		cmd := script(py, "client_odbc.py")
		cmd.Env = append(cmd.Environ(), "CLIENT_ODBC_DRIVER="+drivers[0])
		return cmd
	}},
	{name: "sqlalchemy", find: func(t *testing.T) *exec.Cmd {
		return script(python(t, "pymysql", "sqlalchemy", "pandas"), "client_sqlalchemy.py")
	}},
	{name: "mysql2", find: func(t *testing.T) *exec.Cmd {
		return script(nodeModule(t, "mysql2"), "client_mysql2.js")
	}},
	{name: "node-mariadb", find: func(t *testing.T) *exec.Cmd {
		return script(nodeModule(t, "mariadb"), "client_mariadb.js")
	}},
	{name: "jdbc", find: func(t *testing.T) *exec.Cmd {
		java := need(t, "java", "apt-get install default-jdk-headless")
		javac := need(t, "javac", "apt-get install default-jdk-headless")
		if _, err := os.Stat(jdbcJar); err != nil {
			missing(t, "MariaDB Connector/J "+jdbcJar+" is not installed", "apt-get install libmariadb-java")
		}
		classes := t.TempDir()
		if out, err := exec.Command(javac, "-d", classes, "-cp", jdbcJar, filepath.Join(clientsDir, "ClientJDBC.java")).CombinedOutput(); err != nil {
			t.Fatalf("javac ClientJDBC.java: %v\n%s", err, out)
		}
		return script(java, "-cp", classes+string(os.PathListSeparator)+jdbcJar, "ClientJDBC")
	}},
	{name: "pdo", find: func(t *testing.T) *exec.Cmd {
		return script(phpWith(t, "pdo_mysql"), "client.php", "pdo")
	}},
	{name: "mysqli", find: func(t *testing.T) *exec.Cmd {
		return script(phpWith(t, "mysqli"), "client.php", "mysqli")
	}},
	{name: "dbi", find: func(t *testing.T) *exec.Cmd {
		perl := need(t, "perl", "apt-get install perl")
		if err := exec.Command(perl, "-MDBD::MariaDB", "-e", "1").Run(); err != nil {
			missing(t, "perl cannot load DBD::MariaDB", "apt-get install libdbd-mariadb-perl")
		}
		return script(perl, "client.pl")
	}},
	{name: "ruby-mysql2", find: func(t *testing.T) *exec.Cmd {
		ruby := need(t, "ruby", "apt-get install ruby-mysql2")
		if err := exec.Command(ruby, "-e", "require 'mysql2'").Run(); err != nil {
			missing(t, "ruby cannot require mysql2", "apt-get install ruby-mysql2")
		}
		return script(ruby, "client.rb")
	}},
}

const (
	odbcDriver = "/usr/lib/*/odbc/libmaodbc.so" // a glob: the directory is the architecture's
	jdbcJar    = "/usr/share/java/mariadb-java-client.jar"
)

func nodeModule(t *testing.T, module string) string {
	t.Helper()
	node := need(t, "node", "apt-get install nodejs npm; cd test/clients && npm ci")
	if _, err := os.Stat(filepath.Join(clientsDir, "node_modules", module, "package.json")); err != nil {
		missing(t, module+" is not installed in test/clients/node_modules", "cd test/clients && npm ci")
	}
	return node
}

func phpWith(t *testing.T, ext string) string {
	t.Helper()
	php := need(t, "php", "apt-get install php-cli php-mysql")
	out, err := exec.Command(php, "-m").Output()
	if err != nil || !slices.Contains(strings.Fields(string(out)), ext) {
		missing(t, "php lacks the "+ext+" extension", "apt-get install php-mysql")
	}
	return php
}

// TestClientMatrix runs every client of the matrix concurrently against one server.
func TestClientMatrix(t *testing.T) {
	t.Parallel()
	sc := loadScenario(t)
	pending := loadPending(t)
	for key := range pending {
		c, check, _ := strings.Cut(key, "/")
		if _, ok := sc.Clients[c]; !ok || !slices.Contains(sc.checks(c), check) {
			t.Errorf("pending.txt lists %q, which is no check of the scenario", key)
		}
	}
	var names []string
	for _, c := range matrixClients {
		names = append(names, c.name)
	}
	for c := range sc.Clients {
		if !slices.Contains(names, c) {
			t.Errorf("scenario.json has client %q, which the harness does not run", c)
		}
	}

	certFile, keyFile, _ := selfSigned(t) // TLS is offered; clients use it only when asked to
	addr := serveAs(t, sc.Owner.User, sc.Owner.Password,
		"--read-only-user", sc.Reader.User, "--read-only-password", sc.Reader.Password,
		"--tls-cert", certFile, "--tls-key", keyFile)
	host, port, _ := strings.Cut(addr, ":")
	start := time.Now()
	var mu sync.Mutex
	var times []string
	t.Cleanup(func() {
		sort.Strings(times)
		t.Logf("client matrix: %d clients in %s (one server, concurrent): %s", len(times), time.Since(start).Round(10*time.Millisecond), strings.Join(times, ", "))
	})
	t.Run("clients", func(t *testing.T) {
		for _, c := range matrixClients {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				var out, errOut bytes.Buffer
				ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
				defer cancel()
				began := time.Now()
				var err error
				if c.inProcess != nil {
					err = c.inProcess(ctx, host, port, &out)
				} else {
					cmd := c.find(t)
					run := exec.CommandContext(ctx, cmd.Path, cmd.Args[1:]...)
					run.Dir = clientsDir
					run.Env = append(cmd.Environ(), "CLIENT_HOST="+host, "CLIENT_PORT="+port, "CLIENT_NAME="+c.name, "CLIENT_TLS_CA="+certFile, "PYTHONDONTWRITEBYTECODE=1")
					run.Stdout, run.Stderr = &out, &errOut
					err = run.Run()
				}
				mu.Lock()
				times = append(times, fmt.Sprintf("%s %s", c.name, time.Since(began).Round(10*time.Millisecond)))
				mu.Unlock()
				if err != nil {
					t.Errorf("%s: %v\nstderr:\n%s", c.name, err, errOut.String())
				}
				errs, expected := verdict(c.name, sc.checks(c.name), parseChecks(out.String()), pending)
				for _, e := range expected {
					t.Logf("expected failure: %s", e)
				}
				for _, e := range errs {
					t.Error(e)
				}
				if len(errs) > 0 {
					t.Logf("output:\n%s\nstderr:\n%s", out.String(), errOut.String())
				}
			})
		}
	})
}

// The harness itself: a pending check that passes fails the run, a pending check that fails
// is expected, a missing check fails, and a check no client should print fails.
func TestClientMatrixVerdict(t *testing.T) {
	t.Parallel()
	pending := parsePending("# comment\n\nc/b  # server defect\nc/d\n")
	if len(pending) != 2 || pending["c/b"] != "server defect" {
		t.Fatalf("parsePending: %q", pending)
	}
	got := parseChecks("noise\nCHECK a ok\nCHECK b fail errno 1105, want 1146\nCHECK d ok\nCHECK x ok\nCHECK e ok\nCHECK e fail second time\n")
	errs, expected := verdict("c", []string{"a", "b", "d", "e", "f"}, got, pending)
	wantErrs := []string{
		"c/d passes now: remove it from test/clients/pending.txt (it was pending: )",
		"c/e: second time",
		"c/f: the client did not report this check",
		"c/x: reported, but the scenario does not give this check to the client",
	}
	if !slices.Equal(errs, wantErrs) {
		t.Errorf("errors:\n%q\nwant\n%q", errs, wantErrs)
	}
	if len(expected) != 1 || !strings.HasPrefix(expected[0], "c/b: fails as expected (pending: server defect): errno 1105") {
		t.Errorf("expected failures: %q", expected)
	}
}
