package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/sim"
)

// runCLI runs credsql in-process, as main does, with env as its whole environment and stdin
// as its standard input.
func runCLI(t *testing.T, env map[string]string, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errw bytes.Buffer
	a := newApp(strings.NewReader(stdin), &out, &errw)
	a.getenv = func(k string) string { return env[k] }
	code = a.main(args)
	return out.String(), errw.String(), code
}

func TestCLI(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantStdout []string // substrings (regexps when they start with ^)
		wantStderr []string
		wantNoOut  bool
	}{
		{name: "version flag", args: []string{"--version"}, wantStdout: []string{`^credsql \S+ \(commit \S+\)\n$`}},
		{name: "version command", args: []string{"version"}, wantStdout: []string{`^credsql \S+ \(commit \S+\)\n$`}},
		{name: "help", args: []string{"help"},
			wantStdout: []string{"Usage:\n  credsql [global flags] <command> [flags]", "  query ", "  serve ", "  shell ", "  run ", "  docs ",
				"--demo", "Exit codes: 0 ok, 1 error, 2 usage, 3 authentication, 4 findings"}},
		{name: "help flag", args: []string{"--help"}, wantStdout: []string{"Usage:"}},
		{name: "help query", args: []string{"help", "query"},
			wantStdout: []string{"credsql query (-e SQL | -f FILE)", "-fail-on-rows", "exit with code 4", "-format", "Global flags (--demo"}},
		{name: "help shell", args: []string{"help", "shell"}, wantStdout: []string{`\d TABLE`, "Ctrl-C cancels it", "-history"}},
		{name: "command --help", args: []string{"serve", "--help"}, wantStdout: []string{"-listen", "-tls-cert"}},
		{name: "help for an unknown command", args: []string{"help", "qurey"}, wantCode: exitUsage,
			wantStderr: []string{`credsql help: unknown command "qurey"`}, wantNoOut: true},
		{name: "no command", args: nil, wantCode: exitUsage, wantStderr: []string{"Usage:"}, wantNoOut: true},
		{name: "unknown command with a suggestion", args: []string{"quer", "-e", "SELECT 1"}, wantCode: exitUsage,
			wantStderr: []string{`credsql: unknown command "quer"`, `Did you mean "query"?`, "Run 'credsql help'"}, wantNoOut: true},
		{name: "unknown command without a suggestion", args: []string{"frobnicate"}, wantCode: exitUsage,
			wantStderr: []string{`unknown command "frobnicate"`}, wantNoOut: true},
		{name: "unknown global flag", args: []string{"--bogus", "query"}, wantCode: exitUsage,
			wantStderr: []string{"flag provided but not defined: -bogus", "Usage:"}, wantNoOut: true},
		{name: "unknown command flag", args: []string{"query", "--bogus"}, wantCode: exitUsage,
			wantStderr: []string{"credsql query: flag provided but not defined: -bogus", "Run 'credsql help query' for usage."}, wantNoOut: true},
		{name: "query without SQL", args: []string{"--demo", "query"}, wantCode: exitUsage,
			wantStderr: []string{"no SQL: give -e"}, wantNoOut: true},
		{name: "query with -e and -f", args: []string{"query", "-e", "SELECT 1", "-f", "x.sql"}, wantCode: exitUsage,
			wantStderr: []string{"give -e or -f, not both"}},
		{name: "unknown format", args: []string{"--demo", "query", "--format", "xml", "-e", "SELECT 1"}, wantCode: exitUsage,
			wantStderr: []string{`unknown format "xml": use one of table, json`}},
		{name: "bad duration", args: []string{"--cache-ttl", "soon", "--demo", "query", "-e", "SELECT 1"}, wantCode: exitUsage,
			wantStderr: []string{"not a duration"}},
		{name: "shell with arguments", args: []string{"shell", "SELECT 1"}, wantCode: exitUsage,
			wantStderr: []string{"unexpected arguments; to run SQL once use: credsql query -e"}},
		{name: "serve refuses a public address without a password", args: []string{"--demo", "serve", "--listen", "0.0.0.0:0"}, wantCode: exitUsage,
			wantStderr: []string{"not a loopback address: set --password or CREDSQL_PASSWORD"}},
		{name: "query", args: []string{"--demo", "query", "--format", "csv", "-e", "SELECT label FROM apps WHERE sign_on_mode = 'SAML_2_0' ORDER BY label LIMIT 2"},
			wantStdout: []string{"^label\nConfluence\nDropbox Business\n$"}},
		{name: "query from standard input", args: []string{"--demo", "query", "-f", "-", "--format", "ndjson"}, stdin: "SELECT 1 AS a; SELECT 2 AS b;",
			wantStdout: []string{"^{\"a\":1}\n{\"b\":2}\n$"}},
		{name: "SQL error", args: []string{"--demo", "query", "-e", "SELECT no_such_column FROM apps"}, wantCode: exitError,
			// The MySQL error number is for MySQL clients; the terminal gets the message.
			wantStderr: []string{`^credsql query: column "no_such_column" could not be found in any table in scope\n$`}},
		{name: "findings", args: []string{"--demo", "query", "--fail-on-rows", "--format", "json", "-e", "SELECT label FROM apps WHERE status = 'ACTIVE' LIMIT 1"},
			wantCode: exitFindings, wantStdout: []string{`"label":`}},
		{name: "no findings", args: []string{"--demo", "query", "--fail-on-rows", "-e", "SELECT label FROM apps WHERE status = 'NO_SUCH_STATUS'"}},
		{name: "writes are not findings", args: []string{"--demo", "query", "--fail-on-rows", "-e", "SET credsql_reveal_secrets = ON"},
			wantStderr: []string{"Query OK, 0 rows affected"}},
		{name: "run with findings", args: []string{"--demo", "run", "--fail-on-rows", "../../queries"}, wantCode: exitFindings,
			// The summary is the last line of stdout, stderr stays empty.
			wantStdout: []string{"^## ", `^(?s).*\n\d+ findings: \d+ critical, \d+ high, \d+ medium, \d+ low\n$`}, wantStderr: []string{"^$"}},
		{name: "shell piped", args: []string{"--demo", "shell"}, stdin: "SELECT COUNT(*) AS n FROM apps;\n",
			wantStdout: []string{"^\\+----\\+\n\\| n  \\|\n\\+----\\+\n\\| 24 \\|\n\\+----\\+\n$"}, wantStderr: []string{"^1 row in set"}},
		{name: "shell piped error", args: []string{"--demo", "shell"}, stdin: "SELECT no_such_column FROM apps;\nSELECT 1;\n", wantCode: exitError,
			wantStderr: []string{`^ERROR 1054 \(42S22\): column "no_such_column"`}, wantNoOut: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, nil, tc.stdin, tc.args...)
			if code != tc.wantCode {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tc.wantCode, stdout, stderr)
			}
			matchOutput(t, "stdout", stdout, tc.wantStdout)
			matchOutput(t, "stderr", stderr, tc.wantStderr)
			if tc.wantNoOut && stdout != "" {
				t.Errorf("stdout should be empty:\n%s", stdout)
			}
		})
	}
}

func matchOutput(t *testing.T, what, got string, wants []string) {
	t.Helper()
	for _, w := range wants {
		ok := strings.Contains(got, w)
		if strings.HasPrefix(w, "^") {
			ok = regexp.MustCompile(w).MatchString(got)
		}
		if !ok {
			t.Errorf("%s lacks %q:\n%s", what, w, got)
		}
	}
}

func TestHelpForEveryCommand(t *testing.T) {
	t.Parallel()
	for _, c := range commands {
		stdout, stderr, code := runCLI(t, nil, "", "help", c.name)
		if code != exitOK || stderr != "" || !strings.Contains(stdout, c.usage) {
			t.Errorf("help %s: exit %d, stderr %q, stdout:\n%s", c.name, code, stderr, stdout)
		}
	}
}

// A vendor that rejects the credential: exit code 3, and a hint naming what to check, for
// each vendor and each way in; the secret itself never appears.
func TestCLIAuthFailure(t *testing.T) {
	t.Parallel()
	s := sim.New(sim.Options{Seed: 42})
	u := s.Start()
	t.Cleanup(s.Close)
	const wrong = "wrong-secret-value-1234"
	okta := map[string]string{"OKTA_ORG_URL": u, "OKTA_API_TOKEN": wrong}
	ziti := map[string]string{"ZITI_MGMT_URL": u + sim.ZitiPrefix, "ZITI_USERNAME": "credsql-bot", "ZITI_PASSWORD": wrong}
	opa := map[string]string{"OPA_URL": u + sim.OPAPrefix, "OPA_TEAM": "acme", "OPA_KEY_ID": "6052868b-1b04-4a14-8288-e6496d7f2f4b", "OPA_KEY_SECRET": wrong}

	cfgFile := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfgFile, []byte("connections:\n  - name: prod\n    vendor: okta\n    url: "+u+"\n    token_env: PROD_OKTA_TOKEN\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		env   map[string]string
		args  []string
		stdin string
		want  []string
	}{
		{"okta query", okta, []string{"query", "-e", "SELECT label FROM apps LIMIT 1"},
			"", []string{"401 Unauthorized", "The token was rejected. Check environment variables OKTA_ORG_URL and OKTA_API_TOKEN"}},
		{"okta shell", okta, []string{"shell"}, "SELECT label FROM apps LIMIT 1;\n",
			[]string{"ERROR 1227 (42000)", "Check environment variables OKTA_ORG_URL and OKTA_API_TOKEN"}},
		{"okta run", okta, []string{"run", "../../queries"},
			"", []string{"401 Unauthorized", "Check environment variables OKTA_ORG_URL and OKTA_API_TOKEN"}},
		{"okta config file", map[string]string{"PROD_OKTA_TOKEN": wrong}, []string{"--config", cfgFile, "query", "-e", "SELECT label FROM apps LIMIT 1"},
			"", []string{`Okta connection "prod"`, `The token was rejected. Check config entry "prod"`}},
		{"openziti", ziti, []string{"query", "-e", "SELECT id FROM ziti_authenticators"},
			"", []string{"The username and password were rejected. Check environment variables ZITI_MGMT_URL and ZITI_USERNAME + ZITI_PASSWORD"}},
		{"okta privileged access", opa, []string{"query", "-e", "SELECT name FROM opa_service_users"},
			"", []string{"The service-user key id or secret was rejected. Check environment variables OPA_URL, OPA_TEAM, OPA_KEY_ID and OPA_KEY_SECRET"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, code := runCLI(t, tc.env, tc.stdin, tc.args...)
			if code != exitAuth {
				t.Errorf("exit code %d, want %d\nstderr:\n%s", code, exitAuth, stderr)
			}
			matchOutput(t, "stderr", stderr, tc.want)
			if strings.Contains(stdout+stderr, wrong) {
				t.Errorf("the secret leaked:\n%s%s", stdout, stderr)
			}
			if tc.args[0] != "run" && strings.Contains(stderr, "(errno ") { // run prints its own per-query lines
				t.Errorf("MySQL error numbers on the command line:\n%s", stderr)
			}
		})
	}
}
