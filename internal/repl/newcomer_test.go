package repl

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/sim"
)

// What a newcomer types first: help, help; or ? is the help, not a statement waiting for
// its ';' or a syntax error.
func TestHelpWithoutASemicolon(t *testing.T) {
	t.Parallel()
	env := newEnv(t, sim.Options{})
	for _, line := range []string{"help", "help;", "HELP", "?"} {
		stdout, stderr, err := session(t, env, true, []string{line, "SELECT 1 AS after;"}, nil)
		if err != nil || !strings.Contains(stdout, `\d TABLE`) || stderr != "" || !strings.Contains(stdout, "| after |") {
			t.Errorf("%q: err %v, stderr %q, stdout:\n%s", line, err, stderr, stdout)
		}
	}
}

// A string that spans lines comes back from the history as it ran: its newline kept as
// MySQL's \n escape, not turned into a space.
func TestHistoryKeepsNewlinesInStrings(t *testing.T) {
	t.Parallel()
	env := newEnv(t, sim.Options{})
	typed := [][]string{
		{"SELECT 'first", "  second' AS s,", "   2 AS n;"},
		{`SELECT "a`, ``, `b" AS t;`},
	}
	sc := &script{}
	for _, lines := range typed {
		sc.lines = append(sc.lines, lines...)
	}
	var out strings.Builder
	cfg := Config{Engine: env.Engine, Session: env.Engine.NewSession("test"), Lines: sc, Out: &out, Err: &out}
	if err := New(cfg).Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	want := []string{`SELECT 'first\n  second' AS s, 2 AS n;`, `SELECT "a\n\nb" AS t;`}
	if diff := cmp.Diff(want, sc.history); diff != "" {
		t.Fatalf("history (-want +got):\n%s", diff)
	}
	// Run again from the history, the statements return what they returned when typed.
	for i, entry := range sc.history {
		first := env.MustQuery(strings.TrimSuffix(strings.Join(typed[i], "\n"), ";"))
		again := env.MustQuery(strings.TrimSuffix(entry, ";"))
		if diff := cmp.Diff(first, again); diff != "" {
			t.Errorf("%s from the history returns (-typed +recalled):\n%s", entry, diff)
		}
	}
}

// USE answers as mysql does, not with an empty result.
func TestUseSaysDatabaseChanged(t *testing.T) {
	t.Parallel()
	env := newEnv(t, sim.Options{})
	stdout, stderr, err := session(t, env, false, []string{"USE credsql;", "SET @x = 1;"}, nil)
	if err != nil || stdout != "" || !strings.HasPrefix(stderr, "Database changed\nQuery OK, 0 rows affected") || strings.Contains(stderr, "Empty set") {
		t.Errorf("err %v, stdout %q, stderr %q", err, stdout, stderr)
	}
}

// A piped statement that fails after it started prints its error, and no table header
// without rows, in every format.
func TestPipedFailureLeavesNoHeader(t *testing.T) {
	t.Parallel()
	env := newEnv(t, sim.Options{})
	env.Sim.Inject(sim.Injection{Route: "GET /api/v1/apps", Kind: sim.FaultStatus, Status: 400, Count: 1000})
	for _, format := range []string{"table", "csv", "markdown", "json"} {
		stdout, stderr, err := session(t, env, false, []string{`\format ` + format, "SELECT label FROM apps;"}, nil)
		if err == nil || stdout != "" || !strings.Contains(stderr, "ERROR") {
			t.Errorf("%s: err %v, stdout %q, stderr %q", format, err, stdout, stderr)
		}
	}
}
