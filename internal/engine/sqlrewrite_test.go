package engine

import (
	"strings"
	"testing"
)

func TestRewriteFirst(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"SELECT @dt := 1 + 2 AS a, @dt", "SELECT credsql_assign('dt', 1 + 2) AS a, @dt"},
		{"select @dt:= CASE x WHEN 'a' THEN 1 ELSE 2 END AS t, @dt AS s FROM c", "select credsql_assign('dt', CASE x WHEN 'a' THEN 1 ELSE 2 END) AS t, @dt AS s FROM c"},
		{"SELECT @x:=(CASE 'a' WHEN 'a' THEN 'y' END) c, @x", "SELECT credsql_assign('x', (CASE 'a' WHEN 'a' THEN 'y' END)) c, @x"},
		{"SELECT IF(@a := f(1, 2), 1, 0)", "SELECT IF(credsql_assign('a', f(1, 2)), 1, 0)"},
		{"SELECT @a := 1, @b := @a + 1 FROM t WHERE x", "SELECT credsql_assign('a', 1), credsql_assign('b', @a + 1) FROM t WHERE x"},
		{"SELECT @`odd name` := 'v'", "SELECT credsql_assign('odd name', 'v')"},
		{"SELECT @a := 1; SELECT @b := 2", "SELECT credsql_assign('a', 1); SELECT @b := 2"},
		{"SELECT ':=' AS s, '@a := 1'", "SELECT ':=' AS s, '@a := 1'"},
		{"SET @a := 1", "SET @a := 1"},
		{"SELECT @@version", "SELECT @@version"},
		{"DESCRIBE `credsql`.`apps` '%'", "SHOW COLUMNS FROM `credsql`.`apps` LIKE '%'"},
		{"desc apps 'i%';", "SHOW COLUMNS FROM apps LIKE 'i%';"},
		{"DESCRIBE credsql.apps name", "SHOW COLUMNS FROM credsql.apps LIKE 'name'"},
		{"EXPLAIN apps \"it's\"", "SHOW COLUMNS FROM apps LIKE 'it''s'"},
		{"DESCRIBE apps", "DESCRIBE apps"},
		{"/* c */ DESCRIBE apps 'a\\'b'", "/* c */ SHOW COLUMNS FROM apps LIKE 'a''b'"},
		{"SELECT /* @a := 1 */ @a := 2 -- @b := 3\n, @`a``b` := 'x'", "SELECT /* @a := 1 */ credsql_assign('a', 2) -- @b := 3\n, credsql_assign('a`b', 'x')"},
		{"SELECT @a := f(')', \"(\") x, 2", "SELECT credsql_assign('a', f(')', \"(\")) x, 2"},
		{"/* lead */ SELECT @a := 1", "/* lead */ SELECT credsql_assign('a', 1)"},
		{"EXPLAIN SELECT * FROM apps", "EXPLAIN SELECT * FROM apps"},
	} {
		got, _, _ := rewriteFirst(c.in)
		if got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

// HELP becomes one row naming the topic (upper case, as MySQL's topics are), quoted safely.
func TestRewriteHelp(t *testing.T) {
	t.Parallel()
	for in, topic := range map[string]string{
		"help 'select'":          "'SELECT'",
		"HELP contents;":         "'CONTENTS'",
		"  help \"it's\" ":       "'IT''S'",
		"help 'a\\\\b'":          `'A\\B'`,
		"-- c\nhelp show tables": "'SHOW TABLES'",
	} {
		got, _, _ := rewriteFirst(in)
		if !strings.HasPrefix(got, "SELECT "+topic+" AS name, '") || !strings.HasSuffix(got, "' AS description, '' AS example") {
			t.Errorf("%q became %s", in, got)
		}
	}
	for _, in := range []string{"help", "helper 'x'", "SELECT 'help x'"} {
		if got, _, _ := rewriteFirst(in); got != in {
			t.Errorf("%q became %s", in, got)
		}
	}
}
