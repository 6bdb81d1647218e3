package engine_test

import (
	"database/sql"
	"encoding/json"
	"os/exec"
	"strings"
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

// A value bound to a parameter of a JSON column is read as a literal is: JSON text as it is,
// any other text (one base64 DER certificate, PEM, one DNS name) as the JSON string holding
// it, which the table's definition accepts (docs/tables/idps_keys.md). Server-side prepared
// statements of go-sql-driver (interpolateParams=false: COM_STMT_PREPARE and EXECUTE) and PHP
// PDO (ATTR_EMULATE_PREPARES off).
func TestJSONColumnsTakeBoundParameters(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{})
	db, err := sql.Open("mysql", e.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var kid, x5c string
	if err := db.QueryRow("SELECT kid, x5c FROM idps_keys ORDER BY kid LIMIT 1").Scan(&kid, &x5c); err != nil {
		t.Fatal(err)
	}
	var chain []string
	if err := json.Unmarshal([]byte(x5c), &chain); err != nil || len(chain) == 0 {
		t.Fatalf("x5c %q: %v", x5c, err)
	}
	leaf := chain[0]
	pem := "-----BEGIN CERTIFICATE-----\n" + leaf + "\n-----END CERTIFICATE-----\n"
	read := func() []string {
		t.Helper()
		var got string
		if err := db.QueryRow("SELECT x5c FROM idps_keys WHERE kid = ?", kid).Scan(&got); err != nil {
			t.Fatal(err)
		}
		var c []string
		if err := json.Unmarshal([]byte(got), &c); err != nil {
			t.Fatalf("x5c %q: %v", got, err)
		}
		return c
	}
	for name, v := range map[string]string{"JSON array": x5c, "one base64 DER": leaf, "PEM": pem} {
		if _, err := db.Exec("UPDATE idps_keys SET x5c = ? WHERE kid = ?", v, kid); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := read(); len(got) != 1 || got[0] != leaf {
			t.Errorf("%s: x5c reads %.40q, want the one certificate", name, got)
		}
	}
	var app string
	if err := db.QueryRow("SELECT id FROM apps ORDER BY id LIMIT 1").Scan(&app); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO app_csrs (app_id, subject_common_name, dns_names) VALUES (?, 'bound', ?)", app, "bound.example.com"); err != nil {
		t.Errorf("INSERT with a bound DNS name: %v", err)
	} else {
		var names string
		if err := db.QueryRow("SELECT dns_names FROM app_csrs WHERE app_id = ? AND subject_common_name = 'bound'", app).Scan(&names); err != nil || names != `["bound.example.com"]` {
			t.Errorf("dns_names %q, %v", names, err)
		}
	}

	php, err := exec.LookPath("php")
	if err != nil {
		testenv.Missing(t, "php is not installed", "apt-get install php-cli php-mysql")
	}
	host, port, _ := strings.Cut(e.Addr(), ":")
	script := `
$db = new PDO("mysql:host={$argv[1]};port={$argv[2]};dbname=credsql", "test", "test-password",
    [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION, PDO::ATTR_EMULATE_PREPARES => false]);
$st = $db->prepare("UPDATE idps_keys SET x5c = ? WHERE kid = ?");
$st->execute([$argv[3], $argv[4]]);
echo $st->rowCount();
`
	out, err := exec.Command(php, "-r", script, host, port, leaf, kid).CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "1" {
		t.Errorf("PDO: %v %s", err, out)
	}
	if got := read(); len(got) != 1 || got[0] != leaf {
		t.Errorf("after PDO: x5c reads %.40q, want the one certificate", got)
	}
}
