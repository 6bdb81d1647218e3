package engine_test

import (
	"fmt"
	"testing"

	"github.com/credsql/credsql/internal/testenv"
)

// A catalog query in the style of MariaDB Connector/ODBC's SQLColumns: a user variable
// assigned in the select list and read later in the same row; and Perl DBI's column_info
// (DESCRIBE with a pattern). Over the wire and in the shell.
func TestCatalogQueriesOfDrivers(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{})
	odbc := "SELECT COLUMN_NAME, @dt:= CASE DATA_TYPE WHEN 'varchar' THEN 12 WHEN 'datetime' THEN 93 WHEN 'tinyint' THEN -7 ELSE 0 END AS DATA_TYPE, " +
		"@dt AS SQL_DATA_TYPE, IF(@dt = 93, 3, NULL) AS SQL_DATETIME_SUB FROM INFORMATION_SCHEMA.COLUMNS " +
		"WHERE TABLE_SCHEMA = 'credsql' AND TABLE_NAME = 'apps' AND COLUMN_NAME IN ('id', 'created') ORDER BY COLUMN_NAME"
	want := "[[created 93 93 3] [id 12 12 <nil>]]"
	describe := "DESCRIBE `credsql`.`apps` 'c%'"
	wantDescribe := "[connection created client_id]"
	for name, run := range map[string]func(string) ([][]any, error){"wire": func(q string) ([][]any, error) { return e.WireQuery(q) }, "session": e.Query} {
		rows, err := run(odbc)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		} else if got := fmt.Sprint(rows); got != want {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
		rows, err = run(describe)
		if err != nil {
			t.Errorf("%s: %s: %v", name, describe, err)
			continue
		}
		var cols []any
		for _, r := range rows {
			cols = append(cols, r[0])
		}
		if got := fmt.Sprint(cols); got != wantDescribe {
			t.Errorf("%s: %s: %s, want %s", name, describe, got, wantDescribe)
		}
	}
}
