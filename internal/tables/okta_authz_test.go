package tables_test

import (
	"github.com/credsql/credsql/internal/routes"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/credsql/credsql/internal/routes/oktaroutes"
	"github.com/credsql/credsql/internal/testenv"
)

// authzByName returns an authorization server as the API lists it.
func authzByName(t testing.TB, e *testenv.Env, name string) map[string]any {
	t.Helper()
	for _, a := range oktaList(t, e, "/api/v1/authorizationServers") {
		if a["name"] == name {
			return a
		}
	}
	t.Fatalf("no authorization server named %q", name)
	return nil
}

// authzKeys returns the keys of a server as the API lists them, kid by status.
func authzKeys(t testing.TB, e *testenv.Env, id string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, k := range oktaList(t, e, "/api/v1/authorizationServers/"+id+"/credentials/keys") {
		out[k["status"].(string)] = k["kid"].(string)
	}
	return out
}

func TestAuthzServersRead(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			// The simulator's fixed servers: default (AUTO), Payments API (MANUAL, rotated 400
			// days ago), Partner API (AUTO, next rotation 30 days past), then generated ones.
			Name:  "every server, two pages",
			SQL:   "SELECT name, status, signing_rotation_mode, signing_next_rotation IS NULL, signing_last_rotated < NOW() - INTERVAL 399 DAY FROM authz_servers WHERE name IN ('default', 'Payments API', 'Partner API') ORDER BY name",
			Want:  [][]any{{"Partner API", "ACTIVE", "AUTO", int64(0), int64(0)}, {"Payments API", "ACTIVE", "MANUAL", int64(1), int64(1)}, {"default", "ACTIVE", "AUTO", int64(0), int64(0)}},
			Calls: testenv.N(3), // one search (q) per name
		},
		{
			Name:   "the list follows Link pages",
			SQL:    "SELECT id FROM authz_servers",
			Calls:  testenv.N(2),
			Routes: map[routes.Route]int{oktaroutes.ListAuthzServers: 2},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				var want [][]any
				for _, a := range oktaList(t, e, "/api/v1/authorizationServers?limit=200") {
					want = append(want, []any{a["id"]})
				}
				if len(want) != 4 {
					t.Fatalf("the simulator should hold 4 servers, has %d", len(want))
				}
				if diff := cmp.Diff(sortedRows(want), sortedRows(rows)); diff != "" {
					t.Errorf("rows (-api +credsql):\n%s", diff)
				}
			},
		},
		{
			Name: "key get is one call; columns as the API gives them",
			SQLFunc: func(e *testenv.Env) string {
				return "SELECT id, issuer, issuer_mode, audiences, signing_kid, signing_next_rotation FROM authz_servers WHERE id = " + q(authzByName(e.T, e, "Partner API")["id"].(string))
			},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{oktaroutes.GetAuthzServer: 1},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				a := authzByName(t, e, "Partner API")
				signing := a["credentials"].(map[string]any)["signing"].(map[string]any)
				want := [][]any{{a["id"], e.Config.Connections[0].URL + "/oauth2/" + a["id"].(string), "ORG_URL", `["https://partners.acme.example"]`,
					authzKeys(t, e, a["id"].(string))["ACTIVE"], oktaTime(t, signing["nextRotation"])}}
				if diff := cmp.Diff(want, rows); diff != "" {
					t.Errorf("rows (-want +got):\n%s", diff)
				}
				if next := rows[0][5].(time.Time); time.Until(next) > -29*24*time.Hour {
					t.Errorf("Partner API's next rotation %v should be about 30 days past", next)
				}
			},
		},
		{
			Name:   "equality on name is sent as q",
			SQL:    "SELECT name FROM authz_servers WHERE name = 'Payments API'",
			Want:   [][]any{{"Payments API"}},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{oktaroutes.ListAuthzServers: 1},
		},
	})
}

func TestAuthzServerKeysRead(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			Name: "without the parent, every server's keys",
			SQL:  "SELECT s.name, k.status, k.alg, k.kty, k.use, k.e FROM authz_server_keys k JOIN authz_servers s ON s.id = k.auth_server_id WHERE s.name IN ('default', 'Payments API', 'Partner API') ORDER BY s.name, k.status",
			Want: [][]any{
				{"Partner API", "ACTIVE", "RS256", "RSA", "sig", "AQAB"}, {"Partner API", "EXPIRED", "RS256", "RSA", "sig", "AQAB"}, {"Partner API", "NEXT", "RS256", "RSA", "sig", "AQAB"},
				{"Payments API", "ACTIVE", "RS256", "RSA", "sig", "AQAB"}, {"Payments API", "NEXT", "RS256", "RSA", "sig", "AQAB"},
				{"default", "ACTIVE", "RS256", "RSA", "sig", "AQAB"}, {"default", "EXPIRED", "RS256", "RSA", "sig", "AQAB"}, {"default", "NEXT", "RS256", "RSA", "sig", "AQAB"},
			},
		},
		{
			Name:      "fan-out lists the servers once, then one key list per server",
			SQL:       "SELECT auth_server_id, kid, status FROM authz_server_keys",
			Calls:     testenv.N(2 + 4),
			Routes:    map[routes.Route]int{oktaroutes.ListAuthzServers: 2, oktaroutes.ListAuthzKeys: 4},
			Unordered: true,
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				var want [][]any
				for _, a := range oktaList(t, e, "/api/v1/authorizationServers") {
					for st, kid := range authzKeys(t, e, a["id"].(string)) {
						want = append(want, []any{a["id"], kid, st})
					}
				}
				if diff := cmp.Diff(sortedRows(want), sortedRows(rows)); diff != "" {
					t.Errorf("rows (-api +credsql):\n%s", diff)
				}
			},
		},
		{
			Name: "key get is one call",
			SQLFunc: func(e *testenv.Env) string {
				id := authzByName(e.T, e, "default")["id"].(string)
				return "SELECT status FROM authz_server_keys WHERE auth_server_id = " + q(id) + " AND kid = " + q(authzKeys(e.T, e, id)["NEXT"])
			},
			Want:   [][]any{{"NEXT"}},
			Calls:  testenv.N(1),
			Routes: map[routes.Route]int{oktaroutes.GetAuthzKey: 1},
		},
		{
			Name: "the signing kid of each server is its ACTIVE key",
			SQL:  "SELECT COUNT(*) FROM authz_servers s JOIN authz_server_keys k ON k.auth_server_id = s.id AND k.kid = s.signing_kid WHERE k.status = 'ACTIVE'",
			Want: [][]any{{int64(4)}},
		},
	})
}

func TestAuthzServerKeysRotate(t *testing.T) {
	t.Parallel()
	testenv.Run(t, testenv.Options{}, []testenv.Case{
		{
			// MANUAL mode: ACTIVE expires, NEXT signs, a new NEXT is made.
			Name: "rotate a MANUAL server",
			SQLFunc: func(e *testenv.Env) string {
				return "CALL authz_server_keys_rotate(" + q(authzByName(e.T, e, "Payments API")["id"].(string)) + ")"
			},
			Routes: map[routes.Route]int{oktaroutes.ListAuthzKeys: 1,
				oktaroutes.RotateAuthzKeys: 1},
			Check: func(t *testing.T, e *testenv.Env, rows [][]any) {
				// The simulator's state after the call, read from the API (before: ACTIVE, NEXT).
				after := authzKeys(t, e, authzByName(t, e, "Payments API")["id"].(string))
				if len(after) != 3 || len(rows) != 1 {
					t.Fatalf("after rotation: keys %v, rows %v", after, rows)
				}
				// Columns: connection, auth_server_id, kid, status, ..., old_kid, next_kid.
				r := rows[0]
				if r[2] != after["ACTIVE"] || r[3] != "ACTIVE" || r[len(r)-2] != after["EXPIRED"] || r[len(r)-1] != after["NEXT"] {
					t.Errorf("row %v does not match the keys after rotation %v", r, after)
				}
			},
			After: func(t *testing.T, e *testenv.Env) {
				a := authzByName(t, e, "Payments API")
				rows := e.MustQuery("SELECT signing_kid, signing_last_rotated > NOW() - INTERVAL 1 HOUR, signing_next_rotation IS NULL FROM authz_servers WHERE name = 'Payments API'")
				want := [][]any{{authzKeys(t, e, a["id"].(string))["ACTIVE"], int64(1), int64(1)}}
				if diff := cmp.Diff(want, rows); diff != "" {
					t.Errorf("server after rotation (-want +got):\n%s", diff)
				}
			},
		},
		{
			Name: "the old NEXT key signs and the old ACTIVE key is EXPIRED",
			SQLFunc: func(e *testenv.Env) string {
				id := authzByName(e.T, e, "default")["id"].(string)
				before := authzKeys(e.T, e, id)
				e.MustQuery("CALL authz_server_keys_rotate(" + q(id) + ")")
				return "SELECT kid FROM authz_server_keys WHERE auth_server_id = " + q(id) + " AND status = 'ACTIVE' AND kid = " + q(before["NEXT"]) +
					" UNION ALL SELECT kid FROM authz_server_keys WHERE auth_server_id = " + q(id) + " AND status = 'EXPIRED' AND kid = " + q(before["ACTIVE"])
			},
			WantCount: 2,
		},
		{
			Name: "AUTO mode: the next rotation moves 90 days ahead",
			SQLFunc: func(e *testenv.Env) string {
				e.MustQuery("CALL authz_server_keys_rotate(" + q(authzByName(e.T, e, "Partner API")["id"].(string)) + ")")
				return "SELECT signing_next_rotation > NOW() + INTERVAL 89 DAY FROM authz_servers WHERE name = 'Partner API'"
			},
			Want: [][]any{{int64(1)}},
		},
		{
			Name:    "an unknown server is Okta's 404",
			SQL:     "CALL authz_server_keys_rotate('ausNoSuchServer00000')",
			WantErr: "Not found",
			Routes:  map[routes.Route]int{oktaroutes.ListAuthzKeys: 1},
		},
	})
}

// tokenByName returns the id of the API token with a name, as the API lists it.
func tokenByName(t testing.TB, e *testenv.Env, name string) string {
	t.Helper()
	for _, tk := range oktaList(t, e, "/api/v1/api-tokens") {
		if tk["name"] == name {
			return tk["id"].(string)
		}
	}
	t.Fatalf("no API token named %q", name)
	return ""
}

// idpCSROf returns an IdP's id and its first pending CSR as the API lists it.
func idpCSROf(e *testenv.Env, name string) (string, map[string]any) {
	e.T.Helper()
	idp := idpByName(e.T, e, name)["id"].(string)
	csrs := oktaList(e.T, e, "/api/v1/idps/"+idp+"/credentials/csrs")
	if len(csrs) == 0 {
		e.T.Fatalf("IdP %s has no CSR", name)
	}
	return idp, csrs[0]
}
