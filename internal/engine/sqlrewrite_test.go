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
		{"DESCRIBE apps", "DESCRIBE apps"},
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

// DESCRIBE t 'pattern' reads information_schema.COLUMNS with SHOW COLUMNS' result columns.
func TestRewriteDescribe(t *testing.T) {
	t.Parallel()
	read := func(schema, table, pattern, tail string) string {
		return "SELECT COLUMN_NAME AS `Field`, IF(DATA_TYPE = 'json', 'longtext', COLUMN_TYPE) AS `Type`, " +
			"IS_NULLABLE AS `Null`, COLUMN_KEY AS `Key`, COLUMN_DEFAULT AS `Default`, EXTRA AS `Extra` " +
			"FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = " + schema + " AND LOWER(TABLE_NAME) = LOWER(" + table + ") " +
			"AND COLUMN_NAME LIKE " + pattern + " ORDER BY ORDINAL_POSITION" + tail
	}
	for _, c := range []struct{ in, want string }{
		{"DESCRIBE `credsql`.`apps` '%'", read("'credsql'", "'apps'", "'%'", "")},
		{"desc apps 'i%';", read("DATABASE()", "'apps'", "'i%'", ";")},
		{"DESCRIBE credsql.apps name", read("'credsql'", "'apps'", "'name'", "")},
		{"EXPLAIN apps \"it's\"", read("DATABASE()", "'apps'", "'it''s'", "")},
		{"/* c */ DESCRIBE `a``b` 'a\\'b'", "/* c */ " + read("DATABASE()", "'a`b'", "'a''b'", "")},
		{"DESCRIBE apps", "DESCRIBE apps"},
	} {
		if got, _, _ := rewriteFirst(c.in); got != c.want {
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
