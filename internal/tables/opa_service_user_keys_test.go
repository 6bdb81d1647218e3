package tables_test

import (
	"github.com/credsql/credsql/internal/routes"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/credsql/credsql/internal/routes/oparoutes"
	"github.com/credsql/credsql/internal/sim"
	"github.com/credsql/credsql/internal/testenv"
)

var (
	opaKeysRoute   = oparoutes.ListKeys
	opaRotateRoute = oparoutes.RotateKey
	opaDeleteRoute = oparoutes.DeleteKey
)

// checkRotated checks a rotate result: the new key, never expiring, with its secret unmasked.
func checkRotated(user string) func(t *testing.T, e *testenv.Env, rows [][]any) {
	return func(t *testing.T, e *testenv.Env, rows [][]any) {
		if len(rows) != 1 {
			t.Fatalf("rows %v", rows)
		}
		r := rows[0]
		secret, _ := r[len(r)-1].(string)
		if len(secret) < 40 || strings.Contains(secret, "*") {
			t.Errorf("secret %q: want the whole one-time secret", secret)
		}
		id := r[colIndex(t, "opa_service_user_keys", "id")]
		if r[colIndex(t, "opa_service_user_keys", "user_name")] != user || r[colIndex(t, "opa_service_user_keys", "expires_at")] != nil || id == nil {
			t.Errorf("row %v", r)
		}
		// The older keys now expire; the new one does not.
		for _, k := range e.MustQuery("SELECT id, expires_at FROM opa_service_user_keys WHERE user_name = '" + user + "'") {
			if (k[0] == id) != (k[1] == nil) {
				t.Errorf("after rotation: key %v", k)
			}
		}
	}
}

func TestOPAServiceUserKeys(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "without user_name the users are listed and their keys fetched",
			SQL:  "SELECT user_name, id FROM opa_service_user_keys",
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				users := map[any]bool{}
				for _, r := range rows {
					users[r[0]] = true
				}
				if len(rows) < 15 || !users["OPA User"] || !users["A.User"] {
					t.Errorf("%d keys of %d users", len(rows), len(users))
				}
			},
			// The token, 8 pages of users, one key list per user.
			Calls:  testenv.N(24),
			Routes: map[routes.Route]int{opaKeysRoute: 15},
		},
		{
			Name:   "user_name equality is one key list",
			SQL:    "SELECT id FROM opa_service_user_keys WHERE user_name = 'OPA User'",
			Calls:  testenv.N(2),
			Routes: map[routes.Route]int{opaKeysRoute: 1, opaUsersRoute: 0},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				if len(rows) != 1 || !strings.HasSuffix(e.Sim.Calls()[1].Path, "/service_users/OPA%20User/keys") {
					t.Errorf("rows %v, call %s", rows, e.Sim.Calls()[1])
				}
			},
		},
		{
			Name:      "user_name IN lists each user's keys",
			SQL:       "SELECT id FROM opa_service_user_keys WHERE user_name IN ('OPA User', 'A.User')",
			WantCount: 3,
			Calls:     testenv.N(3),
		},
		{
			Name: "the never-expiring key has a NULL expires_at",
			SQL:  "SELECT COUNT(*) FROM opa_service_user_keys WHERE user_name = 'credsql' AND expires_at IS NULL",
			Want: [][]any{{int64(1)}},
		},
		{
			Name: "one key is mid-rotation and expires within a week",
			SQL:  "SELECT user_name FROM opa_service_user_keys WHERE expires_at BETWEEN NOW() AND NOW() + INTERVAL 7 DAY",
			Want: [][]any{{"A.User"}},
		},
		{
			Name: "DELETE by user_name and id is one call",
			SQLFunc: func(e *testenv.Env) string {
				id := e.MustQuery("SELECT id FROM opa_service_user_keys WHERE user_name = 'A.User' ORDER BY id LIMIT 1")[0][0].(string)
				return "DELETE FROM opa_service_user_keys WHERE user_name = 'A.User' AND id = '" + id + "'"
			},
			Want:   [][]any{{int64(1)}},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{opaDeleteRoute: 1},
			After: func(t *testing.T, e *testenv.Env) {
				if rows := e.MustQuery("SELECT id FROM opa_service_user_keys WHERE user_name = 'A.User'"); len(rows) != 1 {
					t.Errorf("keys left %v", rows)
				}
			},
		},
		{
			Name:    "DELETE without the key id is refused in safe mode",
			SQL:     "DELETE FROM opa_service_user_keys WHERE user_name = 'A.User'",
			WantErr: "user_name and id",
			Calls:   testenv.N(0),
		},
		{
			Name:   "CALL rotate returns the new key with its secret",
			SQL:    "CALL opa_service_user_keys_rotate('OPA User')",
			Check:  checkRotated("OPA User"),
			Calls:  testenv.N(3), // the token, the user's keys (does credsql authenticate with one?), the POST,
			Routes: map[routes.Route]int{opaRotateRoute: 1},
		},
		{
			Name:  "EXEC rotate",
			SQL:   "EXEC opa_service_user_keys.rotate @user_name = 'ci-deploy'",
			Check: checkRotated("ci-deploy"),
			Calls: testenv.N(3),
		},
		{
			Name:    "rotate for an unknown user is the vendor's 404",
			SQL:     "CALL opa_service_user_keys_rotate('nobody')",
			WantErr: "404 Not Found (resource_does_not_exist)",
		},
	})
}

func TestOPAKeysFanOutIsConcurrent(t *testing.T) {
	t.Parallel()
	const latency = 40 * time.Millisecond
	testenv.Run(t, testenv.Options{Sim: sim.Options{Latency: latency}}, []testenv.Case{{
		Name: "key lists overlap",
		SQL:  "SELECT COUNT(*) FROM opa_service_user_keys",
		Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
			var starts []time.Time
			for _, c := range e.Sim.Calls() {
				if c.Entry == opaKeysRoute {
					starts = append(starts, c.Time)
				}
			}
			sort.Slice(starts, func(i, j int) bool { return starts[i].Before(starts[j]) })
			// One after the other, every list would start at least `latency` after the previous.
			overlapping := 0
			for i := 1; i < len(starts); i++ {
				if starts[i].Sub(starts[i-1]) < latency/2 {
					overlapping++
				}
			}
			if len(starts) != 15 || overlapping < 5 {
				t.Errorf("%d key lists, %d started while another ran", len(starts), overlapping)
			}
		},
		InProcessOnly: true,
	}})
}
