package engine_test

import (
	"database/sql"
	"encoding/json"
	"testing"

	"github.com/dolthub/vitess/go/sqltypes"
	querypb "github.com/dolthub/vitess/go/vt/proto/query"

	"github.com/credsql/credsql/internal/testenv"
)

// A JSON column is sent as MariaDB sends one: LONGTEXT (type 252, BLOB flag, not binary) in
// utf8mb4, whose value is the JSON text. MySQL 8's own JSON type (245) is what MariaDB
// Connector/ODBC 3.1 cannot read. Read with vitess's client (text protocol) and with
// go-sql-driver's server-side prepared statements (binary protocol), whose column type names
// come from the column definition: TEXT for a non-binary 252, JSON for 245.
func TestJSONIsSentAsLongText(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{})
	c := rawConn(t, e)
	res, err := c.ExecuteFetch("SELECT x5c, JSON_ARRAY(1, 'a') AS j FROM app_keys LIMIT 1", 1, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 1 {
		t.Fatalf("%d rows", len(res.Rows))
	}
	for i, f := range res.Fields {
		if f.Type != sqltypes.Text || f.Charset != 255 || f.ColumnLength != 4294967295 ||
			f.Flags&uint32(querypb.MySqlFlag_BLOB_FLAG) == 0 || f.Flags&uint32(querypb.MySqlFlag_BINARY_FLAG) != 0 {
			t.Errorf("%s: %v charset %d length %d flags %#x, want LONGTEXT utf8mb4", f.Name, f.Type, f.Charset, f.ColumnLength, f.Flags)
		}
		if v := res.Rows[0][i].ToString(); !json.Valid([]byte(v)) {
			t.Errorf("%s: %q is not JSON text", f.Name, v)
		}
	}

	db, err := sql.Open("mysql", e.DSN()) // interpolateParams=false: COM_STMT_PREPARE/EXECUTE
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT x5c FROM app_keys WHERE app_id <> ? LIMIT 1", "")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cts, err := rows.ColumnTypes()
	if err != nil {
		t.Fatal(err)
	}
	if got := cts[0].DatabaseTypeName(); got != "TEXT" {
		t.Errorf("prepared: x5c is %s, want TEXT", got)
	}
	if !rows.Next() {
		t.Fatalf("no row: %v", rows.Err())
	}
	var x5c string
	if err := rows.Scan(&x5c); err != nil || !json.Valid([]byte(x5c)) {
		t.Errorf("prepared: x5c %q, %v", x5c, err)
	}
}
