package main

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/routes/zitiroutes"
	"github.com/credsql/credsql/internal/sim"
)

// demoSAMLApp is the demo's (seed 42) first SAML app, Salesforce, with two key credentials.
const demoSAMLApp = "0oa1TAxlWz39xC3yd2na"

// runDemo runs credsql with --demo in-process and returns its output and the simulator it ran
// against.
func runDemo(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int, s *sim.Server) {
	t.Helper()
	var out, errw bytes.Buffer
	a := newApp(strings.NewReader(stdin), &out, &errw)
	a.getenv = func(string) string { return "" }
	a.onDemo = func(srv *sim.Server) { s = srv }
	code = a.main(append([]string{"--demo"}, args...))
	return out.String(), errw.String(), code, s
}

func writes(s *sim.Server) []sim.Call {
	var out []sim.Call
	for _, c := range s.Calls() {
		if c.Method != http.MethodGet && !c.Entry.Login &&
			c.Entry != zitiroutes.Logout {
			out = append(out, c)
		}
	}
	return out
}

func TestDryRunFlag(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
		want  []string // on stderr
	}{
		{
			name: "query --dry-run",
			args: []string{"--dry-run", "query", "--format", "csv", "-e", "CALL app_keys_rotate('" + demoSAMLApp + "')"},
			want: []string{
				"Note: dry run, not sent: Okta connection 'demo': POST /api/v1/apps/" + demoSAMLApp + "/credentials/keys/generate?validityYears=2",
				"Note: dry run, not sent: Okta connection 'demo': PUT /api/v1/apps/" + demoSAMLApp + ` {`,
				`"kid":"<kid of the new key>"`,
				"Note: app_keys_rotate: 1. (dry run) read app " + demoSAMLApp + " (Salesforce)",
			},
		},
		{
			name:  "shell, SET credsql_dry_run = ON",
			args:  []string{"shell", "--history", ""},
			stdin: "SET credsql_dry_run = ON;\nDELETE FROM opa_service_users WHERE name = 'ci-deploy';\n",
			want: []string{
				"Query OK, 1 row affected",
				"Note: dry run, not sent: Okta Privileged Access connection 'demo': PUT /v1/teams/acme/service_users/ci-deploy {\"name\":\"ci-deploy\",\"status\":\"DELETED\"}",
			},
		},
		{
			name:  "shell --dry-run",
			args:  []string{"--dry-run", "shell", "--history", ""},
			stdin: "INSERT INTO opa_service_users (name) VALUES ('new-bot');\n",
			want:  []string{"Note: dry run, not sent: Okta Privileged Access connection 'demo': POST /v1/teams/acme/service_users {\"name\":\"new-bot\"}"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code, s := runDemo(t, tc.stdin, tc.args...)
			if code != exitOK {
				t.Fatalf("exit code %d: %s", code, stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			if w := writes(s); len(w) > 0 {
				t.Errorf("the dry run wrote: %v", w)
			}
		})
	}
}

// One-shot commands log out of OpenZiti at exit: no API session is left on the controller.
func TestOneShotLeavesNoZitiSession(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		args  []string
		stdin string
	}{
		{name: "query", args: []string{"query", "-e", "SELECT id FROM ziti_authenticators; SELECT COUNT(*) FROM ziti_api_sessions"}},
		{name: "shell", args: []string{"shell", "--history", ""}, stdin: "SELECT id FROM ziti_authenticators;\n"},
		{name: "run", args: []string{"run", "../../queries", "--min-severity", "high"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var before int
			var s *sim.Server
			var out, errw bytes.Buffer
			a := newApp(strings.NewReader(tc.stdin), &out, &errw)
			a.getenv = func(string) string { return "" }
			a.onDemo = func(srv *sim.Server) { s, before = srv, srv.ZitiSessionCount() }
			if code := a.main(append([]string{"--demo"}, tc.args...)); code != exitOK && code != exitFindings {
				t.Fatalf("exit code %d: %s", code, errw.String())
			}
			if s.ZitiLogins() != 1 {
				t.Fatalf("%d logins: the command did not use OpenZiti", s.ZitiLogins())
			}
			if after := s.ZitiSessionCount(); after != before {
				t.Errorf("%d OpenZiti API sessions after the command, %d before: it did not log out", after, before)
			}
			if n := s.Count(zitiroutes.Logout); n != 1 {
				t.Errorf("%d logouts, want 1", n)
			}
		})
	}
}

// A SAML app's signing-key rotation and an IdP's trust rotation without downtime, typed into
// the shell.
func TestRotationsInTheShell(t *testing.T) {
	t.Parallel()
	s, env := simEnv(t)
	cert := partnerCert(t, "idp-signing-next.partner.example")
	script := "\\format csv\n" +
		"SET @app = (SELECT id FROM apps WHERE label = 'Salesforce');\n" +
		"CALL app_keys_rotate(@app);\n" +
		"SET @idp = (SELECT id FROM idps WHERE name = 'Partner SAML 1');\n" +
		"SET @old = (SELECT trust_kid FROM idps WHERE id = @idp);\n" +
		"CALL idps_trust_rotate(@idp, '" + cert + "');\n" +
		"SET @new = (SELECT JSON_UNQUOTE(JSON_EXTRACT(trust_additional_kids, '$[0]')) FROM idps WHERE id = @idp);\n" +
		"CALL idps_trust_promote(@idp, @new);\n" +
		"DELETE FROM idps_keys WHERE kid = @old;\n" +
		"SELECT a.signing_kid = k.kid AS switched FROM apps a JOIN app_keys k ON k.app_id = a.id WHERE a.id = @app ORDER BY k.created DESC LIMIT 1;\n" +
		"SELECT trust_kid = @new AS promoted, trust_additional_kids IS NULL AS alone FROM idps WHERE id = @idp;\n"
	var out, errw bytes.Buffer
	a := newApp(strings.NewReader(script), &out, &errw)
	a.getenv = func(k string) string { return env[k] }
	if code := a.main([]string{"shell", "--history", ""}); code != exitOK {
		t.Fatalf("exit code %d:\n%s", code, errw.String())
	}
	for _, want := range []string{"switched\ntrue\n", "promoted,alone\ntrue,true\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	for _, want := range []string{"Note: app_keys_rotate: 3. switched app ", "Note: idps_trust_rotate: 3. added kid ", "Note: idps_trust_promote: 2. made kid ", "Query OK, 1 row affected"} {
		if !strings.Contains(errw.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errw.String())
		}
	}
	if n := s.Count(oktaroutes.ReplaceApp); n != 1 {
		t.Errorf("%d app PUTs, want 1", n)
	}
	if n := s.Count(oktaroutes.ReplaceIdP); n != 2 {
		t.Errorf("%d IdP PUTs, want 2", n)
	}
}
