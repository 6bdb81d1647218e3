package repl

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/sim"
)

func TestComplete(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in       string
		want     []string
		wantRest string
	}{
		{"SELECT 1;\n", []string{"SELECT 1"}, ""},
		{"SELECT 1\n", nil, "SELECT 1\n"},
		{"SELECT 1; SELECT\n", []string{"SELECT 1"}, " SELECT\n"},
		{"SELECT ';' AS a;\n", []string{"SELECT ';' AS a"}, ""},
		{"SELECT \"a;\" AS `b;`;\n", []string{"SELECT \"a;\" AS `b;`"}, ""},
		{"SELECT 'it''s; fine', 'a\\';b';\n", []string{"SELECT 'it''s; fine', 'a\\';b'"}, ""},
		{"SELECT 1 -- a comment; not the end\n", nil, "SELECT 1 -- a comment; not the end\n"},
		{"SELECT 1 --; not a comment in MySQL without the space\n", []string{"SELECT 1 --"}, " not a comment in MySQL without the space\n"},
		{"SELECT 1 # comment;\n;\n", []string{"SELECT 1 # comment;"}, ""},
		{"SELECT /* ; */ 1;\n", []string{"SELECT /* ; */ 1"}, ""},
		{"SELECT /* unfinished ;\n", nil, "SELECT /* unfinished ;\n"},
		{"SELECT 1\\G\n", []string{"SELECT 1\\G"}, ""},
		{"SELECT 1\\GSELECT 2;\n", []string{"SELECT 1\\G", "SELECT 2"}, ""},
		{"-- only a comment\n", nil, "-- only a comment\n"},
		{";;\n", nil, ""},
		{"SELECT 'multi\nline;';\n", []string{"SELECT 'multi\nline;'"}, ""},
		{"/*!50000 SELECT 1 */;\n", []string{"/*!50000 SELECT 1 */"}, ""},
		{"SELECT 'a\\\\'; SELECT `b\\`;\n", []string{"SELECT 'a\\\\'", "SELECT `b\\`"}, ""},
		{"SELECT 'x' # it's\n;\n", []string{"SELECT 'x' # it's"}, ""},
	} {
		stmts, rest := complete(tc.in)
		if diff := cmp.Diff(tc.want, stmts); diff != "" || rest != tc.wantRest {
			t.Errorf("complete(%q) = %q, rest %q; want %q, rest %q", tc.in, stmts, rest, tc.want, tc.wantRest)
		}
	}
}

func TestOnlyComments(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]bool{
		"":                       true,
		" \n\t":                  true,
		"-- note\n":              true,
		"-- note":                true,
		"# note\n  /* more */ ":  true,
		"/* unfinished":          false,
		"-- note\nSELECT 1":      false,
		"--not a comment\n":      false,
		"SELECT 1 -- trailing\n": false,
		"/*!50000 SELECT 1 */":   false,
	} {
		if got := onlyComments(in); got != want {
			t.Errorf("onlyComments(%q) = %v, want %v", in, got, want)
		}
	}
}

// What reaches the history: one entry per statement however many lines it took, commands,
// lines with comments kept apart, nothing for a statement abandoned with Ctrl-C, nothing for
// a statement that names a secret-bearing column, parameter or procedure.
func TestHistoryEntries(t *testing.T) {
	t.Parallel()
	env := newEnv(t, sim.Options{})
	sc := &script{lines: []string{
		"SELECT label",
		"  FROM apps",
		"  LIMIT 1;",
		`\x on`,
		"SELECT 1 AS a; SELECT 2 AS b;",
		"SELECT 'abandoned'",
		ctrlC,
		"-- note",
		"SELECT 3 AS c -- why",
		";",
		"SELECT 4 AS d",
		";",
		"EXEC ziti_authenticators.update @id = 'x', @current_password = 'old-pw', @password = 'new-pw';",
		"INSERT INTO apps_secrets (app_id, client_secret)",
		"  VALUES ('0oa1', 'abcdefghijklmnopq');",
		"CALL ziti_authenticators_patch('x', 'old-pw', 'new-pw');",
		"EXEC `ziti_authenticators`.`patch` 'x', 'old-pw', 'new-pw';",
		"SET PASSWORD = 'hunter2';",
		"SELECT s.Client_Secret FROM apps_secrets s;",
		"SELECT token FROM ziti_api_sessions;",
		"SELECT id FROM apps_secrets LIMIT 1;",
	}}
	cfg := Config{Engine: env.Engine, Session: env.Engine.NewSession("test"), Lines: sc, Out: ioDiscard{}, Err: ioDiscard{}, TTY: true}
	if err := New(cfg).Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"SELECT label FROM apps LIMIT 1;",
		`\x on`,
		"SELECT 1 AS a; SELECT 2 AS b;",
		"SELECT 3 AS c -- why",
		";",
		"SELECT 4 AS d ;",
		"SELECT id FROM apps_secrets LIMIT 1;",
	}
	if diff := cmp.Diff(want, sc.history); diff != "" {
		t.Errorf("history (-want +got):\n%s", diff)
	}
}

type ioDiscard struct{}

func (ioDiscard) Write(p []byte) (int, error) { return len(p), nil }

func TestHistoryFilePath(t *testing.T) {
	t.Parallel()
	home := func() (string, error) { return "/home/ada", nil }
	noHome := func() (string, error) { return "", os.ErrNotExist }
	for _, tc := range []struct {
		name  string
		state string
		home  func() (string, error)
		want  string
	}{
		{"XDG_STATE_HOME", "/var/state", home, "/var/state/credsql/history"},
		{"default", "", home, "/home/ada/.local/state/credsql/history"},
		{"relative XDG_STATE_HOME is ignored", "state", home, "/home/ada/.local/state/credsql/history"},
		{"no home", "", noHome, ""},
		{"no home but XDG_STATE_HOME", "/s", noHome, "/s/credsql/history"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			getenv := func(k string) string {
				if k == "XDG_STATE_HOME" {
					return tc.state
				}
				return ""
			}
			if got := historyFile(getenv, tc.home); got != filepath.FromSlash(tc.want) {
				t.Errorf("historyFile = %q, want %q", got, tc.want)
			}
		})
	}
}
