package engine

import (
	"reflect"
	"testing"
)

// The engine's readings of statement text go through sqltext: a terminator, a keyword or a
// comment marker inside a string, a quoted identifier or a comment is not one.
func TestSplitExecQuotesAndComments(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, body, rest string }{
		{"/* ; */ -- x;\nEXEC a.b @x = 'a;b'; SELECT 1", "EXEC a.b @x = 'a;b'", " SELECT 1"},
		{"EXEC a.b @x = 'a\\\\'; SELECT 2", "EXEC a.b @x = 'a\\\\'", " SELECT 2"},
		{"EXEC a.b @x = 'it''s;'; x", "EXEC a.b @x = 'it''s;'", " x"},
		{"EXEC a.b @x = 1 -- c;\n; y", "EXEC a.b @x = 1 -- c;\n", " y"},
		{"# c\nexec `a;b`.c @x = \"q\\\";\"; z", "exec `a;b`.c @x = \"q\\\";\"", " z"},
	} {
		body, rest, ok := splitExec(tc.in)
		if !ok || body != tc.body || rest != tc.rest {
			t.Errorf("splitExec(%q) = %q, %q, %v; want %q, %q", tc.in, body, rest, ok, tc.body, tc.rest)
		}
	}
	if _, _, ok := splitExec("--x\nEXEC a.b"); ok {
		t.Error(`"--x" is not a comment in MySQL: the statement does not start with EXEC`)
	}
}

func TestHasReturningAndSimpleDelete(t *testing.T) {
	t.Parallel()
	for q, want := range map[string]bool{
		"INSERT INTO app_keys (app_id) VALUES ('a') RETURNING *":                      true,
		"INSERT INTO app_keys (app_id) VALUES ('returning')":                          false,
		"INSERT INTO app_keys (app_id) VALUES ('a') -- returning\n":                   false,
		"INSERT INTO app_keys (app_id) VALUES ('a--b') RETURNING *":                   true,
		"INSERT INTO app_keys (app_id) VALUES ('a#b') /* x */ RETURNING *":            true,
		"INSERT INTO app_keys (app_id) VALUES ('a') /*!50000 RETURNING * */":          true,
		"INSERT INTO app_keys (app_id) VALUES ('it''s /* not a comment') RETURNING *": true,
	} {
		if got := hasReturning(q); got != want {
			t.Errorf("hasReturning(%q) = %v, want %v", q, got, want)
		}
	}
	for q, want := range map[string]bool{
		"DELETE FROM app_keys WHERE id = 'x'":                 true,
		"DELETE FROM app_keys WHERE id = 'select limit'":      true,
		"DELETE FROM app_keys WHERE id = 'x' -- limit 1\n":    true,
		"DELETE FROM app_keys WHERE id = 'x' LIMIT 1":         false,
		"DELETE FROM app_keys WHERE id = 'a--b' LIMIT 1":      false,
		"DELETE FROM app_keys WHERE id IN (SELECT id FROM t)": false,
	} {
		if got := simpleDelete(q, "app_keys"); got != want {
			t.Errorf("simpleDelete(%q) = %v, want %v", q, got, want)
		}
	}
}

func TestSplitStatements(t *testing.T) {
	t.Parallel()
	got := SplitStatements("SELECT 1; -- only a comment;\n; SELECT ';' /* ; */; SELECT 2")
	want := []string{"SELECT 1", "SELECT ';' /* ; */", "SELECT 2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SplitStatements = %q, want %q", got, want)
	}
}
