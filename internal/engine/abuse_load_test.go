package engine_test

import (
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/credsql/credsql/internal/engine"
)

// TestWireAbuseUnderLoad holds 32 clients on one server: readers mixing allowed reads with
// writes, reveals and grant-table reads they are refused, and an owner revealing secrets on
// purpose. Every statement's outcome is checked: allowed ones succeed, refused ones fail
// with their MySQL number, no secret reaches a reader in clear, and nothing panics.
func TestWireAbuseUnderLoad(t *testing.T) {
	t.Parallel()
	const clients, rounds = 32, 3
	p := startPrivServer(t, engine.Options{}, engine.ServerOptions{})
	owner := p.open(t, "owner")
	if _, err := owner.Exec("SET credsql_reveal_secrets = ON"); err != nil {
		t.Fatal(err)
	}
	// The clear secrets, to look for in what readers receive.
	var clear []string
	for _, r := range strings1(t, owner, "SELECT client_secret FROM apps_secrets WHERE connection = 'demo'") {
		clear = append(clear, r)
	}
	if len(clear) == 0 {
		t.Fatal("the dataset has no client secrets")
	}
	app := strings1(t, owner, "SELECT app_id FROM apps_secrets WHERE connection = 'demo' LIMIT 1")[0]

	type step struct {
		sql     string
		refused uint16 // 0: must succeed
		secrets bool   // the result holds secrets that must be masked for a reader
	}
	reader := []step{
		{sql: "SELECT COUNT(*) FROM apps"},
		{sql: "SELECT app_id, id, client_secret FROM apps_secrets", secrets: true},
		{sql: "SET credsql_reveal_secrets = ON", refused: 1227},
		{sql: "SELECT client_secret FROM apps_secrets WHERE app_id = '" + app + "'", secrets: true},
		{sql: "SET @@session.credsql_reveal_secrets = 1", refused: 1227},
		{sql: "INSERT INTO apps_secrets (app_id) VALUES ('" + app + "')", refused: 1142},
		{sql: "DELETE FROM apps_secrets WHERE app_id = '" + app + "' AND id = 'x'", refused: 1142},
		{sql: "SELECT user, authentication_string FROM mysql.user", refused: 1142},
		{sql: "SELECT a.label, k.kid FROM apps a JOIN app_keys k ON k.app_id = a.id"},
		{sql: "SELECT name FROM opa_service_users WHERE connection = 'other'", refused: 1044},
		{sql: "EXEC apps_secrets.deactivate @app_id = '" + app + "', @secret_id = 'x'", refused: 1370},
		{sql: "SHOW GRANTS"},
	}
	ownerSteps := []step{
		{sql: "SELECT app_id, id, client_secret FROM apps_secrets"},
		{sql: "SELECT kid, expires_at FROM idps_keys"},
		{sql: "SELECT COUNT(*) FROM opa_service_user_keys"},
	}

	var (
		mu       sync.Mutex
		problems []string
		ran      int
	)
	report := func(format string, args ...any) {
		mu.Lock()
		if len(problems) < 20 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
		mu.Unlock()
	}
	run := func(db *sql.DB, s step, isReader bool) {
		rows, err := db.Query(s.sql)
		if err == nil {
			var vals []string
			cols, _ := rows.Columns()
			for rows.Next() {
				cells := make([]sql.NullString, len(cols))
				ptrs := make([]any, len(cols))
				for i := range cells {
					ptrs[i] = &cells[i]
				}
				if err = rows.Scan(ptrs...); err != nil {
					break
				}
				for _, c := range cells {
					vals = append(vals, c.String)
				}
			}
			if err == nil {
				err = rows.Err()
			}
			rows.Close()
			if isReader {
				for _, v := range vals {
					for _, c := range clear {
						if strings.Contains(v, c) {
							report("LEAK: %s gave a reader the secret ending %s", s.sql, c[len(c)-4:])
						}
					}
				}
			}
		}
		mu.Lock()
		ran++
		mu.Unlock()
		switch {
		case s.refused == 0 && err != nil:
			report("%s: %v", s.sql, err)
		case s.refused != 0 && err == nil:
			report("%s: allowed, want error %d", s.sql, s.refused)
		case s.refused != 0 && errNumber(err) != s.refused:
			report("%s: %v, want error %d", s.sql, err, s.refused)
		}
	}
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			user, steps := "reader", reader
			if c%4 == 0 {
				user, steps = "owner", ownerSteps
			}
			db := p.open(t, user)
			if user == "owner" {
				if _, err := db.Exec("SET credsql_reveal_secrets = ON"); err != nil {
					report("owner SET: %v", err)
				}
			}
			for r := range rounds {
				for i := range steps {
					run(db, steps[(i+c+r)%len(steps)], user == "reader")
				}
			}
		}()
	}
	wg.Wait()
	t.Logf("%d clients, %d statements", clients, ran)
	for _, pr := range problems {
		t.Error(pr)
	}
	if log := p.sink.text(); strings.Contains(log, "panic") {
		t.Errorf("the audit log records a panic")
	}
	for _, c := range clear {
		if strings.Contains(p.sink.text(), c) {
			t.Errorf("the audit log holds a secret")
		}
	}
}
