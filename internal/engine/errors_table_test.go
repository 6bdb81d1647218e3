package engine

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/dolthub/go-mysql-server/sql"
	"github.com/dolthub/vitess/go/mysql"

	"github.com/credsql/credsql/internal/fetch"
	"github.com/credsql/credsql/internal/tables"
)

func apiErr(status int) *fetch.APIError {
	return &fetch.APIError{Vendor: fetch.Okta, Connection: "prod", Op: "POST /api/v1/apps/{appId}/credentials/secrets",
		Status: status, Code: "E0000001", Message: "summary", RequestID: "req-42"}
}

// The mapping of typed errors to MySQL numbers and SQLSTATEs, as a table: the expected
// numbers are MySQL's (errmsg), written out by hand, not read from errorRules.
func TestErrorTable(t *testing.T) {
	t.Parallel()
	flat := func(err error) error { return sql.CastSQLError(err) } // what go-mysql-server's handler sends on
	transport := apiErr(0)
	transport.Err = errors.New("dial tcp: connection refused")
	unknown := apiErr(502)
	unknown.Unknown = true
	for _, c := range []struct {
		name  string
		err   error
		num   int
		state string
	}{
		{"deadline", fmt.Errorf("list apps: %w", context.DeadlineExceeded), 3024, "HY000"},
		{"cancelled", fmt.Errorf("list apps: %w", context.Canceled), 1317, "70100"},
		{"cancelled, flattened (go-mysql-server noticed first)", mysql.NewSQLError(mysql.ERUnknownError, "HY000", "context canceled"), 1317, "70100"},
		{"deadline, flattened", mysql.NewSQLError(mysql.ERUnknownError, "HY000", "list apps: context deadline exceeded"), 3024, "HY000"},
		{"read-only", fmt.Errorf("connection is read-only: %w", tables.ErrReadOnly), 1290, "HY000"},
		{"force needed", fmt.Errorf("x: %w", tables.ErrForceNeeded), 1290, "HY000"},
		{"conflict", fmt.Errorf("x: %w", tables.ErrConflict), 1213, "40001"},
		{"referenced", fmt.Errorf("x: %w", tables.ErrReferenced), 1451, "23000"},
		{"unconfigured", tables.Unconfigured(tables.Okta).Err, 1429, "HY000"},
		{"outcome unknown", fmt.Errorf("create secret: %w", unknown), 1430, "HY000"},
		{"vendor 401", apiErr(http.StatusUnauthorized), 1227, "42000"},
		{"vendor 403", apiErr(http.StatusForbidden), 1227, "42000"},
		{"vendor 404", apiErr(http.StatusNotFound), 1032, "HY000"},
		{"vendor 409", fmt.Errorf("create: %w", apiErr(http.StatusConflict)), 1062, "23000"},
		{"vendor 400", apiErr(http.StatusBadRequest), 1525, "HY000"},
		{"vendor 422", apiErr(http.StatusUnprocessableEntity), 1525, "HY000"},
		{"vendor 429", apiErr(http.StatusTooManyRequests), 1205, "HY000"},
		{"vendor 500", apiErr(http.StatusInternalServerError), 1430, "HY000"},
		{"vendor 503", apiErr(http.StatusServiceUnavailable), 1430, "HY000"},
		{"vendor unreachable", transport, 1429, "HY000"},
		{"unknown table", sql.ErrTableNotFound.New("nosuch"), 1146, "42S02"},
		{"unknown table, flattened", flat(sql.ErrTableNotFound.New("nosuch")), 1146, "42S02"},
		{"unknown column", sql.ErrColumnNotFound.New("c"), 1054, "42S22"},
		{"unknown column, flattened", flat(sql.ErrColumnNotFound.New("c")), 1054, "42S22"},
		{"unknown column of table, flattened", flat(sql.ErrTableColumnNotFound.New("apps", "c")), 1054, "42S22"},
		{"unknown procedure", sql.ErrStoredProcedureDoesNotExist.New("p"), 1305, "42000"},
		{"unknown procedure, flattened", flat(sql.ErrStoredProcedureDoesNotExist.New("p")), 1305, "42000"},
		{"unknown function, flattened", flat(sql.ErrFunctionNotFound.New("f")), 1305, "42000"},
		{"unknown database, flattened", flat(sql.ErrDatabaseNotFound.New("d")), 1049, "42000"},
		{"unknown variable, flattened", flat(sql.ErrUnknownSystemVariable.New("v")), 1193, "HY000"},
		{"ambiguous column, flattened", flat(sql.ErrAmbiguousColumnName.New("id", "a, b")), 1052, "23000"},
		{"invalid JSON, flattened", flat(sql.ErrInvalidJSONText.New(1, "json_extract", "{")), 3141, "22032"},
		{"syntax error, flattened", mysql.NewSQLError(mysql.ERUnknownError, "", "syntax error at position 6 near 'SELEC'"), 1064, "42000"},
		{"parser's code, flattened", mysql.NewSQLError(mysql.ERUnknownError, "", "EXEC: no procedure x (errno 1305) (sqlstate 42000)"), 1305, "42000"},
		{"number without its SQLSTATE", mysql.NewSQLError(1146, "", "table not found: t"), 1146, "42S02"},
		{"1045 without its SQLSTATE", mysql.NewSQLError(1045, "", "Access denied"), 1045, "28000"},
		{"1062 without its SQLSTATE", mysql.NewSQLError(1062, "", "dup"), 1062, "23000"},
		{"1318 without its SQLSTATE", mysql.NewSQLError(1318, "", "args"), 1318, "42000"},
		{"a given SQLSTATE is kept", mysql.NewSQLError(1105, "45000", "x"), 1105, "45000"},
		{"anything else", errors.New("boom"), 1105, "HY000"},
	} {
		var se *mysql.SQLError
		got := sqlError(c.err)
		if !errors.As(got, &se) || se.Num != c.num || se.State != c.state {
			t.Errorf("%s: %v, want %d (%s)", c.name, got, c.num, c.state)
		}
	}
}

// Vendor failures keep the vendor's request id; no rule sends a statement's failure with a
// connection-exception SQLSTATE (class 08), which drivers take for a lost connection.
func TestErrorTableKeepsRequestIDAndNoClass08(t *testing.T) {
	t.Parallel()
	for _, st := range []int{0, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503} {
		se := toSQLError(apiErr(st))
		if !strings.Contains(se.Message, "[request id req-42]") {
			t.Errorf("status %d: %q lacks the request id", st, se.Message)
		}
		if se.Num == mysql.ERUnknownError {
			t.Errorf("status %d: left at 1105", st)
		}
	}
	for _, r := range errorRules {
		if strings.HasPrefix(r.State, "08") || len(r.State) != 5 {
			t.Errorf("rule %q: SQLSTATE %q", r.Name, r.State)
		}
		if (r.is == nil) == (r.kind == nil) {
			t.Errorf("rule %q: needs exactly one of is and kind", r.Name)
		}
	}
	for n, st := range sqlStates {
		if strings.HasPrefix(st, "08") {
			t.Errorf("%d: SQLSTATE %s", n, st)
		}
	}
}

// docs/errors.md lists every number and SQLSTATE of the table.
func TestErrorTableIsDocumented(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("../../docs/errors.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range errorRules {
		if row := fmt.Sprintf("| %d | %s |", r.Num, r.State); !strings.Contains(string(doc), row) {
			t.Errorf("docs/errors.md lacks %q (%s)", row, r.Name)
		}
	}
}
