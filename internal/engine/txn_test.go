package engine_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	vmysql "github.com/dolthub/vitess/go/mysql"

	"github.com/credsql/credsql/internal/testenv"
)

func rawConn(t *testing.T, e *testenv.Env) *vmysql.Conn {
	t.Helper()
	host, port, _ := strings.Cut(e.Addr(), ":")
	p, _ := strconv.Atoi(port)
	c, err := vmysql.Connect(context.Background(), &vmysql.ConnParams{Host: host, Port: p, Uname: "test", Pass: "test-password", DbName: "credsql"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// The OK and EOF packets carry MySQL's SERVER_STATUS_IN_TRANS and SERVER_STATUS_AUTOCOMMIT as
// MySQL sets them (PHP PDO's commit() fails without them); a write inside a transaction is
// applied at once, and ROLLBACK then fails with 1196 instead of claiming to undo it.
func TestTransactionStatusFlags(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{})
	app := fmt.Sprint(e.MustQuery("SELECT id FROM apps WHERE sign_on_mode = 'OPENID_CONNECT' LIMIT 1")[0][0])
	c := rawConn(t, e)
	const inTx, auto = 0x0001, 0x0002
	mask := uint16(inTx | auto)
	step := func(q string, want uint16, wantErr int) {
		t.Helper()
		_, st, err := c.ExecuteFetchMulti(context.Background(), q, 1000, false)
		var se *vmysql.SQLError
		switch {
		case wantErr != 0:
			if !errors.As(err, &se) || se.Num != wantErr {
				t.Errorf("%s: %v, want error %d", q, err, wantErr)
			}
			return
		case err != nil:
			t.Fatalf("%s: %v", q, err)
		}
		if got := uint16(st) & mask; got != want&mask {
			t.Errorf("%s: status flags %#04x, want %#04x", q, got, want)
		}
	}
	step("SELECT 1", auto, 0)
	step("BEGIN", auto|inTx, 0)
	step("SELECT id FROM apps LIMIT 1", auto|inTx, 0)
	step("COMMIT", auto, 0)
	step("START TRANSACTION", auto|inTx, 0)
	step("ROLLBACK", auto, 0) // nothing was written: nothing to undo
	// MySQL sets SERVER_STATUS_IN_TRANS once the first statement after SET autocommit = 0
	// starts a transaction; go-mysql-server starts it with the SET itself.
	mask = auto
	step("SET autocommit = 0", 0, 0)
	mask = inTx | auto
	step("SELECT 1", inTx, 0)
	step("COMMIT", 0, 0)
	step("SET autocommit = 1", auto, 0)

	before := len(e.MustQuery("SELECT id FROM apps_secrets WHERE app_id = '" + app + "'"))
	step("BEGIN", auto|inTx, 0)
	step("INSERT INTO apps_secrets (app_id) VALUES ('"+app+"')", auto|inTx, 0)
	step("ROLLBACK", 0, 1196)
	step("SELECT 1", auto, 0) // the failed ROLLBACK ended the transaction
	if after := len(e.MustQuery("SELECT id FROM apps_secrets WHERE app_id = '" + app + "'")); after != before+1 {
		t.Errorf("secrets of the app: %d before, %d after the rolled-back INSERT; want it applied", before, after)
	}

	// The in-process session (shell, query) behaves the same.
	if _, err := e.Query("BEGIN"); err != nil {
		t.Fatal(err)
	}
	e.MustQuery("INSERT INTO apps_secrets (app_id) VALUES ('" + app + "')")
	_, err := e.Query("ROLLBACK")
	var se *vmysql.SQLError
	if !errors.As(err, &se) || se.Num != 1196 || !strings.Contains(se.Message, "cannot undo this transaction's 1 write statement") {
		t.Errorf("session ROLLBACK after a write: %v, want 1196", err)
	}
	if _, err := e.Query("ROLLBACK"); err != nil {
		t.Errorf("a second ROLLBACK: %v, want none (the transaction ended)", err)
	}
}
