package engine_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"testing"

	mysqldriver "github.com/go-sql-driver/mysql"

	"github.com/credsql/credsql/internal/testenv"
)

// killed runs query on a connection of its own, waits for started, kills the query from a
// second connection with KILL QUERY, and returns the query's error.
func killed(t *testing.T, e *testenv.Env, query string, started <-chan struct{}) error {
	t.Helper()
	db, err := sql.Open("mysql", e.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var id int64
	if err := conn.QueryRowContext(ctx, "SELECT CONNECTION_ID()").Scan(&id); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		rows, err := conn.QueryContext(ctx, query)
		if err == nil {
			for rows.Next() {
			}
			err = rows.Err()
			rows.Close()
		}
		done <- err
	}()
	<-started
	if _, err := db.ExecContext(ctx, fmt.Sprintf("KILL QUERY %d", id)); err != nil {
		t.Fatal(err)
	}
	err = <-done
	var one int
	if err := conn.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		t.Errorf("the connection after KILL QUERY: %v", err)
	}
	return err
}

// wantInterrupted checks that err is MySQL's ER_QUERY_INTERRUPTED, 1317 (SQLSTATE 70100).
func wantInterrupted(t *testing.T, err error) {
	t.Helper()
	var me *mysqldriver.MySQLError
	if !errors.As(err, &me) || me.Number != 1317 || string(me.SQLState[:]) != "70100" {
		t.Errorf("the killed query ended with %v, want error 1317 (70100)", err)
	}
}

// KILL QUERY of a statement waiting for the vendor: the API call is blocked in the simulator
// (its handler waits on a channel) when the KILL comes, and released afterwards. Whichever
// layer notices the cancellation first, the client reads 1317: credsql's API call (a COUNT(*)
// or a CALL, whose error names the call) or go-mysql-server's row loop (a multi-row SELECT,
// mostly: its loop waits for the next row and sees the cancellation first, which it sends as
// 1105 "context canceled" unless credsql maps it).
func TestKillQueryDuringAPICallIs1317(t *testing.T) {
	t.Parallel()
	e := testenv.New(t, testenv.Options{})
	e.MustQuery("SELECT COUNT(*) FROM apps") // logged in: the next call is the list
	for _, q := range []string{"SELECT COUNT(*) FROM apps", "CALL opa_service_user_keys_rotate('ci-deploy')", "SELECT * FROM apps"} {
		for range 5 {
			started, release := make(chan struct{}), make(chan struct{})
			e.Sim.BeforeCall(1, func() { close(started); <-release })
			err := killed(t, e, q, started)
			close(release)
			wantInterrupted(t, err)
		}
	}
}
