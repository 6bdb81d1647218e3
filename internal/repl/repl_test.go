package repl

import (
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/tables"
)

// A session over the demo simulator: multi-line input, comments, automatic and explicit
// expanded display, fitted tables, \G, \format, \timing and an error. On a terminal (width
// 100) the shell goes on after the error; piped, standard output holds only results and the
// first error ends the run.
var sessionLines = []string{
	`SELECT label, sign_on_mode`,
	`  FROM apps`,
	`  WHERE status = 'ACTIVE'`,
	`  ORDER BY label LIMIT 3;`,
	`-- a comment on its own line runs nothing`,
	`SELECT id, label, sign_on_mode, status, created, signing_kid, client_id, token_endpoint_auth_method FROM apps ORDER BY id LIMIT 2;`,
	`\x off`,
	`SELECT id, label, sign_on_mode, status, created, signing_kid, client_id, token_endpoint_auth_method FROM apps ORDER BY id LIMIT 2;`,
	`\x`,
	`SELECT label, status FROM apps WHERE label = 'Box';`,
	`\x auto`,
	`SELECT id, label FROM apps WHERE label = 'Box'\G`,
	`SELECT 'a;b' AS "semi;colon", 2 AS two; SELECT`,
	`  3 AS three;`,
	`\format json`,
	`SELECT label, status FROM apps ORDER BY label LIMIT 2;`,
	`\format csv`,
	`SELECT label, status FROM apps ORDER BY label LIMIT 2;`,
	`\format table`,
	`\timing`,
	`SELECT COUNT(*) AS apps FROM apps;`,
	`\timing`,
	`SELECT no_such_column FROM apps;`,
	`SELECT 'the shell goes on' AS after_the_error;`,
	`\q`,
}

func TestSessionGolden(t *testing.T) {
	t.Parallel()
	env := newEnv(t, sim.Options{})
	for _, tc := range []struct {
		name    string
		tty     bool
		wantErr bool
	}{
		{"session_tty", true, false},
		{"session_piped", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, stderr, err := session(t, env, tc.tty, sessionLines, nil)
			if (err != nil) != tc.wantErr {
				t.Errorf("Run error = %v, want error %v", err, tc.wantErr)
			}
			golden(t, tc.name, transcript(stdout, stderr))
		})
	}
}

func TestDescribeGolden(t *testing.T) {
	t.Parallel()
	env := newEnv(t, sim.Options{})
	lines := []string{`\d`, `\d apps_secrets`, `\d app_keys`, `\d credsql_procedures`, `\d no_such_table`, `\d a b`}
	t.Run("tty", func(t *testing.T) {
		stdout, stderr, err := session(t, env, true, lines, nil)
		if err != nil {
			t.Fatal(err)
		}
		golden(t, "describe_tty", transcript(stdout, stderr))
	})
	t.Run("piped", func(t *testing.T) {
		// Piped output is not fitted to any width; the unknown table ends the run.
		stdout, stderr, err := session(t, env, false, []string{`\d opa_service_users`, `\d no_such_table`, `\d`}, nil)
		if err == nil {
			t.Error("an unknown table did not fail the piped run")
		}
		golden(t, "describe_piped", transcript(stdout, stderr))
	})
}

// \d TABLE shows everything the registry says about every table: each column with its
// description, the writes, every procedure and every example.
func TestDescribeEveryTable(t *testing.T) {
	t.Parallel()
	env := newEnv(t, sim.Options{})
	for _, d := range tables.All() {
		m := d.Meta()
		t.Run(m.Name, func(t *testing.T) {
			stdout, stderr, err := session(t, env, false, []string{`\d ` + m.Name}, nil)
			if err != nil || stderr != "" {
				t.Fatalf("\\d %s: %v %s", m.Name, err, stderr)
			}
			want := []string{m.Doc, m.Route}
			for _, c := range m.Columns {
				want = append(want, "| "+c.Name+" ", c.Doc)
			}
			for _, p := range m.Procedures {
				want = append(want, "CALL "+p.FullName+"(", p.Doc)
			}
			for _, e := range m.Examples {
				want = append(want, e.Title, e.SQL+";")
			}
			for _, k := range []struct {
				ok   bool
				text string
			}{{m.CanInsert, m.InsertDoc}, {m.CanUpdate, m.UpdateDoc}, {m.CanDelete, m.DeleteDoc}} {
				if k.ok {
					want = append(want, k.text)
				}
			}
			for _, w := range want {
				if !strings.Contains(stdout, w) {
					t.Errorf("\\d %s lacks %q", m.Name, w)
				}
			}
		})
	}
}
