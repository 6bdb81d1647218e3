package engine_test

import (
	"fmt"
	"os/exec"
	"strings"
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

// Perl DBI's column_info through DBD::MariaDB, with statements sent as text (no
// mariadb_server_prepare): it sends DESCRIBE `db`.`t` '%' and refuses a column type it does
// not know, json among them; app_keys has a JSON column (x5c), shown as longtext.
func TestDBIColumnInfo(t *testing.T) {
	t.Parallel()
	perl := testenv.Program(t, "perl", "apt-get install perl")
	if err := exec.Command(perl, "-MDBD::MariaDB", "-e", "1").Run(); err != nil {
		testenv.Missing(t, "perl cannot load DBD::MariaDB", "apt-get install libdbd-mariadb-perl")
	}
	e := testenv.New(t, testenv.Options{})
	host, port, _ := strings.Cut(e.Addr(), ":")
	script := `
my $dbh = DBI->connect("DBI:MariaDB:database=credsql;host=$ARGV[0];port=$ARGV[1]", "test", "test-password", {RaiseError => 1, PrintError => 0});
for my $t (qw(app_keys nosuch)) {
    my $ci = $dbh->column_info(undef, "credsql", $t, "%");
    print "$t: ", join(" ", map { "$_->{COLUMN_NAME}:$_->{TYPE_NAME}" } @{ $ci->fetchall_arrayref({}) }), "\n";
}
`
	out, err := exec.Command(perl, "-MDBI", "-e", script, host, port).CombinedOutput()
	if err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "app_keys: connection:VARCHAR app_id:VARCHAR kid:VARCHAR ") ||
		!strings.Contains(lines[0], " x5c:LONGTEXT ") || lines[1] != "nosuch:" {
		t.Errorf("column_info:\n%s", out)
	}
}
