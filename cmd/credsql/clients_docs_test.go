package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// docs/connecting.md shows one snippet per client, each marked with an HTML comment
// "<!-- snippet: NAME -->" before its code block. TestConnectingSnippets runs every one of
// them, as written, against `credsql --demo serve` (127.0.0.1 and 3306 replaced by the test
// server's host and port), as the read-only account the page uses.

var snippetRE = regexp.MustCompile("(?s)<!-- snippet: ([a-z0-9.-]+) -->\n```[a-z]*\n(.*?)```")

// connectingSnippets returns the snippets of docs/connecting.md by name.
func connectingSnippets(t testing.TB) map[string]string {
	t.Helper()
	b, err := os.ReadFile("../../docs/connecting.md")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, m := range snippetRE.FindAllStringSubmatch(string(b), -1) {
		if _, dup := out[m[1]]; dup {
			t.Errorf("docs/connecting.md: two snippets named %s", m[1])
		}
		out[m[1]] = m[2]
	}
	return out
}

// A doc snippet: how to run it (in dir, with the snippet written to file) and the last line
// of output it must print. The number of Okta apps of the demo data is 24 (the simulator's
// fixed data set, as in test/clients/scenario.json).
type docSnippet struct {
	file string // the snippet is written to this file in dir
	run  func(t *testing.T, dir string) *exec.Cmd
	want string
}

var docSnippets = map[string]docSnippet{
	"jdbc": {file: "Connect.java", want: "24", run: func(t *testing.T, dir string) *exec.Cmd {
		java := need(t, "java", "apt-get install default-jdk-headless")
		if _, err := os.Stat(jdbcJar); err != nil {
			missing(t, "MariaDB Connector/J "+jdbcJar+" is not installed", "apt-get install libmariadb-java")
		}
		return exec.Command(java, "-cp", jdbcJar, "Connect.java")
	}},
	"odbc.ini": {file: "odbc.ini"}, // used by isql
	"isql": {file: "isql.sh", want: "24", run: func(t *testing.T, dir string) *exec.Cmd {
		need(t, "isql", "apt-get install unixodbc")
		if drivers, _ := filepath.Glob(odbcDriver); len(drivers) == 0 {
			missing(t, "the MariaDB ODBC driver is not installed", "apt-get install odbc-mariadb")
		}
		cmd := exec.Command("bash", "isql.sh")
		cmd.Env = append(os.Environ(), "ODBCINI="+filepath.Join(dir, "odbc.ini"))
		return cmd
	}},
	"pyodbc": {file: "odbc_connect.py", want: "24", run: func(t *testing.T, dir string) *exec.Cmd {
		py := python(t, "pyodbc")
		if drivers, _ := filepath.Glob(odbcDriver); len(drivers) == 0 {
			missing(t, "the MariaDB ODBC driver is not installed", "apt-get install odbc-mariadb")
		}
		cmd := exec.Command(py, "odbc_connect.py")
		cmd.Env = append(os.Environ(), "ODBCINI="+filepath.Join(dir, "odbc.ini"))
		return cmd
	}},
	"pdo": {file: "pdo.php", want: "24", run: func(t *testing.T, dir string) *exec.Cmd {
		return exec.Command(phpWith(t, "pdo_mysql"), "pdo.php")
	}},
	"mysqli": {file: "mysqli.php", want: "24", run: func(t *testing.T, dir string) *exec.Cmd {
		return exec.Command(phpWith(t, "mysqli"), "mysqli.php")
	}},
	"dbi": {file: "connect.pl", want: "24", run: func(t *testing.T, dir string) *exec.Cmd {
		perl := need(t, "perl", "apt-get install perl")
		if err := exec.Command(perl, "-MDBD::MariaDB", "-e", "1").Run(); err != nil {
			missing(t, "perl cannot load DBD::MariaDB", "apt-get install libdbd-mariadb-perl")
		}
		return exec.Command(perl, "connect.pl")
	}},
	"ruby-mysql2": {file: "connect.rb", want: "24", run: func(t *testing.T, dir string) *exec.Cmd {
		ruby := need(t, "ruby", "apt-get install ruby-mysql2")
		if err := exec.Command(ruby, "-e", "require 'mysql2'").Run(); err != nil {
			missing(t, "ruby cannot require mysql2", "apt-get install ruby-mysql2")
		}
		return exec.Command(ruby, "connect.rb")
	}},
	"sqlalchemy": {file: "connect.py", want: "24", run: func(t *testing.T, dir string) *exec.Cmd {
		return exec.Command(python(t, "pymysql", "sqlalchemy", "pandas"), "connect.py")
	}},
	"node-mariadb": {file: "connect.js", want: "24", run: func(t *testing.T, dir string) *exec.Cmd {
		cmd := exec.Command(nodeModule(t, "mariadb"), "connect.js")
		modules, err := filepath.Abs(filepath.Join(clientsDir, "node_modules"))
		if err != nil {
			t.Fatal(err)
		}
		cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
		return cmd
	}},
	"mycli": {file: "mycli.sh", want: "24", run: func(t *testing.T, dir string) *exec.Cmd {
		need(t, "mycli", "apt-get install mycli")
		cmd := exec.Command("bash", "mycli.sh")
		cmd.Env = append(os.Environ(), "HOME="+dir) // mycli writes its config and log there
		return cmd
	}},
	"mariadb-dump": {file: "dump.sh", want: "1", run: func(t *testing.T, dir string) *exec.Cmd {
		need(t, "mariadb-dump", "apt-get install mariadb-client")
		return exec.Command("bash", "dump.sh")
	}},
}

func TestConnectingSnippets(t *testing.T) {
	t.Parallel()
	snippets := connectingSnippets(t)
	var got, want []string
	for name := range snippets {
		got = append(got, name)
	}
	for name := range docSnippets {
		want = append(want, name)
	}
	sort.Strings(got)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Fatalf("docs/connecting.md has snippets %q, the test runs %q", got, want)
	}
	addr := serveAs(t, "credsql", "owner-pw", "--read-only-user", "reader", "--read-only-password", "reader-pw")
	host, port, _ := strings.Cut(addr, ":")
	local := strings.NewReplacer("127.0.0.1", host, "3306", port)
	for name, s := range docSnippets {
		if s.run == nil {
			continue
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for other, o := range docSnippets { // a snippet may use another's file (isql, odbc.ini)
				if err := os.WriteFile(filepath.Join(dir, o.file), []byte(local.Replace(snippets[other])), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			cmd := s.run(t, dir)
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			run := exec.CommandContext(ctx, cmd.Path, cmd.Args[1:]...)
			run.Dir = dir
			run.Env = append(cmd.Environ(), "CREDSQL_READ_ONLY_PASSWORD=reader-pw", "PYTHONDONTWRITEBYTECODE=1")
			var out, errOut bytes.Buffer
			run.Stdout, run.Stderr = &out, &errOut
			if err := run.Run(); err != nil {
				t.Fatalf("%v\nstdout:\n%s\nstderr:\n%s\nsnippet:\n%s", err, out.String(), errOut.String(), snippets[name])
			}
			if last := lastLine(out.String()); last != s.want {
				t.Errorf("last line of output %q, want %q\nstdout:\n%s\nstderr:\n%s", last, s.want, out.String(), errOut.String())
			}
		})
	}
}

// lastLine is the last non-empty line of out, without table borders (isql prints "| 24 |").
func lastLine(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(strings.Trim(strings.TrimSpace(lines[i]), "|+-"))
		if l != "" && !strings.HasPrefix(l, "SQLRowCount") && !strings.HasPrefix(l, "1 rows fetched") {
			return l
		}
	}
	return ""
}

// The page is the project's own: it points at no file outside the repository.
func TestConnectingDocIsSelfContained(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("../../docs/connecting.md")
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`(\.\./)+shared|shared/(api|specs)|/work/`).Find(b); m != nil {
		t.Errorf("docs/connecting.md refers to %q, outside the repository", m)
	}
}
