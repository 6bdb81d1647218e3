package tables_test

import (
	"github.com/credsql/credsql/internal/routes"
	"strings"
	"testing"

	"github.com/credsql/credsql/internal/routes/oparoutes"
	"github.com/credsql/credsql/internal/testenv"
)

// The demo's OPA connection authenticates with a key of service user "credsql".
const ownKeyID = "6052868b-1b04-4a14-8288-e6496d7f2f4b"

var (
	opaKeyDelete  = oparoutes.DeleteKey
	opaKeyRotate  = oparoutes.RotateKey
	opaUserUpdate = oparoutes.UpdateServiceUser
)

func TestOwnOPAKeyGuard(t *testing.T) {
	t.Parallel()
	refused := "refused without credsql_force"
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name:    "deleting the key the connection authenticates with",
			SQL:     "DELETE FROM opa_service_user_keys WHERE user_name = 'credsql' AND id = '" + ownKeyID + "'",
			WantErr: "deleting it makes every later query of that connection fail (401)",
			Routes:  map[routes.Route]int{opaKeyDelete: 0},
		},
		{
			Name:    "the refusal is error 1290 and names the way through",
			SQL:     "DELETE FROM opa_service_user_keys WHERE user_name = 'credsql' AND id = '" + ownKeyID + "'",
			WantErr: "1290",
		},
		{
			Name:   "with the hint it is deleted",
			SQL:    "DELETE /*+ SET_VAR(credsql_force = ON) */ FROM opa_service_user_keys WHERE user_name = 'credsql' AND id = '" + ownKeyID + "'",
			Want:   [][]any{{int64(1)}},
			Routes: map[routes.Route]int{opaKeyDelete: 1},
		},
		{
			Name:    "rotating the keys of the user whose key the connection uses",
			SQL:     "CALL opa_service_user_keys_rotate('credsql')",
			WantErr: "rotating puts an expiry on that key",
			Routes:  map[routes.Route]int{opaKeyRotate: 0},
		},
		{
			Name:    "disabling that user",
			SQL:     "UPDATE opa_service_users SET status = 'DISABLED' WHERE name = 'credsql'",
			WantErr: refused,
			Routes:  map[routes.Route]int{opaUserUpdate: 0},
		},
		{
			Name:    "deleting that user",
			SQL:     "DELETE FROM opa_service_users WHERE name = 'credsql'",
			WantErr: refused,
			Routes:  map[routes.Route]int{opaUserUpdate: 0},
		},
		{
			Name:      "another user's keys rotate without force",
			SQL:       "CALL opa_service_user_keys_rotate('ci-deploy')",
			Routes:    map[routes.Route]int{opaKeyRotate: 1},
			WantCount: 1,
		},
		{
			Name:   "another user is disabled without force",
			SQL:    "UPDATE opa_service_users SET status = 'DISABLED' WHERE name = 'ci-deploy'",
			Want:   [][]any{{int64(1)}},
			Routes: map[routes.Route]int{opaUserUpdate: 1},
		},
	})
}

func TestOwnOPAKeyGuardSessionForce(t *testing.T) {
	t.Parallel()
	eachPath(t, testenv.Options{}, func(t *testing.T, e *testenv.Env, run runner) {
		run.must(t, "SET credsql_force = ON")
		rows := run.must(t, "CALL opa_service_user_keys_rotate('credsql')")
		if len(rows) != 1 {
			t.Fatalf("%d rows", len(rows))
		}
		run.must(t, "SET credsql_force = OFF")
		if _, err := run("CALL opa_service_user_keys_rotate('credsql')"); err == nil || !strings.Contains(err.Error(), "credsql_force") {
			t.Errorf("after SET credsql_force = OFF: %v", err)
		}
	})
}

func TestDeletingWhatIsGoneIsZeroRows(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name:   "an OPA service user already deleted: 0 rows, no second soft delete",
			Setup:  func(e *testenv.Env) { e.MustQuery("DELETE FROM opa_service_users WHERE name = 'ci-deploy'") },
			SQL:    "DELETE FROM opa_service_users WHERE name = 'ci-deploy'",
			Want:   [][]any{{int64(0)}},
			Routes: map[routes.Route]int{opaUserUpdate: 0},
		},
		{
			// Found by the differential oracle (seed 20260501): a predicate on a column
			// that is not a key sends the DELETE through the row editor.
			Name:   "an OPA service user already deleted, matched by a non-key column: 0 rows",
			Setup:  func(e *testenv.Env) { e.MustQuery("DELETE FROM opa_service_users WHERE name = 'ci-deploy'") },
			SQL:    "DELETE FROM opa_service_users WHERE name = 'ci-deploy' AND team_name IS NOT NULL",
			Want:   [][]any{{int64(0)}},
			Routes: map[routes.Route]int{opaUserUpdate: 0},
		},
		{
			Name: "an OPA key already deleted",
			SQLFunc: func(e *testenv.Env) string {
				id := first(t, e, "SELECT id FROM opa_service_user_keys WHERE user_name = 'ci-deploy'")
				e.MustQuery("DELETE FROM opa_service_user_keys WHERE user_name = 'ci-deploy' AND id = " + q(id))
				return "DELETE FROM opa_service_user_keys WHERE user_name = 'ci-deploy' AND id = " + q(id)
			},
			Want: [][]any{{int64(0)}},
		},
	})
}
