package engine

import "testing"

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
		{"help 'select'", "SELECT '' AS name, '' AS description, '' AS example FROM dual WHERE FALSE"},
		{"HELP contents;", "SELECT '' AS name, '' AS description, '' AS example FROM dual WHERE FALSE"},
		{"EXPLAIN SELECT * FROM apps", "EXPLAIN SELECT * FROM apps"},
	} {
		got, _, _ := rewriteFirst(c.in)
		if got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}
